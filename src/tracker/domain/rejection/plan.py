"""The panel's questions, the suggested path, and the plan: tasks with their drafts filled in."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from tracker.db.enums import Connection, DebriefPath, TaskKind
from tracker.domain.drafts.business_days import add_business_days
from tracker.domain.drafts.templates import (
    GAPS,
    count_words,
    in_sentence,
    natural_list,
    render,
    render_draft,
    shorten,
    unfilled_names,
)
from tracker.domain.rejection.facts import (
    FIND_INTERVIEWERS,
    YOU,
    KnowsWhy,
    Person,
    RejectionFacts,
)
from tracker.domain.rejection.playbook import Audience, Playbook, Step
from tracker.domain.rejection.wording import (
    SUBJECT_LIMIT,
    TITLE_LIMIT,
    TOPIC_LIMIT,
    fit,
    introduced,
    stood_out,
    third_person_note,
)
from tracker.domain.validate import LONG_TEXT

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
    stood_out: str | None = None  # a thank-you's "what stood out with this person" line

    @property
    def needs_name(self) -> bool:
        """Someone in the title, the recipient or the draft is still a [placeholder]."""
        gaps = unfilled_names(self.title, self.audience, self.subject, self.body)
        return any(gap != GAPS["user_name"] for gap in gaps)  # the signer is not "a person"


GAP_NAMES = {
    Audience.RECRUITER: "[recruiter's name]",
    Audience.DECISION_MAKER: "[decision maker's name]",
    Audience.DECISION_MAKER_VIA_RECRUITER: "[recruiter's name]",
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
    Audience.DECISION_MAKER_VIA_RECRUITER: (
        "No recruiter on record yet. Pick or add one: they pass your letter on."
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
            topics = natural_list(
                [shorten(in_sentence(t), TOPIC_LIMIT) for t in facts.topics_with(person.contact_id)]
            )
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
    lines = [f"- {shorten(t, TOPIC_LIMIT)}: [what you would add now]" for t in topics]
    return "\n".join(lines) or None


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
        "network_names": natural_list([introduced(p) for p in network]),
        "network_phrase": count_words(len(network), "person", "people") if network else None,
        "who_decided": None
        if decider
        else " And could you tell me who made the final decision? I would like to write to them.",
    }


def _recipients(facts: RejectionFacts, step: Step, network: list[Person]) -> list[Person | None]:
    """Whom one step addresses: one entry per task; None is someone not on record yet."""
    match step.audience:
        case Audience.RECRUITER | Audience.DECISION_MAKER_VIA_RECRUITER:
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
    stood_out_lines: Mapping[int, str] | None = None,
    debrief: tuple[str, str] = ("", ""),
) -> list[PlannedTask]:
    """The tasks *path* would create, in playbook order, with their drafts filled in.

    *stood_out_lines* holds the "what stood out" line edited for an interviewer (by contact
    id); anyone not in it gets the line prefilled from their topics. *debrief* is what was
    typed as (what went well, what I'd do differently); the reflection quotes it."""
    lines = stood_out_lines or {}
    chosen = set(chosen_network_ids)
    network = [p for p in facts.network if p.contact_id in chosen]
    shared = _shared_values(facts, answers, user_name.strip(), network)
    shared["went_well"], shared["do_differently"] = (part.strip() for part in debrief)
    plan: list[PlannedTask] = []
    # "No, or not sure": nothing goes straight to the decision maker; the letter still goes
    # through the recruiter (who is asked who decided when nobody is on record).
    direct = answers.can_reach_decision_maker is True or (
        answers.can_reach_decision_maker is None and facts.decision_maker is not None
    )
    for step in playbook.steps(path):
        if step.audience is Audience.DECISION_MAKER and not direct:
            continue
        due = add_business_days(today, step.due_business_days)
        if step.audience is Audience.EACH_INTERVIEWER and not facts.interviewers:
            draft = render_draft(FIND_INTERVIEWERS, shared, None, override_dir, playbook.templates)
            plan.append(
                PlannedTask(
                    step.id,
                    TaskKind.TODO,
                    "Find the names of the people who interviewed you",
                    YOU,
                    None,
                    None,
                    due,
                    shorten(draft.subject, SUBJECT_LIMIT),
                    fit(draft.body, LONG_TEXT),
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
            notes: list[str] = []
            line_stood_out: str | None = None
            if person is not None:
                values |= {
                    "first_name": person.first_name,
                    "full_name": person.name,
                    "title": person.title,
                }
                if step.audience is Audience.EACH_INTERVIEWER:
                    line = lines.get(person.contact_id, stood_out(facts, person.contact_id))
                    values["topics"] = line.strip()
                    values["interview_name"] = facts.interview_name_with(person.contact_id)
                    interview_id = facts.last_interview_with(person.contact_id)
                    line_stood_out = line
                    notes.append(third_person_note(person.first_name, line) or "")
            draft = render_draft(step.template, values, gaps, override_dir, playbook.templates)
            if person is None and step.audience is not Audience.SELF:
                notes.append(MISSING[step.audience])
            if (
                step.audience is Audience.DECISION_MAKER_VIA_RECRUITER
                and facts.decision_maker is None
            ):
                notes.append(MISSING[Audience.DECISION_MAKER])
            if step.kind is TaskKind.REFERRAL and not network:
                notes.append(MISSING[Audience.NETWORK_CONTACTS])
            plan.append(
                PlannedTask(
                    step_id=step.id,
                    kind=step.kind,
                    title=shorten(render(step.title, values, gaps), TITLE_LIMIT),
                    audience=YOU
                    if step.audience is Audience.SELF
                    else person.label
                    if person
                    else gap,
                    contact_id=person.contact_id if person else None,
                    interview_id=interview_id,
                    due_on=due,
                    subject=shorten(draft.subject, SUBJECT_LIMIT),
                    body=fit(draft.body, LONG_TEXT),
                    email=person.email if person else None,
                    why=step.why,
                    note=" ".join(dict.fromkeys(n for n in notes if n)) or None,
                    stood_out=line_stood_out,
                )
            )
    return plan
