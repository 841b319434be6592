from __future__ import annotations

import contextlib
import logging
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from tracker.ui import crash


def raise_through() -> None:
    try:
        raise RuntimeError("boom in a slot")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())


@pytest.fixture
def restore_excepthook():
    # pytest-qt swaps sys.excepthook during a test; put back exactly what was there.
    previous = sys.excepthook
    yield
    sys.excepthook = previous


@pytest.fixture
def critical_calls(monkeypatch) -> list[tuple[str, str]]:
    calls: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "critical", lambda parent, title, text: calls.append((title, text))
    )
    return calls


def test_no_dialogs_on_the_offscreen_platform(qapp):
    assert crash.can_show_dialogs() is False


def test_hook_logs_the_traceback_and_shows_the_message(
    qapp, tmp_path, monkeypatch, critical_calls, restore_excepthook
):
    log_file = tmp_path / "logs" / "job-tracker.log"
    monkeypatch.setattr(crash, "can_show_dialogs", lambda: True)
    crash.install_excepthook(log_file)
    raise_through()

    written = log_file.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in written
    assert "RuntimeError: boom in a slot" in written
    assert (log_file.parent.stat().st_mode & 0o777) == 0o700
    assert critical_calls == [("Something went wrong", crash.crash_message(log_file))]
    assert str(log_file) in critical_calls[0][1]
    assert "Your saved data is safe" in critical_calls[0][1]


def test_hook_stays_quiet_where_nobody_could_see_a_dialog(
    qapp, tmp_path, critical_calls, restore_excepthook
):
    log_file = tmp_path / "job-tracker.log"
    crash.install_excepthook(log_file)
    raise_through()
    assert "boom in a slot" in log_file.read_text(encoding="utf-8")
    assert critical_calls == []


def test_startup_error_is_shown_when_possible(qapp, monkeypatch, critical_calls):
    crash.show_startup_error("The data folder cannot be used", "Check its permissions.")
    assert critical_calls == []
    monkeypatch.setattr(crash, "can_show_dialogs", lambda: True)
    crash.show_startup_error("The data folder cannot be used", "Check its permissions.")
    assert critical_calls == [("The data folder cannot be used", "Check its permissions.")]


def test_hook_uses_the_app_log_handler_when_there_is_one(qapp, tmp_path, restore_excepthook):
    log_file = tmp_path / "job-tracker.log"
    handler = logging.FileHandler(log_file, encoding="utf-8")
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        crash.install_excepthook(log_file)
        raise_through()
    finally:
        root.removeHandler(handler)
        handler.close()
    assert log_file.read_text(encoding="utf-8").count("RuntimeError: boom in a slot") == 1


def test_a_log_on_a_full_disk_is_not_claimed_as_written(
    qapp, monkeypatch, critical_calls, restore_excepthook
):
    full = Path("/dev/full")  # every write to it fails with ENOSPC, as on a full disk
    if not full.exists():
        pytest.skip("this system has no /dev/full")
    handler = logging.FileHandler(full, encoding="utf-8")
    root = logging.getLogger()
    root.addHandler(handler)
    monkeypatch.setattr(crash, "can_show_dialogs", lambda: True)
    try:
        crash.install_excepthook(full)
        raise_through()
    finally:
        root.removeHandler(handler)
        with contextlib.suppress(OSError):  # the refused record is still in its buffer
            handler.close()
    [(title, text)] = critical_calls
    assert title == "Something went wrong"
    assert "The details could not be written to the log file." in text
    assert "were written" not in text


def test_a_full_disk_reaching_the_hook_is_said_in_plain_words(
    qapp, tmp_path, store, monkeypatch, critical_calls, restore_excepthook
):
    from sqlalchemy import text as sql

    monkeypatch.setattr(crash, "can_show_dialogs", lambda: True)
    crash.install_excepthook(tmp_path / "job-tracker.log")
    with store.engine.connect() as conn:
        conn.execute(sql("CREATE TABLE filler (x)"))
        conn.commit()
        conn.execute(sql("PRAGMA max_page_count = 1"))  # no room for one more page
        try:
            conn.execute(sql("INSERT INTO filler VALUES (zeroblob(100000))"))
        except Exception:
            sys.excepthook(*sys.exc_info())
    assert critical_calls == [
        (
            "The disk is full",
            "The disk is full; nothing up to your last save was lost. This change was not "
            "saved: free some space on the disk, then try again.",
        )
    ]
    logged = (tmp_path / "job-tracker.log").read_text(encoding="utf-8")
    assert "database or disk is full" in logged
