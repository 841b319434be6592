"""Help > About: the version, what the app is for, and where the data is kept."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from tracker import APP_NAME, __version__


def about_text(db_path: Path | None) -> str:
    where = (
        f"<p>Your data is kept in<br><code>{html.escape(str(db_path))}</code></p>"
        if db_path is not None
        else ""
    )
    return (
        f"<h3>{APP_NAME} {html.escape(__version__)}</h3>"
        "<p>A private tracker for your job search, with a calm plan for every "
        "rejection. Everything stays on this computer.</p>"
        f"{where}"
    )


def show_about(parent: QWidget, db_path: Path | None) -> None:
    box = QMessageBox(parent)
    box.setWindowTitle(f"About {APP_NAME}")
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(about_text(db_path))
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # copy the path
    box.setIconPixmap(parent.windowIcon().pixmap(64, 64))
    box.exec()
