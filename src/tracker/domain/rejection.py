"""After a rejection: what the app knows, the panel's questions, the plan, and saving it.

The panel calls gather() once, lets the person answer Answers and pick a path (helped by
suggest_path), shows build_plan()'s tasks for editing, and saves with confirm_plan():
every ticked task and the debrief in one transaction, or nothing at all.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.db.enums import (
    Connection,
    ContactRole,
    DebriefPath,
    InterviewKind,
    Stage,
    TaskKind,
    TaskOrigin,
)
from tracker.db.models import (
    Application,
    ApplicationContact,
    Company,
    Contact,
    Interview,
    InterviewParticipant,
    RejectionDebrief,
    StageChange,
    Task,
)
from tracker.domain.business_days import add_business_days
from tracker.domain.drafts import (
    count_words,
    first_name,
    in_sentence,
    natural_list,
    render,
    render_draft,
    topic_items,
)
from tracker.domain.errors import NotFoundError, ValidationError
from tracker.domain.playbook import Audience, Playbook, Step
from tracker.domain.store import Store, fetch
from tracker.domain.validate import LONG_TEXT, Checker

KnowsWhy = Literal["me", "role_changed", "process_changed", "dont_know"]
KNOWS_WHY: tuple[KnowsWhy, ...] = ("me", "role_changed", "process_changed", "dont_know")
FIND_INTERVIEWERS = "find_interviewers"
YOU = "You"

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

    @property
    def process_days(self) -> int | None:
        if self.started_at is None or self.rejected_at is None:
            return None
        return max(0, (self.rejected_at.date() - self.started_at.date()).days)

    def topics_with(self, contact_id: int) -> list[str]:
        """What was discussed with one person, over all their interviews."""
        found: list[str] = []
        for interview in self.interviews:
            for part in interview.participants:
                if part.person.contact_id == contact_id:
                    found += [t for t in topic_items(part.topics) if t not in found]
        return found

    def last_interview_with(self, contact_id: int) -> int | None:
        ids = [
            i.id
            for i in self.interviews
            if any(p.person.contact_id == contact_id for p in i.participants)
        ]
        return ids[-1] if ids else None


def gather(store: Store, application_id: int) -> RejectionFacts:
    """Everything the panel shows about one application, in five queries."""
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
        if cid is not None:
            who = Person(cid, name, title, email)
            people.append(Participant(who, topics, connection))
            interviewers.setdefault(cid, who)
    by_role: dict[ContactRole, Person] = {}
    for role, cid, name, title, email in role_rows:
        who = Person(cid, name, title, email)
        by_role.setdefault(role, who)
        if role is ContactRole.INTERVIEWER:
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
        ),
        interviewers=tuple(interviewers.values()),
        recruiter=by_role.get(ContactRole.RECRUITER),
        hiring_manager=by_role.get(ContactRole.HIRING_MANAGER),
        decision_maker=by_role.get(ContactRole.DECISION_MAKER),
        network=tuple(Person(*row) for row in network_rows),
    )


# -- The questions --------------------------------------------------------------------


@dataclass
class Answers:
    """The panel's questions; None means not answered (yet)."""

    still_want: bool | None = None
    knows_why: KnowsWhy | None = None
    can_reach_decision_maker: bool | None = None
    weak_interview_ids: set[int] = field(default_factory=set)
    weak_contact_ids: set[int] = field(default_factory=set)

    def to_json(self) -> str:
        return json.dumps(
            {
                "still_want": self.still_want,
                "knows_why": self.knows_why,
                "can_reach_decision_maker": self.can_reach_decision_maker,
                "weak_interview_ids": sorted(self.weak_interview_ids),
                "weak_contact_ids": sorted(self.weak_contact_ids),
            }
        )


def prefill_answers(facts: RejectionFacts) -> Answers:
    """Weak spots as already recorded: a self-assessment of 2 or less, a weak connection."""
    return Answers(
        weak_interview_ids={
            i.id
            for i in facts.interviews
            if i.self_assessment is not None and i.self_assessment <= 2
        },
        weak_contact_ids={
            p.person.contact_id
            for i in facts.interviews
            for p in i.participants
            if p.connection is Connection.WEAK
        },
    )


def suggest_path(facts: RejectionFacts, answers: Answers) -> tuple[DebriefPath, str]:
    """A suggestion and the reason for it, in one sentence; the person decides."""
    if answers.still_want is False:
        return DebriefPath.FLIGHT, (
            "You said this role is not for you any more, so leave on a warm note and keep "
            "your energy for what is next."
        )
    if answers.knows_why in ("role_changed", "process_changed"):
        return DebriefPath.FLIGHT, (
            "The role or the process changed, which says little about you; a gracious "
            "goodbye keeps the door open."
        )
    if answers.still_want is None:
        return DebriefPath.FLIGHT, (
            "If you are unsure, moving on kindly is never wrong, and the thank-you notes "
            "still go out."
        )
    if answers.can_reach_decision_maker or facts.decision_maker is not None:
        return DebriefPath.FIGHT, (
            "You still want this role and there is a way to the person who decides, so one "
            "honest try is worth it."
        )
    return DebriefPath.FIGHT, (
        "You still want this role; start with the recruiter, who can carry your letter to "
        "the person who decides."
    )


# -- The plan -------------------------------------------------------------------------


@dataclass
class PlannedTask:
    """One task the chosen path would create; the panel may edit or untick it."""

    step_id: str
    kind: TaskKind
    title: str
    audience: str  # "Priya Raman · Senior Backend Engineer", "[recruiter's name]" or "You"
    contact_id: int | None
    interview_id: int | None
    due_on: date | None
    subject: str
    body: str
    included: bool = True
    email: str | None = None  # where the draft goes, when known
    why: str = ""  # the step's reason, from the playbook
    note: str | None = None  # what is missing, and how to fill it


GAP_NAMES = {
    Audience.RECRUITER: "[recruiter's name]",
    Audience.DECISION_MAKER: "[decision maker's name]",
    Audience.HIRING_MANAGER_OR_RECRUITER: "[hiring manager's name]",
    Audience.NETWORK_CONTACTS: "[name from your network]",
    Audience.EACH_INTERVIEWER: "[interviewer's name]",
    Audience.SELF: "[their name]",
}
MISSING = {
    Audience.RECRUITER: (
        "No recruiter on record yet. Pick or add one and the draft uses their name."
    ),
    Audience.DECISION_MAKER: (
        "No decision maker on record yet. Pick or add one and the draft uses their name."
    ),
    Audience.HIRING_MANAGER_OR_RECRUITER: (
        "No hiring manager or recruiter on record yet. Pick or add one and the draft uses "
        "their name."
    ),
    Audience.NETWORK_CONTACTS: (
        "No one from your network is picked yet. Pick people above, or add a contact and "
        "mark them as part of your network."
    ),
}
NO_INTERVIEWERS = "No interviewers on record yet. Add them above to plan one thank-you note each."


def _weak_points(facts: RejectionFacts, answers: Answers) -> str | None:
    lines = []
    for interview in facts.interviews:
        if interview.id in answers.weak_interview_ids:
            names = natural_list([p.person.name for p in interview.participants])
            with_whom = f" with {names}" if names else ""
            lines.append(f"- {interview.label}{with_whom}: felt weaker than you wanted.")
    for person in facts.interviewers:
        if person.contact_id in answers.weak_contact_ids:
            topics = natural_list([in_sentence(t) for t in facts.topics_with(person.contact_id)])
            talked = f" You talked about {topics}." if topics else ""
            who = f"{person.name} ({person.title})" if person.title else person.name
            lines.append(f"- {who}: the connection was not as strong as you wanted.{talked}")
    return "\n".join(lines) or None


def _letter_points(facts: RejectionFacts, answers: Answers) -> str | None:
    people = {p.contact_id for p in facts.interviewers if p.contact_id in answers.weak_contact_ids}
    for interview in facts.interviews:
        if interview.id in answers.weak_interview_ids:
            people |= {p.person.contact_id for p in interview.participants}
    topics: list[str] = []
    for person in facts.interviewers:
        if person.contact_id in people:
            topics += [t for t in facts.topics_with(person.contact_id) if t not in topics]
    return "\n".join(f"- {t[:1].upper()}{t[1:]}: [what you would add now]" for t in topics) or None


def _shared_values(
    facts: RejectionFacts, answers: Answers, user_name: str, network: list[Person]
) -> dict[str, str | None]:
    decider = facts.decision_maker
    interviews = [
        f"- {i.label}"
        + (
            f", with {natural_list([p.person.name for p in i.participants])}"
            if i.participants
            else ""
        )
        for i in facts.interviews
    ]
    return {
        "company": facts.company,
        "role": facts.role,
        "user_name": user_name,
        "interviews": "\n".join(interviews) or None,
        "weak_points": _weak_points(facts, answers),
        "letter_points": _letter_points(facts, answers),
        "decision_maker_name": decider.name if decider else None,
        "decision_maker_first_name": decider.first_name if decider else None,
        "network_names": natural_list(
            [f"{p.name} ({p.title})" if p.title else p.name for p in network]
        ),
        "network_phrase": count_words(len(network), "person", "people") if network else None,
    }


def _recipients(facts: RejectionFacts, step: Step, network: list[Person]) -> list[Person | None]:
    """Whom one step addresses: one entry per task; None is someone not on record yet."""
    match step.audience:
        case Audience.RECRUITER:
            return [facts.recruiter]
        case Audience.DECISION_MAKER:
            return [facts.decision_maker]
        case Audience.HIRING_MANAGER_OR_RECRUITER:
            return [facts.hiring_manager or facts.recruiter]
        case Audience.EACH_INTERVIEWER:
            return list(facts.interviewers)
        case Audience.NETWORK_CONTACTS:
            return list(network) or [None]
    return [None]


def build_plan(
    facts: RejectionFacts,
    answers: Answers,
    path: DebriefPath,
    playbook: Playbook,
    today: date,
    user_name: str,
    chosen_network_ids: Iterable[int],
    override_dir: Path | None = None,
) -> list[PlannedTask]:
    """The tasks *path* would create, in playbook order, with their drafts filled in."""
    chosen = set(chosen_network_ids)
    network = [p for p in facts.network if p.contact_id in chosen]
    shared = _shared_values(facts, answers, user_name.strip(), network)
    plan: list[PlannedTask] = []
    for step in playbook.steps(path):
        due = add_business_days(today, step.due_business_days)
        if step.audience is Audience.EACH_INTERVIEWER and not facts.interviewers:
            draft = render_draft(FIND_INTERVIEWERS, shared, override_dir=override_dir)
            plan.append(
                PlannedTask(
                    step.id,
                    TaskKind.TODO,
                    "Find the names of the people who interviewed you",
                    YOU,
                    None,
                    None,
                    due,
                    draft.subject,
                    draft.body,
                    why=step.why,
                    note=NO_INTERVIEWERS,
                )
            )
            continue
        for person in _recipients(facts, step, network):
            values = dict(shared)
            gap = GAP_NAMES[step.audience]
            gaps = {"first_name": gap, "full_name": gap}
            interview_id = None
            if person is not None:
                values |= {
                    "first_name": person.first_name,
                    "full_name": person.name,
                    "title": person.title,
                }
                if step.audience is Audience.EACH_INTERVIEWER:
                    topics = facts.topics_with(person.contact_id)
                    values["topics"] = natural_list([in_sentence(t) for t in topics])
                    interview_id = facts.last_interview_with(person.contact_id)
            draft = render_draft(step.template, values, gaps, override_dir)
            notes = []
            if person is None and step.audience is not Audience.SELF:
                notes.append(MISSING[step.audience])
            if step.kind is TaskKind.REFERRAL and not network:
                notes.append(MISSING[Audience.NETWORK_CONTACTS])
            plan.append(
                PlannedTask(
                    step_id=step.id,
                    kind=step.kind,
                    title=render(step.title, values, gaps),
                    audience=YOU
                    if step.audience is Audience.SELF
                    else person.label
                    if person
                    else gap,
                    contact_id=person.contact_id if person else None,
                    interview_id=interview_id,
                    due_on=due,
                    subject=draft.subject,
                    body=draft.body,
                    email=person.email if person else None,
                    why=step.why,
                    note=" ".join(dict.fromkeys(notes)) or None,
                )
            )
    return plan


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
) -> ConfirmResult:
    """Create every ticked task (origin: playbook) and the debrief together, or nothing."""
    c = Checker()
    chosen = c.choice("path", "Path", DebriefPath, path)
    if chosen is None:
        c.fail("path", "Choose Fight or Flight.")
    debrief = RejectionDebrief(
        application_id=application_id,
        path=chosen,
        answers=answers.to_json(),
        went_well=c.text("went_well", "What went well", went_well, LONG_TEXT),
        do_differently=c.text(
            "do_differently", "What to do differently", do_differently, LONG_TEXT
        ),
    )
    rows = _clean_tasks(c, tasks)
    c.done()
    with store.transaction() as session:
        fetch(session, Application, application_id)
        _check_links(session, application_id, rows)
        for _, task in rows:
            task.application_id = application_id
        session.add_all([task for _, task in rows])
        session.add(debrief)
        session.flush()
        return ConfirmResult([task.id for _, task in rows], debrief.id)


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
) -> int:
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
        if interview_id is not None:
            session.add(
                InterviewParticipant(
                    interview_id=interview_id, contact_id=contact.id, topics=clean_topics
                )
            )
        return contact.id


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
