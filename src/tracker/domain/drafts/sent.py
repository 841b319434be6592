"""A draft that went out: when it was sent, kept as it was sent."""

from __future__ import annotations

from datetime import datetime

from tracker.db.coltypes import utcnow
from tracker.db.models import Task
from tracker.domain.changes import Written
from tracker.domain.store import Store, fetch, written


def mark_sent(store: Store, task_id: int, when: datetime | None = None) -> Written[datetime]:
    """Record that the task's draft was sent (and so the task is done); marking it again
    keeps the first time. Returns when it was sent."""
    with store.transaction() as session:
        task = fetch(session, Task, task_id)
        if task.sent_at is None:
            task.sent_at = when or utcnow()
        if not task.done:
            task.done = True
            task.done_at = task.sent_at
            task.snoozed_until = None
        sent = task.sent_at
        return written(session, sent)


def sent_at(store: Store, task_id: int) -> datetime | None:
    """When the task's draft was sent, or None."""
    with store.reading() as session:
        return fetch(session, Task, task_id).sent_at
