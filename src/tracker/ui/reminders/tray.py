"""The tray icon, where the desktop has a tray: Open, Today's tasks, Add application, Quit,
the count due in its tooltip, and notifications as tray messages when D-Bus has none."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon, QWidget

from tracker.ui.reminders.notify import Notice

MESSAGE_MS = 10_000


class ReminderTray(QSystemTrayIcon):
    open_requested = Signal()
    today_requested = Signal()
    add_requested = Signal()
    quit_requested = Signal()
    clicked = Signal(object)  # the task id of the clicked message, or None

    def __init__(self, icon: QIcon, parent: QWidget | None = None) -> None:
        super().__init__(icon, parent)
        menu = QMenu(parent)
        self.open_action = menu.addAction("&Open Job Tracker")
        self.today_action = menu.addAction("&Today's tasks")
        self.add_action = menu.addAction("&Add application…")
        menu.addSeparator()
        self.quit_action = menu.addAction("&Quit")
        self.open_action.triggered.connect(self.open_requested)
        self.today_action.triggered.connect(self.today_requested)
        self.add_action.triggered.connect(self.add_requested)
        self.quit_action.triggered.connect(self.quit_requested)
        self.setContextMenu(menu)
        self.menu = menu
        self._last: Notice | None = None
        self.activated.connect(self._on_activated)
        self.messageClicked.connect(self._on_message_clicked)

    def notify(self, notice: Notice) -> bool:
        self._last = notice
        self.showMessage(notice.title, notice.body, self.icon(), MESSAGE_MS)
        return True

    def _on_message_clicked(self) -> None:
        notice, self._last = self._last, None
        self.clicked.emit(notice.task_id if notice is not None else None)

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.open_requested.emit()
