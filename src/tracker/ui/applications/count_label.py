"""The status bar's count of applications ("Showing 4 of 12 applications")."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget


class CountLabel(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setContentsMargins(6, 0, 6, 0)

    def show_counts(self, shown: int, total: int) -> None:
        noun = "application" if total == 1 else "applications"
        if total == 0:
            self.setText("No applications yet")
        elif shown == total:
            self.setText(f"{total} {noun}")
        else:
            self.setText(f"Showing {shown} of {total} {noun}")
