"""What the applications table remembers between runs (QSettings): sort, column widths, order."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QHeaderView

from tracker.domain.rows import DEFAULT_SORT, Sort, SortColumn

SORT_KEY = "applications/sort"
HEADER_KEY = "applications/header"


def load_sort() -> Sort:
    text = str(QSettings().value(SORT_KEY, "") or "")
    column, _, direction = text.partition(":")
    try:
        return Sort(SortColumn(column), direction == "desc")
    except ValueError:
        return DEFAULT_SORT


def save_sort(sort: Sort) -> None:
    QSettings().setValue(SORT_KEY, f"{sort.column.value}:{'desc' if sort.descending else 'asc'}")


def save_header(header: QHeaderView) -> None:
    QSettings().setValue(HEADER_KEY, header.saveState())


def restore_header(header: QHeaderView) -> None:
    """Widths and order as the person left them; the sort stays the model's own."""
    state = QSettings().value(HEADER_KEY)
    if isinstance(state, QByteArray) and not state.isEmpty():
        indicator = (header.sortIndicatorSection(), header.sortIndicatorOrder())
        header.restoreState(state)
        header.setSortIndicator(*indicator)
