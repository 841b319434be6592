"""Opening a database safely: inspect first, back up, then upgrade to the app's schema."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from importlib import resources
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError

from tracker.db.backups import (
    BEFORE_UPGRADE,
    BackupError,
    backups_folder,
    make_durable,
    take_backup,
)
from tracker.db.engine import make_sqlite_engine
from tracker.db.fileinfo import (
    FileState,
    StartupError,
    inspect_file,
    quick_check,
    unreadable,
)
from tracker.db.problems import Problem, problem_of

__all__ = ["OpenedDatabase", "StartupError", "open_database"]


@dataclass(frozen=True)
class OpenedDatabase:
    engine: Engine
    path: Path
    created: bool
    backup: Path | None  # the copy taken before an upgrade (in backups/), if one was needed


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(resources.files("tracker.db") / "migrations"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def upgrade(connection: Connection, revision: str = "head") -> None:
    command.upgrade(alembic_config(connection), revision)


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def check_existing(path: Path) -> FileState:
    """Everything start-up checks before trusting an existing file; raises StartupError."""
    state = inspect_file(path)
    if state.exists:
        quick_check(path)
    if state.revision is not None and state.revision not in known_revisions():
        raise StartupError(
            "This database is from a newer Job Tracker",
            f"{path} was last used by a newer version of Job Tracker (schema {state.revision}). "
            "It has been left untouched. Install the newer version to open it.",
        )
    return state


def backup_before_upgrade(path: Path) -> Path:
    """A verified copy in the data folder's backups/, like every other backup (0600, listed
    in Restore, thinned); raises StartupError, changing nothing, when none can be made.
    """
    try:
        return take_backup(path, backups_folder(path), reason=BEFORE_UPGRADE).path
    except (BackupError, OSError) as exc:
        raise StartupError(
            "The database could not be copied before its upgrade",
            f"This version of Job Tracker needs to bring {path} up to date, and it always keeps "
            f"a checked copy first. The copy could not be made ({exc}), so nothing was changed. "
            "Free some space on the disk (or make the data folder writable to you), then start "
            "the app again.",
        ) from exc


def open_database(path: Path) -> OpenedDatabase:
    """Open (or create) the database at *path*, at the app's schema revision.

    Raises StartupError, leaving the file untouched, when it cannot be trusted or cannot be
    written now (another program holds it, the disk is full, permissions).
    """
    state = check_existing(path)
    try:
        return _open_checked(path, state)
    except (DBAPIError, sqlite3.Error, OSError) as exc:
        if problem_of(exc) in (Problem.LOCKED, Problem.DISK_FULL, Problem.ACCESS, Problem.DISK):
            raise unreadable(path, exc) from exc
        raise


def _open_checked(path: Path, state: FileState) -> OpenedDatabase:
    if state.unfinished:
        # A first start cut off before it finished: no rows to lose, but keep the file.
        aside = path.with_name(f"{path.name}.unfinished-{datetime.now():%Y%m%d-%H%M%S}")
        os.replace(path, aside)
        state = FileState(exists=False, revision=None)
    existed, revision = state.exists, state.revision
    if not existed:
        create_database(path)
        return OpenedDatabase(make_sqlite_engine(path), path, created=True, backup=None)
    head = head_revision()
    backup = None
    if revision != head:
        backup = backup_before_upgrade(path)
    engine = make_sqlite_engine(path)
    if revision != head:
        with engine.begin() as conn:
            upgrade(conn)
    return OpenedDatabase(engine=engine, path=path, created=False, backup=backup)


def create_database(path: Path) -> None:
    """A new database at *path*, all or nothing: built under a temporary name, then renamed.

    A start cut off at any moment leaves either no database or a complete one, never a
    half-made file that later starts would refuse.
    """
    building = path.with_name(path.name + ".new")
    for leftover in (building, *_side_files(building)):
        leftover.unlink(missing_ok=True)  # our own unfinished attempt: nothing of the person's
    try:
        engine = make_sqlite_engine(building)
        try:
            with engine.begin() as conn:
                upgrade(conn)
            with engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            engine.dispose()
    except BaseException:
        for leftover in (building, *_side_files(building)):
            leftover.unlink(missing_ok=True)  # give back the space a full disk needs
        raise
    for side in _side_files(building):
        side.unlink(missing_ok=True)  # checkpointed and closed: empty
    make_durable(building)
    os.replace(building, path)
    make_durable(path.parent)


def _side_files(path: Path) -> tuple[Path, Path]:
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")
