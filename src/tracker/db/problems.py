"""What an error from SQLite or the operating system means for the person using the app.

Standard library only: start-up, the write helper and the crash dialog all ask the same
question ("is this a full disk, a file another program holds, a damaged file?") and must not
import SQLAlchemy to answer it. SQLAlchemy's errors carry SQLite's own as `.orig`.
"""

from __future__ import annotations

import errno
import sqlite3
from enum import StrEnum


class Problem(StrEnum):
    DISK_FULL = "disk full"
    LOCKED = "locked"  # another program (or another connection) holds the file
    DAMAGED = "damaged"
    ACCESS = "access"  # permissions or ownership keep us from reading or writing
    DISK = "disk"  # the disk could not read or write (SQLITE_IOERR): often full, or failing


# SQLite's primary result codes (the low byte of an extended code).
_CODES = {
    sqlite3.SQLITE_FULL: Problem.DISK_FULL,
    sqlite3.SQLITE_BUSY: Problem.LOCKED,
    sqlite3.SQLITE_LOCKED: Problem.LOCKED,
    sqlite3.SQLITE_CORRUPT: Problem.DAMAGED,
    sqlite3.SQLITE_NOTADB: Problem.DAMAGED,
    sqlite3.SQLITE_PERM: Problem.ACCESS,
    sqlite3.SQLITE_READONLY: Problem.ACCESS,
    sqlite3.SQLITE_CANTOPEN: Problem.ACCESS,
    sqlite3.SQLITE_IOERR: Problem.DISK,
}
# Extended codes that say more than their primary one.
_EXTENDED = {
    4874: Problem.DISK_FULL,  # SQLITE_IOERR_SHMSIZE: the -shm file could not grow
}
# The same, by SQLite's message, for an error that lost its code on the way.
_MESSAGES = {
    "database or disk is full": Problem.DISK_FULL,
    "database is locked": Problem.LOCKED,
    "database table is locked": Problem.LOCKED,
    "database disk image is malformed": Problem.DAMAGED,
    "file is not a database": Problem.DAMAGED,
    "attempt to write a readonly database": Problem.ACCESS,
    "unable to open database file": Problem.ACCESS,
    "disk I/O error": Problem.DISK,
}
_ERRNOS = {
    errno.ENOSPC: Problem.DISK_FULL,
    errno.EDQUOT: Problem.DISK_FULL,
    errno.EACCES: Problem.ACCESS,
    errno.EPERM: Problem.ACCESS,
    errno.EROFS: Problem.ACCESS,
}


def _own_problem(error: BaseException) -> Problem | None:
    if isinstance(error, sqlite3.Error):
        code = getattr(error, "sqlite_errorcode", None)
        if isinstance(code, int) and (code in _EXTENDED or (code & 0xFF) in _CODES):
            return _EXTENDED.get(code) or _CODES[code & 0xFF]
        text = str(error)
        return next((p for m, p in _MESSAGES.items() if m in text), None)
    if isinstance(error, OSError) and error.errno is not None:
        return _ERRNOS.get(error.errno)
    return None


def problem_of(error: BaseException) -> Problem | None:
    """The problem behind *error* (or what it wraps), None when it is none of these."""
    seen: set[int] = set()
    todo: list[BaseException | None] = [error]
    while todo:
        current = todo.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        found = _own_problem(current)
        if found is not None:
            return found
        # SQLAlchemy's DBAPIError keeps SQLite's as .orig; `raise ... from` keeps __cause__.
        # Not __context__: an error raised while handling a full disk is not a full disk.
        orig = getattr(current, "orig", None)
        todo += [current.__cause__, orig if isinstance(orig, BaseException) else None]
    return None


def while_running(problem: Problem | None) -> tuple[str, str] | None:
    """A title and plain words for a problem met while the app runs, None for other errors."""
    if problem is Problem.DISK_FULL:
        return (
            "The disk is full",
            "The disk is full; nothing up to your last save was lost. This change was not "
            "saved: free some space on the disk, then try again.",
        )
    if problem is Problem.DISK:
        return (
            "The disk could not be written",
            "The disk could not read or write your data just now, so this change was not "
            "saved. Nothing you saved before is affected. If the disk is full, free some "
            "space; if it is a removable or network disk, check that it is connected. Then "
            "try again.",
        )
    if problem is Problem.LOCKED:
        return (
            "Another program is using your data",
            "Another program is using your data file right now (perhaps a database browser, "
            "or a sync or backup tool), so this change was not saved yet. Nothing you saved "
            "before is affected. Close that program or wait a moment, then try again.",
        )
    return None
