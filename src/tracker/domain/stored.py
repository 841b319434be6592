"""Values as the database holds them, read without trusting them.

A file edited by another program, or written by a newer version, may hold a stage this app
does not know or a date it cannot read. The views that list applications (the first paint,
the table, the board) read such columns as text and turn them into values here: what cannot
be read becomes None and is recorded, so the row is still shown, flagged, and nothing crashes.
Importable without SQLAlchemy (the first paint uses it too).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from tracker.db.enums import Stage
from tracker.domain.board_rows import BoardCard, make_card
from tracker.domain.rows import ApplicationRow

STAGES = {stage.value: stage for stage in Stage}


class StoredValues:
    """Reads one row's stored values; `unreadable` lists (field, stored text) it could not."""

    def __init__(self) -> None:
        self.unreadable: list[tuple[str, str]] = []

    def _cannot(self, field: str, value: object) -> None:
        self.unreadable.append((field, str(value)))

    def stage(self, value: object, field: str = "stage") -> Stage | None:
        found = STAGES.get(value) if isinstance(value, str) else None
        if found is None:
            self._cannot(field, value)
        return found

    def day(self, value: object, field: str) -> date | None:
        """A day stored as ISO text ("2026-03-01"); None when unset or unreadable."""
        if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
            return value  # a server database hands back dates as they are
        if isinstance(value, str):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        self._cannot(field, value)
        return None

    def moment(self, value: object, field: str) -> datetime | None:
        """A moment stored as naive UTC text (tracker.db.coltypes.UTCDateTime)."""
        if value is None:
            return None
        if isinstance(value, datetime):
            return value if value.tzinfo else value.replace(tzinfo=UTC)
        if isinstance(value, str):
            try:
                return datetime.fromisoformat(value).replace(tzinfo=UTC)
            except ValueError:
                pass
        self._cannot(field, value)
        return None


def application_row(stored: Sequence[Any]) -> ApplicationRow:
    """One row of the applications table from its stored values (rows_query's columns)."""
    id, company, role, stage, location, applied_on, updated_at, archived = stored
    read = StoredValues()
    return ApplicationRow(
        id,
        company,
        role,
        read.stage(stage),
        location,
        read.day(applied_on, "date applied"),
        read.moment(updated_at, "last change"),
        bool(archived),
        tuple(read.unreadable),
    )


def card(stored: Sequence[Any], today: date) -> BoardCard | None:
    """One board card from its stored values (cards_query's columns); None for a stage the
    board has no column for (the table shows that application, flagged)."""
    id, company, role, stage, priority, updated_at, in_stage_since = stored
    read = StoredValues()
    known = read.stage(stage)
    if known is None:
        return None
    return make_card(
        id,
        company,
        role,
        known,
        priority,
        read.moment(updated_at, "last change"),
        read.moment(in_stage_since, "stage reached"),
        today,
    )
