"""Interviews, and what was discussed with each person in them."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.db.enums import Connection, ContactRole, InterviewKind
from tracker.db.models import (
    Application,
    ApplicationContact,
    Contact,
    Interview,
    InterviewParticipant,
)
from tracker.domain.changes import Written
from tracker.domain.errors import NotFoundError, ValidationError
from tracker.domain.store import Store, fetch, written
from tracker.domain.validate import LONG_TEXT, URL_TEXT, Checker

MAX_MINUTES = 24 * 60


@dataclass(frozen=True)
class ParticipantInput:
    contact_id: int
    topics: str | None = None
    connection: Connection | str | None = None


@dataclass(frozen=True)
class InterviewInput:
    kind: InterviewKind | str = InterviewKind.OTHER
    round: int = 1
    starts_at: datetime | None = None
    duration_minutes: int | None = None
    location: str | None = None
    notes: str | None = None
    self_assessment: int | None = None
    participants: tuple[ParticipantInput, ...] = field(default_factory=tuple)


def _clean(data: InterviewInput) -> InterviewInput:
    c = Checker()
    seen: set[int] = set()
    people = []
    for i, person in enumerate(data.participants):
        if person.contact_id in seen:
            c.fail(f"participants.{i}", "The same person is listed twice.")
        seen.add(person.contact_id)
        people.append(
            ParticipantInput(
                contact_id=person.contact_id,
                topics=c.text(f"participants.{i}.topics", "Topics", person.topics, LONG_TEXT),
                connection=c.choice(
                    f"participants.{i}.connection", "Connection", Connection, person.connection
                ),
            )
        )
    cleaned = InterviewInput(
        kind=c.choice("kind", "Kind", InterviewKind, data.kind) or InterviewKind.OTHER,
        round=c.whole("round", "Round", data.round, 1, 50) or 1,
        starts_at=c.moment("starts_at", "Start time", data.starts_at),
        duration_minutes=c.whole(
            "duration_minutes", "Duration", data.duration_minutes, 1, MAX_MINUTES
        ),
        location=c.text("location", "Place or link", data.location, URL_TEXT),
        notes=c.text("notes", "Notes", data.notes, LONG_TEXT),
        self_assessment=c.whole("self_assessment", "Self-assessment", data.self_assessment, 1, 5),
        participants=tuple(people),
    )
    c.done()
    return cleaned


def _fill(interview: Interview, data: InterviewInput) -> None:
    interview.kind = InterviewKind(data.kind)
    interview.round = data.round
    interview.starts_at = data.starts_at
    interview.duration_minutes = data.duration_minutes
    interview.location = data.location
    interview.notes = data.notes
    interview.self_assessment = data.self_assessment


def _set_participants(session: Session, interview: Interview, data: InterviewInput) -> None:
    for person in data.participants:
        fetch(session, Contact, person.contact_id)
    interview.participants.clear()
    session.flush()
    for person in data.participants:
        interview.participants.append(
            InterviewParticipant(
                contact_id=person.contact_id,
                topics=person.topics,
                connection=Connection(person.connection) if person.connection else None,
            )
        )
        # Everyone in an interview is an interviewer on the application.
        known = session.scalar(
            select(ApplicationContact.id).where(
                ApplicationContact.application_id == interview.application_id,
                ApplicationContact.contact_id == person.contact_id,
                ApplicationContact.role == ContactRole.INTERVIEWER,
            )
        )
        if known is None:
            session.add(
                ApplicationContact(
                    application_id=interview.application_id,
                    contact_id=person.contact_id,
                    role=ContactRole.INTERVIEWER,
                )
            )


def delete_interview(store: Store, interview_id: int) -> Written[None]:
    with store.transaction() as session:
        interview = fetch(session, Interview, interview_id)
        session.delete(interview)
        return written(session, None)


def get_interview(store: Store, interview_id: int) -> InterviewInput:
    with store.reading() as session:
        interview = fetch(session, Interview, interview_id)
        return InterviewInput(
            kind=interview.kind,
            round=interview.round,
            starts_at=interview.starts_at,
            duration_minutes=interview.duration_minutes,
            location=interview.location,
            notes=interview.notes,
            self_assessment=interview.self_assessment,
            participants=tuple(
                ParticipantInput(p.contact_id, p.topics, p.connection)
                for p in sorted(interview.participants, key=lambda p: p.id)
            ),
        )


@dataclass(frozen=True)
class NewPerson:
    """Someone typed into the interview editor who is not a contact yet."""

    name: str
    title: str | None = None
    topics: str | None = None
    connection: Connection | str | None = None


def _clean_people(people: list[NewPerson]) -> list[NewPerson]:
    c = Checker()
    cleaned = [
        NewPerson(
            name=c.required(f"new_people.{i}.name", "Name", person.name),
            title=c.text(f"new_people.{i}.title", "Title", person.title),
            topics=c.text(f"new_people.{i}.topics", "Topics", person.topics, LONG_TEXT),
            connection=c.choice(
                f"new_people.{i}.connection", "Connection", Connection, person.connection
            ),
        )
        for i, person in enumerate(people)
    ]
    c.done()
    return cleaned


def save_interview(
    store: Store,
    application_id: int,
    interview_id: int | None,
    data: InterviewInput,
    new_people: list[NewPerson] | None = None,
) -> Written[int]:
    """Create or update an interview, creating its new people as contacts, all or nothing.

    New people join the application's company and come after the known participants.
    """
    # Check both parts first so every problem shows at once, before anything is written.
    problems: dict[str, str] = {}
    people: list[NewPerson] = []
    try:
        data = _clean(data)
    except ValidationError as exc:
        problems.update(exc.problems)
    try:
        people = _clean_people(new_people or [])
    except ValidationError as exc:
        problems.update(exc.problems)
    if problems:
        raise ValidationError(problems)
    with store.transaction() as session:
        application = fetch(session, Application, application_id)
        added: list[ParticipantInput] = []
        for person in people:
            contact = Contact(
                name=person.name, title=person.title, company_id=application.company_id
            )
            session.add(contact)
            session.flush()
            added.append(ParticipantInput(contact.id, person.topics, person.connection))
        data = replace(data, participants=(*data.participants, *added))
        if interview_id is None:
            interview = Interview(application_id=application_id)
            session.add(interview)
        else:
            interview = fetch(session, Interview, interview_id)
            if interview.application_id != application_id:
                raise NotFoundError("interview", interview_id)
        _fill(interview, data)
        session.flush()
        _set_participants(session, interview, data)
        return written(session, interview.id)
