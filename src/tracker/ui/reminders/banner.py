"""Where no notification service and no tray exist: a banner at the top of the window.

It waits there until the window is next seen, says what fell due, and opens it in one click.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolBar, QWidget

from tracker.ui.reminders.notify import Notice


class ReminderBanner(QToolBar):
    """A fixed strip under the toolbar: the notice, Open and Dismiss."""

    clicked = Signal(object)  # the task id of the notice, or None for a summary

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Reminders", parent)
        self.setObjectName("reminder-banner")
        self.setMovable(False)
        self.setFloatable(False)
        self.toggleViewAction().setVisible(False)
        frame = QFrame()
        frame.setObjectName("reminder-banner-frame")
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        frame.setStyleSheet(
            "#reminder-banner-frame { background: palette(highlight); border-radius: 4px; }"
            "#reminder-banner-frame QLabel { color: palette(highlighted-text); }"
        )
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.body = QLabel()
        self.body.setTextFormat(Qt.TextFormat.PlainText)
        self.body.setWordWrap(True)
        self.open_button = QPushButton("Open")
        self.dismiss_button = QPushButton("Dismiss")
        layout = QHBoxLayout(frame)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.open_button)
        layout.addWidget(self.dismiss_button)
        self.addWidget(frame)
        self.notice: Notice | None = None
        self.open_button.clicked.connect(self._open)
        self.dismiss_button.clicked.connect(self.dismiss)
        self.hide()

    def notify(self, notice: Notice) -> bool:
        """Show *notice* (replacing an older one); seen the next time the window is."""
        self.notice = notice
        self.title.setText(notice.title)
        self.body.setText(notice.body.replace("\n", " · "))
        self.show()
        return True

    def dismiss(self) -> None:
        self.notice = None
        self.hide()

    def _open(self) -> None:
        notice = self.notice
        self.dismiss()
        if notice is not None:
            self.clicked.emit(notice.task_id)
