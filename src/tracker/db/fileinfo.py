"""A first look at a database file with the standard library only.

Start-up uses this before SQLAlchemy or Alembic are imported: a database already at the app's
schema opens without paying for either. Nothing here writes to the file.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

# The newest Alembic revision this version of the app ships; a test keeps it equal to the
# migrations' head, so a database at this revision needs no upgrade.
SCHEMA_HEAD = "0004"
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_S = 5.0


class StartupError(Exception):
    """A reason the app cannot open its data, in words for the person using it."""

    def __init__(self, title: str, message: str) -> None:
        super().__init__(f"{title}: {message}")
        self.title = title
        self.message = message


@dataclass(frozen=True)
class FileState:
    exists: bool  # a non-empty file is there
    revision: str | None  # its schema revision, None for a new or empty database

    @property
    def current(self) -> bool:
        return self.revision == SCHEMA_HEAD


def read_only_uri(path: Path) -> str:
    """An SQLite file: URI that opens *path* read-only, quoted so the path survives whole."""
    return f"file:{quote(str(path.absolute()))}?mode=ro"


def _unicode_lower(value: str | bytes | float | None) -> str | bytes | float | None:
    return value.lower() if isinstance(value, str) else value


def add_unicode_lower(connection: sqlite3.Connection) -> None:
    """SQLite's own lower() (and so ILIKE) folds only ASCII; "Ørsted" must match "ørsted"."""
    connection.create_function("lower", 1, _unicode_lower, deterministic=True)


def connect_read_only(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(
        read_only_uri(path), uri=True, timeout=BUSY_TIMEOUT_S, check_same_thread=False
    )
    add_unicode_lower(connection)
    return connection


def _unreadable(path: Path, reason: object) -> StartupError:
    return StartupError(
        "The database cannot be read",
        f"{path} could not be opened ({reason}). It has been left untouched. "
        "Restore a backup copy, or start with --data-dir pointing at another folder.",
    )


def inspect_file(path: Path) -> FileState:
    """Is this one of our databases, and at which revision? Raises StartupError if not ours."""
    if not path.exists() or path.stat().st_size == 0:
        return FileState(exists=False, revision=None)
    with path.open("rb") as f:
        header = f.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise StartupError(
            "This file is not a Job Tracker database",
            f"{path} exists but is not a database. It has been left exactly as it is. "
            "Move it aside, or start with --data-dir pointing at another folder.",
        )
    with _tidy_side_files(path):
        try:
            conn = connect_read_only(path)
            try:
                tables = {
                    row[0]
                    for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
                }
                revision = None
                if "alembic_version" in tables:
                    found = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                    revision = found[0] if found else None
            finally:
                conn.close()
        except sqlite3.DatabaseError as exc:
            raise _unreadable(path, exc) from exc
    if revision is None and tables:
        raise StartupError(
            "This file is not a Job Tracker database",
            f"{path} is a database, but not one this app made. It has been left untouched.",
        )
    return FileState(exists=True, revision=revision)


def quick_check(path: Path) -> None:
    """SQLite's quick integrity check; raises StartupError when the file is damaged."""
    with _tidy_side_files(path):
        try:
            conn = connect_read_only(path)
            try:
                result = conn.execute("PRAGMA quick_check").fetchone()[0]
            finally:
                conn.close()
        except sqlite3.DatabaseError as exc:
            raise _unreadable(path, exc) from exc
    if result != "ok":
        raise StartupError(
            "The database is damaged",
            f"{path} failed its integrity check ({result}). It has been left untouched. "
            "Restore a backup copy, or start with --data-dir pointing at another folder.",
        )


class _tidy_side_files:
    """A read-only look at a WAL database leaves empty side files: remove only ours."""

    def __init__(self, path: Path) -> None:
        self.sides = [Path(f"{path}-wal"), Path(f"{path}-shm")]

    def __enter__(self) -> None:
        self.existing = {side for side in self.sides if side.exists()}

    def __exit__(self, *_: object) -> None:
        wal, shm = self.sides
        if wal in self.existing or shm in self.existing:
            return
        if wal.exists() and wal.stat().st_size > 0:
            return  # never throw away frames that hold data
        for side in self.sides:
            side.unlink(missing_ok=True)
