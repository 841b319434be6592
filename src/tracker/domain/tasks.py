"""Tasks: what the person owes someone next, and when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.db.coltypes import utcnow
from tracker.db.enums import TaskKind, TaskOrigin
from tracker.db.models import Application, Contact, Interview, Task
from tracker.domain.store import Store, fetch
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


def create_task(store: Store, data: TaskInput) -> int:
    data = _clean(data)
    with store.transaction() as session:
        _check_links(session, data)
        task = Task()
        _fill(task, data)
        session.add(task)
        session.flush()
        return task.id


def update_task(store: Store, task_id: int, data: TaskInput) -> None:
    data = _clean(data)
    with store.transaction() as session:
        _check_links(session, data)
        _fill(fetch(session, Task, task_id), data)


def complete_task(store: Store, task_id: int) -> None:
    """Mark done and keep when; completing twice keeps the first time."""
    with store.transaction() as session:
        task = fetch(session, Task, task_id)
        if not task.done:
            task.done = True
            task.done_at = utcnow()
            task.snoozed_until = None


def reopen_task(store: Store, task_id: int) -> None:
    with store.transaction() as session:
        task = fetch(session, Task, task_id)
        task.done = False
        task.done_at = None


def snooze_task(store: Store, task_id: int, until: date, today: date | None = None) -> None:
    c = Checker()
    c.day("snoozed_until", "Snooze date", until)
    if until <= (today or date.today()):
        c.fail("snoozed_until", "Snooze until a day after today.")
    c.done()
    with store.transaction() as session:
        fetch(session, Task, task_id).snoozed_until = until


def delete_task(store: Store, task_id: int) -> None:
    with store.transaction() as session:
        session.delete(fetch(session, Task, task_id))


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
