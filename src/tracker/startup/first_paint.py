"""What the window shows first, read with the standard library's sqlite3.

The same queries as the domain's SQLAlchemy ones (compiled into first_paint_sql.py), so a
large pipeline is on screen before SQLAlchemy has finished importing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

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


class FirstPaint(NamedTuple):
    sort: Sort
    live_count: int  # rows in the table (live applications); Qt asks for more as it scrolls
    rows: list[ApplicationRow] | None  # the first page of them; None: the table was not read
    board: BoardFirstPaint | None  # None: the board was not read


def read_first_paint(
    path: Path, sort: Sort = DEFAULT_SORT, on_screen: str | None = None
) -> FirstPaint:
    """What the window shows first. With *on_screen* "board" the table's rows are not read,
    with "applications" the board is not; the count (for the status bar) always is. The
    closed lanes start folded away: their counts are read, their cards when first opened."""
    key = (sort.column.value, sort.descending)
    today = date.today()
    connection = connect_read_only(path)
    board = None
    raw: list[tuple[Any, ...]] | None = None
    try:
        table_count = connection.execute(TABLE_COUNT_SQL).fetchone()[0]
        if on_screen != "board":
            raw = connection.execute(TABLE_PAGE_SQL[key]).fetchall()
        if on_screen != "applications":
            board = _board(connection, today)
    finally:
        connection.close()
    # Read without trusting the file: an unknown stage or unreadable date flags its row.
    rows = None if raw is None else [application_row(row) for row in raw]
    return FirstPaint(sort=sort, live_count=table_count, rows=rows, board=board)


class FirstReads:
    """The plain first read, kept for the board and the table until the data changes.

    It reads for the view on screen; the other one, built once the window is idle, gets a
    read of its own (still plain sqlite3: SQLAlchemy is loading on its thread by then)."""

    def __init__(self, read: Callable[[Sort, str], FirstPaint], sort: Sort, on_screen: str):
        self._read: Callable[[Sort, str], FirstPaint] | None = read
        self.made: FirstPaint | None = read(sort, on_screen)

    @property
    def serving(self) -> bool:
        return self._read is not None

    def for_view(self, view: str, sort: Sort) -> FirstPaint | None:
        """What it has for *view* ("board" or "applications"); None once the data changed."""
        read, made = self._read, self.made
        if read is None:
            return None
        if made is None or made.sort != sort:
            missing = True
        else:
            missing = (made.rows if view == "applications" else made.board) is None
        if missing:
            made = self.made = read(sort, view)
        return made

    def forget(self) -> None:
        """The data changed: a view built from here on reads the database."""
        self._read = self.made = None


def _board(connection: sqlite3.Connection, today: date) -> BoardFirstPaint:
    cards = {
        stage: _cards(connection.execute(BOARD_PAGE_SQL[stage.value]), today)
        if stage in ACTIVE_STAGES
        else []
        for stage in Stage
    }
    counts = dict.fromkeys(Stage, 0)
    for stage_text, stage_count in connection.execute(BOARD_COUNTS_SQL):
        if stage_text in STAGES:  # a stage this version does not know has no column
            counts[STAGES[stage_text]] = stage_count
    return BoardFirstPaint(cards, _next_tasks(connection, cards), counts)


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
