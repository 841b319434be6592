"""The reminders of one window: the rule scheduler and what is shown when tasks fall due."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMainWindow

from tracker.domain.store import Store
from tracker.ui.events import DataEvents
from tracker.ui.reminders.scheduler import RuleScheduler, utc_now


class ReminderController(QObject):
    """Made by MainWindow.start_reminders() once the window is up."""

    def __init__(
        self,
        store: Store,
        events: DataEvents,
        window: QMainWindow,
        *,
        clock: Callable[[], datetime] | None = None,
        override_dir: Path | None = None,
    ) -> None:
        super().__init__(window)
        self._store = store
        self._events = events
        self._window = window
        self.clock = clock or utc_now
        self.scheduler = RuleScheduler(
            store, events, self, clock=self.clock, override_dir=override_dir
        )
        # (is it on, turn it on/off) for the Settings dialog; None where not supported.
        self.autostart: tuple[Callable[[], bool], Callable[[bool], object]] | None = None

    def start(self) -> None:
        self.scheduler.start()

    def stop(self) -> None:
        self.scheduler.stop()
