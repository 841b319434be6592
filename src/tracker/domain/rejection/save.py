"""Saving the plan (every ticked task and the debrief in one transaction), adding someone
missing from the panel, and whether the panel should open on its own."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracker.db.coltypes import utcnow
from tracker.db.enums import ContactRole, DebriefPath, InterviewKind, Stage, TaskKind, TaskOrigin
from tracker.db.models import (
    Application,
    ApplicationContact,
    Contact,
    Interview,
    InterviewParticipant,
    RejectionDebrief,
    StageChange,
    Task,
)
from tracker.domain.changes import Written
from tracker.domain.drafts.templates import shorten
from tracker.domain.errors import ValidationError
from tracker.domain.rejection.existing import debrief_for_rejection, pair, planned_tasks
from tracker.domain.rejection.plan import Answers, PlannedTask
from tracker.domain.store import Store, fetch, written
from tracker.domain.validate import LONG_TEXT, Checker

TITLE_LIMIT = 300  # Task.title

# -- Saving ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ConfirmResult:
    task_ids: list[int]
    debrief_id: int


def _clean_tasks(c: Checker, tasks: list[PlannedTask]) -> list[tuple[int, Task]]:
    """The ticked tasks as rows, each checked; problems are named "tasks.<index>.<field>"."""
    rows = []
    for i, planned in enumerate(tasks):
        if not planned.included:
            continue
        where = f"tasks.{i}"
        task = Task(
            kind=c.choice(f"{where}.kind", "Kind", TaskKind, planned.kind) or TaskKind.TODO,
            title=c.required(f"{where}.title", "Title", planned.title, 300),
            due_on=c.day(f"{where}.due_on", "Due date", planned.due_on),
            draft_subject=c.text(f"{where}.subject", "Subject", planned.subject, 300),
            draft_body=c.text(f"{where}.body", "Draft", planned.body, LONG_TEXT),
            origin=TaskOrigin.PLAYBOOK,
            contact_id=planned.contact_id,
            interview_id=planned.interview_id,
            needs_name=planned.needs_name,
        )
        rows.append((i, task))
    return rows


def confirm_plan(
    store: Store,
    application_id: int,
    path: DebriefPath | str,
    answers: Answers,
    went_well: str | None,
    do_differently: str | None,
    tasks: list[PlannedTask],
    close_task_ids: Iterable[int] = (),
) -> Written[ConfirmResult]:
    """Save every ticked task (origin: playbook) and the debrief together, or nothing.

    Planned again for the same rejection, the debrief is updated, tasks done or sent are
    kept, drafts not yet sent are replaced and only what is missing is added. The
    application's tasks in *close_task_ids* (ones the rejection made moot) are marked done."""
    c = Checker()
    chosen = c.choice("path", "Path", DebriefPath, path)
    if chosen is None:
        c.fail("path", "Choose Fight or Flight.")
    went = c.text("went_well", "What went well", went_well, LONG_TEXT)
    differently = c.text("do_differently", "What to do differently", do_differently, LONG_TEXT)
    rows = _clean_tasks(c, tasks)
    c.done()
    assert chosen is not None
    with store.transaction() as session:
        application = fetch(session, Application, application_id)
        _check_links(session, application_id, rows)
        # One debrief and one set of tasks per rejection: planning again keeps what is done
        # or sent, replaces drafts not yet sent and adds only what is missing.
        earlier = planned_tasks(session, application_id)
        saved: list[Task] = []
        for (_, task), before in zip(rows, pair([t for _, t in rows], earlier), strict=True):
            if before is None:
                task.application_id = application_id
                session.add(task)
                saved.append(task)
            elif not (before.done or before.sent_at is not None):
                for name in (
                    "title",
                    "due_on",
                    "draft_subject",
                    "draft_body",
                    "interview_id",
                    "needs_name",
                ):
                    setattr(before, name, getattr(task, name))
                saved.append(before)
        # The moot tasks picked, and a "Plan your response" reminder: done now.
        moot = session.scalars(
            select(Task).where(
                Task.id.in_(set(close_task_ids)) | (Task.title == _reminder_title(application)),
                Task.application_id == application_id,
                Task.done.is_(False),
            )
        )
        for old in moot:
            old.done, old.done_at, old.snoozed_until = True, utcnow(), None
        debrief = debrief_for_rejection(session, application_id)
        if debrief is None:
            debrief = RejectionDebrief(application_id=application_id)
            session.add(debrief)
        debrief.path = chosen
        debrief.answers = answers.to_json()
        debrief.went_well = went
        debrief.do_differently = differently
        session.flush()
        return written(session, ConfirmResult([task.id for task in saved], debrief.id))


def _check_links(session: Session, application_id: int, rows: list[tuple[int, Task]]) -> None:
    """People or interviews deleted while the panel was open: say which task, write nothing."""
    contact_ids = {t.contact_id for _, t in rows if t.contact_id is not None}
    interview_ids = {t.interview_id for _, t in rows if t.interview_id is not None}
    known_contacts = set(session.scalars(select(Contact.id).where(Contact.id.in_(contact_ids))))
    known_interviews = set(
        session.scalars(
            select(Interview.id).where(
                Interview.id.in_(interview_ids), Interview.application_id == application_id
            )
        )
    )
    c = Checker()
    for i, task in rows:
        if task.contact_id is not None and task.contact_id not in known_contacts:
            c.fail(f"tasks.{i}.contact_id", "This person no longer exists; pick someone else.")
        if task.interview_id is not None and task.interview_id not in known_interviews:
            c.fail(f"tasks.{i}.interview_id", "This interview is no longer on record.")
    c.done()


def add_person_inline(
    store: Store,
    application_id: int,
    name: str,
    title: str | None,
    role: ContactRole | str,
    topics: str | None = None,
    interview_id: int | None = None,
    *,
    email: str | None = None,
) -> Written[int]:
    """Add someone missing from the panel: a contact at the application's company, their
    role on it and, with an interview, their place in it (with what was discussed)."""
    c = Checker()
    clean_name = c.required("name", "Name", name)
    clean_title = c.text("title", "Title", title)
    clean_email = c.email("email", email)
    clean_topics = c.text("topics", "Topics", topics, LONG_TEXT)
    chosen = c.choice("role", "Role", ContactRole, role)
    if chosen is None:
        c.fail("role", "Choose a role.")
    c.done()
    assert chosen is not None
    with store.transaction() as session:
        application = fetch(session, Application, application_id)
        if interview_id is not None:
            interview = fetch(session, Interview, interview_id)
            if interview.application_id != application_id:
                raise ValidationError(
                    {"interview_id": "That interview is for another application."}
                )
        contact = Contact(
            name=clean_name, title=clean_title, email=clean_email, company_id=application.company_id
        )
        session.add(contact)
        session.flush()
        roles = {chosen} | ({ContactRole.INTERVIEWER} if interview_id is not None else set())
        for each in sorted(roles):
            session.add(
                ApplicationContact(application_id=application_id, contact_id=contact.id, role=each)
            )
        if interview_id is None and chosen is ContactRole.INTERVIEWER and clean_topics:
            # No interview on record yet: one (undated) keeps what was discussed with them.
            last = session.scalar(
                select(func.max(Interview.round)).where(Interview.application_id == application_id)
            )
            interview = Interview(
                application_id=application_id, round=(last or 0) + 1, kind=InterviewKind.OTHER
            )
            session.add(interview)
            session.flush()
            interview_id = interview.id
        if interview_id is not None:
            session.add(
                InterviewParticipant(
                    interview_id=interview_id, contact_id=contact.id, topics=clean_topics
                )
            )
        return written(session, contact.id)


def cancel_interviews(store: Store, application_id: int, interview_ids: list[int]) -> Written[int]:
    """Take interviews booked after the rejection off the record, all together; only this
    application's interviews that have not started yet. Returns how many went."""
    with store.transaction() as session:
        fetch(session, Application, application_id)
        rows = session.scalars(
            select(Interview).where(
                Interview.id.in_(interview_ids),
                Interview.application_id == application_id,
                Interview.starts_at > utcnow(),
            )
        ).all()
        for interview in rows:
            session.delete(interview)
        session.flush()
        return written(session, len(rows))


REMINDER_TITLE = "Plan your response to {what}"


def _reminder_title(application: Application) -> str:
    what = f"{application.role} at {application.company.name}"
    return shorten(REMINDER_TITLE.format(what=what), TITLE_LIMIT)


def remind_to_plan(store: Store, application_id: int, due_on: date) -> Written[int | None]:
    """ "Not now": a to-do to plan the response later, unless one is already open.
    Returns the new task's id (None when one was already there)."""
    with store.transaction() as session:
        application = fetch(session, Application, application_id)
        title = _reminder_title(application)
        already = session.scalar(
            select(Task.id).where(
                Task.application_id == application_id,
                Task.done.is_(False),
                Task.title == title,
            )
        )
        if already is not None:
            return written(session, None)
        task = Task(
            kind=TaskKind.TODO,
            title=title,
            due_on=due_on,
            origin=TaskOrigin.PLAYBOOK,
            application_id=application_id,
        )
        session.add(task)
        session.flush()
        return written(session, task.id)


# -- When the panel opens -------------------------------------------------------------


def latest_rejection_at(store: Store, application_id: int) -> datetime | None:
    """When the application was rejected, if its latest stage change is to rejected."""
    with store.reading() as session:
        last = session.execute(
            select(StageChange.to_stage, StageChange.changed_at)
            .where(StageChange.application_id == application_id)
            .order_by(StageChange.changed_at.desc(), StageChange.id.desc())
            .limit(1)
        ).first()
    return last[1] if last is not None and last[0] is Stage.REJECTED else None


def debrief_exists(store: Store, application_id: int, since: datetime | None = None) -> bool:
    """Whether a debrief was saved for this application (at or after *since*, if given)."""
    query = select(RejectionDebrief.id).where(RejectionDebrief.application_id == application_id)
    if since is not None:
        query = query.where(RejectionDebrief.created_at >= since)
    with store.reading() as session:
        return session.scalar(query.limit(1)) is not None


def needs_panel(store: Store, application_id: int) -> bool:
    """True while the latest rejection has no debrief: open the panel on its own once.
    ("Plan my response" opens it whatever this says.)"""
    rejected = latest_rejection_at(store, application_id)
    return rejected is not None and not debrief_exists(store, application_id, rejected)
