"""Edit > Settings…: each rule explained, switched and numbered; the choices are kept."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog

from tracker.domain.changes import Kind
from tracker.domain.reminders.prefs import keeps_calendar_feed, keeps_running_in_tray, rules_for
from tracker.domain.reminders.rules import default_rules
from tracker.ui.main_window import MainWindow
from tracker.ui.settings.dialog import SettingsDialog


def test_each_rule_is_explained_with_its_numbers(qtbot, store, events, tmp_path: Path):
    dialog = SettingsDialog(store, events, tray_available=True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    shipped = default_rules()
    assert [editor.rule.id for editor in dialog.editors] == [rule.id for rule in shipped.rules]
    for editor in dialog.editors:
        assert editor.sentence.text() == editor.rule.sentence()
        assert editor.sentence.textFormat() == Qt.TextFormat.PlainText
        assert "{" not in editor.sentence.text()
    follow_up = dialog.editors[0]
    follow_up.spins["days"].setValue(5)
    assert "5 days" in follow_up.sentence.text()
    follow_up.switch.setChecked(False)
    assert not follow_up.spins["days"].isEnabled()
    shots = Path(os.environ.get("TRACKER_SCREENSHOTS", tmp_path))
    assert dialog.grab().save(str(shots / "settings-dialog.png"))


def test_saving_keeps_the_choices_and_says_what_changed(qtbot, store, events):
    dialog = SettingsDialog(store, events, tray_available=True)
    qtbot.addWidget(dialog)
    thank_you = next(e for e in dialog.editors if e.rule.id == "thank_you")
    thank_you.switch.setChecked(False)
    silence = next(e for e in dialog.editors if e.rule.id == "silence")
    silence.spins["days"].setValue(21)
    dialog.tray_check.setChecked(True)
    dialog.calendar_check.setChecked(True)
    with qtbot.waitSignal(events.changed) as changed:
        assert dialog.save()
    assert Kind.SETTINGS in changed.args[0]
    assert dialog.result() == QDialog.DialogCode.Accepted
    rules = rules_for(store)
    assert not rules.get("thank_you").enabled
    assert rules.get("silence").number("days") == 21
    assert keeps_running_in_tray(store)
    assert keeps_calendar_feed(store)
    again = SettingsDialog(store, events, tray_available=True)
    qtbot.addWidget(again)
    assert not next(e for e in again.editors if e.rule.id == "thank_you").switch.isChecked()
    assert again.tray_check.isChecked()


def test_without_a_tray_the_option_is_off_and_says_why(qtbot, store, events):
    dialog = SettingsDialog(store, events, tray_available=False)
    qtbot.addWidget(dialog)
    assert not dialog.tray_check.isEnabled()
    assert not dialog.tray_check.isChecked()


def test_the_window_offers_settings_in_the_edit_menu(qtbot, store, events, db_path, monkeypatch):
    window = MainWindow(store, events, db_path=db_path)
    qtbot.addWidget(window)
    assert window.settings_action.shortcut() == QKeySequence("Ctrl+,")
    edit = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")
    assert window.settings_action in edit.actions()
    opened = []
    monkeypatch.setattr(SettingsDialog, "exec", lambda self: opened.append(self) or 0)
    window.settings_action.trigger()
    assert len(opened) == 1
