"""Icons: the desktop theme's, else the copies of Qt's standard icons that ship with the app.

Tests run offscreen, where Qt has no icon theme: every icon here is a fallback file.
"""

from __future__ import annotations

import ast
import runpy
from pathlib import Path

import pytest
from PySide6.QtGui import QIcon

from tracker.ui.common.icons import FALLBACK_SIZES, fallback_file, themed_icon
from tracker.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
TOOL = runpy.run_path(str(ROOT / "tools" / "make_fallback_icons.py"), run_name="not-main")


def names_in_source() -> set[str]:
    """Icon names written straight into a themed_icon(...) call."""
    found = set()
    for path in (ROOT / "src" / "tracker").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) == "themed_icon"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                found.add(node.args[0].value)
    return found


def test_the_offscreen_platform_has_no_icon_theme(qapp) -> None:
    assert QIcon.fromTheme("edit-find").isNull()  # else these tests would test the theme


def test_every_icon_name_the_source_asks_for_has_a_fallback() -> None:
    assert names_in_source()  # the scan found the calls
    assert names_in_source() <= set(TOOL["STANDARD"])


@pytest.mark.parametrize("name", sorted(TOOL["STANDARD"]))
def test_each_fallback_draws_at_each_size(qapp, name: str) -> None:
    icon = themed_icon(name)
    assert not icon.isNull()
    for size in FALLBACK_SIZES:
        assert Path(fallback_file(name, size)).is_file()
        assert not icon.pixmap(size, size).toImage().isNull()


def test_an_unknown_name_is_logged_and_gives_no_icon(qapp, caplog) -> None:
    assert themed_icon("no-such-icon-anywhere").isNull()
    assert "no-such-icon-anywhere" in caplog.text


def test_the_window_s_actions_all_have_icons_without_a_theme(qtbot, store, events, db_path) -> None:
    # Names passed through the action helpers are not literal themed_icon calls.
    window = MainWindow(store, events, db_path=db_path)
    qtbot.addWidget(window)
    actions = window.commands.actions
    shown = (*actions.row_actions(), actions.new_action, window.find_action, window.quit_action)
    for action in shown:
        assert not action.icon().isNull(), action.text()
