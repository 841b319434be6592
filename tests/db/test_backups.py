"""Backups: verified copies (with the WAL's content), thinning, and a restore that keeps
what was there before."""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tracker.db.backups import (
    Backup,
    BackupError,
    Thinning,
    application_count,
    changed_since,
    check_file,
    list_backups,
    restore,
    take_backup,
    thin,
    to_thin,
)
from tracker.domain.applications import ApplicationInput, create_application
from tracker.domain.store import Store

NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)


def companies(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return [r[0] for r in connection.execute("SELECT name FROM companies ORDER BY name")]
    finally:
        connection.close()


def test_a_backup_holds_what_the_wal_holds_and_is_private(
    store: Store, db_path: Path, tmp_path: Path
) -> None:
    create_application(store, ApplicationInput(company="Ørsted", role="Data Engineer"))
    # The engine is still open: the commit may live only in tracker.db-wal.
    folder = tmp_path / "backups"
    backup = take_backup(db_path, folder, now=NOW)
    assert backup.path.parent == folder
    assert backup.taken_at == NOW
    assert backup.size == backup.path.stat().st_size > 0
    assert companies(backup.path) == ["Ørsted"]
    assert application_count(backup.path) == 1
    assert check_file(backup.path) is None
    assert backup.path.stat().st_mode & 0o777 == 0o600
    assert [b.path for b in list_backups(folder)] == [backup.path]
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]  # no partial left


def test_a_damaged_database_gives_no_backup(tmp_path: Path) -> None:
    damaged = tmp_path / "tracker.db"
    connection = sqlite3.connect(damaged)
    connection.execute("CREATE TABLE t (x)")
    connection.executemany("INSERT INTO t VALUES (?)", [("x" * 500,)] * 200)
    connection.commit()
    connection.close()
    data = bytearray(damaged.read_bytes())
    data[4096 * 2 : 4096 * 2 + 64] = b"\xff" * 64  # scribble over a page header
    damaged.write_bytes(bytes(data))
    before = damaged.read_bytes()
    folder = tmp_path / "backups"
    with pytest.raises(BackupError, match=r"check|copied"):
        take_backup(damaged, folder, now=NOW)
    assert list_backups(folder) == []
    assert list(folder.iterdir()) == []
    assert damaged.read_bytes() == before  # the person's file is never touched


def test_restore_sets_the_current_content_aside_first(
    store: Store, db_path: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "backups"
    create_application(store, ApplicationInput(company="Northwind", role="Backend"))
    old = take_backup(db_path, folder, now=NOW)
    create_application(store, ApplicationInput(company="Kestrel Maps", role="Backend"))
    store.engine.dispose()
    before = restore(old.path, db_path, folder, now=NOW + timedelta(seconds=1))
    assert companies(db_path) == ["Northwind"]
    assert companies(before) == ["Kestrel Maps", "Northwind"]
    assert before.name.endswith("-before-restore.db")
    assert check_file(db_path) is None


def test_a_backup_that_fails_its_check_is_not_restored(
    store: Store, db_path: Path, tmp_path: Path
) -> None:
    create_application(store, ApplicationInput(company="Northwind", role="Backend"))
    store.engine.dispose()
    broken = tmp_path / "tracker-20261201-000000.db"
    broken.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    with pytest.raises(BackupError, match="nothing was changed"):
        restore(broken, db_path, tmp_path / "backups")
    assert companies(db_path) == ["Northwind"]
    assert list_backups(tmp_path / "backups") == []


def fake(folder: Path, moment: datetime) -> Backup:
    path = folder / f"tracker-{moment:%Y%m%d-%H%M%S}.db"
    path.write_bytes(b"x")
    return Backup(path, moment, 1)


def test_thinning_keeps_the_newest_then_one_a_day_week_and_month(tmp_path: Path) -> None:
    # Every six hours for 400 days.
    made = [fake(tmp_path, NOW - timedelta(hours=6 * i)) for i in range(400 * 4)]
    policy = Thinning(last=10, daily_days=14, weekly_weeks=8, monthly_months=12)
    gone = {b.path for b in to_thin(made, NOW, policy)}
    kept = sorted((b for b in made if b.path not in gone), key=lambda b: b.taken_at, reverse=True)
    assert kept[:10] == made[:10]  # the newest ten, whatever their day
    days = {b.taken_at.date() for b in kept if (NOW.date() - b.taken_at.date()).days < 14}
    assert len(days) == 14
    months = {(b.taken_at.year, b.taken_at.month) for b in kept}
    assert len(months) >= 12
    assert all((NOW - b.taken_at).days <= 12 * 31 for b in kept)
    assert len(kept) < 10 + 14 + 8 + 12  # far fewer than the 1,600 made
    removed = thin(tmp_path, NOW, policy)
    assert {p.name for p in removed} == {p.name for p in gone}
    assert len(list_backups(tmp_path)) == len(kept)


def test_the_newest_copy_from_before_an_upgrade_outlives_the_thinning(tmp_path: Path) -> None:
    def before_upgrade(moment: datetime) -> Backup:
        path = tmp_path / f"tracker-{moment:%Y%m%d-%H%M%S}-before-upgrade.db"
        path.write_bytes(b"x")
        return Backup(path, moment, 1)

    older = before_upgrade(NOW - timedelta(days=3, hours=2))
    newest = before_upgrade(NOW - timedelta(days=3, hours=1))
    # Eleven later backups that same day: the daily rule alone would keep only the last.
    made = [older, newest] + [fake(tmp_path, NOW - timedelta(days=3, minutes=m)) for m in range(11)]
    made += [fake(tmp_path, NOW - timedelta(minutes=m)) for m in range(10)]
    gone = {b.path for b in to_thin(made, NOW)}
    assert newest.path not in gone
    assert older.path in gone  # an older upgrade's copy is thinned like any other


def test_files_that_are_not_backups_are_left_alone(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    (tmp_path / "tracker-notadate.db").write_bytes(b"x")
    fake(tmp_path, NOW - timedelta(days=900))
    thin(tmp_path, NOW, Thinning(last=0, daily_days=0, weekly_weeks=0, monthly_months=0))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt", "tracker-notadate.db"]


def test_changed_since_looks_at_the_database_and_its_wal(tmp_path: Path) -> None:
    database = tmp_path / "tracker.db"
    database.write_bytes(b"x")
    last = Backup(tmp_path / "b.db", NOW, 1)
    os.utime(database, (NOW.timestamp() - 60, NOW.timestamp() - 60))
    assert changed_since(database, None)
    assert not changed_since(database, last)
    wal = tmp_path / "tracker.db-wal"
    wal.write_bytes(b"y")
    os.utime(wal, (NOW.timestamp() + 60, NOW.timestamp() + 60))
    assert changed_since(database, last)


def test_a_damaged_current_file_is_moved_aside_whole_and_the_backup_put_in_place(
    store: Store, db_path: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "backups"
    create_application(store, ApplicationInput(company="Northwind", role="Backend"))
    good = take_backup(db_path, folder, now=NOW)
    store.engine.dispose()
    db_path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)  # damaged beyond reading
    damaged = db_path.read_bytes()
    kept = restore(good.path, db_path, folder, now=NOW + timedelta(seconds=1))
    assert kept.name.startswith("tracker.db.damaged-")
    assert kept.read_bytes() == damaged  # never deleted, byte for byte
    assert companies(db_path) == ["Northwind"]


def test_two_backups_in_one_second_are_both_kept(
    store: Store, db_path: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "backups"
    first = take_backup(db_path, folder, reason="before-import", now=NOW)
    second = take_backup(db_path, folder, reason="before-import", now=NOW)
    assert first.path != second.path
    assert second.path.exists()
    assert first.path.exists()
    assert second.reason == first.reason == "before-import"
    assert Backup(folder / "tracker-20261202-120000-3.db", NOW, 1).reason == "auto"
