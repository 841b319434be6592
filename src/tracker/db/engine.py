"""Engine set-up: the one place that knows SQLite's connection settings."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import URL, Engine, create_engine, event

BUSY_TIMEOUT_MS = 5000
PRIVATE_FILE = 0o600


def sqlite_url(path: Path, *, read_only: bool = False) -> URL:
    """A URL for the file at *path*; any character in the path (?, #, %) is kept as it is."""
    if read_only:
        return URL.create("sqlite", database=read_only_uri(path), query={"uri": "true"})
    return URL.create("sqlite", database=str(path))


def read_only_uri(path: Path) -> str:
    """An SQLite file: URI that opens *path* read-only, quoted so the path survives whole."""
    return f"file:{quote(str(path.absolute()))}?mode=ro"


def _unicode_lower(value: object) -> object:
    return value.lower() if isinstance(value, str) else value


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # SQLite's own lower() (and so ILIKE) folds only ASCII; "Ørsted" must match "ørsted".
    dbapi_connection.create_function("lower", 1, _unicode_lower, deterministic=True)
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
    engine = create_engine(sqlite_url(path))
    event.listen(engine, "connect", _on_sqlite_connect)
    with engine.connect():
        pass  # WAL creates its side files on first connect: make them private too
    for side in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        if side.exists():
            os.chmod(side, PRIVATE_FILE)
    return engine


def make_read_only_engine(path: Path) -> Engine:
    """An engine that cannot change the file: used to inspect a database before trusting it."""
    engine = create_engine(sqlite_url(path, read_only=True))

    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")

    event.listen(engine, "connect", _on_connect)
    return engine
