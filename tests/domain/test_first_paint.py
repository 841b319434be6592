"""The first paint reads with sqlite3 what the SQLAlchemy queries would return."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tests.domain.reading import board_columns, table_rows
from tracker.db.enums import Stage
from tracker.domain.applications import (
    ApplicationInput,
    create_application,
    set_archived,
)
from tracker.domain.rows import FIRST_PAGE, Sort, SortColumn
from tracker.domain.store import Store
from tracker.startup.first_paint import read_first_paint

ROOT = Path(__file__).resolve().parents[2]


def test_generated_sql_is_up_to_date() -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import compile_first_paint
    finally:
        sys.path.remove(str(ROOT / "tools"))
    written = (ROOT / "src/tracker/startup/first_paint_sql.py").read_text(encoding="utf-8")
    fresh = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "-"],
        input=compile_first_paint.render(),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert written == fresh, "run: .venv/bin/python tools/compile_first_paint.py"


@pytest.mark.parametrize("column", list(SortColumn))
@pytest.mark.parametrize("descending", [False, True])
def test_first_paint_matches_the_domain_query(
    store: Store, db_path: Path, column: SortColumn, descending: bool
) -> None:
    for company, role, stage, location, applied in [
        ("Ørsted", "Data Engineer", Stage.APPLIED, "Copenhagen", date(2026, 3, 1)),
        ("acme", "Backend Engineer", Stage.WISHLIST, None, None),
        ("Northwind", "Platform Engineer", Stage.REJECTED, "Utrecht", date(2026, 1, 5)),
        ("Bluebell", "Staff Engineer", Stage.OFFER, "london", date(2026, 2, 9)),
    ]:
        create_application(
            store,
            ApplicationInput(
                company=company, role=role, stage=stage, location=location, applied_on=applied
            ),
        )
    hidden = create_application(store, ApplicationInput(company="Old", role="Archived")).value
    set_archived(store, hidden)
    sort = Sort(column, descending)
    painted = read_first_paint(db_path, sort)
    assert painted.rows == table_rows(store, sort=sort)
    assert [row.id for row in painted.rows] == [row.id for row in table_rows(store, sort=sort)]
    assert painted.live_count == len(painted.rows) == 4


def test_first_paint_reads_only_the_first_page(store: Store, db_path: Path) -> None:
    for i in range(FIRST_PAGE + 5):
        create_application(store, ApplicationInput(company=f"Company {i}", role="Engineer"))
    painted = read_first_paint(db_path)
    assert painted.live_count == FIRST_PAGE + 5
    assert [row.id for row in painted.rows] == [row.id for row in table_rows(store)][:FIRST_PAGE]


def test_first_paint_board_matches_the_domain(store: Store, db_path: Path) -> None:
    from tracker.domain.board import stage_counts
    from tracker.domain.tasks import TaskInput, complete_task, create_task

    first = create_application(store, ApplicationInput(company="Acme", role="Engineer")).value
    second = create_application(
        store, ApplicationInput(company="Ørsted", role="Analyst", stage=Stage.APPLIED)
    ).value
    create_task(store, TaskInput(title="Later", due_on=date(2026, 12, 9), application_id=first))
    create_task(store, TaskInput(title="Sooner", due_on=date(2026, 12, 1), application_id=first))
    done = create_task(
        store, TaskInput(title="Done", due_on=date(2026, 1, 1), application_id=first)
    ).value
    complete_task(store, done)
    rejected = create_application(
        store, ApplicationInput(company="Northwind", role="Engineer", stage=Stage.REJECTED)
    ).value
    painted = read_first_paint(db_path).board
    assert painted is not None
    expected = board_columns(store, with_next_tasks=False)
    assert [card.id for card in expected[Stage.REJECTED]] == [rejected]
    expected[Stage.REJECTED] = []  # the closed lanes start folded: counted, read when opened
    assert painted.cards == expected
    assert painted.counts == stage_counts(store)
    assert painted.counts[Stage.REJECTED] == 1
    full = {card.id: card for column in board_columns(store).values() for card in column}
    assert painted.next_tasks[first] == full[first].next_task
    assert painted.next_tasks[first] is not None
    assert painted.next_tasks[first].title == "Sooner"
    assert second in painted.next_tasks
    assert painted.next_tasks[second] is None


def test_first_paint_reads_one_page_per_board_column(store: Store, db_path: Path) -> None:
    from tracker.domain.board import column_page, stage_counts
    from tracker.domain.rows import FIRST_BOARD_PAGE

    for i in range(FIRST_BOARD_PAGE + 3):
        create_application(store, ApplicationInput(company=f"Co {i}", role="Engineer"))
    painted = read_first_paint(db_path).board
    total = FIRST_BOARD_PAGE + 3
    assert painted.counts[Stage.WISHLIST] == total == stage_counts(store)[Stage.WISHLIST]
    assert painted.cards[Stage.WISHLIST] == column_page(store, Stage.WISHLIST, 0, FIRST_BOARD_PAGE)


def test_first_paint_reads_only_the_view_on_screen(store: Store, db_path: Path) -> None:
    create_application(store, ApplicationInput(company="Acme", role="Engineer"))
    create_application(store, ApplicationInput(company="Kestrel", role="Analyst"))

    board = read_first_paint(db_path, on_screen="board")
    assert board.rows is None  # the table is not on screen: its rows wait
    assert board.board is not None
    assert board.live_count == 2  # the status bar's count is read either way

    table = read_first_paint(db_path, on_screen="applications")
    assert table.board is None
    assert table.rows == table_rows(store)
    assert table.live_count == 2
