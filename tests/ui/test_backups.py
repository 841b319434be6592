"""Backups from the window: Back up now, Restore from backup, Check database, automatic ones."""

from __future__ import annotations

import os
import sqlite3
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from tests.domain.reading import table_rows
from tracker.db.backups import list_backups, take_backup
from tracker.domain.applications import ApplicationInput, create_application
from tracker.domain.store import Store
from tracker.ui.backups.actions import BackupActions
from tracker.ui.backups.dialog import RestoreDialog
from tracker.ui.backups.model import BackupsModel


@pytest.fixture
def said(monkeypatch) -> list[tuple[str, str]]:
    """What the message boxes said; questions are answered Yes."""
    messages: list[tuple[str, str]] = []

    def record(kind: str, answer: object = None):  # type: ignore[no-untyped-def]
        def show(_parent: object, _title: str, text: str, *_: object) -> object:
            messages.append((kind, text))
            return answer

        return show

    monkeypatch.setattr(QMessageBox, "information", record("information"))
    monkeypatch.setattr(QMessageBox, "warning", record("warning"))
    monkeypatch.setattr(QMessageBox, "question", record("question", QMessageBox.StandardButton.Yes))
    return messages


@pytest.fixture
def window(qtbot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def add(store: Store, company: str) -> None:
    create_application(store, ApplicationInput(company=company, role="Backend"))


def test_back_up_now_makes_a_checked_copy_and_says_where(store, db_path, window, said) -> None:
    add(store, "Northwind")
    actions = BackupActions(db_path, window, restored=lambda: None, automatic=False)
    actions.backup_action.trigger()
    backups = list_backups(db_path.parent / "backups")
    assert len(backups) == 1
    assert backups[0].reason == "manual"
    assert said == [("information", said[0][1])]
    assert backups[0].path.name in said[0][1]


def test_restore_goes_back_and_keeps_what_was_there(qtbot, store, db_path, window, said) -> None:
    folder = db_path.parent / "backups"
    add(store, "Northwind")
    take_backup(db_path, folder, now=datetime.now(UTC) - timedelta(hours=2))
    add(store, "Kestrel Maps")
    take_backup(db_path, folder, now=datetime.now(UTC) - timedelta(hours=1))
    dialog = RestoreDialog(db_path, folder, window)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 2
    qtbot.mouseClick(
        dialog.table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=dialog.table.visualRect(dialog.model.index(1, 0)).center(),
    )
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert [r.company for r in table_rows(store)] == ["Northwind"]
    assert dialog.restored is not None
    assert dialog.restored.name.endswith("-before-restore.db")
    assert [kind for kind, _ in said] == ["question", "information"]
    kept = sqlite3.connect(dialog.restored)
    try:
        assert kept.execute("SELECT count(*) FROM applications").fetchone()[0] == 2
    finally:
        kept.close()


def test_the_backups_model_is_a_sound_table(qtmodeltester, store, db_path) -> None:
    add(store, "Northwind")
    backup = take_backup(db_path, db_path.parent / "backups")
    model = BackupsModel([backup])
    qtmodeltester.check(model)
    assert model.index(0, 1).data() == "Automatic"
    assert model.index(0, 3).data() == "1"


def test_check_database_says_all_is_well_or_what_is_wrong(store, db_path, window, said) -> None:
    actions = BackupActions(db_path, window, restored=lambda: None, automatic=False)
    actions.check_action.trigger()
    assert said[-1][0] == "information"
    assert "All is well" in said[-1][1]
    store.engine.dispose()
    broken = sqlite3.connect(db_path)  # foreign keys are off in a bare connection
    broken.execute(
        "INSERT INTO tasks (kind, title, done, origin, application_id, created_at, version, "
        "needs_name) VALUES ('todo', 'Orphan', 0, 'user', 999, '2026-01-01', 1, 0)"
    )
    broken.commit()
    broken.close()
    actions.check_action.trigger()
    assert said[-1][0] == "warning"
    assert "Restore from backup" in said[-1][1]


def test_automatic_backups_only_when_something_changed(store, db_path, window, said) -> None:
    add(store, "Northwind")
    actions = BackupActions(db_path, window, restored=lambda: None, automatic=False)
    assert actions.automatic_backup() is not None
    past = time.time() - 3600
    for side in (db_path, Path(f"{db_path}-wal")):
        if side.exists():
            os.utime(side, (past, past))
    assert actions.automatic_backup() is None
    time.sleep(1.1)
    add(store, "Kestrel Maps")
    assert actions.automatic_backup() is not None
    assert len(list_backups(actions.folder)) == 2
    assert said == []  # automatic backups are quiet


def test_an_automatic_backup_runs_beside_the_window(store, db_path, window, said, qtbot) -> None:
    add(store, "Northwind")
    actions = BackupActions(db_path, window, restored=lambda: None, automatic=False)
    with qtbot.waitSignal(actions.automatic_done, timeout=10_000) as done:
        assert actions.start_automatic()
    made = done.args[0]
    assert made is not None
    assert [b.path for b in list_backups(actions.folder)] == [made.path]
    actions.wait()
    assert said == []  # automatic backups are quiet
