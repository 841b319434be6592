"""A first start that is cut off, a WAL without its database, a folder named like the file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tracker.db import migrate
from tracker.db.fileinfo import OUR_TABLES, StartupError, inspect_file
from tracker.db.migrate import open_database
from tracker.db.models import Base


def test_our_table_list_is_every_model_table() -> None:
    assert set(Base.metadata.tables) == OUR_TABLES


def test_a_first_start_cut_off_during_the_schema_leaves_no_half_database(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_upgrade = migrate.upgrade

    def cut_off(connection, revision: str = "head") -> None:  # type: ignore[no-untyped-def]
        real_upgrade(connection, "0001")  # part of the schema is there …
        raise KeyboardInterrupt  # … when the power goes

    monkeypatch.setattr(migrate, "upgrade", cut_off)
    with pytest.raises(KeyboardInterrupt):
        open_database(db_path)
    assert not db_path.exists()
    monkeypatch.setattr(migrate, "upgrade", real_upgrade)
    opened = open_database(db_path)  # the next start simply works
    try:
        assert opened.created
        assert inspect_file(db_path).current
    finally:
        opened.engine.dispose()
    assert not db_path.with_name(db_path.name + ".new").exists()


def test_an_unfinished_database_from_an_older_version_is_set_aside_and_made_anew(
    db_path: Path,
) -> None:
    connection = sqlite3.connect(db_path)
    connection.execute("CREATE TABLE companies (id INTEGER PRIMARY KEY, name TEXT)")
    connection.execute("CREATE TABLE applications (id INTEGER PRIMARY KEY)")
    connection.commit()
    connection.close()
    assert inspect_file(db_path).unfinished
    opened = open_database(db_path)
    try:
        assert opened.created
        assert inspect_file(db_path).current
    finally:
        opened.engine.dispose()
    aside = list(db_path.parent.glob("tracker.db.unfinished-*"))
    assert len(aside) == 1  # kept, never deleted


def test_a_database_with_rows_but_no_revision_is_still_refused(db_path: Path) -> None:
    connection = sqlite3.connect(db_path)
    connection.execute("CREATE TABLE companies (id INTEGER PRIMARY KEY, name TEXT)")
    connection.execute("INSERT INTO companies (name) VALUES ('Someone else''s data')")
    connection.commit()
    connection.close()
    before = db_path.read_bytes()
    with pytest.raises(StartupError, match="not a Job Tracker database"):
        open_database(db_path)
    assert db_path.read_bytes() == before


def test_a_wal_without_its_database_is_never_replaced(db_path: Path) -> None:
    wal = db_path.with_name("tracker.db-wal")
    wal.write_bytes(b"\x37\x7f\x06\x82" + b"committed work" * 100)
    before = wal.read_bytes()
    with pytest.raises(StartupError) as caught:
        open_database(db_path)
    assert caught.value.title == "The database file is missing"
    assert str(wal) in caught.value.message
    assert str(db_path) in caught.value.message
    assert wal.read_bytes() == before
    assert not db_path.exists()


def test_a_folder_named_like_the_database_is_explained(db_path: Path) -> None:
    db_path.mkdir()
    (db_path / "keep.txt").write_text("mine")
    with pytest.raises(StartupError, match="folder"):
        open_database(db_path)
    assert (db_path / "keep.txt").read_text() == "mine"


def test_a_damaged_file_is_met_with_the_newest_sound_backup_by_name(db_path: Path) -> None:
    from tracker.db.backups import take_backup
    from tracker.db.fileinfo import restore_advice

    assert "no sound backup" in restore_advice(db_path)
    opened = open_database(db_path)
    opened.engine.dispose()
    made = take_backup(db_path, db_path.parent / "backups")
    advice = restore_advice(db_path)
    assert str(made.path) in advice
    assert f"job-tracker restore {made.path}" in advice
