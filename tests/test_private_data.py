"""What keeps the person's data private and whole: folder modes, the log, errors, companies."""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from tracker import paths
from tracker.db.models import Company
from tracker.domain.applications import ApplicationInput, company_named, create_application
from tracker.domain.store import Store


def test_an_open_data_folder_is_made_private_and_said_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    os.chmod(folder, 0o755)
    with caplog.at_level(logging.WARNING, logger="tracker"):
        paths.ensure_private_dir(folder)
        paths.ensure_private_dir(folder)
    assert folder.stat().st_mode & 0o777 == 0o700
    said = [r.getMessage() for r in caplog.records if "private to you" in r.getMessage()]
    assert len(said) == 1
    assert str(folder) in said[0]


def test_the_log_is_not_written_through_a_planted_link(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("not a log\n")
    log_file = tmp_path / "job-tracker.log"
    log_file.symlink_to(elsewhere)
    with pytest.raises(OSError, match="symbolic link"):
        paths.private_log_handler(log_file)
    assert elsewhere.read_text() == "not a log\n"


def test_the_log_is_private_and_appends(tmp_path: Path) -> None:
    log_file = tmp_path / "job-tracker.log"
    log_file.write_text("earlier\n")
    os.chmod(log_file, 0o644)
    handler = paths.private_log_handler(log_file)
    try:
        handler.emit(logging.makeLogRecord({"msg": "later"}))
    finally:
        handler.close()
    assert log_file.read_text() == "earlier\nlater\n"
    assert log_file.stat().st_mode & 0o777 == 0o600


def test_database_errors_never_carry_the_values(store: Store) -> None:
    secret = "Salary 123456 at Ørsted, notes about my health"

    def add() -> None:
        with store.transaction() as session:
            session.add(Company(name=secret))

    add()
    with pytest.raises(IntegrityError) as caught:
        add()
    assert secret not in str(caught.value)
    assert "123456" not in str(caught.value)


def test_a_company_added_meanwhile_is_used_not_duplicated(store: Store) -> None:
    """Another process adds the company between our look-up and our insert."""
    with store.transaction() as session:
        real_scalar = session.scalar
        calls = 0

        def racing_scalar(*args: object, **kwargs: object) -> object:
            nonlocal calls
            calls += 1
            if calls == 1:  # our look-up finds nothing; the other process then commits
                with store.transaction() as other:
                    other.add(Company(name="Northwind"))
                return None
            return real_scalar(*args, **kwargs)  # type: ignore[call-overload]

        session.scalar = racing_scalar  # type: ignore[method-assign]
        found = company_named(session, "Northwind")
        assert found.name == "Northwind"
    with store.reading() as session:
        assert session.scalar(select(func.count()).select_from(Company)) == 1


def test_two_threads_adding_one_company_make_one_row(store: Store) -> None:
    errors: list[BaseException] = []

    def add(role: str) -> None:
        try:
            create_application(store, ApplicationInput(company="Kestrel Maps", role=role))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=add, args=(f"Role {i}",)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with store.reading() as session:
        assert session.scalar(select(func.count()).select_from(Company)) == 1
