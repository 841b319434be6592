"""What start-up does once the window is up (or hidden in the tray at login): the icon, the
second-start listener's answer, and the settings for the threads that work beside the window.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from tracker.ui.main_window import MainWindow

log = logging.getLogger("tracker")


def share_python_with_threads() -> None:
    """Start-up is done; from here the follow-up rules' thread works beside the window.

    Python lets one thread run at a time. The window calls Python for every cell it paints,
    and would wait up to 5 ms each time the rules' thread holds the lock: ask threads to
    hand it over within 1 ms. A full garbage collection holds the lock too, and walks every
    object in the process: what start-up loaded (modules, SQLAlchemy, the widgets) stays for
    the life of the app, so it is set aside (gc.freeze) and a collection on the rules'
    thread takes tens of milliseconds instead of over a hundred."""
    import gc

    sys.setswitchinterval(0.001)
    gc.freeze()


def set_icon(app: QApplication) -> None:
    from PySide6.QtGui import QIcon

    from tracker.assets import resource

    app.setWindowIcon(QIcon(str(resource("icons", "job-tracker.svg"))))


def has_tray() -> bool:
    from PySide6.QtWidgets import QSystemTrayIcon

    return QSystemTrayIcon.isSystemTrayAvailable()


def when_ready(window: MainWindow, hidden: bool, callback: Callable[[], None]) -> None:
    """Once the window has painted and the loop is idle; at once for a hidden window,
    which never paints."""
    if hidden:
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, callback)
    else:
        from tracker.startup.idle import when_idle_after_paint

        when_idle_after_paint(window, callback)


def bring_to_front(window: MainWindow) -> None:
    log.info("Another start asked to show the window")
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()
