"""Engine set-up: the one place that knows SQLite's connection settings."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event

from tracker.db.fileinfo import add_unicode_lower

BUSY_TIMEOUT_MS = 5000
PRIVATE_FILE = 0o600


def sqlite_url(path: Path) -> URL:
    """A URL for the file at *path*; any character in the path (?, #, %) is kept as it is."""
    return URL.create("sqlite", database=str(path))


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # SQLite's own lower() (and so ILIKE) folds only ASCII; "Ørsted" must match "ørsted".
    add_unicode_lower(dbapi_connection)
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA journal_mode=WAL")
    finally:
        cursor.close()


def make_sqlite_engine(path: Path) -> Engine:
    """An engine for the database file at *path*, created user-only if it is new."""
    if not path.exists():
        # Create the empty file ourselves so it is private from the very first byte.
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE)
        os.close(fd)
    # Errors may reach the log and the crash dialog: never with the person's values in them.
    engine = create_engine(sqlite_url(path), hide_parameters=True)
    event.listen(engine, "connect", _on_sqlite_connect)
    with engine.connect():
        pass  # WAL creates its side files on first connect: make them private too
    for side in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        if side.exists():
            os.chmod(side, PRIVATE_FILE)
    return engine
