"""Icons from the desktop theme, with Qt's own drawn icons where the theme has none."""

from __future__ import annotations

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle, QWidget


def themed_icon(name: str, fallback: QStyle.StandardPixmap, widget: QWidget | None = None) -> QIcon:
    """The theme's icon *name* (crisp, matches the desktop), else the style's standard one."""
    icon = QIcon.fromTheme(name)
    if icon.isNull():
        style = widget.style() if widget is not None else QApplication.style()
        icon = style.standardIcon(fallback)
    return icon
