"""After a rejection, what the app knows: the interviews, the people and their topics.

gather() reads it all in five queries; the panel and the plan work from the result.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from sqlalchemy import select

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
from tracker.domain.drafts.templates import first_name, topic_items
from tracker.domain.errors import NotFoundError
from tracker.domain.store import Store

KnowsWhy = Literal["me", "role_changed", "process_changed", "dont_know"]
KNOWS_WHY: tuple[KnowsWhy, ...] = ("me", "role_changed", "process_changed", "dont_know")
FIND_INTERVIEWERS = "find_interviewers"
YOU = "You"
INTERVIEW_NAMES = {
    InterviewKind.PHONE_SCREEN: "the phone screen",
    InterviewKind.TECHNICAL: "the technical interview",
    InterviewKind.BEHAVIOURAL: "the behavioural interview",
    InterviewKind.PANEL: "the panel interview",
    InterviewKind.ONSITE: "the onsite interview",
    InterviewKind.FINAL: "the final interview",
    InterviewKind.OTHER: "the interview",
}

# -- What the app knows ---------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    contact_id: int
    name: str
    title: str | None
    email: str | None

    @property
    def first_name(self) -> str:
        return first_name(self.name)

    @property
    def label(self) -> str:
        """ "Priya Raman · Senior Backend Engineer", or the name alone."""
        return f"{self.name} · {self.title}" if self.title else self.name


@dataclass(frozen=True)
class Participant:
    person: Person
    topics: str | None
    connection: Connection | None


@dataclass(frozen=True)
class InterviewFacts:
    id: int
    round: int
    kind: InterviewKind
    starts_at: datetime | None
    self_assessment: int | None
    participants: tuple[Participant, ...]

    @property
    def label(self) -> str:
        """ "Round 2 · Behavioural · 20 Nov 2026" (the date in local time, when known)."""
        parts = [f"Round {self.round}", self.kind.label]
        if self.starts_at is not None:
            parts.append(f"{self.starts_at.astimezone():%d %b %Y}".lstrip("0"))
        return " · ".join(parts)


@dataclass(frozen=True)
class RejectionFacts:
    application_id: int
    company: str
    role: str
    started_at: datetime | None  # the first stage change on record
    rejected_at: datetime | None  # the latest change to rejected
    interviews: tuple[InterviewFacts, ...]
    interviewers: tuple[Person, ...]  # everyone who interviewed, first seen first
    recruiter: Person | None
    hiring_manager: Person | None
    decision_maker: Person | None
    network: tuple[Person, ...]  # the person's own network, by name
    upcoming: tuple[InterviewFacts, ...] = ()  # booked but not held yet: never thanked for

    @property
    def process_days(self) -> int | None:
        if self.started_at is None or self.rejected_at is None:
            return None
        return max(0, (self.rejected_at.date() - self.started_at.date()).days)

    def topics_with(self, contact_id: int) -> list[str]:
        """What was discussed with one person, most recent interview first, as typed."""
        found: list[str] = []
        for interview in reversed(self.interviews):
            for part in interview.participants:
                if part.person.contact_id == contact_id:
                    found += [t for t in topic_items(part.topics) if t not in found]
        return found

    def interview_name_with(self, contact_id: int) -> str | None:
        """ "the technical interview": the latest one this person was in."""
        for interview in reversed(self.interviews):
            if any(p.person.contact_id == contact_id for p in interview.participants):
                return INTERVIEW_NAMES[interview.kind]
        return None

    def last_interview_with(self, contact_id: int) -> int | None:
        ids = [
            i.id
            for i in self.interviews
            if any(p.person.contact_id == contact_id for p in i.participants)
        ]
        return ids[-1] if ids else None


def gather(store: Store, application_id: int, now: datetime | None = None) -> RejectionFacts:
    """Everything the panel shows about one application, in five queries.

    Only interviews that have happened (or have no date) count; later ones are kept apart
    in .upcoming, and the people only in those are not among the interviewers."""
    now = now or datetime.now(UTC)
    person = (Contact.id, Contact.name, Contact.title, Contact.email)
    with store.reading() as session:
        head = session.execute(
            select(Company.name, Application.role)
            .join(Company, Application.company_id == Company.id)
            .where(Application.id == application_id)
        ).first()
        if head is None:
            raise NotFoundError("application", application_id)
        changes = session.execute(
            select(StageChange.changed_at, StageChange.to_stage)
            .where(StageChange.application_id == application_id)
            .order_by(StageChange.changed_at, StageChange.id)
        ).all()
        interview_rows = session.execute(
            select(
                Interview.id,
                Interview.round,
                Interview.kind,
                Interview.starts_at,
                Interview.self_assessment,
                InterviewParticipant.topics,
                InterviewParticipant.connection,
                *person,
            )
            .outerjoin(InterviewParticipant, InterviewParticipant.interview_id == Interview.id)
            .outerjoin(Contact, InterviewParticipant.contact_id == Contact.id)
            .where(Interview.application_id == application_id)
            .order_by(
                Interview.starts_at.is_(None),
                Interview.starts_at,
                Interview.round,
                Interview.id,
                InterviewParticipant.id,
            )
        ).all()
        role_rows = session.execute(
            select(ApplicationContact.role, *person)
            .join(Contact, ApplicationContact.contact_id == Contact.id)
            .where(ApplicationContact.application_id == application_id)
            .order_by(ApplicationContact.id)
        ).all()
        network_rows = session.execute(
            select(*person).where(Contact.in_network.is_(True)).order_by(Contact.name, Contact.id)
        ).all()

    interviews: dict[
        int, tuple[tuple[int, InterviewKind, datetime | None, int | None], list[Participant]]
    ] = {}
    interviewers: dict[int, Person] = {}
    later: set[int] = set()  # interviews not held yet
    only_later: set[int] = set()  # people seen only in those
    for (
        iid,
        rnd,
        kind,
        starts,
        assessed,
        topics,
        connection,
        cid,
        name,
        title,
        email,
    ) in interview_rows:
        _, people = interviews.setdefault(iid, ((rnd, kind, starts, assessed), []))
        if starts is not None and starts > now:
            later.add(iid)
        if cid is not None:
            who = Person(cid, name, title, email)
            people.append(Participant(who, topics, connection))
            if iid in later:
                only_later.add(cid)
            else:
                interviewers.setdefault(cid, who)
    by_role: dict[ContactRole, Person] = {}
    for role, cid, name, title, email in role_rows:
        who = Person(cid, name, title, email)
        by_role.setdefault(role, who)
        if role is ContactRole.INTERVIEWER and (cid in interviewers or cid not in only_later):
            interviewers.setdefault(cid, who)  # on record as an interviewer, notes or not
    rejections = [when for when, stage in changes if stage is Stage.REJECTED]
    return RejectionFacts(
        application_id=application_id,
        company=head[0],
        role=head[1],
        started_at=changes[0][0] if changes else None,
        rejected_at=rejections[-1] if rejections else None,
        interviews=tuple(
            InterviewFacts(iid, rnd, kind, starts, assessed, tuple(people))
            for iid, ((rnd, kind, starts, assessed), people) in interviews.items()
            if iid not in later
        ),
        upcoming=tuple(
            InterviewFacts(iid, rnd, kind, starts, assessed, tuple(people))
            for iid, ((rnd, kind, starts, assessed), people) in interviews.items()
            if iid in later
        ),
        interviewers=tuple(interviewers.values()),
        recruiter=by_role.get(ContactRole.RECRUITER),
        hiring_manager=by_role.get(ContactRole.HIRING_MANAGER),
        decision_maker=by_role.get(ContactRole.DECISION_MAKER),
        network=tuple(Person(*row) for row in network_rows),
    )
