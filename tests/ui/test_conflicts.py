"""No lost updates: a form saved over a newer version is refused, and nothing typed is lost."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from tracker.db.enums import Stage
from tracker.db.models import Application
from tracker.domain.applications import (
    get_application,
    get_application_version,
    update_application,
)
from tracker.domain.errors import ConflictError
from tracker.ui.detail.dialog import ApplicationDetailDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")


@pytest.fixture(autouse=True)
def _discard_on_close(monkeypatch):
    """Closing with unsaved edits asks; these tests answer Discard."""
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)


@pytest.fixture
def app_id(add) -> int:
    return add("Northwind Analytics", "Backend Engineer", Stage.APPLIED, "Utrecht")


def test_a_save_over_a_newer_version_is_refused(store, app_id) -> None:
    mine, version = get_application_version(store, app_id)
    theirs = replace(mine, role="Staff Engineer")
    update_application(store, app_id, theirs, version)
    with pytest.raises(ConflictError, match="changed elsewhere"):
        update_application(store, app_id, replace(mine, notes="Mine"), version)
    assert get_application(store, app_id) == theirs
    assert get_application_version(store, app_id)[1] == version + 1


def test_a_change_between_read_and_write_in_one_session_is_refused(store, app_id) -> None:
    """The version column guards the gap inside a transaction too (another process)."""

    def write_while_another_writes() -> None:
        with store.transaction() as session:
            row = session.get(Application, app_id)
            assert row is not None
            row.notes = "Mine"
            with store.transaction() as other:
                other_row = other.get(Application, app_id)
                assert other_row is not None
                other_row.notes = "Theirs"

    with pytest.raises(ConflictError):
        write_while_another_writes()
    assert get_application(store, app_id).notes == "Theirs"


def open_detail(qtbot, store, events, app_id) -> ApplicationDetailDialog:
    dialog = ApplicationDetailDialog(store, events, app_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def answer_with(qtbot, button_text: str) -> list[str]:
    """Click *button_text* in the message box that opens next; returns its text when seen."""
    seen: list[str] = []

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        seen.append(box.text())
        button = next(b for b in box.findChildren(QPushButton) if b.text() == button_text)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, click)
    return seen


def edited_elsewhere(store, app_id) -> None:
    data, version = get_application_version(store, app_id)
    update_application(store, app_id, replace(data, role="Staff Engineer"), version)


def test_show_the_newer_version_keeps_what_was_typed_on_the_clipboard(
    qtbot, store, events, app_id
) -> None:
    dialog = open_detail(qtbot, store, events, app_id)
    edited_elsewhere(store, app_id)
    qtbot.keyClicks(dialog.form.notes, "Asked about on-call")
    seen = answer_with(qtbot, "Show the newer version")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert seen
    assert "changed elsewhere" in seen[0]
    assert get_application(store, app_id).role == "Staff Engineer"
    assert get_application(store, app_id).notes is None
    assert dialog.form.role.text() == "Staff Engineer"
    assert "Notes: Asked about on-call" in QGuiApplication.clipboard().text()
    assert "clipboard" in dialog.status.text()


def test_save_mine_writes_what_was_typed(qtbot, store, events, app_id) -> None:
    dialog = open_detail(qtbot, store, events, app_id)
    edited_elsewhere(store, app_id)
    qtbot.keyClicks(dialog.form.notes, "Asked about on-call")
    seen = answer_with(qtbot, "Save mine")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert seen
    saved = get_application(store, app_id)
    assert saved.notes == "Asked about on-call"
    assert saved.role == "Backend Engineer"  # the dialog's version, chosen knowingly
    assert dialog.status.text() == "Saved."


def test_keep_editing_writes_nothing_and_keeps_the_text(qtbot, store, events, app_id) -> None:
    dialog = open_detail(qtbot, store, events, app_id)
    edited_elsewhere(store, app_id)
    qtbot.keyClicks(dialog.form.notes, "Asked about on-call")
    seen = answer_with(qtbot, "Keep editing")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert seen
    assert get_application(store, app_id).notes is None
    assert dialog.form.notes.toPlainText() == "Asked about on-call"
