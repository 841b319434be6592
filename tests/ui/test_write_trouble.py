"""A full disk and a file another program holds, met while saving: plain words, nothing
half-saved, what was typed still in the form, and Retry once the other program lets go."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from tests.domain.reading import table_rows
from tracker.db import engine as engine_module
from tracker.domain.store import Store
from tracker.ui.applications.add_dialog import ApplicationDialog
from tracker.ui.events import DataEvents

LONG_NOTES = "What they said about the role. " * 600  # 18,000 characters: new pages


@pytest.fixture
def full_disk(store: Store) -> Store:
    """No room for one more page: SQLite meets a full disk (SQLITE_FULL) on the next write
    that needs space, exactly as it would on a disk with no space left."""

    def no_room(connection: sqlite3.Connection, _record: object) -> None:
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        connection.execute(f"PRAGMA max_page_count = {pages}")

    store.engine.dispose()
    event.listen(store.engine, "connect", no_room)
    return store


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []

    def warning(_parent: object, title: str, text: str, *_: object) -> QMessageBox.StandardButton:
        shown.append((title, text))
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "warning", warning)
    return shown


def add_dialog(qtbot: QtBot, store: Store, events: DataEvents) -> ApplicationDialog:
    dialog = ApplicationDialog(store, events)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.company, "Northwind")
    qtbot.keyClicks(dialog.role, "Backend Engineer")
    dialog.notes.setPlainText(LONG_NOTES)
    return dialog


def test_a_full_disk_while_saving_is_said_plainly_and_keeps_what_was_typed(
    qtbot: QtBot, full_disk: Store, events: DataEvents, boxes: list[tuple[str, str]]
) -> None:
    dialog = add_dialog(qtbot, full_disk, events)
    with qtbot.assertNotEmitted(events.changed):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert boxes == [
        (
            "The disk is full",
            "The disk is full; nothing up to your last save was lost. This change was not "
            "saved: free some space on the disk, then try again.",
        )
    ]
    assert dialog.isVisible()
    assert dialog.company.text() == "Northwind"
    assert dialog.notes.toPlainText() == LONG_NOTES
    assert table_rows(full_disk) == []  # nothing half-saved


@pytest.fixture
def quick_busy(monkeypatch: pytest.MonkeyPatch, store: Store) -> Store:
    """Wait 50 ms, not 5 s, for another program to let go (the engine reads it on connect)."""
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 50)
    store.engine.dispose()
    return store


@pytest.fixture
def other_program(db_path: Path, quick_busy: Store) -> Iterator[sqlite3.Connection]:
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # a database browser with unsaved changes does this
    yield holder
    if holder.in_transaction:
        holder.execute("ROLLBACK")
    holder.close()


def test_a_file_another_program_holds_offers_retry_then_saves(
    qtbot: QtBot,
    quick_busy: Store,
    events: DataEvents,
    other_program: sqlite3.Connection,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[tuple[str, str]] = []

    def warning(_parent: object, title: str, text: str, *_: object) -> QMessageBox.StandardButton:
        asked.append((title, text))
        other_program.execute("ROLLBACK")  # the person closes the other program …
        return QMessageBox.StandardButton.Retry  # … and chooses Retry

    monkeypatch.setattr(QMessageBox, "warning", warning)
    dialog = add_dialog(qtbot, quick_busy, events)
    with qtbot.waitSignal(events.changed):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    [(title, text)] = asked
    assert title == "Another program is using your data"
    assert "this change was not saved yet" in text
    assert [row.company for row in table_rows(quick_busy)] == ["Northwind"]
    assert not dialog.isVisible()  # saved: the dialog closed as usual


def test_cancel_keeps_the_form_and_saves_nothing(
    qtbot: QtBot,
    quick_busy: Store,
    events: DataEvents,
    other_program: sqlite3.Connection,
    boxes: list[tuple[str, str]],
) -> None:
    dialog = add_dialog(qtbot, quick_busy, events)
    with qtbot.assertNotEmitted(events.changed):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert [title for title, _ in boxes] == ["Another program is using your data"]
    assert dialog.isVisible()
    assert dialog.role.text() == "Backend Engineer"
    other_program.execute("ROLLBACK")
    assert table_rows(quick_busy) == []
