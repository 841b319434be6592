"""A first look at a database file with the standard library only.

Start-up uses this before SQLAlchemy or Alembic are imported: a database already at the app's
schema opens without paying for either. Nothing here writes to the file.
"""

from __future__ import annotations

import ast
import re
import shutil
import sqlite3
from functools import cache
from pathlib import Path
from typing import NamedTuple
from urllib.parse import quote

from tracker.db.problems import Problem, problem_of

# The Alembic revisions the app ships (installed beside this file, and in the bundle too).
VERSIONS_DIR = Path(__file__).resolve().parent / "migrations" / "versions"
_REVISION_LINE = re.compile(r"^(revision|down_revision)\s*(?::[^=\n]*)?=\s*(.+?)\s*$", re.MULTILINE)
SQLITE_HEADER = b"SQLite format 3\x00"
# Every table any revision of ours creates (a test keeps this in step with the models).
OUR_TABLES = frozenset(
    {
        "companies",
        "applications",
        "stage_changes",
        "contacts",
        "application_contacts",
        "interviews",
        "interview_participants",
        "tasks",
        "rejection_debriefs",
        "setting",
        "rule_firings",
    }
)
BUSY_TIMEOUT_S = 5.0


class StartupError(Exception):
    """A reason the app cannot open its data, in words for the person using it."""

    def __init__(self, title: str, message: str, problem: Problem | None = None) -> None:
        super().__init__(f"{title}: {message}")
        self.title = title
        self.message = message
        self.problem = problem  # what start-up may offer: a backup (damaged), a retry (locked)
        self.shown = False  # told to the person already (start-up's own dialog)


class FileState(NamedTuple):
    exists: bool  # a non-empty file is there
    revision: str | None  # its schema revision, None for a new or empty database
    # Tables of ours but no revision and no rows: a first start that was cut off (older
    # versions built the schema piece by piece). Safe to set aside and create anew.
    unfinished: bool = False

    @property
    def current(self) -> bool:
        return self.revision == schema_head()


@cache
def schema_head(versions: Path = VERSIONS_DIR) -> str:
    """The newest revision in *versions*, read from the files' text without importing Alembic.

    Each revision file says `revision = "..."` and `down_revision = ...` at the top level; the
    head is the one revision no other revision names as its parent. A test checks that this
    agrees with Alembic's own answer.
    """
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in versions.glob("*.py"):
        found = dict(_REVISION_LINE.findall(path.read_text(encoding="utf-8")))
        if "revision" not in found:
            continue  # __init__.py and helpers
        revisions.add(ast.literal_eval(found["revision"]))
        parent = ast.literal_eval(found.get("down_revision", "None"))
        parents.update([parent] if isinstance(parent, str) else parent or ())
    heads = revisions - parents
    if len(heads) != 1:
        raise RuntimeError(f"expected one head revision in {versions}, found {sorted(heads)}")
    return heads.pop()


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


def unreadable(path: Path, error: BaseException) -> StartupError:
    """The start-up message for an SQLite error met while reading *path*."""
    problem = problem_of(error)
    if problem is Problem.DISK and _little_space(path):
        problem = Problem.DISK_FULL  # what an I/O error on a nearly full disk means
    if problem is Problem.DISK:
        return StartupError(
            "The disk could not be read",
            f"The disk holding {path} could not be read or written just now ({error}). "
            "Nothing was changed. If it is a removable or network disk, check that it is "
            "connected, then try again.",
            Problem.DISK,
        )
    if problem is Problem.LOCKED:
        return StartupError(
            "Another program is using your data",
            f"{path} is in use by another program right now (perhaps a database browser, or "
            "a sync or backup tool), so Job Tracker cannot open it. Nothing was changed. Close "
            "that program or wait for it to finish, then try again.",
            Problem.LOCKED,
        )
    if problem is Problem.DISK_FULL:
        return StartupError(
            "The disk is full",
            f"Job Tracker could not write beside {path} because the disk is full. Nothing was "
            "changed, and nothing you saved before is lost. Free some space on the disk, then "
            "try again.",
            Problem.DISK_FULL,
        )
    if problem is Problem.ACCESS:
        found = access_check(path)
        return StartupError(
            *found
            or (
                "Your data cannot be opened",
                f"{path} could not be opened ({error}): your user account may not read or "
                f"write it, or the folder {path.parent}. Nothing was changed. Check the "
                "permissions of that folder and the files in it, then try again.",
            ),
            Problem.ACCESS,
        )
    return StartupError(
        "The database cannot be read",
        f"{path} could not be opened ({error}). It has been left untouched. "
        + restore_advice(path),
        problem,
    )


def _little_space(path: Path, below: int = 4 * 1024 * 1024) -> bool:
    try:
        return shutil.disk_usage(path.parent).free < below
    except OSError:
        return False


def access_check(path: Path) -> tuple[str, str] | None:
    from tracker.db import access

    return access.check(path)


def inspect_file(path: Path) -> FileState:
    """Is this one of our databases, and at which revision? Raises StartupError if not ours."""
    if path.is_dir():
        raise StartupError(
            "The database is a folder",
            f"Job Tracker keeps your data in the file {path}, but a folder has that name. "
            "Nothing in it was touched. Move the folder aside, or start with --data-dir "
            "pointing at another folder.",
        )
    if not path.exists() or path.stat().st_size == 0:
        wal = path.with_name(path.name + "-wal")
        if wal.is_file() and wal.stat().st_size > 0:
            raise StartupError(
                "The database file is missing",
                f"{wal} holds saved changes, but the database they belong to, {path}, is "
                "missing or empty. Nothing was changed and no new database was started, so "
                f"nothing is lost. Put {path.name} back beside {wal.name} (for example from "
                "wherever it was moved), then start the app again.",
            )
        return FileState(exists=False, revision=None)
    blocked = access_check(path)
    if blocked is not None:
        raise StartupError(*blocked, Problem.ACCESS)
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
                unfinished = (
                    revision is None
                    and bool(tables)
                    and tables - {"alembic_version"} <= OUR_TABLES
                    and not any(
                        conn.execute(f'SELECT 1 FROM "{name}" LIMIT 1').fetchone()
                        for name in tables
                    )
                )
            finally:
                conn.close()
        except sqlite3.DatabaseError as exc:
            raise unreadable(path, exc) from exc
    if unfinished:
        return FileState(exists=True, revision=None, unfinished=True)
    if revision is None and tables:
        raise StartupError(
            "This file is not a Job Tracker database",
            f"{path} is a database, but not one this app made. It has been left untouched.",
        )
    return FileState(exists=True, revision=revision)


# What SQLite's checks say about a value that breaks a column's rule (an unknown stage put in
# by another program): the file itself is sound, and the views flag that row.
_VALUE_FINDING = re.compile(r"^(CHECK constraint failed in |NULL value in |NUMERIC value in )")


def structural(findings: list[str]) -> list[str]:
    """The findings of integrity_check/quick_check that mean damage, not an odd value."""
    return [f for f in findings if f != "ok" and not _VALUE_FINDING.match(f)]


def quick_check(path: Path) -> None:
    """SQLite's quick integrity check; raises StartupError when the file is damaged."""
    with _tidy_side_files(path):
        try:
            conn = connect_read_only(path)
            try:
                findings = [str(row[0]) for row in conn.execute("PRAGMA quick_check")]
            finally:
                conn.close()
        except sqlite3.DatabaseError as exc:
            raise unreadable(path, exc) from exc
    damage = structural(findings)
    if damage:
        raise StartupError(
            "The database is damaged",
            f"{path} failed its integrity check ({'; '.join(damage[:3])}). It has been left "
            "untouched. " + restore_advice(path),
            Problem.DAMAGED,
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


def restore_advice(path: Path) -> str:
    """What to do about a damaged database, naming the newest backup that passes its check."""
    from tracker.db.backups import backups_folder, newest_sound_backup

    backup = newest_sound_backup(path)
    if backup is not None:
        return (
            f"The newest sound backup is {backup.path}: restore it with "
            f"`job-tracker restore {backup.path}` (the damaged file is kept beside it)."
        )
    return (
        f"There is no sound backup in {backups_folder(path)}. Keep a copy of the file, and "
        "start with --data-dir pointing at another folder to go on meanwhile."
    )
