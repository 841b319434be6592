"""What a rule's task offers in the task list: "They replied" and "Move to Ghosted"."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from tracker.domain.store import Store
from tracker.ui.common.writes import run_write
from tracker.ui.events import DataEvents
from tracker.ui.reminders.scheduler import utc_now


class ReminderTaskActions(QObject):
    """Added to a task's context menu when the task is one these apply to."""

    stage_moved = Signal(object)  # the StageMove of "Move to Ghosted", for undo

    def __init__(
        self,
        store: Store,
        events: DataEvents,
        parent: QWidget,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._events = events
        self._parent = parent
        self._clock = clock
        self._task_id: int | None = None
        self.replied_action = QAction("They &replied", parent)
        self.replied_action.setToolTip("Done, and no more follow-ups for this application")
        self.replied_action.triggered.connect(lambda: self.mark_replied())
        self.ghost_action = QAction("Move to &Ghosted", parent)
        self.ghost_action.setToolTip("Move the application to Ghosted and complete this task")
        self.ghost_action.triggered.connect(lambda: self.move_to_ghosted())

    def extend_menu(self, menu: QMenu, task_id: int | None) -> None:
        """Put the actions that fit this task at the top of its menu."""
        from tracker.db.models import Task
        from tracker.domain.reminders.actions import is_follow_up, offers_ghosting

        self._task_id = task_id
        if task_id is None:
            return
        with self._store.reading() as session:
            task = session.get(Task, task_id)
            follow_up = task is not None and not task.done and is_follow_up(task)
        fitting = [self.replied_action] if follow_up else []
        if offers_ghosting(self._store, task_id):
            fitting.append(self.ghost_action)
        if fitting:
            first = menu.actions()[0] if menu.actions() else None
            for action in fitting:
                menu.insertAction(first, action)  # type: ignore[arg-type]
            menu.insertSeparator(first)  # type: ignore[arg-type]

    def mark_replied(self, task_id: int | None = None) -> bool:
        from tracker.domain.reminders.actions import mark_replied

        chosen = task_id if task_id is not None else self._task_id
        if chosen is None:
            return False
        now = self._clock()
        done = run_write(self._parent, self._events, lambda: mark_replied(self._store, chosen, now))
        return done is not None

    def move_to_ghosted(self, task_id: int | None = None) -> bool:
        from tracker.domain.reminders.actions import move_to_ghosted

        chosen = task_id if task_id is not None else self._task_id
        if chosen is None:
            return False
        moved = run_write(
            self._parent,
            self._events,
            lambda: move_to_ghosted(self._store, chosen),
            title="Could not move the application",
        )
        if moved is None:
            return False
        self.stage_moved.emit(moved.value)
        return True
