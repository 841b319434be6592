"""What the to-do list offers: its toolbar (with the summary) and its context menu."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QMenu, QSizePolicy, QToolBar, QToolButton, QWidget

from tracker.ui.drafts.actions import DraftActions
from tracker.ui.tasks.actions import TaskActions


class TaskBar(QToolBar):
    def __init__(self, commands: TaskActions, drafts: DraftActions) -> None:
        super().__init__("Tasks")
        c = commands
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.addAction(c.new_action)
        self.addSeparator()
        self.addAction(c.complete_action)
        self.addAction(drafts.sent_action)
        self.addAction(c.snooze_menu.menuAction())
        snooze_button = self.widgetForAction(c.snooze_menu.menuAction())
        if isinstance(snooze_button, QToolButton):
            snooze_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.addAction(c.edit_action)
        self.addAction(c.delete_action)
        self.addSeparator()
        self.addAction(drafts.copy_action)
        self.addAction(drafts.mail_action)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.addWidget(spacer)
        self.summary = QLabel()
        self.summary.setAccessibleName("Task summary")
        self.addWidget(self.summary)
        self.show_snoozed = QCheckBox("Show snoozed")
        self.show_snoozed.setAccessibleName("Show snoozed tasks")
        self.show_snoozed.setToolTip("Also list tasks you put off until a later day")
        self.addWidget(self.show_snoozed)


def task_menu(parent: QWidget, c: TaskActions, drafts: DraftActions, on_task: bool) -> QMenu:
    """The context menu: the actions on a task when one is under the pointer, then New."""
    menu = QMenu(parent)
    if on_task:
        menu.addAction(c.complete_action)
        menu.addAction(drafts.sent_action)
        menu.addMenu(c.snooze_menu)
        menu.addAction(c.edit_action)
        menu.addSeparator()
        menu.addAction(drafts.copy_action)
        menu.addAction(drafts.mail_action)
        menu.addSeparator()
        menu.addAction(c.delete_action)
        menu.addSeparator()
    menu.addAction(c.new_action)
    return menu
