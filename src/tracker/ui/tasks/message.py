"""The strip under the to-do list: a note after each action, and Reopen after completing."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from tracker.ui.common.text import plain


class TaskMessage(QFrame):
    """Remembers the tasks completed this session, so Reopen (or Ctrl+Z) can undo them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.completed: list[tuple[int, str]] = []  # (id, title), latest last
        self.setFrameShape(QFrame.Shape.StyledPanel)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 4, 4, 4)
        self.label = plain(QLabel())
        self.label.setAccessibleName("Last action")
        self.reopen_button = QPushButton("Reopen")
        self.reopen_button.setAccessibleName("Reopen the task you just completed")
        self.reopen_button.setToolTip("Put it back on the list (Ctrl+Z)")
        row.addWidget(self.label, 1)
        row.addWidget(self.reopen_button)
        self.hide()

    def say(self, text: str, can_reopen: bool = False) -> None:
        self.label.setText(text)
        self.reopen_button.setVisible(can_reopen)
        self.show()

    def forget(self, task_id: int) -> None:
        """A deleted task can no longer be reopened."""
        self.completed = [entry for entry in self.completed if entry[0] != task_id]
        self.hide()
