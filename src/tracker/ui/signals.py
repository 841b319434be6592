"""SIGTERM (logout, shutdown, `kill`) quits the app as its Quit command does.

Qt does not handle signals itself, and Python runs its handlers only when it gets control: a
pipe that the signal writes to wakes the event loop, which gives Python that chance.
"""

from __future__ import annotations

import os
import signal
import weakref
from collections.abc import Callable
from contextlib import suppress

from PySide6.QtCore import QObject, QSocketNotifier


class TerminateWatcher(QObject):
    """Owns the wake-up pipe and its notifier for as long as the app runs."""

    def __init__(self, parent: QObject, quit_app: Callable[[], object]) -> None:
        super().__init__(parent)
        self._reader, self._writer = os.pipe()
        os.set_blocking(self._reader, False)
        os.set_blocking(self._writer, False)
        signal.set_wakeup_fd(self._writer)
        self.quit_app = quit_app  # replaced when start-up goes round again with a new window
        signal.signal(signal.SIGTERM, lambda _signum, _frame: self.quit_app())
        self._notifier = QSocketNotifier(self._reader, QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)

    def _drain(self) -> None:
        with suppress(BlockingIOError):
            os.read(self._reader, 64)  # Python runs the handler as this returns to it


# The watcher of each app. Not parent.findChild(): that wraps every child of the app in Python,
# the style too, whose enums cost ~10 ms before the first paint.
_watchers: weakref.WeakKeyDictionary[QObject, TerminateWatcher] = weakref.WeakKeyDictionary()


def quit_on_terminate(parent: QObject, quit_app: Callable[[], object]) -> TerminateWatcher | None:
    if not hasattr(signal, "SIGTERM") or not hasattr(os, "set_blocking"):
        return None  # Windows: no SIGTERM from a logout to catch
    watcher = _watchers.get(parent)
    if watcher is not None:  # one pipe per app, however often start-up goes round
        watcher.quit_app = quit_app
        return watcher
    watcher = _watchers[parent] = TerminateWatcher(parent, quit_app)
    return watcher
