"""Start-up trouble met with a dialog: a damaged file offers its newest sound backup, a file
another program holds offers Try again. Real files, real dialogs clicked with qtbot."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.db.test_backups import companies
from tests.db.test_restore_damaged import damage, make
from tracker.db.backups import take_backup
from tracker.db.fileinfo import StartupError, quick_check, unreadable
from tracker.ui import crash
from tracker.ui.trouble import ChoiceDialog, Outcome, resolve

Answer = Callable[[str], list[ChoiceDialog]]


@pytest.fixture
def answer(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> Answer:
    """Show each dialog as the app would and click the named button, as a person would."""
    monkeypatch.setattr(crash, "can_show_dialogs", lambda: True)

    def answering(button: str) -> list[ChoiceDialog]:
        seen: list[ChoiceDialog] = []

        def exec_(dialog: ChoiceDialog) -> int:
            dialog.show()
            qtbot.waitExposed(dialog)
            seen.append(dialog)
            qtbot.mouseClick(getattr(dialog, button), Qt.MouseButton.LeftButton)
            return dialog.result()

        monkeypatch.setattr(ChoiceDialog, "exec", exec_)
        return seen

    return answering


def damaged_error(db_path: Path) -> StartupError:
    with pytest.raises(StartupError) as caught:
        quick_check(db_path)
    return caught.value


def test_restore_this_backup_keeps_the_damaged_file_and_brings_the_backup_back(
    db_path: Path, answer: Answer
) -> None:
    make(db_path, ["Northwind", "Contoso", "Fabrikam"])
    backup = take_backup(db_path, db_path.parent / "backups")
    damaged = damage(db_path)
    seen = answer("go_button")

    assert resolve(damaged_error(db_path), db_path) is Outcome.AGAIN

    [dialog] = seen
    assert dialog.windowTitle() == "Your data file is damaged"
    assert dialog.go_button.text() == "Restore this backup"
    assert dialog.stop_button.text() == "Quit"
    said = dialog.text.text()
    assert "holds 3 applications" in said
    aside = db_path.parent.glob("tracker.db.damaged-*")
    [kept] = [p for p in aside if not p.name.endswith(("-wal", "-shm"))]
    assert sorted(p.name for p in db_path.parent.glob("tracker.db.damaged-*")) == [
        kept.name,
        f"{kept.name}-shm",  # its side files went with it (the check left an -shm)
        f"{kept.name}-wal",
    ]
    assert f"keeps the damaged file, untouched, as {kept.name} in {db_path.parent}" in said
    assert "after a crash or a problem with the disk" in said
    assert kept.read_bytes() == damaged
    assert companies(db_path) == ["Contoso", "Fabrikam", "Northwind"]
    quick_check(db_path)  # sound again
    assert backup.path.exists()  # the backup stays a backup


def test_quit_changes_nothing(db_path: Path, answer: Answer) -> None:
    make(db_path, ["Northwind"])
    take_backup(db_path, db_path.parent / "backups")
    damaged = damage(db_path)
    seen = answer("stop_button")
    assert resolve(damaged_error(db_path), db_path) is Outcome.QUIT
    assert len(seen) == 1
    assert db_path.read_bytes() == damaged
    assert not list(db_path.parent.glob("tracker.db.*"))


def test_without_a_sound_backup_nothing_is_offered(db_path: Path, answer: Answer) -> None:
    make(db_path, ["Northwind"])
    made = take_backup(db_path, db_path.parent / "backups")
    damage(made.path)  # the only backup fails its check too
    damage(db_path)
    seen = answer("go_button")
    error = damaged_error(db_path)
    assert "There is no sound backup" in error.message
    assert resolve(error, db_path) is None  # said as before: stderr, a dialog, code 2
    assert seen == []


def test_a_file_another_program_holds_offers_try_again(
    db_path: Path, answer: Answer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tracker.db import fileinfo

    make(db_path, ["Northwind"])
    monkeypatch.setattr(fileinfo, "BUSY_TIMEOUT_S", 0.05)
    holder = sqlite3.connect(db_path)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")  # as some database browsers do
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StartupError) as caught:
            fileinfo.inspect_file(db_path)
    finally:
        holder.rollback()
        holder.close()
    error = caught.value
    assert error.title == "Another program is using your data"
    assert "Nothing was changed" in error.message
    seen = answer("go_button")
    assert resolve(error, db_path) is Outcome.AGAIN
    assert seen[0].go_button.text() == "Try again"
    assert fileinfo.inspect_file(db_path).current  # and now it opens


def test_nothing_is_offered_without_a_screen(db_path: Path, qtbot: QtBot) -> None:
    error = unreadable(db_path, sqlite3.OperationalError("database is locked"))
    assert not crash.can_show_dialogs()  # offscreen, as on a server or in a script
    assert resolve(error, db_path) is None
