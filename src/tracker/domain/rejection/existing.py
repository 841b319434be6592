"""A plan made before for the same rejection: what it holds, and how a new plan meets it.

One rejection has one debrief and one set of playbook tasks. Planning again keeps what is
done or sent, replaces drafts not yet sent, and adds only what is missing. A planned task
meets an earlier one when both are of the same kind for the same person (in order, when a
step makes more than one).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.db.enums import DebriefPath, Stage, TaskKind, TaskOrigin
from tracker.db.models import RejectionDebrief, StageChange, Task
from tracker.domain.rejection.plan import Answers, PlannedTask
from tracker.domain.store import Store

KEPT_NOTE = "Already done or sent: kept as it is, not created again."
REPLACES_NOTE = "Already planned and not sent yet: saving replaces this draft."


@dataclass(frozen=True)
class EarlierTask:
    id: int
    kind: TaskKind
    contact_id: int | None
    title: str
    done: bool
    sent: bool

    @property
    def kept(self) -> bool:
        """Done or sent: never replaced."""
        return self.done or self.sent


@dataclass(frozen=True)
class EarlierPlan:
    debrief_id: int
    path: DebriefPath
    answers: Answers
    went_well: str | None
    do_differently: str | None
    created_at: datetime
    tasks: tuple[EarlierTask, ...]


class _Keyed(Protocol):
    @property
    def kind(self) -> TaskKind: ...

    @property
    def contact_id(self) -> int | None: ...


_E = TypeVar("_E", bound=_Keyed)


def answers_from_json(text: str | None) -> Answers:
    """The panel's answers as saved; anything unreadable is simply not answered."""
    try:
        data = json.loads(text or "{}")
    except ValueError:
        data = {}
    if not isinstance(data, dict):
        data = {}
    still_want = data.get("still_want")
    knows_why = data.get("knows_why")
    reach = data.get("can_reach_decision_maker")
    return Answers(
        still_want=still_want if isinstance(still_want, bool) else None,
        knows_why=knows_why
        if knows_why in ("me", "role_changed", "process_changed", "dont_know")
        else None,
        can_reach_decision_maker=reach if isinstance(reach, bool) else None,
        weak_interview_ids={i for i in data.get("weak_interview_ids", []) if isinstance(i, int)},
        weak_contact_ids={i for i in data.get("weak_contact_ids", []) if isinstance(i, int)},
    )


def rejected_since(session: Session, application_id: int) -> datetime | None:
    """When the latest rejection happened (None: the application was never rejected)."""
    return session.scalar(
        select(StageChange.changed_at)
        .where(StageChange.application_id == application_id, StageChange.to_stage == Stage.REJECTED)
        .order_by(StageChange.changed_at.desc(), StageChange.id.desc())
        .limit(1)
    )


def debrief_for_rejection(session: Session, application_id: int) -> RejectionDebrief | None:
    """The debrief of the latest rejection, if one was saved."""
    query = select(RejectionDebrief).where(RejectionDebrief.application_id == application_id)
    since = rejected_since(session, application_id)
    if since is not None:
        query = query.where(RejectionDebrief.created_at >= since)
    return session.scalar(query.order_by(RejectionDebrief.id.desc()).limit(1))


def planned_tasks(session: Session, application_id: int) -> list[Task]:
    """The playbook tasks made for the latest rejection, oldest first."""
    query = select(Task).where(
        Task.application_id == application_id, Task.origin == TaskOrigin.PLAYBOOK
    )
    since = rejected_since(session, application_id)
    if since is not None:
        query = query.where(Task.created_at >= since)
    return list(session.scalars(query.order_by(Task.id)))


def earlier_plan(store: Store, application_id: int) -> EarlierPlan | None:
    """The plan already made for the latest rejection, or None."""
    with store.reading() as session:
        debrief = debrief_for_rejection(session, application_id)
        if debrief is None:
            return None
        tasks = tuple(
            EarlierTask(t.id, t.kind, t.contact_id, t.title, t.done, t.sent_at is not None)
            for t in planned_tasks(session, application_id)
        )
        return EarlierPlan(
            debrief.id,
            debrief.path,
            answers_from_json(debrief.answers),
            debrief.went_well,
            debrief.do_differently,
            debrief.created_at,
            tasks,
        )


def pair(new: Sequence[_Keyed], earlier: Iterable[_E]) -> list[_E | None]:
    """For each new task, the earlier task it meets (same kind, same person), or None."""
    pool: dict[tuple[TaskKind, int | None], list[_E]] = {}
    for task in earlier:
        pool.setdefault((task.kind, task.contact_id), []).append(task)
    found: list[_E | None] = []
    for each in new:
        waiting = pool.get((each.kind, each.contact_id))
        found.append(waiting.pop(0) if waiting else None)
    return found


def mark_earlier(tasks: list[PlannedTask], earlier: EarlierPlan | None) -> None:
    """Say on each planned task what saving will do with the one planned before."""
    if earlier is None:
        return
    for task, before in zip(tasks, pair(tasks, earlier.tasks), strict=True):
        if before is None:
            continue
        if before.kept:
            task.included = False
            task.note = KEPT_NOTE
        else:
            task.note = " ".join(filter(None, [REPLACES_NOTE, task.note]))
