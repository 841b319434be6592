"""What is due, and when the next thing can fall due.

A task's due date is a day; it falls due at the start of that day (DAY_STARTS, local time),
so a reminder never wakes anyone at midnight. Interviews have times: the rules look again
when one starts (its thank-you), so the next wake-up is the sooner of the two.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, or_, select, update

from tracker.db.enums import TaskKind
from tracker.db.models import Application, Company, Interview, Task
from tracker.domain.changes import Written
from tracker.domain.store import Store, written

DAY_STARTS = time(8, 0)


@dataclass(frozen=True)
class DueTask:
    id: int
    title: str
    kind: TaskKind
    due_on: date
    application_id: int | None
    company: str | None
    role: str | None

    @property
    def what_for(self) -> str:
        """ "Northwind — Backend Engineer", or "" for a task of no application."""
        return " — ".join(part for part in (self.company, self.role) if part)


@dataclass(frozen=True)
class DueCounts:
    today: int
    overdue: int

    @property
    def total(self) -> int:
        return self.today + self.overdue


def day_start(day: date, now: datetime) -> datetime:
    """The moment *day* starts for reminders, in the time zone of *now* (aware)."""
    local = now.astimezone()
    return datetime.combine(day, DAY_STARTS, tzinfo=local.tzinfo)


def _open_due(today: date):  # type: ignore[no-untyped-def]
    return (
        Task.done.is_(False),
        Task.due_on.is_not(None),
        Task.due_on <= today,
        or_(Task.snoozed_until.is_(None), Task.snoozed_until <= today),
    )


def to_announce(store: Store, now: datetime) -> list[DueTask]:
    """Due tasks the person has not been told about since they fell due (none before the
    day's reminders start at DAY_STARTS)."""
    today = now.astimezone().date()
    if now < day_start(today, now):
        return []
    fell_due = func.coalesce(Task.snoozed_until, Task.due_on)
    query = (
        select(
            Task.id,
            Task.title,
            Task.kind,
            Task.due_on,
            Task.application_id,
            Company.name,
            Application.role,
        )
        .outerjoin(Application, Task.application_id == Application.id)
        .outerjoin(Company, Application.company_id == Company.id)
        .where(*_open_due(today), or_(Task.notified_on.is_(None), Task.notified_on < fell_due))
        .order_by(Task.due_on, Task.id)
    )
    with store.reading() as session:
        return [
            DueTask(task_id, title, kind, due_on, app_id, company, role)
            for task_id, title, kind, due_on, app_id, company, role in session.execute(query)
            if due_on is not None
        ]


def mark_announced(store: Store, task_ids: list[int], today: date) -> Written[None]:
    """Remember the person was told about these tasks today (one notification each)."""
    with store.transaction() as session:
        for start in range(0, len(task_ids), 500):  # SQLite limits the values in one statement
            part = task_ids[start : start + 500]
            session.execute(update(Task).where(Task.id.in_(part)).values(notified_on=today))
        return written(session, None)


def due_counts(store: Store, today: date) -> DueCounts:
    """How many open tasks are due today, and how many are overdue."""
    query = (
        select(Task.due_on < today, func.count())
        .where(*_open_due(today))
        .group_by(Task.due_on < today)
    )
    counts = {False: 0, True: 0}
    with store.reading() as session:
        for overdue, count in session.execute(query):
            counts[bool(overdue)] = count
    return DueCounts(today=counts[False], overdue=counts[True])


def next_wake(store: Store, now: datetime) -> datetime:
    """The next moment something may fall due: an interview starting, the start of the
    day's reminders, or the next day."""
    local = now.astimezone()
    tomorrow = datetime.combine(local.date() + timedelta(days=1), time(0), tzinfo=local.tzinfo)
    candidates = [tomorrow]
    start = day_start(local.date(), now)
    if start > now:
        candidates.append(start)
    with store.reading() as session:
        interview = session.scalar(
            select(func.min(Interview.starts_at)).where(Interview.starts_at > now)
        )
    if interview is not None:
        if interview.tzinfo is None:  # in case an aggregate skips the column's type
            interview = interview.replace(tzinfo=UTC)
        candidates.append(interview)
    return min(candidates)
