"""Reading data back the way the app's views do, for tests to compare against.

The applications table reads a page and the count (table_page), then more pages as it
scrolls (more_rows); the board reads each column's first page (column_page) and then the next task
of the cards it shows (next_tasks_for); the detail's People tab lists people_rows. These
helpers do the same, in one call, so tests check what the app really reads.
"""

from __future__ import annotations

from datetime import date

from tracker.db.enums import ContactRole, Stage
from tracker.domain.board import BoardCard, column_page, next_tasks_for
from tracker.domain.detail import people_rows
from tracker.domain.rows import BOARD_PAGE, DEFAULT_SORT, FIRST_PAGE, ApplicationRow, Sort
from tracker.domain.store import Store
from tracker.domain.table import count_applications, more_rows, table_page


def table_rows(
    store: Store,
    search: str = "",
    stage: Stage | None = None,
    include_archived: bool = False,
    sort: Sort = DEFAULT_SORT,
) -> list[ApplicationRow]:
    """Every row the applications table shows, in its order, read as it reads them: the
    first page with the count, then page after page as it scrolls."""
    total = count_applications(store, include_archived)
    page = table_page(store, search, stage, include_archived, sort, limit=FIRST_PAGE, total=total)
    rows = list(page.rows)
    while len(rows) < page.matches:
        more = more_rows(
            store,
            search,
            stage,
            include_archived,
            sort,
            offset=len(rows),
            limit=FIRST_PAGE,
            narrow=page.narrow,
        )
        if not more:
            break
        rows += more
    return rows


def board_columns(
    store: Store, today: date | None = None, with_next_tasks: bool = True
) -> dict[Stage, list[BoardCard]]:
    """Each board column's first page of cards, with their next tasks when asked for."""
    columns = {stage: column_page(store, stage, 0, BOARD_PAGE, today) for stage in Stage}
    if not with_next_tasks:
        return columns
    shown = [card.id for cards in columns.values() for card in cards]
    tasks = next_tasks_for(store, shown)
    return {
        stage: [card.with_next_task(tasks.get(card.id), today) for card in cards]
        for stage, cards in columns.items()
    }


def people_on(store: Store, application_id: int) -> list[tuple[int, str, ContactRole]]:
    """(contact id, name, role) for everyone the detail's People tab lists, in its order."""
    return [(p.contact_id, p.name, p.role) for p in people_rows(store, application_id)]
