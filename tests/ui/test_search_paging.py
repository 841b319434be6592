"""The search box on the main window: real keystrokes, a page read, the count in the status bar."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tracker.ui.applications.model import PAGE, Column
from tracker.ui.main_window import MainWindow


def test_typing_a_search_shows_its_first_page_and_the_count(qtbot, store, events, add):
    for i in range(PAGE + 120):
        add(f"Harbor {i:03}" if i % 3 else f"Summit {i:03}", "Engineer")
    window = MainWindow(store, events)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.find_in_view()
    view = window.applications
    total = PAGE + 120
    assert window.count_label.text() == f"{total} applications"

    qtbot.keyClicks(view.search, "harbor")
    harbors = sum(1 for i in range(total) if i % 3)
    qtbot.waitUntil(lambda: view.model.search == "harbor")
    assert harbors > PAGE
    assert view.model.match_count == harbors
    assert view.model.rowCount() <= 2 * PAGE  # a page or two, as far as the table shows
    assert window.count_label.text() == f"Showing {harbors} of {total} applications"

    view.table.sortByColumn(Column.COMPANY, Qt.SortOrder.AscendingOrder)
    view.table.scrollToBottom()
    qtbot.waitUntil(lambda: not view.model.canFetchMore())  # Qt read on as it scrolled
    names = [view.model.index(r, Column.COMPANY).data() for r in range(view.model.rowCount())]
    assert names == sorted(f"Harbor {i:03}" for i in range(total) if i % 3)
    assert window.count_label.text() == f"Showing {harbors} of {total} applications"

    qtbot.keyClick(view.search, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(view.search, "summit 00")
    qtbot.waitUntil(lambda: view.model.search == "summit 00")
    assert [view.model.index(r, Column.COMPANY).data() for r in range(3)] == [
        "Summit 000",
        "Summit 003",
        "Summit 006",
    ]
    assert window.count_label.text() == f"Showing 4 of {total} applications"
