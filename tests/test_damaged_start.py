"""A damaged database met by the app as a person starts it: the newest sound backup is offered,
restored, and the app carries on with it. A separate process, real files, the real dialog
(clicked by the driver, since the offscreen platform has nobody to click it)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.db.test_backups import companies
from tests.test_fast_start import damage_unpainted_pages, run_driver
from tests.test_startup import make_database
from tracker.db.backups import take_backup

DRIVER = """
import json, sys
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

import tracker.ui.crash as crash
from tracker.ui import trouble
from tracker.ui.main_window import MainWindow

app = QApplication(sys.argv[:1])
crash.can_show_dialogs = lambda: True  # as on a desktop; the driver answers for the person
said = []

def answer(dialog):
    dialog.show()
    said.append(dialog.text.text())
    QTest.mouseClick(getattr(dialog, sys.argv[1]), Qt.MouseButton.LeftButton)
    return dialog.result()

trouble.ChoiceDialog.exec = answer
QMessageBox.critical = lambda parent, title, text: said.append(title)

def running(window, *args, **kwargs):  # the check passed and start-up went on: report, stop
    print(json.dumps({"said": said, "rows": window.applications.model.rowCount()}), flush=True)
    app.exit(0)

MainWindow.start_reminders = running
from tracker.app import main

code = main(sys.argv[2:])
print(json.dumps({"said": said, "code": code}), flush=True)
sys.exit(code)
"""


def damage_early(path: Path) -> bytes:
    """A header and nothing readable after it: found before the window is made."""
    data = b"SQLite format 3\x00" + b"\xff" * 5000
    path.write_bytes(data)
    return data


@pytest.mark.parametrize("damage", [damage_unpainted_pages, damage_early])
def test_the_newest_sound_backup_is_restored_and_the_app_carries_on(tmp_path: Path, damage) -> None:  # type: ignore[no-untyped-def]
    path = make_database(tmp_path / "data", applications=7)
    take_backup(path, path.parent / "backups")
    damaged = damage(path)

    result = run_driver("go_button", path.parent, DRIVER)

    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.splitlines()[0])
    [paragraph] = report["said"]
    assert "holds 7 applications" in paragraph
    assert report["rows"] == 7  # the window shows the backup
    aside = path.parent.glob("tracker.db.damaged-*")
    [kept] = [p for p in aside if not p.name.endswith(("-wal", "-shm"))]
    assert kept.read_bytes() == damaged
    assert kept.name in paragraph
    assert len(companies(path)) == 7


def test_quit_exits_2_with_the_message_and_changes_nothing(tmp_path: Path) -> None:
    path = make_database(tmp_path / "data", applications=3)
    take_backup(path, path.parent / "backups")
    damaged = damage_early(path)

    result = run_driver("stop_button", path.parent, DRIVER)

    assert result.returncode == 2
    report = json.loads(result.stdout.splitlines()[0])
    assert len(report["said"]) == 1  # the offer only: no second dialog after Quit
    assert "The database cannot be read" in result.stderr  # still said for a terminal
    assert path.read_bytes() == damaged
    assert not list(path.parent.glob("tracker.db.*"))
