"""What a write changed: the kinds of rows it touched, returned with its result.

In the spirit of Anki's OpChanges: every domain write returns `Written(value, changed)`, and
the window emits one signal with `changed` so each view refreshes only for the kinds it shows.
The kinds are not chosen by hand: `Store.transaction()` records the tables each flush wrote
(see tracker.domain.store), and `TABLE_KINDS` says which kind of row each table holds.
A write also says which applications it touched (`applications`), so work that can be
limited to them (the follow-up rules) need not look at every application. No Qt and no
SQLAlchemy here.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Generic, NamedTuple, TypeVar

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


# How a row leads to the application it belongs to: "id" (it is one), the name of its column
# holding the application's id, or "interview_id" (through its interview). None: no
# application's rules can change with it (a company only lends its name to drafts). A table
# not here may concern any application: a contact can be on many applications (a full run of
# the rules is simpler than finding them all), and a setting changes the rules for all.
APPLICATION_OF: dict[str, str | None] = {
    "applications": "id",
    "stage_changes": "application_id",
    "application_contacts": "application_id",
    "interviews": "application_id",
    "interview_participants": "interview_id",
    "tasks": "application_id",
    "rejection_debriefs": "application_id",
    "rule_firings": "application_id",
    "companies": None,
}
ANY_APPLICATION = frozenset({"contacts", "setting"})  # a test checks every table is placed


def join_touched(
    first: frozenset[int] | None, second: frozenset[int] | None
) -> frozenset[int] | None:
    """The applications two writes touched; None (any of them) wins."""
    return None if first is None or second is None else first | second


class Written(NamedTuple, Generic[T]):
    """A write's result (an id, a StageMove, or None), the kinds of rows it changed, and the
    ids of the applications it touched (None: not known, it may be any of them)."""

    value: T
    changed: frozenset[Kind] = NOTHING
    applications: frozenset[int] | None = None

    @property
    def touched(self) -> frozenset[int] | None:
        """The applications touched; a write that changed nothing touched none."""
        return self.applications if self.changed else frozenset()

    def then(self, later: Written[U]) -> Written[U]:
        """Two writes in a row: the later one's value, what either changed and touched."""
        touched = join_touched(self.touched, later.touched)
        return Written(later.value, self.changed | later.changed, touched)
