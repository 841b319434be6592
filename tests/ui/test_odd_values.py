"""A sound file holding values this version cannot read (an unknown stage, dates that are not
dates): the first paint, the table and the board show the rest, the odd row is flagged, and
nothing crashes. The values are put there as another program would, past the CHECK rule."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from tests.ui.conftest import AddApplication
from tracker.db.backups import take_backup
from tracker.db.enums import Stage
from tracker.db.fileinfo import quick_check
from tracker.domain.board import column_page, stage_counts
from tracker.domain.store import Store
from tracker.domain.table import table_page
from tracker.startup.first_paint import read_first_paint
from tracker.ui.applications.model import ApplicationsTableModel, Column
from tracker.ui.applications.view import ApplicationsView
from tracker.ui.events import DataEvents


@pytest.fixture
def odd(db_path: Path, store: Store, add: AddApplication) -> dict[str, int]:
    ids = {
        "stage": add("Lumen Health", "Staff Engineer", Stage.APPLIED),
        "applied": add("Harbor & Finch", "Platform Engineer", Stage.WISHLIST),
        "updated": add("Kestrel Maps", "Backend Engineer", Stage.APPLIED),
        "reached": add("Tidewater Energy", "Data Engineer", Stage.APPLIED),
        "fine": add("Northwind", "Backend Engineer", Stage.SCREENING),
    }
    store.engine.dispose()
    other = sqlite3.connect(db_path)  # another program, which ignores our CHECK rules
    other.execute("PRAGMA ignore_check_constraints = ON")
    for column, value, key in [
        ("stage", "xyz", "stage"),
        ("applied_on", "last tuesday", "applied"),
        ("updated_at", "garbage", "updated"),
        ("stage_changed_at", 12345, "reached"),
    ]:
        other.execute(f"UPDATE applications SET {column} = ? WHERE id = ?", (value, ids[key]))
    other.commit()
    other.close()
    return ids


def test_the_first_paint_shows_the_rest_and_flags_the_odd_rows(
    db_path: Path, odd: dict[str, int]
) -> None:
    painted = read_first_paint(db_path)
    rows = {row.id: row for row in painted.rows}
    assert len(rows) == 5  # every application, the odd ones too
    assert rows[odd["stage"]].stage is None
    assert rows[odd["stage"]].stored("stage") == "xyz"
    assert rows[odd["applied"]].applied_on is None
    assert rows[odd["applied"]].unreadable == (("date applied", "last tuesday"),)
    assert rows[odd["updated"]].updated_at is None
    assert rows[odd["fine"]].unreadable == ()
    board = painted.board
    assert board.counts[Stage.APPLIED] == 2  # the unknown stage has no column
    applied = {card.id: card for card in board.cards[Stage.APPLIED]}
    assert set(applied) == {odd["updated"], odd["reached"]}
    assert applied[odd["reached"]].in_stage_since is None
    assert applied[odd["reached"]].days_in_stage == 0


def test_the_domain_reads_them_the_same_way(store: Store, odd: dict[str, int]) -> None:
    page = table_page(store, limit=50)
    assert page.matches == 5
    flagged = {row.id for row in page.rows if row.unreadable}
    assert flagged == {odd["stage"], odd["applied"], odd["updated"]}
    assert stage_counts(store)[Stage.APPLIED] == 2
    cards = column_page(store, Stage.APPLIED, 0, 50)
    assert {card.id for card in cards} == {odd["updated"], odd["reached"]}


def test_an_odd_value_is_not_damage_and_is_backed_up(db_path: Path, odd: dict[str, int]) -> None:
    quick_check(db_path)  # SQLite reports the broken CHECK rule; the file itself is sound
    backup = take_backup(db_path, db_path.parent / "backups")
    connection = sqlite3.connect(backup.path)
    try:
        stored = connection.execute(
            "SELECT stage FROM applications WHERE id = ?", (odd["stage"],)
        ).fetchone()
    finally:
        connection.close()
    assert stored == ("xyz",)  # kept exactly as it was


def texts(model: ApplicationsTableModel, application_id: int) -> list[str]:
    row = model.row_for_id(application_id)
    assert row is not None
    return [model.index(row, column).data() for column in Column]


def test_the_table_flags_the_odd_rows(
    qtbot: QtBot, store: Store, odd: dict[str, int], events: DataEvents
) -> None:
    model = ApplicationsTableModel(store)
    assert model.rowCount() == 5
    assert texts(model, odd["stage"])[Column.STAGE] == "Unknown (xyz)"
    assert texts(model, odd["applied"])[Column.APPLIED] == "Unreadable (last tuesday)"
    assert texts(model, odd["updated"])[Column.UPDATED] == "Unreadable (garbage)"
    assert texts(model, odd["fine"])[Column.STAGE] == "Screening"
    row = model.row_for_id(odd["applied"])
    assert row is not None
    tip = model.index(row, Column.ROLE).data(Qt.ItemDataRole.ToolTipRole)
    assert 'date applied "last tuesday"' in tip
    assert "Platform Engineer at Harbor & Finch" in tip
    assert model.index(row, Column.COMPANY).data(Qt.ItemDataRole.DecorationRole) is not None
    fine = model.row_for_id(odd["fine"])
    assert fine is not None
    assert model.index(fine, Column.COMPANY).data(Qt.ItemDataRole.DecorationRole) is None


def test_opening_an_odd_row_explains_instead_of_crashing(
    qtbot: QtBot,
    store: Store,
    odd: dict[str, int],
    events: DataEvents,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    said: list[str] = []
    warning: Callable[..., None] = lambda _parent, _title, text, *_: said.append(text)  # noqa: E731
    monkeypatch.setattr(QMessageBox, "warning", warning)
    view = ApplicationsView(store, events)
    qtbot.addWidget(view)
    view.show()
    assert view.select_id(odd["stage"])
    assert view.edit_selected() is False
    assert len(said) == 1
    assert "cannot read" in said[0]
    assert "nothing was changed" in said[0]
