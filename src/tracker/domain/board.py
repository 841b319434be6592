"""The pipeline board: every live application as a card, grouped by stage.

A card's "days in stage" comes from applications.stage_changed_at (kept by the stage rule);
its next open task comes from next_tasks_for(), asked for the cards on screen, so neither
grows with a query per card nor with the whole task table at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import Select, func, select

from tracker.db.coltypes import as_stored
from tracker.db.enums import Stage
from tracker.db.models import Application, Company, Task
from tracker.domain.board_rows import BoardCard, NextTask
from tracker.domain.store import Store
from tracker.domain.stored import STAGES, card

__all__ = [
    "BoardCard",
    "NextTask",
    "column_page",
    "next_tasks_for",
    "stage_counts",
]


def cards_query(
    stage: Stage | None = None, limit: int | None = None, offset: int = 0
) -> Select[int, str, str, Any, int, Any, Any]:
    """The board's cards, or one column's page of them (the index on the board order helps)."""
    query = (
        select(
            Application.id,
            Company.name,
            Application.role,
            as_stored(Application.stage),
            Application.priority,
            as_stored(Application.updated_at),
            as_stored(Application.stage_changed_at),
        )
        .join(Company, Application.company_id == Company.id)
        .where(Application.archived.is_(False))
        .order_by(Application.priority.desc(), Application.updated_at.desc(), Application.id.desc())
    )
    if stage is not None:
        query = query.where(Application.stage == stage)
    if limit is not None:
        query = query.limit(limit).offset(offset)
    return query


def column_page(
    store: Store, stage: Stage, offset: int, limit: int, today: date | None = None
) -> list[BoardCard]:
    """One page of one column's cards (without next tasks: see next_tasks_for)."""
    today = today or date.today()
    with store.reading() as session:
        found = [card(row, today) for row in session.execute(cards_query(stage, limit, offset))]
    return [made for made in found if made is not None]


def counts_query() -> Select[Any, int]:
    return (
        select(as_stored(Application.stage), func.count())
        .where(Application.archived.is_(False))
        .group_by(Application.stage)
    )


def next_tasks_query(ids: Sequence[int]) -> Select[int, int, str, date | None]:
    """Each application's first open task: earliest due, undated last, oldest id on ties."""
    rank = (
        func.row_number()
        .over(
            partition_by=Task.application_id,
            order_by=(Task.due_on.is_(None), Task.due_on, Task.id),
        )
        .label("rank")
    )
    ranked = (
        select(
            Task.application_id.label("application_id"),
            Task.id.label("task_id"),
            Task.title.label("title"),
            Task.due_on.label("due_on"),
            rank,
        )
        # `done IS NOT true`, not `IS false`: the same tasks, but SQLite then looks them up by
        # application (a few each) instead of walking every open task's index entry.
        .where(Task.done.is_not(True), Task.application_id.in_(ids))
        .subquery("ranked")
    )
    return select(ranked.c.application_id, ranked.c.task_id, ranked.c.title, ranked.c.due_on).where(
        ranked.c.rank == 1
    )


def next_tasks_for(store: Store, ids: Sequence[int]) -> dict[int, NextTask]:
    """The next open task of each of these applications (absent when it has none)."""
    if not ids:
        return {}
    with store.reading() as session:
        return {
            app_id: NextTask(task_id, title, due)
            for app_id, task_id, title, due in session.execute(next_tasks_query(ids))
        }


def stage_counts(store: Store) -> dict[Stage, int]:
    """How many live (not archived) applications sit in each stage; zero for empty stages."""
    counts = dict.fromkeys(Stage, 0)
    with store.reading() as session:
        for stored, count in session.execute(counts_query()):
            if stored in STAGES:  # a stage this version does not know has no column
                counts[Stage(stored)] = count
    return counts
