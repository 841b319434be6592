"""What a rule's task offers beyond done: "they replied", and "move to Ghosted"."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.db.enums import Stage
from tracker.db.models import RuleFiring, Task
from tracker.domain.applications import change_stage
from tracker.domain.changes import Written
from tracker.domain.errors import ValidationError
from tracker.domain.reminders.engine import REPLIED
from tracker.domain.reminders.rules import APPLIED_NO_REPLY, SILENCE
from tracker.domain.rows import StageMove
from tracker.domain.store import Store, fetch, written
from tracker.domain.tasks import complete_task

GHOSTED_NOTE = "No news after the last contact; moved from the silence reminder."


def is_follow_up(task: Task) -> bool:
    return task.rule == APPLIED_NO_REPLY and bool(task.rule_subject)


def mark_replied(store: Store, task_id: int, now: datetime) -> Written[None]:
    """They answered: the follow-up is done and its chain stops (no more follow-ups, no
    suggestion to move to Ghosted)."""
    with store.transaction() as session:
        task = fetch(session, Task, task_id)
        if not is_follow_up(task) or task.application_id is None:
            raise ValidationError({"task": "Only a follow-up can be marked as answered."})
        assert task.rule_subject is not None
        chain = task.rule_subject.rsplit(":", 1)[0]
        if not task.done:
            task.done = True
            task.done_at = now
            task.snoozed_until = None
        if not _replied(session, chain):
            session.add(
                RuleFiring(
                    rule=REPLIED,
                    subject=chain,
                    application_id=task.application_id,
                    task_id=task.id,
                    fired_at=now,
                )
            )
        return written(session, None)


def offers_ghosting(store: Store, task_id: int) -> bool:
    """True for an open silence task whose application can still move to Ghosted."""
    with store.reading() as session:
        task = session.get(Task, task_id)
        return (
            task is not None
            and task.rule == SILENCE
            and not task.done
            and task.application is not None
            and not task.application.stage.is_closed
        )


def move_to_ghosted(store: Store, task_id: int) -> Written[StageMove]:
    """The silence task's one click: the application moves to Ghosted, the task is done."""
    with store.reading() as session:
        task = fetch(session, Task, task_id)
        application_id = task.application_id
        if task.rule != SILENCE or application_id is None:
            raise ValidationError({"task": "Only a silence reminder moves an application."})
    moved = change_stage(store, application_id, Stage.GHOSTED, GHOSTED_NOTE)
    return moved.then(complete_task(store, task_id)).then(
        Written(moved.value, moved.changed, moved.applications)
    )


def _replied(session: Session, chain: str) -> bool:
    found = session.scalar(
        select(RuleFiring.id).where(RuleFiring.rule == REPLIED, RuleFiring.subject == chain)
    )
    return found is not None
