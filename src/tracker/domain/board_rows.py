"""The board's card types, importable without SQLAlchemy (the first paint builds them too)."""

from __future__ import annotations

from datetime import date, datetime
from typing import NamedTuple

from tracker.db.enums import Stage


class NextTask(NamedTuple):
    id: int
    title: str
    due_on: date | None


class BoardCard(NamedTuple):
    """What one card on the board shows, and nothing more."""

    id: int
    company: str
    role: str
    stage: Stage
    priority: int
    updated_at: datetime | None  # None only when the stored value cannot be read
    in_stage_since: datetime | None
    days_in_stage: int  # 0 when in_stage_since cannot be read
    next_task: NextTask | None = None
    overdue: bool = False  # the next task's due date has passed

    def with_next_task(self, task: NextTask | None, today: date | None = None) -> BoardCard:
        today = today or date.today()
        overdue = task is not None and task.due_on is not None and task.due_on < today
        return self._replace(next_task=task, overdue=overdue)


def make_card(
    id: int,
    company: str,
    role: str,
    stage: Stage,
    priority: int,
    updated_at: datetime | None,
    in_stage_since: datetime | None,
    today: date,
) -> BoardCard:
    since = None if in_stage_since is None else in_stage_since.astimezone().date()
    return BoardCard(
        id=id,
        company=company,
        role=role,
        stage=stage,
        priority=priority,
        updated_at=updated_at,
        in_stage_since=in_stage_since,
        days_in_stage=0 if since is None else max(0, (today - since).days),
    )


class BoardFirstPaint(NamedTuple):
    """What start-up reads for the board: each column's first page, counts, top next tasks."""

    cards: dict[Stage, list[BoardCard]]
    next_tasks: dict[int, NextTask | None]
    counts: dict[Stage, int]
