"""What an error means for the person: real SQLite errors, classified without SQLAlchemy."""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from tracker.db.access import FileAccess, access_problem
from tracker.db.problems import Problem, problem_of
from tracker.domain.store import Store


def test_a_write_past_the_space_left_is_a_full_disk(store: Store) -> None:
    # max_page_count makes SQLite meet the end of its space as it would on a full disk.
    with store.engine.connect() as conn:
        conn.execute(text("CREATE TABLE filler (x)"))
        conn.commit()
        conn.execute(text("PRAGMA max_page_count = 1"))
        with pytest.raises(OperationalError) as caught:
            conn.execute(text("INSERT INTO filler VALUES (zeroblob(100000))"))
    assert "database or disk is full" in str(caught.value)
    assert problem_of(caught.value) is Problem.DISK_FULL


def test_a_file_another_program_holds_is_locked(db_path: Path) -> None:
    holder = sqlite3.connect(db_path)
    holder.execute("CREATE TABLE t (x)")
    holder.commit()
    holder.execute("BEGIN EXCLUSIVE")
    try:
        other = sqlite3.connect(db_path, timeout=0)
        with pytest.raises(sqlite3.OperationalError) as caught:
            other.execute("INSERT INTO t VALUES (1)")
        other.close()
    finally:
        holder.rollback()
        holder.close()
    assert problem_of(caught.value) is Problem.LOCKED


def test_a_file_that_is_not_a_database_is_damaged(db_path: Path) -> None:
    db_path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    connection = sqlite3.connect(db_path)
    with pytest.raises(sqlite3.DatabaseError) as caught:
        connection.execute("SELECT * FROM sqlite_master").fetchall()
    connection.close()
    assert problem_of(caught.value) is Problem.DAMAGED


def test_wrapped_and_operating_system_errors() -> None:
    def wrapped(error: BaseException) -> BaseException:
        try:
            raise RuntimeError("while saving") from error
        except RuntimeError as outer:
            return outer

    assert problem_of(wrapped(OSError(errno.ENOSPC, "No space left on device"))) is (
        Problem.DISK_FULL
    )
    assert problem_of(OSError(errno.EACCES, "Permission denied")) is Problem.ACCESS
    assert problem_of(sqlite3.OperationalError("database is locked")) is Problem.LOCKED
    assert problem_of(ValueError("Invalid IPv6 URL")) is None


ME, SOMEONE = 1000, 0


def test_a_file_of_another_user_is_named_with_the_command_that_gives_it_back() -> None:
    files = [
        FileAccess(Path("/home/sam/data/tracker.db"), ME, readable=True, writable=True),
        FileAccess(Path("/home/sam/data/tracker.db-wal"), SOMEONE, readable=True, writable=False),
    ]
    title, message = access_problem(files, ME) or ("", "")
    assert title == "Your data belongs to another user"
    assert "/home/sam/data/tracker.db-wal belongs to another user account" in message
    assert "sudo chown" in message
    assert "/home/sam/data/tracker.db-wal`" in message
    assert "Nothing was changed" in message


def test_a_file_of_ours_we_may_not_read_says_chmod() -> None:
    files = [FileAccess(Path("/data/my jobs/tracker.db"), ME, readable=False, writable=False)]
    title, message = access_problem(files, ME) or ("", "")
    assert title == "Your data file cannot be opened"
    assert "chmod u+rw '/data/my jobs/tracker.db'" in message
    assert "read or change" in message


def test_files_we_may_read_and_write_are_fine() -> None:
    files = [FileAccess(Path("/data/tracker.db"), SOMEONE, readable=True, writable=True)]
    assert access_problem(files, ME) is None


def test_start_up_names_a_side_file_left_by_sudo(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tracker.db import access
    from tracker.db.fileinfo import StartupError, inspect_file
    from tracker.db.migrate import open_database

    open_database(db_path).engine.dispose()
    wal = db_path.with_name("tracker.db-wal")
    wal.write_bytes(b"")
    before = db_path.read_bytes()
    # Root may write anything; stand in for a person whose -wal root now owns.
    monkeypatch.setattr(access, "may", lambda path, mode: path != wal or mode == os.R_OK)
    monkeypatch.setattr(access, "current_user", lambda: 1000)
    with pytest.raises(StartupError) as caught:
        inspect_file(db_path)
    assert caught.value.problem is Problem.ACCESS
    assert caught.value.title == "Your data belongs to another user"
    assert f"{wal} belongs to another user account on this computer (root)" in (
        caught.value.message
    )
    assert db_path.read_bytes() == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root may read and write any file")
def test_a_file_we_may_not_read_is_named(db_path: Path) -> None:
    from tracker.db.fileinfo import StartupError, inspect_file
    from tracker.db.migrate import open_database

    open_database(db_path).engine.dispose()
    db_path.chmod(0)
    with pytest.raises(StartupError, match="Your data file cannot be opened"):
        inspect_file(db_path)


def test_an_upgrade_blocked_by_another_program_says_so(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.db.test_migrations import make_at_revision, sqlite_revision
    from tracker.db import engine
    from tracker.db.fileinfo import StartupError
    from tracker.db.migrate import open_database

    make_at_revision(db_path, "0001")
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 50)
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another program, in the middle of its own changes
    try:
        with pytest.raises(StartupError) as caught:
            open_database(db_path)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert caught.value.problem is Problem.LOCKED
    assert caught.value.title == "Another program is using your data"
    assert sqlite_revision(db_path) == "0001"  # nothing upgraded
    opened = open_database(db_path)  # once it lets go, the upgrade simply runs
    opened.engine.dispose()
    assert sqlite_revision(db_path) != "0001"


def test_a_first_start_on_a_full_disk_leaves_nothing_half_made(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tracker.db import migrate
    from tracker.db.fileinfo import StartupError

    real_upgrade = migrate.upgrade

    def no_room(connection, revision: str = "head") -> None:  # type: ignore[no-untyped-def]
        connection.exec_driver_sql("PRAGMA max_page_count = 2")  # the disk fills up …
        real_upgrade(connection, revision)

    monkeypatch.setattr(migrate, "upgrade", no_room)
    with pytest.raises(StartupError) as caught:
        migrate.open_database(db_path)
    assert caught.value.problem is Problem.DISK_FULL
    assert caught.value.title == "The disk is full"
    assert sorted(p.name for p in db_path.parent.iterdir()) == []  # its space given back
    monkeypatch.setattr(migrate, "upgrade", real_upgrade)
    migrate.open_database(db_path).engine.dispose()  # space again: the next start works
    assert db_path.exists()


def test_an_shm_file_that_cannot_grow_is_a_full_disk() -> None:
    error = sqlite3.OperationalError("disk I/O error")
    error.sqlite_errorcode = 4874  # type: ignore[attr-defined]  # SQLITE_IOERR_SHMSIZE
    assert problem_of(error) is Problem.DISK_FULL
    error.sqlite_errorcode = 778  # type: ignore[attr-defined]  # SQLITE_IOERR_WRITE
    assert problem_of(error) is Problem.DISK


def test_a_disk_error_on_a_nearly_full_disk_is_said_as_a_full_disk(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil
    from collections import namedtuple

    from tracker.db.fileinfo import unreadable

    usage = namedtuple("usage", "total used free")
    error = sqlite3.OperationalError("disk I/O error")
    monkeypatch.setattr(shutil, "disk_usage", lambda _path: usage(10**9, 10**9 - 8192, 8192))
    assert unreadable(db_path, error).problem is Problem.DISK_FULL
    monkeypatch.setattr(shutil, "disk_usage", lambda _path: usage(10**9, 0, 10**9))
    plenty = unreadable(db_path, error)
    assert plenty.problem is Problem.DISK
    assert plenty.title == "The disk could not be read"


def test_a_log_on_a_full_disk_says_so_once_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import logging

    from tracker.paths import PrivateLogHandler

    if not Path("/dev/full").exists():
        pytest.skip("this system has no /dev/full")
    handler = PrivateLogHandler(tmp_path / "job-tracker.log", delay=True)
    full = open("/dev/full", "w", encoding="utf-8")  # noqa: SIM115 (closed below)
    handler.stream = full
    record = logging.LogRecord("tracker", logging.ERROR, __file__, 1, "saved %s", ("x",), None)
    try:
        handler.emit(record)
        handler.emit(record)
    finally:
        handler.stream = None  # type: ignore[assignment]
        with contextlib.suppress(OSError):  # what it could not write is still buffered
            full.close()
    err = capsys.readouterr().err
    assert err.count("cannot be written") == 1
    assert "Traceback" not in err
