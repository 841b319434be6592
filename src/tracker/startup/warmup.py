"""Work that start-up leaves until the window is up, on a second thread, never waited for.

The main thread builds and shows the window from a plain sqlite3 read. Once the window has
painted and the event loop is idle (window_idle()), this thread runs SQLite's integrity check
(sqlite3 releases the GIL while it works) and then imports SQLAlchemy and the domain, so the
first edit is quick. Both wait for that moment: measured on two cores, running the check beside
the first paint slowed it by 0.3-0.5 s, and the imports would compete with it for the GIL. When
it is done, `finished` carries None, or the error (a StartupError for a damaged file), to the
GUI thread as a queued signal. Nothing writes to the database until the check has passed: the
first session waits for this thread only if it has not finished, under a busy cursor, with the
window still repainting.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

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
REPAINT_S = 0.02  # while a first write waits, the window repaints this often


class Warmup(QObject):
    # None when all is well, else the exception; emitted from the warm-up thread, so queued.
    finished = Signal(object)

    def __init__(self, path: Path) -> None:
        super().__init__()
        self._path = path
        self._error: BaseException | None = None
        self._may_start = threading.Event()
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, name="warmup", daemon=True)

    def start(self) -> Warmup:
        self._thread.start()
        return self

    def _run(self) -> None:
        try:
            self._may_start.wait()
            quick_check(self._path)
            for name in MODULES:
                importlib.import_module(name)
        except BaseException as exc:  # handed to the GUI thread by `finished` and wait()
            self._error = exc
        # Emit before saying "done": once done, the GUI thread may quit and free this object.
        with suppress(RuntimeError):  # the app has already gone (a self-test, an exit)
            self.finished.emit(self._error)
        self._done.set()

    @property
    def done(self) -> bool:
        return self._done.is_set()

    @property
    def error(self) -> BaseException | None:
        """What went wrong, once done (None while running or when all is well)."""
        return self._error if self.done else None

    def window_idle(self) -> None:
        """The window has painted and the event loop waits for input: the work may start."""
        self._may_start.set()

    def join(self) -> None:
        """On quit: let the thread end before the objects it uses go away."""
        if self._thread.is_alive():
            self._may_start.set()
            self._thread.join(timeout=10)

    def wait(self) -> None:
        """Block until done; raise the warm-up's error (StartupError if the file failed)."""
        self._may_start.set()
        self._done.wait()
        if self._error is not None:
            raise self._error

    def engine(self) -> Engine:
        """The engine, once the file has passed its check (for Store(connect=...))."""
        self._may_start.set()  # needed now, painted or not
        if not self.done:
            with _busy_while_waiting():
                while not self._done.wait(REPAINT_S):
                    _repaint()
        self.wait()
        from tracker.db.engine import make_sqlite_engine

        return make_sqlite_engine(self._path)


@contextmanager
def _busy_while_waiting() -> Iterator[None]:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    self_test_or_script = QGuiApplication.instance() is None
    if not self_test_or_script:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
    try:
        yield
    finally:
        if not self_test_or_script:
            QGuiApplication.restoreOverrideCursor()


def _repaint() -> None:
    """Keep the window drawn (not frozen) while the first write waits; input waits too."""
    from PySide6.QtCore import QCoreApplication, QEventLoop

    if QCoreApplication.instance() is not None:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
