"""Edit > Settings…: the follow-up rules (on/off and their numbers) and how reminders reach
the person (the tray, start at login, a calendar file)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

from tracker.domain.changes import Written
from tracker.domain.reminders.prefs import (
    RuleChoice,
    keeps_calendar_feed,
    keeps_running_in_tray,
    rules_for,
    save_rule_choices,
    set_keep_calendar_feed,
    set_keep_running_in_tray,
)
from tracker.domain.reminders.rules import NUMBER_LABELS, NUMBERS, Rule, RuleSet
from tracker.domain.store import Store
from tracker.ui.common.writes import run_write
from tracker.ui.events import DataEvents


def plain_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class RuleEditor(QWidget):
    """One rule: its switch, its numbers, and the sentence saying what it does."""

    def __init__(self, rule: Rule, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rule = rule
        self.switch = QCheckBox(rule.label.replace("&", "&&"))
        self.switch.setChecked(rule.enabled)
        self.switch.setObjectName(f"rule-{rule.id}")
        self.spins: dict[str, QSpinBox] = {}
        numbers = QHBoxLayout()
        numbers.setContentsMargins(24, 0, 0, 0)
        for name, (low, high) in NUMBERS[rule.id].items():
            spin = QSpinBox()
            spin.setRange(low, high)
            spin.setValue(rule.number(name))
            spin.setObjectName(f"rule-{rule.id}-{name}")
            spin.setAccessibleName(f"{rule.label}: {NUMBER_LABELS[name]}")
            spin.valueChanged.connect(self._explain)
            caption = QLabel(NUMBER_LABELS[name] + ":")
            caption.setBuddy(spin)
            numbers.addWidget(caption)
            numbers.addWidget(spin)
            self.spins[name] = spin
        numbers.addStretch(1)
        self.sentence = plain_label("")
        self.sentence.setContentsMargins(24, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 6)
        layout.addWidget(self.switch)
        layout.addLayout(numbers)
        layout.addWidget(self.sentence)
        self.switch.toggled.connect(self._enable)
        self._enable(rule.enabled)
        self._explain()

    def _enable(self, on: bool) -> None:
        for spin in self.spins.values():
            spin.setEnabled(on)

    def _explain(self) -> None:
        self.sentence.setText(self.current_rule().sentence())

    def numbers(self) -> dict[str, int]:
        return {name: spin.value() for name, spin in self.spins.items()}

    def current_rule(self) -> Rule:
        from dataclasses import replace

        return replace(self.rule, enabled=self.switch.isChecked(), numbers=self.numbers())

    def choice(self) -> RuleChoice:
        return RuleChoice(self.switch.isChecked(), self.numbers())


class SettingsDialog(QDialog):
    def __init__(
        self,
        store: Store,
        events: DataEvents,
        parent: QWidget | None = None,
        *,
        rules: RuleSet | None = None,
        tray_available: bool | None = None,
        autostart: tuple[Callable[[], bool], Callable[[bool], object]] | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._events = events
        self._autostart = autostart
        self.setWindowTitle("Settings")
        self.setObjectName("settings-dialog")
        rules = rules_for(store, rules)
        rules_box = QGroupBox("Follow-up rules")
        rules_layout = QVBoxLayout(rules_box)
        rules_layout.addWidget(
            plain_label(
                "The app plans these tasks for you. A task you complete or delete is never "
                "planned again, and a task a stage change makes pointless is closed."
            )
        )
        self.editors = [RuleEditor(rule) for rule in rules.rules]
        for editor in self.editors:
            rules_layout.addWidget(editor)

        if tray_available is None:
            tray_available = QSystemTrayIcon.isSystemTrayAvailable()
        reach_box = QGroupBox("How reminders reach you")
        reach = QVBoxLayout(reach_box)
        self.tray_check = QCheckBox("Keep running in the tray when the window is closed")
        self.tray_check.setChecked(keeps_running_in_tray(store) and tray_available)
        self.tray_check.setEnabled(tray_available)
        reach.addWidget(self.tray_check)
        self.tray_note = plain_label(
            "Reminders then still arrive while the window is closed; Quit in the tray menu "
            "ends the app."
            if tray_available
            else "This desktop has no system tray, so closing the window quits the app."
        )
        self.tray_note.setContentsMargins(24, 0, 0, 0)
        reach.addWidget(self.tray_note)
        self.login_check = QCheckBox("Start at login, in the background")
        if autostart is not None:
            self.login_check.setChecked(autostart[0]())
        else:
            self.login_check.setEnabled(False)
        reach.addWidget(self.login_check)
        self.calendar_check = QCheckBox(
            "Keep a calendar file of interviews and tasks up to date in the data folder"
        )
        self.calendar_check.setChecked(keeps_calendar_feed(store))
        reach.addWidget(self.calendar_check)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(rules_box)
        layout.addWidget(reach_box)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.resize(640, layout.totalHeightForWidth(640))  # as tall as it needs at this width

    def save(self) -> bool:
        """Keep every choice; the dialog closes once they are saved."""
        choices = {editor.rule.id: editor.choice() for editor in self.editors}
        tray = self.tray_check.isChecked()
        calendar = self.calendar_check.isChecked()

        def write() -> Written[None]:
            return (
                save_rule_choices(self._store, choices)
                .then(set_keep_running_in_tray(self._store, tray))
                .then(set_keep_calendar_feed(self._store, calendar))
            )

        if run_write(self, self._events, write, title="Could not save the settings") is None:
            return False
        if self._autostart is not None and self.login_check.isEnabled():
            self._autostart[1](self.login_check.isChecked())
        self.accept()
        return True


def open_settings(
    store: Store,
    events: DataEvents,
    parent: QWidget | None,
    autostart: tuple[Callable[[], bool], Callable[[bool], object]] | None = None,
) -> bool:
    dialog = SettingsDialog(store, events, parent, autostart=autostart)
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()
