"""Opening a database safely: inspect first, back up, then upgrade to the app's schema."""

from __future__ import annotations

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

from tracker.db.engine import make_sqlite_engine
from tracker.db.fileinfo import (
    FileState,
    StartupError,
    inspect_file,
    quick_check,
    read_only_uri,
)

__all__ = ["OpenedDatabase", "StartupError", "open_database"]


@dataclass(frozen=True)
class OpenedDatabase:
    engine: Engine
    path: Path
    created: bool
    backup: Path | None  # the copy taken before an upgrade, if one was needed


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


def backup_copy(path: Path, label: str) -> Path:
    """Copy the database next to itself with SQLite's online backup (safe with WAL)."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.before-{label}-{stamp}")
    source = sqlite3.connect(read_only_uri(path), uri=True)
    try:
        target.touch(mode=0o600, exist_ok=False)
        dest = sqlite3.connect(target)
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    return target


def open_database(path: Path) -> OpenedDatabase:
    """Open (or create) the database at *path*, at the app's schema revision.

    Raises StartupError, leaving the file untouched, when it cannot be trusted.
    """
    state = check_existing(path)
    existed, revision = state.exists, state.revision
    head = head_revision()
    backup = None
    if existed and revision != head:
        backup = backup_copy(path, f"upgrade-from-{revision or 'empty'}")
    engine = make_sqlite_engine(path)
    if revision != head:
        with engine.begin() as conn:
            upgrade(conn)
    return OpenedDatabase(engine=engine, path=path, created=not existed, backup=backup)
