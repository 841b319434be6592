"""The words a plan is made of: what stood out with someone, how a friend is introduced,
and the limits that keep every planned title and draft savable."""

from __future__ import annotations

import re

from tracker.domain.drafts.templates import in_sentence, natural_list, shorten
from tracker.domain.rejection.facts import Person, RejectionFacts

# What the app accepts must plan into what it saves: titles and subjects are cut gracefully,
# a topic quoted in a draft is cut at a word, and a draft never passes the text limit.
TITLE_LIMIT = 300  # Task.title
SUBJECT_LIMIT = 300  # Task.draft_subject
TOPIC_LIMIT = 160  # one topic as a draft quotes it; the notes keep every word
STOOD_OUT_TOPICS = 3  # the prefilled line names at most this many of a person's topics
THIRD_PERSON = re.compile(r"\b(he|him|his|she|her|hers)\b", re.IGNORECASE)


def stood_out(facts: RejectionFacts, contact_id: int) -> str:
    """What stood out with one person, prefilled from their topics (most recent first):
    "A, B and C", each in the words typed (only a safe first capital dropped)."""
    topics = facts.topics_with(contact_id)[:STOOD_OUT_TOPICS]
    return natural_list([shorten(in_sentence(t), TOPIC_LIMIT) for t in topics])


def third_person_note(name: str, line: str) -> str | None:
    """Notes written about someone read oddly in a note written to them: say so."""
    found = THIRD_PERSON.search(line)
    if found is None:
        return None
    return (
        f'What stood out says "{found.group(0)}", and this note is written to {name}: '
        "edit the line so it speaks to them."
    )


# A network contact's "title" is often how the person knows them ("Former manager",
# "Friend from university"): that is not something to introduce them by.
RELATIONSHIP_WORDS = frozenset(
    [
        "former",
        "ex",
        "old",
        "friend",
        "colleague",
        "classmate",
        "mentor",
        "neighbour",
        "neighbor",
        "cousin",
        "brother",
        "sister",
        "partner",
        "flatmate",
        "roommate",
    ]
)


def introduced(person: Person) -> str:
    """ "Ana Ruiz (Payments Engineer)"; a relationship is left out: "Rita Osei"."""
    first = (person.title or "").split(" ", 1)[0].lower().rstrip("-")
    if not person.title or first in RELATIONSHIP_WORDS or first.startswith("ex-"):
        return person.name
    return f"{person.name} ({person.title})"


def fit(text: str, limit: int) -> str:
    """A draft that would pass *limit*, cut (keeping its lines) and marked "…"."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
