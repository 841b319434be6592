"""What a rule's draft says: whom it is for, what was discussed, what would help prepare."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from tracker.db.enums import ContactRole
from tracker.db.models import (
    Application,
    Contact,
    Interview,
    InterviewParticipant,
    RejectionDebrief,
)
from tracker.domain.drafts.templates import first_name, in_sentence, natural_list, topic_items

MAX_LESSONS = 5  # the latest ones; an older lesson is in the Lessons tab


def recipient(application: Application, roles: Sequence[ContactRole]) -> Contact | None:
    """The application's first contact in the first of *roles* anyone holds."""
    for role in roles:
        for link in sorted(application.contacts, key=lambda link: link.id):
            if link.role is role:
                return link.contact
    return None


def addressee_values(
    contact: Contact | None, gap: str
) -> tuple[dict[str, str | None], dict[str, str]]:
    """Template values for the person a message goes to, and what shows when nobody is
    named yet (*gap*, such as "[recruiter's name]")."""
    gaps = {"first_name": gap, "full_name": gap}
    if contact is None:
        return {}, gaps
    return {
        "first_name": first_name(contact.name),
        "full_name": contact.name,
        "title": contact.title,
    }, gaps


def topics_of(part: InterviewParticipant) -> str:
    """What was discussed with one interviewer, as it reads mid-sentence."""
    return natural_list([in_sentence(topic) for topic in topic_items(part.topics)])


def describe(interview: Interview) -> str:
    """ "Technical interview, Tuesday 9 December at 14:00, on Zoom: https://…"."""
    text = f"{interview.kind.label} interview"
    if interview.round:
        text = f"Round {interview.round}: {text.lower()}"
    if interview.starts_at is not None:
        local = interview.starts_at.astimezone()
        text += f", {local:%A %-d %B} at {local:%H:%M}"
    if interview.location:
        text += f", {interview.location.strip()}"
    return text + "."


def _person(contact: Contact) -> str:
    return f"{contact.name}, {contact.title}" if contact.title else contact.name


def prepare_values(
    session: Session, application: Application, interview: Interview
) -> dict[str, str | None]:
    """The prepare task's notes: the interview, the panel, earlier rounds with this company
    and what the person said they would do differently after earlier rejections."""
    panel = [f"- {_person(part.contact)}" for part in interview.participants]
    earlier: list[str] = []
    assert interview.starts_at is not None
    query = (
        select(Interview)
        .join(Application, Interview.application_id == Application.id)
        .where(
            Application.company_id == application.company_id,
            Interview.starts_at < interview.starts_at,
            Interview.id != interview.id,
        )
        .options(selectinload(Interview.participants).selectinload(InterviewParticipant.contact))
        .order_by(Interview.starts_at)
    )
    for before in session.scalars(query):
        for part in before.participants:
            topics = topic_items(part.topics)
            if topics:
                who = part.contact.name
                earlier.append(f"- {before.kind.label} with {who}: {'; '.join(topics)}")
    lessons = session.scalars(
        select(RejectionDebrief.do_differently)
        .where(RejectionDebrief.do_differently.is_not(None))
        .order_by(RejectionDebrief.created_at.desc(), RejectionDebrief.id.desc())
    ).all()
    lesson_lines = [
        f"- {line.strip()}"
        for text in lessons
        for line in (text or "").splitlines()
        if line.strip()
    ][:MAX_LESSONS]
    return {
        "interview": describe(interview),
        "panel": "\n".join(panel) or None,
        "earlier_topics": "\n".join(earlier) or None,
        "lessons": "\n".join(lesson_lines) or None,
    }
