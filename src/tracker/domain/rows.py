"""Plain row types shared by the domain and the UI, importable without SQLAlchemy."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import NamedTuple

from tracker.db.enums import Stage


class StageMove(NamedTuple):
    """What one stage change did; the UI reacts to it (a rejection opens the panel)."""

    application_id: int
    from_stage: Stage | None
    to_stage: Stage
    changed_at: datetime

    @property
    def changed(self) -> bool:
        return self.from_stage != self.to_stage

    @property
    def rejected(self) -> bool:
        return self.changed and self.to_stage is Stage.REJECTED


class ApplicationRow(NamedTuple):
    """The columns the applications table shows, and nothing more."""

    id: int
    company: str
    role: str
    stage: Stage | None  # None: a stage this version does not know (see `unreadable`)
    location: str | None
    applied_on: date | None
    updated_at: datetime | None  # None only when the stored value cannot be read
    archived: bool
    # (what, the stored text) for each value the app could not read: the row is flagged
    unreadable: tuple[tuple[str, str], ...] = ()

    def stored(self, what: str) -> str | None:
        """The stored text of a value that could not be read, else None."""
        return next((text for field, text in self.unreadable if field == what), None)


class SortColumn(StrEnum):
    COMPANY = "company"
    ROLE = "role"
    STAGE = "stage"
    LOCATION = "location"
    APPLIED = "applied"
    UPDATED = "updated"


class Sort(NamedTuple):
    column: SortColumn = SortColumn.UPDATED
    descending: bool = True


DEFAULT_SORT = Sort()

FIRST_PAGE = 200  # rows the table reads at start-up; the rest come as they scroll into view
BOARD_PAGE = 100  # cards a board column reads at a time; Qt asks for more as it scrolls
FIRST_BOARD_PAGE = 20  # cards a column reads at start-up: a 1920-pixel-tall screen shows about 18
NEXT_TASK_SLOTS = 100  # cards whose next task the first paint reads (top of the open columns)
