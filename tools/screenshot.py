"""Render the main window with the demo pipeline to a PNG, offscreen (used for the README).

QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshot.py docs/board.png
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from tracker.db.migrate import open_database
from tracker.domain.demo import load_demo
from tracker.domain.store import Store
from tracker.ui.events import DataEvents
from tracker.ui.main_window import MainWindow


def main(target: Path) -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        # Window settings go to the temporary folder too: the picture does not depend on the
        # size the window last had on this machine, and the user's config is left alone.
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)
        opened = open_database(Path(folder) / "tracker.db")
        store = Store(opened.engine)
        load_demo(store)
        window = MainWindow(store, DataEvents(), db_path=opened.path)
        window.resize(1200, 760)
        window.show()
        app.processEvents()
        target.parent.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(target))
        window.close()
        opened.engine.dispose()
    print(f"wrote {target}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/board.png"))
