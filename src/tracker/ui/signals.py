"""SIGTERM (logout, shutdown, `kill`) quits the app as its Quit command does.

Qt does not handle signals itself, and Python runs its handlers only when it gets control: a
socket that the signal writes to wakes the event loop, which gives Python that chance.
"""

from __future__ import annotations

import signal
import socket
from collections.abc import Callable
from contextlib import suppress

from PySide6.QtCore import QObject, QSocketNotifier


class TerminateWatcher(QObject):
    """Owns the wake-up socket pair and its notifier for as long as the app runs."""

    def __init__(self, parent: QObject, quit_app: Callable[[], object]) -> None:
        super().__init__(parent)
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        signal.set_wakeup_fd(self._writer.fileno())
        signal.signal(signal.SIGTERM, lambda _signum, _frame: quit_app())
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)

    def _drain(self) -> None:
        with suppress(BlockingIOError):
            self._reader.recv(64)  # Python runs the handler as this returns to it


def quit_on_terminate(parent: QObject, quit_app: Callable[[], object]) -> TerminateWatcher | None:
    if not hasattr(signal, "SIGTERM") or not hasattr(socket, "socketpair"):
        return None
    return TerminateWatcher(parent, quit_app)
