"""Deferred start-up work runs after the loop first waits for input, never inside that wait."""

from __future__ import annotations

from PySide6.QtCore import QAbstractEventDispatcher, QEvent, QObject
from PySide6.QtWidgets import QWidget

from tracker.startup.idle import when_idle_after_paint


class FirstWaitAfterPaint(QObject):
    """Notes, at the loop's first aboutToBlock after *widget*'s first paint, what has run."""

    def __init__(self, widget: QWidget, ran: list[str]) -> None:
        super().__init__()
        self._ran = ran
        self.seen: list[str] | None = None
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.seen is None:
            watched.removeEventFilter(self)
            QAbstractEventDispatcher.instance().aboutToBlock.connect(self._first_wait)
        return False

    def _first_wait(self) -> None:
        QAbstractEventDispatcher.instance().aboutToBlock.disconnect(self._first_wait)
        self.seen = list(self._ran)


def test_deferred_work_runs_after_the_first_wait_one_piece_per_event(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    ran: list[str] = []
    # Installed first, so its filter and its aboutToBlock slot come after when_idle_after_paint's:
    # had the work run inside the wait, it would be in `seen` already.
    probe = FirstWaitAfterPaint(widget, ran)
    # waitCallback runs a real event loop: qtbot.waitUntil polls without ever letting it wait.
    with qtbot.waitCallback() as listened:
        when_idle_after_paint(widget, lambda: ran.append("icon"))
        when_idle_after_paint(widget, lambda: (ran.append("listener"), listened()))
        widget.show()

    assert ran == ["icon", "listener"]
    assert probe.seen == []  # the loop was free to wait for input before any of it ran
