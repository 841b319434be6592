""" "The window has painted and the app waits for input": the moment deferred start-up work runs.

The work is posted from the loop's first aboutToBlock after the paint, not run inside it: the
loop goes on to wait for input at once, and each piece runs as its own event, in the order it
was asked for, so a key pressed in between waits for one piece at most, not for all of them.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable

from PySide6.QtCore import QAbstractEventDispatcher, QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _IdleAfterPaint(QObject):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self.callbacks: list[Callable[[], None]] = []
        self.waiting = True  # until the first paint
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Paint and self.waiting:
            self.waiting = False
            self._window.removeEventFilter(self)
            dispatcher = QAbstractEventDispatcher.instance()
            if dispatcher is None:  # no event loop to wait for
                for callback in self.callbacks:
                    callback()
            else:
                dispatcher.aboutToBlock.connect(self._run)
        return False

    def _run(self) -> None:
        QAbstractEventDispatcher.instance().aboutToBlock.disconnect(self._run)
        _waiting.pop(self._window, None)
        self.deleteLater()
        for callback in self.callbacks:
            QTimer.singleShot(0, self._window, callback)  # not once the window is gone


def when_idle_after_paint(window: QWidget, callback: Callable[[], None]) -> None:
    """Call *callback* once, as an event of its own once the loop first waits for input after
    *window*'s first paint."""
    waiting = _waiting.get(window)
    if waiting is None or not waiting.waiting:
        waiting = _waiting[window] = _IdleAfterPaint(window)
    waiting.callbacks.append(callback)


# The one waiting per window (not window.findChildren: that would wrap every child in Python).
_waiting: weakref.WeakKeyDictionary[QWidget, _IdleAfterPaint] = weakref.WeakKeyDictionary()
