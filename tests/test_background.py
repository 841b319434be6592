"""`--background` (start at login), run as the autostart entry would: without a tray (as
offscreen) the window starts minimised, the reminders run, and quitting stops them cleanly."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.test_startup import make_database

DRIVER = """
import json, sys
from PySide6.QtWidgets import QApplication, QSystemTrayIcon
from tracker.ui.main_window import MainWindow

app = QApplication(sys.argv[:1])
start = MainWindow.start_reminders


def start_reminders(window, *args, **kwargs):
    start(window, *args, **kwargs)

    def report(ran):
        print(json.dumps({
            "tray_available": QSystemTrayIcon.isSystemTrayAvailable(),
            "tray": window.reminders.tray is not None,
            "visible": window.isVisible(),
            "minimized": window.isMinimized(),
            "examined": ran.report.examined,
            "icon": not app.windowIcon().isNull(),  # set once the window was up
        }), flush=True)
        app.quit()  # as the tray's Quit or a logout would

    window.reminders.scheduler.ran.connect(report)


MainWindow.start_reminders = start_reminders
from tracker.app import main

sys.exit(main(sys.argv[1:]))
"""


def test_without_a_tray_background_starts_minimised_and_quits_cleanly(tmp_path: Path) -> None:
    path = make_database(tmp_path / "data", applications=2)
    result = subprocess.run(
        [sys.executable, "-c", DRIVER, "--background", "--data-dir", str(path.parent)],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.splitlines()[0])
    assert report == {
        "tray_available": False,
        "tray": False,
        "visible": True,
        "minimized": True,
        "examined": 0,  # wishlist applications owe nothing, but the rules ran
        "icon": True,
    }
    assert "Traceback" not in result.stderr
