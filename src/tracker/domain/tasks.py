"""Tasks: what the person owes someone next, and when."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import NamedTuple

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from tracker.db.coltypes import utcnow
from tracker.db.enums import TaskKind, TaskOrigin
from tracker.db.models import Application, Company, Contact, Interview, Task
from tracker.domain.changes import Written
from tracker.domain.store import Store, fetch, written
from tracker.domain.validate import LONG_TEXT, Checker


@dataclass(frozen=True)
class TaskInput:
    title: str
    kind: TaskKind | str = TaskKind.TODO
    due_on: date | None = None
    draft_subject: str | None = None
    draft_body: str | None = None
    origin: TaskOrigin | str = TaskOrigin.USER
    application_id: int | None = None
    contact_id: int | None = None
    interview_id: int | None = None


def _clean(data: TaskInput) -> TaskInput:
    c = Checker()
    cleaned = TaskInput(
        title=c.required("title", "Title", data.title, 300),
        kind=c.choice("kind", "Kind", TaskKind, data.kind) or TaskKind.TODO,
        due_on=c.day("due_on", "Due date", data.due_on),
        draft_subject=c.text("draft_subject", "Subject", data.draft_subject, 300),
        draft_body=c.text("draft_body", "Draft", data.draft_body, LONG_TEXT),
        origin=c.choice("origin", "Origin", TaskOrigin, data.origin) or TaskOrigin.USER,
        application_id=data.application_id,
        contact_id=data.contact_id,
        interview_id=data.interview_id,
    )
    c.done()
    return cleaned


def _check_links(session: Session, data: TaskInput) -> None:
    if data.application_id is not None:
        fetch(session, Application, data.application_id)
    if data.contact_id is not None:
        fetch(session, Contact, data.contact_id)
    if data.interview_id is not None:
        fetch(session, Interview, data.interview_id)


def _fill(task: Task, data: TaskInput) -> None:
    task.title = data.title
    task.kind = TaskKind(data.kind)
    task.due_on = data.due_on
    task.draft_subject = data.draft_subject
    task.draft_body = data.draft_body
    task.origin = TaskOrigin(data.origin)
    task.application_id = data.application_id
    task.contact_id = data.contact_id
    task.interview_id = data.interview_id


def get_task(store: Store, task_id: int) -> TaskInput:
    """What the edit form shows for one task."""
    with store.reading() as session:
        task = fetch(session, Task, task_id)
        return TaskInput(
            title=task.title,
            kind=task.kind,
            due_on=task.due_on,
            draft_subject=task.draft_subject,
            draft_body=task.draft_body,
            origin=task.origin,
            application_id=task.application_id,
            contact_id=task.contact_id,
            interview_id=task.interview_id,
        )


def create_task(store: Store, data: TaskInput) -> Written[int]:
    data = _clean(data)
    with store.transaction() as session:
        _check_links(session, data)
        task = Task()
        _fill(task, data)
        session.add(task)
        session.flush()
        return written(session, task.id)


def update_task(store: Store, task_id: int, data: TaskInput) -> Written[None]:
    data = _clean(data)
    with store.transaction() as session:
        _check_links(session, data)
        task = fetch(session, Task, task_id)
        if task.sent_at is not None:  # a sent draft is kept as it was sent
            data = replace(data, draft_subject=task.draft_subject, draft_body=task.draft_body)
        _fill(task, data)
        return written(session, None)


def complete_task(store: Store, task_id: int) -> Written[None]:
    """Mark done and keep when; completing twice keeps the first time."""
    with store.transaction() as session:
        task = fetch(session, Task, task_id)
        if not task.done:
            task.done = True
            task.done_at = utcnow()
            task.snoozed_until = None
        return written(session, None)


def reopen_task(store: Store, task_id: int) -> Written[None]:
    with store.transaction() as session:
        task = fetch(session, Task, task_id)
        task.done = False
        task.done_at = None
        return written(session, None)


def snooze_task(
    store: Store, task_id: int, until: date, today: date | None = None
) -> Written[None]:
    c = Checker()
    c.day("snoozed_until", "Snooze date", until)
    if until <= (today or date.today()):
        c.fail("snoozed_until", "Snooze until a day after today.")
    c.done()
    with store.transaction() as session:
        fetch(session, Task, task_id).snoozed_until = until
        return written(session, None)


def delete_task(store: Store, task_id: int) -> Written[None]:
    with store.transaction() as session:
        session.delete(fetch(session, Task, task_id))
        return written(session, None)


class TaskRow(NamedTuple):
    id: int
    title: str
    kind: TaskKind
    due_on: date | None
    done: bool
    snoozed_until: date | None
    application_id: int | None


def open_tasks(store: Store, application_id: int | None = None) -> list[TaskRow]:
    """Open tasks, soonest first (undated last), optionally for one application."""
    query = (
        select(
            Task.id,
            Task.title,
            Task.kind,
            Task.due_on,
            Task.done,
            Task.snoozed_until,
            Task.application_id,
        )
        .where(Task.done.is_(False))
        .order_by(Task.due_on.is_(None), Task.due_on, Task.id)
    )
    if application_id is not None:
        query = query.where(Task.application_id == application_id)
    with store.reading() as session:
        return [TaskRow._make(row) for row in session.execute(query)]


KIND_LABELS = {
    TaskKind.TODO: "To-do",
    TaskKind.FOLLOW_UP: "Follow-up",
    TaskKind.THANK_YOU: "Thank-you note",
    TaskKind.FEEDBACK_REQUEST: "Feedback request",
    TaskKind.LETTER: "Letter",
    TaskKind.MEETING_REQUEST: "Meeting request",
    TaskKind.REFERRAL: "Referral",
    TaskKind.REFLECTION: "Reflection",
    TaskKind.PREP: "Preparation",
}


class TaskGroup(StrEnum):
    """Where an open task sits in the to-do list, in the order the list shows them."""

    OVERDUE = "overdue"
    TODAY = "today"
    THIS_WEEK = "this_week"
    LATER = "later"
    NO_DATE = "no_date"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


def last_day_of_week(today: date, week_starts: int = 0) -> date:
    """The last day of *today*'s calendar week, for a week that starts on *week_starts*
    (a weekday number as date.weekday() gives it: 0 is Monday, 6 is Sunday)."""
    return today + timedelta(days=(week_starts - today.weekday() - 1) % 7)


def group_for(due_on: date | None, today: date, week_starts: int = 0) -> TaskGroup:
    """*week_starts* is the locale's first day of the week (the UI knows it; 0 is Monday)."""
    if due_on is None:
        return TaskGroup.NO_DATE
    if due_on < today:
        return TaskGroup.OVERDUE
    if due_on == today:
        return TaskGroup.TODAY
    if due_on <= last_day_of_week(today, week_starts):
        return TaskGroup.THIS_WEEK
    return TaskGroup.LATER


class TaskListRow(NamedTuple):
    """One task as the lists show it, with what it is for already joined in."""

    id: int
    title: str
    kind: TaskKind
    due_on: date | None
    snoozed_until: date | None
    done_at: datetime | None
    application_id: int | None
    company: str | None
    role_title: str | None
    contact_name: str | None

    def is_snoozed(self, today: date) -> bool:
        return self.snoozed_until is not None and self.snoozed_until > today


def _task_list_query() -> Select[
    int,
    str,
    TaskKind,
    date | None,
    date | None,
    datetime | None,
    int | None,
    str | None,
    str | None,
    str | None,
]:
    # One select, outer joins: a task for no application or no person is still listed.
    return (
        select(
            Task.id,
            Task.title,
            Task.kind,
            Task.due_on,
            Task.snoozed_until,
            Task.done_at,
            Task.application_id,
            Company.name,
            Application.role,
            Contact.name,
        )
        .outerjoin(Application, Task.application_id == Application.id)
        .outerjoin(Company, Application.company_id == Company.id)
        .outerjoin(Contact, Task.contact_id == Contact.id)
    )


def task_list(store: Store, today: date, show_snoozed: bool = False) -> list[TaskListRow]:
    """Open tasks, soonest first (undated last); snoozed ones only when asked for."""
    query = (
        _task_list_query()
        .where(Task.done.is_(False))
        .order_by(Task.due_on.is_(None), Task.due_on, Task.id)
    )
    if not show_snoozed:
        query = query.where(or_(Task.snoozed_until.is_(None), Task.snoozed_until <= today))
    with store.reading() as session:
        # Core execution: the ORM's per-row bookkeeping costs a third of the time at 50k rows.
        return [TaskListRow._make(row) for row in session.connection().execute(query)]


def grouped_tasks(
    store: Store, today: date, show_snoozed: bool = False, week_starts: int = 0
) -> list[tuple[TaskGroup, list[TaskListRow]]]:
    """The open tasks in their groups (Overdue, Today, This week, Later, No date); empty
    groups are left out. One query; the grouping is a single pass over its sorted rows."""
    groups: dict[TaskGroup, list[TaskListRow]] = {group: [] for group in TaskGroup}
    for row in task_list(store, today, show_snoozed):
        groups[group_for(row.due_on, today, week_starts)].append(row)
    return [(group, rows) for group, rows in groups.items() if rows]


def snoozed_count(store: Store, today: date) -> int:
    """Open tasks hidden by a snooze today (so an empty list can say they exist)."""
    query = (
        select(func.count())
        .select_from(Task)
        .where(Task.done.is_(False), Task.snoozed_until > today)
    )
    with store.reading() as session:
        return session.scalar(query) or 0
