"""The Insights tab in the window: sixth (Ctrl+6), and nothing of it loads until opened."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from PySide6.QtGui import QKeySequence

from tracker.ui.insights.view import InsightsView
from tracker.ui.main_window import MainWindow

CHECK = """
import json, sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
import tracker.ui.main_window
print(json.dumps(sorted(m for m in sys.modules if m.startswith("tracker.ui.insights")
                        or m.startswith("tracker.domain.insights"))))
"""


def test_insights_is_the_sixth_view_and_built_when_shown(qtbot, store, events) -> None:
    window = MainWindow(store, events)
    qtbot.addWidget(window)
    assert window.tabs.tabText(5) == "Insights"
    assert not window.tabs.is_built("insights")
    shortcuts = {a.text(): a.shortcut() for a in window.view_menu.actions()}
    assert shortcuts["&Insights"] == QKeySequence("Ctrl+6")
    window.tabs.show_view("insights")
    assert isinstance(window.tabs.view("insights"), InsightsView)


def test_nothing_of_insights_is_imported_with_the_window() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHECK],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.splitlines()[-1]) == []
