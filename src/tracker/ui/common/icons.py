"""Icons from the desktop theme, with copies of Qt's standard ones where the theme has none.

The copies are plain files (resources/icons/fallback, drawn by tools/make_fallback_icons.py):
asking the style for its standard icons would load QStyle's Python enums, some 10 ms before
the first paint.
"""

from __future__ import annotations

import logging
from functools import cache

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

from tracker.assets import resource_path

FALLBACK_SIZES = (16, 32, 64)
log = logging.getLogger(__name__)


def fallback_file(name: str, size: int) -> str:
    return str(resource_path("icons", "fallback", f"{name}-{size}.png"))


@cache  # a table asks for its warning icon on every row it paints
def themed_icon(name: str) -> QIcon:
    """The theme's icon *name* (crisp, matches the desktop), else our copy of Qt's own."""
    icon = QIcon.fromTheme(name)
    if icon.isNull():
        icon = QIcon()
        for size in FALLBACK_SIZES:
            icon.addFile(fallback_file(name, size), QSize(size, size))
        if icon.isNull():  # a new name: run tools/make_fallback_icons.py
            log.warning("No icon %r in the desktop theme or in resources/icons/fallback", name)
    return icon
