"""The actions on a task (complete, snooze, edit, delete, new), with their keys and menus."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCalendarWidget,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from tracker.domain.drafts.business_days import add_business_days
from tracker.ui.common.dates import short_day
from tracker.ui.common.icons import themed_icon

SHORTCUT = Qt.ShortcutContext


def next_week(today: date) -> date:
    """The Monday that starts next week (never tomorrow: that has its own choice)."""
    days = 7 - today.weekday()
    return today + timedelta(days=days if days >= 2 else days + 7)


def snooze_choices(today: date) -> list[tuple[str, date]]:
    return [
        ("Tomorrow", today + timedelta(days=1)),
        ("In 3 working days", add_business_days(today, 3)),  # never lands on a weekend
        ("Next week", next_week(today)),
    ]


class TaskActions(QObject):
    """One set of actions shared by the buttons, the context menu and the keys."""

    snooze_requested = Signal(object)  # a date, or None to ask for one

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)

        def action(text: str, icon: str) -> QAction:
            made = QAction(themed_icon(icon), text, parent)
            made.setShortcutContext(SHORTCUT.WidgetWithChildrenShortcut)
            return made

        self.new_action = action("&New task", "list-add")
        self.new_action.setShortcut(QKeySequence("Ctrl+T"))
        self.new_action.setToolTip("Add a task (Ctrl+T)")
        self.complete_action = action("&Complete", "task-complete")
        # Space only works in the list itself (set there); here the keys that work anywhere.
        self.complete_action.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        self.complete_action.setToolTip("Mark the task done (Space or Ctrl+Enter)")
        self.undo_action = action("&Reopen last completed", "edit-undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.edit_action = action("&Edit…", "document-edit")
        self.edit_action.setShortcut(QKeySequence("F2"))
        self.edit_action.setToolTip("Edit the task (F2 or Enter)")
        self.delete_action = action("&Delete", "edit-delete")
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.setToolTip("Delete the task (Delete)")

        self.snooze_menu = QMenu("&Snooze", parent)
        self.snooze_menu.setIcon(themed_icon("alarm-symbolic"))
        self.snooze_menu.setToolTipsVisible(True)
        self._choices: list[QAction] = []
        for _ in range(3):
            choice = self.snooze_menu.addAction("")
            self._choices.append(choice)
        self.snooze_menu.addSeparator()
        self.pick_action = self.snooze_menu.addAction("&Pick a date…")
        self.pick_action.triggered.connect(lambda: self.snooze_requested.emit(None))
        for choice in self._choices:
            choice.triggered.connect(lambda _=False, c=choice: self.snooze_requested.emit(c.data()))

    def set_today(self, today: date) -> None:
        """Label the quick choices with the day each one means."""
        for choice, (label, day) in zip(self._choices, snooze_choices(today), strict=True):
            choice.setText(f"{label}\t{short_day(day)}")
            choice.setData(day)

    def sync(self, has_task: bool, can_undo: bool) -> None:
        for item in (self.complete_action, self.edit_action, self.delete_action):
            item.setEnabled(has_task)
        self.snooze_menu.setEnabled(has_task)
        self.undo_action.setEnabled(can_undo)


class SnoozeDateDialog(QDialog):
    """A calendar that only offers days after today."""

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Snooze until")
        self.calendar = QCalendarWidget()
        self.calendar.setAccessibleName("Snooze until")
        self.calendar.setGridVisible(False)
        tomorrow = today + timedelta(days=1)
        self.calendar.setMinimumDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
        choice = next_week(today)
        self.calendar.setSelectedDate(QDate(choice.year, choice.month, choice.day))
        self.calendar.activated.connect(self.accept)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Snooze")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("The task comes back to your list on this day."))
        layout.addWidget(self.calendar)
        layout.addWidget(buttons)

    def chosen(self) -> date:
        picked = self.calendar.selectedDate().toPython()
        assert isinstance(picked, date)
        return picked
