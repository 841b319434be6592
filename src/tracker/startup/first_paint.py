"""What the window shows first, read with the standard library's sqlite3.

The same queries as the domain's SQLAlchemy ones (compiled into first_paint_sql.py), so a
large pipeline is on screen before SQLAlchemy has finished importing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from tracker.db.enums import ACTIVE_STAGES, Stage
from tracker.db.fileinfo import connect_read_only
from tracker.domain.board_rows import BoardCard, BoardFirstPaint, NextTask
from tracker.domain.rows import DEFAULT_SORT, NEXT_TASK_SLOTS, ApplicationRow, Sort
from tracker.domain.stored import STAGES, StoredValues, application_row, card
from tracker.startup.first_paint_sql import (
    BOARD_COUNTS_SQL,
    BOARD_PAGE_SQL,
    NEXT_TASKS_SQL,
    TABLE_COUNT_SQL,
    TABLE_PAGE_SQL,
)


@dataclass(frozen=True)
class FirstPaint:
    sort: Sort
    count: int  # rows in the table (live applications); Qt asks for more as it scrolls
    rows: list[ApplicationRow]  # the first page of them
    board: BoardFirstPaint


def read_first_paint(path: Path, sort: Sort = DEFAULT_SORT) -> FirstPaint:
    key = (sort.column.value, sort.descending)
    today = date.today()
    connection = connect_read_only(path)
    try:
        table_count = connection.execute(TABLE_COUNT_SQL).fetchone()[0]
        raw = connection.execute(TABLE_PAGE_SQL[key]).fetchall()
        cards = {
            stage: _cards(connection.execute(BOARD_PAGE_SQL[stage.value]), today) for stage in Stage
        }
        counts = dict.fromkeys(Stage, 0)
        for stage_text, stage_count in connection.execute(BOARD_COUNTS_SQL):
            if stage_text in STAGES:  # a stage this version does not know has no column
                counts[STAGES[stage_text]] = stage_count
        board = BoardFirstPaint(cards, _next_tasks(connection, cards), counts)
    finally:
        connection.close()
    # Read without trusting the file: an unknown stage or unreadable date flags its row.
    rows = [application_row(row) for row in raw]
    return FirstPaint(sort=sort, count=table_count, rows=rows, board=board)


def _cards(raw: Iterable[tuple[Any, ...]], today: date) -> list[BoardCard]:
    found = [card(row, today) for row in raw]
    return [made for made in found if made is not None]


def _next_tasks(
    connection: sqlite3.Connection, cards: dict[Stage, list[BoardCard]]
) -> dict[int, NextTask | None]:
    # Closed stages start folded away: only the open columns' top cards are on screen.
    per_column = NEXT_TASK_SLOTS // len(ACTIVE_STAGES)
    ids = [card.id for stage in ACTIVE_STAGES for card in cards[stage][:per_column]]
    padded = ids + [-1] * (NEXT_TASK_SLOTS - len(ids))  # -1 is no application's id
    found: dict[int, NextTask | None] = dict.fromkeys(ids)
    for app_id, task_id, title, due in connection.execute(NEXT_TASKS_SQL, [*padded, 1]):
        found[app_id] = NextTask(task_id, title, StoredValues().day(due, "due"))
    return found
