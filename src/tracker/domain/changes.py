"""What a write changed: the kinds of rows it touched, returned with its result.

In the spirit of Anki's OpChanges: every domain write returns `Written(value, changed)`, and
the window emits one signal with `changed` so each view refreshes only for the kinds it shows.
The kinds are not chosen by hand: `Store.transaction()` records the tables each flush wrote
(see tracker.domain.store), and `TABLE_KINDS` says which kind of row each table holds.
No Qt and no SQLAlchemy here.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar

T = TypeVar("T")
U = TypeVar("U")


class Kind(StrEnum):
    """A kind of row a view shows."""

    APPLICATIONS = "applications"
    CONTACTS = "contacts"
    INTERVIEWS = "interviews"
    TASKS = "tasks"
    DEBRIEFS = "debriefs"
    SETTINGS = "settings"


NOTHING: frozenset[Kind] = frozenset()
EVERYTHING: frozenset[Kind] = frozenset(Kind)

# Which kind of row each table holds. A company has no view of its own: it is shown through
# its applications and contacts, which change with it. A test checks every table is here.
TABLE_KINDS: dict[str, frozenset[Kind]] = {
    "applications": frozenset({Kind.APPLICATIONS}),
    "stage_changes": frozenset({Kind.APPLICATIONS}),
    "companies": NOTHING,
    "contacts": frozenset({Kind.CONTACTS}),
    "application_contacts": frozenset({Kind.CONTACTS}),
    "interviews": frozenset({Kind.INTERVIEWS}),
    "interview_participants": frozenset({Kind.INTERVIEWS}),
    "tasks": frozenset({Kind.TASKS}),
    "rejection_debriefs": frozenset({Kind.DEBRIEFS}),
    "setting": frozenset({Kind.SETTINGS}),
    "rule_firings": frozenset({Kind.TASKS}),
}


@dataclass(frozen=True)
class Written(Generic[T]):
    """A write's result (an id, a StageMove, or None) and the kinds of rows it changed."""

    value: T
    changed: frozenset[Kind] = NOTHING

    def then(self, later: Written[U]) -> Written[U]:
        """Two writes in a row: the later one's value, what either changed."""
        return Written(later.value, self.changed | later.changed)
