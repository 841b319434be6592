"""Read-side queries for one application's detail view and the interview editor."""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from sqlalchemy import case, func, or_, select

from tracker.db.enums import Connection, ContactRole, InterviewKind, Stage
from tracker.db.models import (
    Application,
    ApplicationContact,
    Company,
    Contact,
    Interview,
    InterviewParticipant,
    StageChange,
)
from tracker.domain.store import Store, fetch


class HistoryRow(NamedTuple):
    changed_at: datetime
    from_stage: Stage | None
    to_stage: Stage
    note: str | None


class PersonRow(NamedTuple):
    contact_id: int
    name: str
    title: str | None
    email: str | None
    role: ContactRole


class InterviewRow(NamedTuple):
    id: int
    starts_at: datetime | None
    kind: InterviewKind
    round: int
    interviewers: str


class ContactChoice(NamedTuple):
    id: int
    name: str
    title: str | None
    company: str | None


class ParticipantRow(NamedTuple):
    contact_id: int
    name: str
    title: str | None
    topics: str | None
    connection: Connection | None


def history(store: Store, application_id: int) -> list[HistoryRow]:
    """The stage changes of one application, newest first."""
    with store.reading() as session:
        rows = session.execute(
            select(
                StageChange.changed_at,
                StageChange.from_stage,
                StageChange.to_stage,
                StageChange.note,
            )
            .where(StageChange.application_id == application_id)
            .order_by(StageChange.changed_at.desc(), StageChange.id.desc())
        )
        return [HistoryRow._make(row) for row in rows]


def people_rows(store: Store, application_id: int) -> list[PersonRow]:
    """Everyone on one application with the part they play, by role then name."""
    with store.reading() as session:
        rows = session.execute(
            select(Contact.id, Contact.name, Contact.title, Contact.email, ApplicationContact.role)
            .join(ApplicationContact, ApplicationContact.contact_id == Contact.id)
            .where(ApplicationContact.application_id == application_id)
            .order_by(ApplicationContact.role, Contact.name, Contact.id)
        )
        return [PersonRow._make(row) for row in rows]


def interview_rows(store: Store, application_id: int) -> list[InterviewRow]:
    """One application's interviews, newest first, with their interviewers' names joined."""
    with store.reading() as session:
        interviews = session.execute(
            select(Interview.id, Interview.starts_at, Interview.kind, Interview.round)
            .where(Interview.application_id == application_id)
            .order_by(Interview.starts_at.desc(), Interview.id.desc())
        ).all()
        names: dict[int, list[str]] = {}
        for interview_id, name in session.execute(
            select(InterviewParticipant.interview_id, Contact.name)
            .join(Contact, Contact.id == InterviewParticipant.contact_id)
            .join(Interview, Interview.id == InterviewParticipant.interview_id)
            .where(Interview.application_id == application_id)
            .order_by(InterviewParticipant.id)
        ):
            names.setdefault(interview_id, []).append(name)
        return [
            InterviewRow(row[0], row[1], row[2], row[3], ", ".join(names.get(row[0], [])))
            for row in interviews
        ]


def participant_rows(store: Store, interview_id: int) -> list[ParticipantRow]:
    """The people in one interview, in the order they were added."""
    with store.reading() as session:
        fetch(session, Interview, interview_id)
        rows = session.execute(
            select(
                Contact.id,
                Contact.name,
                Contact.title,
                InterviewParticipant.topics,
                InterviewParticipant.connection,
            )
            .join(Contact, Contact.id == InterviewParticipant.contact_id)
            .where(InterviewParticipant.interview_id == interview_id)
            .order_by(InterviewParticipant.id)
        )
        return [ParticipantRow._make(row) for row in rows]


def contact_choices(
    store: Store, search: str = "", company_first: str | None = None, limit: int = 200
) -> list[ContactChoice]:
    """Contacts whose name or title contains *search*; people at *company_first* come first."""
    query = select(Contact.id, Contact.name, Contact.title, Company.name).outerjoin(
        Company, Company.id == Contact.company_id
    )
    text = search.strip()
    if text:
        escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern = f"%{escaped}%"
        query = query.where(
            or_(Contact.name.ilike(pattern, escape="\\"), Contact.title.ilike(pattern, escape="\\"))
        )
    if company_first:
        here = case((func.lower(Company.name) == company_first.lower(), 0), else_=1)
        query = query.order_by(here)
    query = query.order_by(func.lower(Contact.name), Contact.id).limit(limit)
    with store.reading() as session:
        return [ContactChoice._make(row) for row in session.execute(query)]


def company_of(store: Store, application_id: int) -> str:
    with store.reading() as session:
        return fetch(session, Application, application_id).company.name


def headline(store: Store, application_id: int) -> tuple[str, str, Stage]:
    """(company, role, stage) for the detail's title."""
    with store.reading() as session:
        app = fetch(session, Application, application_id)
        return app.company.name, app.role, app.stage
