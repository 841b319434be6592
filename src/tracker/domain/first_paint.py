"""What the window shows first, read with the standard library's sqlite3.

The same queries as the domain's SQLAlchemy ones (compiled into first_paint_sql.py), so a
large pipeline is on screen before SQLAlchemy has finished importing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from tracker.db.enums import Stage
from tracker.db.fileinfo import connect_read_only
from tracker.domain.first_paint_sql import TABLE_IDS_SQL, TABLE_PAGE_SQL
from tracker.domain.rows import DEFAULT_SORT, ApplicationRow, Sort


@dataclass(frozen=True)
class FirstPaint:
    sort: Sort
    ids: list[int]  # every row of the table, in order
    rows: list[ApplicationRow]  # the first page of them


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _moment(value: str) -> datetime:
    # Stored as naive UTC text by tracker.db.coltypes.UTCDateTime.
    return datetime.fromisoformat(value).replace(tzinfo=UTC)


def read_first_paint(path: Path, sort: Sort = DEFAULT_SORT) -> FirstPaint:
    key = (sort.column.value, sort.descending)
    connection = connect_read_only(path)
    try:
        ids = [row[0] for row in connection.execute(TABLE_IDS_SQL[key])]
        raw = connection.execute(TABLE_PAGE_SQL[key]).fetchall()
    finally:
        connection.close()
    stages = {stage.value: stage for stage in Stage}
    rows = [
        ApplicationRow(
            id,
            company,
            role,
            stages[stage],
            location,
            _day(applied),
            _moment(updated),
            bool(archived),
        )
        for id, company, role, stage, location, applied, updated, archived in raw
    ]
    return FirstPaint(sort=sort, ids=ids, rows=rows)
