"""Render the Insights tab with the demo data to a PNG, offscreen (used for the README).

QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshot_insights.py docs/insights.png [--dark]
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from tracker.db.migrate import open_database
from tracker.domain.demo import load_demo
from tracker.domain.store import Store
from tracker.ui.events import DataEvents
from tracker.ui.main_window import MainWindow


def dark_palette() -> QPalette:
    palette = QPalette()
    role = QPalette.ColorRole
    for r, colour in (
        (role.Window, "#2b2d31"),
        (role.WindowText, "#e6e6e6"),
        (role.Base, "#1f2023"),
        (role.AlternateBase, "#2a2b2f"),
        (role.Text, "#e6e6e6"),
        (role.Button, "#33353a"),
        (role.ButtonText, "#e6e6e6"),
        (role.Highlight, "#4a8fe7"),
        (role.HighlightedText, "#ffffff"),
        (role.PlaceholderText, "#9a9ca3"),
    ):
        palette.setColor(r, QColor(colour))
    return palette


def main(target: Path, dark: bool) -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setStyle("Fusion")
    if dark:
        app.setPalette(dark_palette())
    with tempfile.TemporaryDirectory() as folder:
        # The window remembers its size and tabs in QSettings: keep that in the temporary
        # folder, never in the settings of the person running this.
        for kind in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
            QSettings.setPath(kind, QSettings.Scope.UserScope, str(Path(folder) / "settings"))
        opened = open_database(Path(folder) / "tracker.db")
        store = Store(opened.engine)
        load_demo(store)
        window = MainWindow(store, DataEvents(), db_path=opened.path)
        window.resize(1200, 1640)
        window.show()
        window.tabs.show_view("insights")
        app.processEvents()
        target.parent.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(target))
        window.close()
        opened.engine.dispose()
    print(f"wrote {target}")


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if not a.startswith("--")]
    main(Path(arguments[0] if arguments else "docs/insights.png"), "--dark" in sys.argv)
