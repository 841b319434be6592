"""What the window shows first, read with the standard library's sqlite3.

The same queries as the domain's SQLAlchemy ones (compiled into first_paint_sql.py), so a
large pipeline is on screen before SQLAlchemy has finished importing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from tracker.db.enums import Stage
from tracker.db.fileinfo import connect_read_only
from tracker.domain.board_rows import BoardCard, NextTask, make_card
from tracker.domain.first_paint_sql import (
    BOARD_CARDS_SQL,
    NEXT_TASKS_SQL,
    TABLE_IDS_SQL,
    TABLE_PAGE_SQL,
)
from tracker.domain.rows import DEFAULT_SORT, NEXT_TASK_SLOTS, ApplicationRow, Sort


@dataclass(frozen=True)
class FirstPaint:
    sort: Sort
    ids: list[int]  # every row of the table, in order
    rows: list[ApplicationRow]  # the first page of them
    cards: dict[Stage, list[BoardCard]]  # every card on the board
    next_tasks: dict[int, NextTask | None]  # for the cards at the top of each column


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _moment(value: str) -> datetime:
    # Stored as naive UTC text by tracker.db.coltypes.UTCDateTime.
    return datetime.fromisoformat(value).replace(tzinfo=UTC)


def read_first_paint(path: Path, sort: Sort = DEFAULT_SORT) -> FirstPaint:
    key = (sort.column.value, sort.descending)
    today = date.today()
    connection = connect_read_only(path)
    try:
        ids = [row[0] for row in connection.execute(TABLE_IDS_SQL[key])]
        raw = connection.execute(TABLE_PAGE_SQL[key]).fetchall()
        cards = _cards(connection.execute(BOARD_CARDS_SQL), today)
        next_tasks = _next_tasks(connection, cards)
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
    return FirstPaint(sort=sort, ids=ids, rows=rows, cards=cards, next_tasks=next_tasks)


def _cards(raw: Iterable[tuple[Any, ...]], today: date) -> dict[Stage, list[BoardCard]]:
    cards: dict[Stage, list[BoardCard]] = {stage: [] for stage in Stage}
    stages = {stage.value: stage for stage in Stage}
    for id, company, role, stage, priority, updated, reached in raw:
        stage_ = stages[stage]
        cards[stage_].append(
            make_card(
                id, company, role, stage_, priority, _moment(updated), _moment(reached), today
            )
        )
    return cards


def _next_tasks(
    connection: sqlite3.Connection, cards: dict[Stage, list[BoardCard]]
) -> dict[int, NextTask | None]:
    per_column = NEXT_TASK_SLOTS // len(Stage)
    ids = [card.id for column in cards.values() for card in column[:per_column]]
    padded = ids + [-1] * (NEXT_TASK_SLOTS - len(ids))  # -1 is no application's id
    found: dict[int, NextTask | None] = dict.fromkeys(ids)
    for app_id, task_id, title, due in connection.execute(NEXT_TASKS_SQL, [*padded, 1]):
        found[app_id] = NextTask(task_id, title, _day(due))
    return found
