from __future__ import annotations

import logging
import sys

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
