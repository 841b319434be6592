"""A damaged database met at start-up: the newest sound backup, restored in its place."""

from __future__ import annotations

import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.db.test_backups import companies
from tracker.db.backups import (
    BackupError,
    aside_name,
    newest_sound_backup,
    restore_damaged,
    take_backup,
)
from tracker.db.fileinfo import StartupError, quick_check
from tracker.db.migrate import open_database
from tracker.db.problems import Problem
from tracker.domain.applications import ApplicationInput, create_application
from tracker.domain.store import Store

NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)


def make(db_path: Path, companies: list[str]) -> None:
    opened = open_database(db_path)
    store = Store(opened.engine)
    for name in companies:
        create_application(store, ApplicationInput(company=name, role="Engineer"))
    opened.engine.dispose()


def damage(path: Path) -> bytes:
    """Scribble over the b-tree header of a table page: what SQLite's check notices."""
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    data[2 * page_size : 2 * page_size + 300] = b"\xff" * 300
    path.write_bytes(bytes(data))
    return bytes(data)


def test_the_damaged_file_is_kept_whole_and_the_backup_takes_its_place(db_path: Path) -> None:
    make(db_path, ["Northwind", "Contoso"])
    backup = take_backup(db_path, db_path.parent / "backups", now=NOW)
    damaged = damage(db_path)
    wal = db_path.with_name("tracker.db-wal")
    wal.write_bytes(b"frames of the damaged file")
    with pytest.raises(StartupError) as caught:
        quick_check(db_path)
    assert caught.value.problem is Problem.DAMAGED

    when = NOW + timedelta(minutes=5)
    expected = aside_name(db_path, "damaged", when)
    kept = restore_damaged(backup.path, db_path, now=when)

    assert kept == expected
    assert kept.read_bytes() == damaged  # never deleted, byte for byte
    assert kept.with_name(kept.name + "-wal").read_bytes() == b"frames of the damaged file"
    assert not wal.exists()  # the old frames never meet the restored file
    assert companies(db_path) == ["Contoso", "Northwind"]
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    quick_check(db_path)
    assert not list(db_path.parent.glob("*.restoring*"))


def test_a_backup_that_cannot_be_copied_leaves_the_damaged_file_where_it_was(
    db_path: Path,
) -> None:
    make(db_path, ["Northwind"])
    backup = take_backup(db_path, db_path.parent / "backups", now=NOW)
    damaged = damage(db_path)
    backup.path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 3000)  # broken since
    with pytest.raises(BackupError):
        restore_damaged(backup.path, db_path, now=NOW)
    assert db_path.read_bytes() == damaged
    assert not list(db_path.parent.glob("tracker.db.*"))  # nothing set aside, nothing half-made


def test_the_newest_backup_that_passes_its_check_is_offered(db_path: Path) -> None:
    make(db_path, ["Northwind"])
    folder = db_path.parent / "backups"
    assert newest_sound_backup(db_path) is None
    sound = take_backup(db_path, folder, now=NOW)
    newer = take_backup(db_path, folder, now=NOW + timedelta(hours=1))
    assert newest_sound_backup(db_path) == newer
    damage(newer.path)
    assert newest_sound_backup(db_path) == sound
