"""What the window remembers between runs (QSettings): its size and place, the toolbar, and
the view it showed."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow

GEOMETRY_KEY = "window/geometry"
STATE_KEY = "window/state"
VIEW_KEY = "window/view"


def saved_view() -> str:
    """The view the window showed when it last closed ("" at first: the board)."""
    return str(QSettings().value(VIEW_KEY, "") or "")


def restore_window(window: QMainWindow) -> None:
    settings = QSettings()
    geometry = settings.value(GEOMETRY_KEY)
    if isinstance(geometry, QByteArray):
        window.restoreGeometry(geometry)
    state = settings.value(STATE_KEY)
    if isinstance(state, QByteArray):
        window.restoreState(state)


def save_window(window: QMainWindow, view: str) -> None:
    settings = QSettings()
    settings.setValue(GEOMETRY_KEY, window.saveGeometry())
    settings.setValue(STATE_KEY, window.saveState())
    settings.setValue(VIEW_KEY, view)
