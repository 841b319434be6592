""" "The window has painted and the app waits for input": the moment deferred start-up work runs."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractEventDispatcher, QEvent, QObject
from PySide6.QtWidgets import QWidget


class _IdleAfterPaint(QObject):
    def __init__(self, window: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(window)
        self._window = window
        self._callback = callback
        self._waiting = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Paint:
            self._window.removeEventFilter(self)
            dispatcher = QAbstractEventDispatcher.instance()
            if dispatcher is None:  # no event loop to wait for
                self._run()
            else:
                self._waiting = True
                dispatcher.aboutToBlock.connect(self._run)
        return False

    def _run(self) -> None:
        dispatcher = QAbstractEventDispatcher.instance()
        if self._waiting and dispatcher is not None:
            self._waiting = False
            dispatcher.aboutToBlock.disconnect(self._run)
        self.deleteLater()
        self._callback()


def when_idle_after_paint(window: QWidget, callback: Callable[[], None]) -> None:
    """Call *callback* once, when the event loop is about to wait after *window*'s first paint."""
    _IdleAfterPaint(window, callback)
