"""Can we read and write the database and its side files? Asked before SQLite is.

SQLite opens a file it may only read without a word and fails at the first save, and a file
left by `sudo job-tracker` belongs to root. Start-up looks first and names the file and what to
do. The decision (access_problem) takes plain facts, so it is tested without a second account.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple


class FileAccess(NamedTuple):
    path: Path
    owner: int | None  # the owner's user id; None where the system has none (Windows)
    readable: bool
    writable: bool


def look(path: Path) -> FileAccess | None:
    """What this process may do with *path*; None when there is no such file."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    return FileAccess(
        path,
        info.st_uid if hasattr(os, "getuid") else None,
        may(path, os.R_OK),
        may(path, os.W_OK),
    )


def may(path: Path, mode: int) -> bool:
    """os.access(), by name, so a test run as root can stand in for a person who may not."""
    return os.access(path, mode)


def current_user() -> int | None:
    return os.getuid() if hasattr(os, "getuid") else None


def user_name(uid: int) -> str:
    try:
        import pwd

        return pwd.getpwuid(uid).pw_name
    except (ImportError, KeyError):
        return f"user {uid}"


def access_problem(found: Sequence[FileAccess], me: int | None) -> tuple[str, str] | None:
    """A title and message when any of these files cannot be both read and written by us."""
    blocked = [f for f in found if not (f.readable and f.writable)]
    if not blocked:
        return None
    names = " and ".join(str(f.path) for f in blocked)
    cannot = "read or change" if not all(f.readable for f in blocked) else "save changes to"
    others = sorted({f.owner for f in blocked if f.owner is not None and f.owner != me})
    import shlex  # only for this message; start-up checks access on every launch

    quoted = " ".join(shlex.quote(str(f.path)) for f in blocked)
    if others:
        owner = ", ".join(user_name(uid) for uid in others)
        return (
            "Your data belongs to another user",
            f"{names} belongs to another user account on this computer ({owner}), so Job "
            f"Tracker cannot {cannot} it. This often happens after starting the app once with "
            "sudo or as another user. Nothing was changed. To make it yours again, run "
            f"`sudo chown {user_name(me) if me is not None else '$USER'} {quoted}` in a "
            "terminal, then start Job Tracker again.",
        )
    return (
        "Your data file cannot be opened",
        f"{names} is yours, but its permissions do not let you {cannot} it, so Job Tracker "
        "cannot use it. Nothing was changed. To fix it, run "
        f"`chmod u+rw {quoted}` in a terminal (or allow reading and writing in the file's "
        "properties), then start Job Tracker again.",
    )


def check(database: Path) -> tuple[str, str] | None:
    """access_problem() for the database and whichever of its -wal and -shm exist."""
    sides = [database, Path(f"{database}-wal"), Path(f"{database}-shm")]
    found = [access for path in sides if (access := look(path)) is not None]
    return access_problem(found, current_user())
