from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from tracker.db.enums import Stage
from tracker.ui.applications.model import ApplicationsTableModel, Column
from tracker.ui.common.roles import ItemRole


def test_model_passes_qtmodeltester(qtmodeltester, store, add):
    add("Northwind", "Backend Engineer", Stage.APPLIED, "Berlin", date(2026, 3, 2))
    add("Contoso", "Platform Engineer", Stage.REJECTED)
    add("Fabrikam", "Data Engineer")
    model = ApplicationsTableModel(store)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 3


def test_rows_show_the_chosen_columns_latest_first(store, add):
    first = add("Northwind", "Backend Engineer", Stage.APPLIED, "Berlin", date(2026, 3, 2))
    second = add("Contoso", "Platform Engineer", Stage.REJECTED)
    model = ApplicationsTableModel(store)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in Column]
    assert headers == ["Company", "Role", "Stage", "Location", "Applied", "Updated"]
    assert [model.index(r, 0).data(ItemRole.APPLICATION_ID) for r in range(2)] == [second, first]
    row = model.row_for_id(first)
    assert row is not None
    texts = [model.index(row, c).data() for c in Column]
    assert texts[:5] == ["Northwind", "Backend Engineer", "Applied", "Berlin", "2 Mar 2026"]
    blank = model.index(model.row_for_id(second) or 0, Column.LOCATION)
    assert blank.data() == ""
    assert blank.data(Qt.ItemDataRole.AccessibleTextRole) == "not set"


def test_filter_runs_in_the_query_and_keeps_the_total(store, add):
    add("Northwind", "Backend Engineer", Stage.APPLIED)
    add("Contoso", "Platform Engineer", Stage.REJECTED)
    model = ApplicationsTableModel(store)
    model.set_filter("north", None)
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["Northwind"]
    assert model.total_count == 2
    model.set_filter("", Stage.REJECTED)
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["Contoso"]


def test_rows_are_fetched_a_page_at_a_time(store, add, qtmodeltester):
    from tracker.ui.applications.model import PAGE

    ids = [add(f"Company {i:03}", "Engineer") for i in range(PAGE + 50)]
    model = ApplicationsTableModel(store)
    assert model.rowCount() == PAGE  # one page read; the count knows there are more
    assert (model.match_count, model.total_count) == (PAGE + 50, PAGE + 50)
    assert model.row_for_id(ids[0]) is None  # not read yet, and looking does not read it
    assert model.rowCount() == PAGE
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == PAGE + 50
    assert not model.canFetchMore()
    # Latest first: the last one added is on top, the first one added at the bottom.
    assert model.index(0, Column.COMPANY).data() == f"Company {PAGE + 49:03}"
    assert model.index(PAGE + 49, Column.COMPANY).data() == "Company 000"
    assert model.index(PAGE + 49, 0).data(ItemRole.APPLICATION_ID) == ids[0]
    qtmodeltester.check(model, force_py=True)


def test_a_search_matching_more_than_a_page_reads_on_in_its_order(store, add):
    from tracker.ui.applications.model import PAGE

    for i in range(PAGE + 30):
        add(f"North {i:03}" if i % 2 else f"South {i:03}", "Engineer")
    model = ApplicationsTableModel(store)
    model.sort(Column.COMPANY, Qt.SortOrder.DescendingOrder)
    model.set_filter("north", None)
    matches = (PAGE + 30) // 2
    assert (model.match_count, model.total_count) == (matches, PAGE + 30)
    while model.canFetchMore():
        model.fetchMore()
    names = [model.index(r, Column.COMPANY).data() for r in range(model.rowCount())]
    assert names == sorted((f"North {i:03}" for i in range(1, PAGE + 30, 2)), reverse=True)


def test_a_rare_search_term_reads_its_pages_in_order_too(store, add, monkeypatch):
    """Under 1/20 of the rows: the query sorts just the matches (table_filters' narrow)."""
    from tracker.domain.table import table_page
    from tracker.ui.applications import model as module

    for i in range(60):
        add(f"Company {i:03}", "Engineer", notes="kestrel" if i % 30 == 0 else None)
    assert table_page(store, "kestrel", limit=1, total=60).narrow
    assert not table_page(store, "company", limit=1, total=60).narrow
    monkeypatch.setattr(module, "PAGE", 1)
    model = ApplicationsTableModel(store)
    model.set_filter("kestrel", None)
    assert (model.match_count, model.rowCount()) == (2, 1)
    model.fetchMore()
    assert [model.index(r, Column.COMPANY).data() for r in range(model.rowCount())] == [
        "Company 030",
        "Company 000",
    ]
