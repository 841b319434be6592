"""Work that start-up does beside the first paint, on a second thread.

While the main thread builds and shows the window from a plain sqlite3 read, this thread runs
SQLite's integrity check (sqlite3 releases the GIL while it works). Once the window is on
screen it imports SQLAlchemy and the domain, so the first edit is quick; importing earlier
would compete with the first paint for the GIL. Nothing writes to the database until the
check has passed.
"""

from __future__ import annotations

import importlib
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.db.fileinfo import quick_check

if TYPE_CHECKING:
    from sqlalchemy import Engine

# What the first edit needs; importing it here keeps the main thread free to paint.
MODULES = (
    "sqlalchemy.orm",
    "tracker.db.models",
    "tracker.db.engine",
    "tracker.domain.applications",
    "tracker.domain.contacts",
    "tracker.domain.interviews",
    "tracker.domain.tasks",
)


class Warmup:
    def __init__(self, path: Path) -> None:
        self._path = path
        self._error: BaseException | None = None
        self._painted = threading.Event()
        self._thread = threading.Thread(target=self._run, name="warmup", daemon=True)

    def start(self) -> Warmup:
        self._thread.start()
        return self

    def _run(self) -> None:
        try:
            quick_check(self._path)
            self._painted.wait()
            for name in MODULES:
                importlib.import_module(name)
        except BaseException as exc:  # handed to the main thread by wait()
            self._error = exc

    def window_shown(self) -> None:
        """The first paint is done: the imports may use the GIL now."""
        self._painted.set()

    def wait(self) -> None:
        """Block until done; raise StartupError if the file failed its check."""
        self._painted.set()
        self._thread.join()
        if self._error is not None:
            raise self._error

    def engine(self) -> Engine:
        """The engine, once the file has passed its check (for Store(connect=...))."""
        self.wait()
        from tracker.db.engine import make_sqlite_engine

        return make_sqlite_engine(self._path)
