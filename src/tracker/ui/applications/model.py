"""The applications table as a Qt model over the domain's row query (only the shown columns)."""

from __future__ import annotations

from datetime import datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from tracker.db.enums import Stage
from tracker.domain.rows import DEFAULT_SORT, ApplicationRow, Sort, SortColumn
from tracker.domain.store import Store
from tracker.startup.first_paint import FirstPaint
from tracker.ui.common.dates import format_day, format_moment
from tracker.ui.common.models import RowTableModel
from tracker.ui.common.roles import ItemRole

Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    COMPANY = 0
    ROLE = 1
    STAGE = 2
    LOCATION = 3
    APPLIED = 4
    UPDATED = 5

    @property
    def sort_key(self) -> SortColumn:
        return list(SortColumn)[self.value]

    @classmethod
    def for_sort(cls, key: SortColumn) -> Column:
        return cls(list(SortColumn).index(key))


HEADERS = {
    Column.COMPANY: "Company",
    Column.ROLE: "Role",
    Column.STAGE: "Stage",
    Column.LOCATION: "Location",
    Column.APPLIED: "Applied",
    Column.UPDATED: "Updated",
}
HEADER_TIPS: dict[int, str] = {
    Column.APPLIED: "The day you applied",
    Column.UPDATED: "The day of the last change, in your local time",
}


PAGE = 200  # rows fetched together as they scroll into view
CACHE_LIMIT = 5000


def _gone(application_id: int) -> ApplicationRow:
    """Deleted since the ids were read: show a quiet placeholder until the next refresh."""
    from datetime import UTC

    return ApplicationRow(
        application_id, "(deleted)", "", Stage.WISHLIST, None, None, datetime.now(UTC), False
    )


class ApplicationsTableModel(RowTableModel):
    """Rows come filtered and ordered from the query; sorting a column asks SQL again."""

    headers = tuple(HEADERS[column] for column in Column)
    header_tips = HEADER_TIPS

    def __init__(
        self,
        store: Store,
        parent: QObject | None = None,
        first_paint: FirstPaint | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._search = ""
        self._stage: Stage | None = None
        self._sort: Sort = DEFAULT_SORT
        self._show_archived = False
        # The table holds the ids in order and fetches rows a page at a time as they show.
        self._ids: list[int] = []
        self._cache: dict[int, ApplicationRow] = {}
        self._total = 0
        if first_paint is None:
            self.reload()
        else:  # read at start-up without SQLAlchemy; the next reload goes through the domain
            self._sort = first_paint.sort
            self._ids = first_paint.ids
            self._cache = {row.id: row for row in first_paint.rows}
            self._total = len(self._ids)

    @property
    def current_sort(self) -> Sort:
        return self._sort

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(Column):
            return
        wanted = Sort(Column(column).sort_key, order == Qt.SortOrder.DescendingOrder)
        if wanted != self._sort:
            self._sort = wanted
            self.reload()

    # --- filtering and loading ---------------------------------------------------------

    @property
    def search(self) -> str:
        return self._search

    @property
    def stage(self) -> Stage | None:
        return self._stage

    @property
    def total_count(self) -> int:
        """Applications that exist (not archived), whatever the filter shows."""
        return self._total

    @property
    def is_filtered(self) -> bool:
        return bool(self._search.strip()) or self._stage is not None or self._show_archived

    def set_filter(self, search: str, stage: Stage | None) -> None:
        if search == self._search and stage == self._stage:
            return
        self._search = search
        self._stage = stage
        self.reload()

    def set_show_archived(self, show: bool) -> None:
        if show != self._show_archived:
            self._show_archived = show
            self.reload()

    def reload(self) -> None:
        from tracker.domain.applications import list_ids

        self.beginResetModel()
        self._ids = list_ids(
            self._store, self._search, self._stage, self._show_archived, sort=self._sort
        )
        self._cache = {}
        self._total = self._count_all() if self.is_filtered else len(self._ids)
        self.endResetModel()

    def _count_all(self) -> int:
        # Only needed to tell "nothing matches" from "nothing yet"; a count, not the rows.
        from tracker.domain.applications import count_applications

        return count_applications(self._store, include_archived=self._show_archived)

    # --- lookups for the view ------------------------------------------------------------

    def row_data(self, row: int) -> ApplicationRow:
        application_id = self._ids[row]
        if application_id not in self._cache:
            self._fetch_page_around(row)
        return self._cache.get(application_id) or _gone(application_id)

    def _fetch_page_around(self, row: int) -> None:
        from tracker.domain.applications import rows_by_id

        start = max(0, row - PAGE // 4)
        wanted = [i for i in self._ids[start : start + PAGE] if i not in self._cache]
        if len(self._cache) > CACHE_LIMIT:
            self._cache.clear()
        self._cache.update(rows_by_id(self._store, wanted))

    def row_for_id(self, application_id: int) -> int | None:
        try:
            return self._ids.index(application_id)
        except ValueError:
            return None

    # --- Qt model interface --------------------------------------------------------------

    def row_count(self) -> int:
        return len(self._ids)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        row = self.row_data(index.row())
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == ItemRole.APPLICATION_ID:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            # Screen readers would otherwise announce an empty cell as nothing at all.
            return self._text(row, column) or "not set"
        if role == Qt.ItemDataRole.FontRole and row.archived:
            font = QFont()
            font.setItalic(True)  # archived rows read as put away, not gone
            return font
        return None

    @staticmethod
    def _text(row: ApplicationRow, column: Column) -> str:
        match column:
            case Column.COMPANY:
                return row.company
            case Column.ROLE:
                return row.role
            case Column.STAGE:
                return f"{row.stage.label} (archived)" if row.archived else row.stage.label
            case Column.LOCATION:
                return row.location or ""
            case Column.APPLIED:
                return format_day(row.applied_on) if row.applied_on else ""
            case Column.UPDATED:
                return format_day(row.updated_at.astimezone().date())

    @staticmethod
    def _tooltip(row: ApplicationRow, column: Column) -> str | None:
        match column:
            case Column.COMPANY | Column.ROLE:
                return f"{row.role} at {row.company}"
            case Column.STAGE:
                return f"{row.stage.label} (closed)" if row.stage.is_closed else row.stage.label
            case Column.LOCATION:
                return row.location
            case Column.APPLIED:
                return None if row.applied_on else "Not applied yet"
            case Column.UPDATED:
                return f"Last changed {format_moment(row.updated_at)}"
