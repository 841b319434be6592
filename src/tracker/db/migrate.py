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
from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.exc import DatabaseError

from tracker.db.engine import make_read_only_engine, make_sqlite_engine, read_only_uri

SQLITE_HEADER = b"SQLite format 3\x00"


class StartupError(Exception):
    """A reason the app cannot open its data, in words for the person using it."""

    def __init__(self, title: str, message: str) -> None:
        super().__init__(f"{title}: {message}")
        self.title = title
        self.message = message


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


def _inspect_existing(path: Path) -> str | None:
    """Check an existing file without changing a byte; return its schema revision."""
    with path.open("rb") as f:
        header = f.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise StartupError(
            "This file is not a Job Tracker database",
            f"{path} exists but is not a database. It has been left exactly as it is. "
            "Move it aside, or start with --data-dir pointing at another folder.",
        )
    side_files = [Path(f"{path}-wal"), Path(f"{path}-shm")]
    existing_sides = {side for side in side_files if side.exists()}
    engine = make_read_only_engine(path)
    try:
        with engine.connect() as conn:
            check = conn.execute(text("PRAGMA quick_check")).scalar()
            if check != "ok":
                raise StartupError(
                    "The database is damaged",
                    f"{path} failed its integrity check ({check}). It has been left untouched. "
                    "Restore a backup copy, or start with --data-dir pointing at another folder.",
                )
            tables = set(inspect(conn).get_table_names())
            revision = current_revision(conn) if "alembic_version" in tables else None
    except DatabaseError as exc:
        raise StartupError(
            "The database cannot be read",
            f"{path} could not be opened ({exc.orig}). It has been left untouched. "
            "Restore a backup copy, or start with --data-dir pointing at another folder.",
        ) from exc
    finally:
        engine.dispose()
        # A read-only look at a WAL database leaves empty side files: tidy up only ours.
        for side in side_files:
            if side not in existing_sides and side.exists() and not _holds_wal_frames(side):
                side.unlink()
    if revision is None and tables:
        raise StartupError(
            "This file is not a Job Tracker database",
            f"{path} is a database, but not one this app made. It has been left untouched.",
        )
    if revision is not None and revision not in known_revisions():
        raise StartupError(
            "This database is from a newer Job Tracker",
            f"{path} was last used by a newer version of Job Tracker (schema {revision}). "
            "It has been left untouched. Install the newer version to open it.",
        )
    return revision


def _holds_wal_frames(side: Path) -> bool:
    return side.name.endswith("-wal") and side.stat().st_size > 0


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
    existed = path.exists() and path.stat().st_size > 0
    revision = _inspect_existing(path) if existed else None
    head = head_revision()
    backup = None
    if existed and revision != head:
        backup = backup_copy(path, f"upgrade-from-{revision or 'empty'}")
    engine = make_sqlite_engine(path)
    if revision != head:
        with engine.begin() as conn:
            upgrade(conn)
    return OpenedDatabase(engine=engine, path=path, created=not existed, backup=backup)
