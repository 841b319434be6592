"""The applications table's queries: filtered and sorted in SQL, read a page at a time.

Only the columns the table shows are selected; tools/compile_first_paint.py compiles the same
queries to plain SQL for the first paint.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, case, func, select
from sqlalchemy.orm import InstrumentedAttribute

from tracker.db.coltypes import as_stored
from tracker.db.enums import Stage
from tracker.db.models import Application, Company
from tracker.domain.rows import DEFAULT_SORT, ApplicationRow, Sort, SortColumn
from tracker.domain.store import Store
from tracker.domain.stored import application_row


def _sort_expression(column: SortColumn) -> ColumnElement[Any] | InstrumentedAttribute[Any]:
    match column:
        case SortColumn.COMPANY:
            return func.lower(Company.name)
        case SortColumn.ROLE:
            return func.lower(Application.role)
        case SortColumn.STAGE:
            # Pipeline order, not alphabetical: wishlist first, closed outcomes last.
            return case(
                {stage.value: rank for rank, stage in enumerate(Stage)},
                value=Application.stage,
                else_=len(Stage),
            )
        case SortColumn.LOCATION:
            return func.lower(Application.location)
        case SortColumn.APPLIED:
            return Application.applied_on
        case SortColumn.UPDATED:
            return Application.updated_at


def table_filters(
    search: str = "",
    stage: Stage | None = None,
    include_archived: bool = False,
    *,
    narrow: bool = False,
) -> list[ColumnElement[bool]]:
    """The WHERE terms of the applications table (and of its count).

    `archived IS NOT true` rather than `IS false`: the same rows, but SQLite then walks the index
    of the sort column (the newest first at once) instead of the board's index on `archived`.
    With *narrow*, the search runs once as a subquery of ids: for a rare term SQLite then sorts
    the few matches instead of walking the whole sort index to find 200 of them.
    """
    terms: list[ColumnElement[bool]] = []
    if not include_archived:
        terms.append(Application.archived.is_not(True))
    if stage is not None:
        terms.append(Application.stage == stage)
    text = search.strip().casefold()
    if text:
        match = Application.search_text.like(f"%{escape_like(text)}%", escape="\\")
        if narrow:
            terms.append(Application.id.in_(select(Application.id).where(match)))
        else:
            terms.append(match)
    return terms


def rows_query(
    search: str = "",
    stage: Stage | None = None,
    include_archived: bool = False,
    sort: Sort = DEFAULT_SORT,
    *,
    narrow: bool = False,
) -> Select[int, str, str, Any, str | None, Any, Any, bool]:
    """The applications table's query: only its columns, filtered and sorted in SQL.

    Stage and dates come back as stored (text): domain.stored reads them without trusting
    them, so a value this app cannot read flags its row instead of failing the page.
    """
    key = _sort_expression(sort.column)
    tie = Application.id.desc() if sort.descending else Application.id.asc()
    return (
        select(
            Application.id,
            Company.name,
            Application.role,
            as_stored(Application.stage),
            Application.location,
            as_stored(Application.applied_on),
            as_stored(Application.updated_at),
            Application.archived,
        )
        .join(Company, Application.company_id == Company.id)
        .where(*table_filters(search, stage, include_archived, narrow=narrow))
        .order_by(key.desc().nulls_last() if sort.descending else key.asc().nulls_last(), tie)
    )


def count_query(
    search: str = "", stage: Stage | None = None, include_archived: bool = False
) -> Select[int]:
    """How many rows the table's query matches (the join to companies never drops one)."""
    return (
        select(func.count())
        .select_from(Application)
        .where(*table_filters(search, stage, include_archived))
    )


@dataclass(frozen=True)
class TablePage:
    """One page of the applications table, and how many rows the filter matches in all."""

    rows: list[ApplicationRow]
    matches: int
    narrow: bool  # the search is rare: later pages use the same plan (see table_filters)


NARROW_SHARE = 20  # a search matching under 1/20 of the rows sorts its matches (table_filters)


def table_page(
    store: Store,
    search: str = "",
    stage: Stage | None = None,
    include_archived: bool = False,
    sort: Sort = DEFAULT_SORT,
    *,
    limit: int,
    total: int | None = None,
) -> TablePage:
    """The first *limit* rows of the table and the count of all it matches, in one session.

    *total* (rows without the filter) lets the count choose the plan for a rare search term.
    """
    with store.reading() as session:
        matches = session.scalar(count_query(search, stage, include_archived)) or 0
        narrow = bool(search.strip()) and matches * NARROW_SHARE < (total or matches)
        query = rows_query(search, stage, include_archived, sort, narrow=narrow).limit(limit)
        rows = [application_row(row) for row in session.execute(query)]
    return TablePage(rows, matches, narrow)


def more_rows(
    store: Store,
    search: str = "",
    stage: Stage | None = None,
    include_archived: bool = False,
    sort: Sort = DEFAULT_SORT,
    *,
    offset: int,
    limit: int,
    narrow: bool = False,
) -> list[ApplicationRow]:
    """The table's rows from *offset* on, for scrolling further down."""
    query = rows_query(search, stage, include_archived, sort, narrow=narrow)
    with store.reading() as session:
        page = session.execute(query.offset(offset).limit(limit))
        return [application_row(row) for row in page]


def count_applications(store: Store, include_archived: bool = False) -> int:
    query = count_query(include_archived=include_archived)
    with store.reading() as session:
        return session.scalar(query) or 0


def escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
