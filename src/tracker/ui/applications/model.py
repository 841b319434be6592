"""The applications table as a Qt model over the domain's row query (only the shown columns)."""

from __future__ import annotations

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
from tracker.ui.common.icons import themed_icon
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


PAGE = 200  # rows read together: the first page on a new filter, more as they scroll into view


class ApplicationsTableModel(RowTableModel):
    """Rows come filtered and ordered from the query; sorting a column asks SQL again.

    Only the rows scrolled into view are read (Qt asks through canFetchMore/fetchMore), so a
    keystroke in the search box costs a count and one page, whatever the number of rows.
    """

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
        self._rows: list[ApplicationRow] = []  # the rows read so far, in order
        self._matches = 0  # rows the filter matches, read or not
        self._narrow = False  # a rare search term: see domain.table.table_filters
        self._total: int | None = None  # applications in all (None: count on the next load)
        if first_paint is None or first_paint.rows is None:
            self.reload()
        else:  # read at start-up without SQLAlchemy; the next load goes through the domain
            self._sort = first_paint.sort
            self._rows = list(first_paint.rows)
            self._matches = self._total = first_paint.live_count

    @property
    def current_sort(self) -> Sort:
        return self._sort

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(Column):
            return
        wanted = Sort(Column(column).sort_key, order == Qt.SortOrder.DescendingOrder)
        if wanted != self._sort:
            self._sort = wanted
            self._load()

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
        return self._total or 0

    @property
    def match_count(self) -> int:
        """Rows the filter matches, including those not read yet."""
        return self._matches

    @property
    def is_filtered(self) -> bool:
        return bool(self._search.strip()) or self._stage is not None or self._show_archived

    def set_filter(self, search: str, stage: Stage | None) -> None:
        if search == self._search and stage == self._stage:
            return
        self._search = search
        self._stage = stage
        self._load()

    def set_show_archived(self, show: bool) -> None:
        if show != self._show_archived:
            self._show_archived = show
            self.reload()

    def reload(self) -> None:
        """Read again after the data changed: the total too."""
        self._total = None
        self._load()

    def _load(self) -> None:
        from tracker.domain.table import count_applications, table_page

        if self._total is None:
            self._total = count_applications(self._store, include_archived=self._show_archived)
        self.beginResetModel()
        page = table_page(
            self._store,
            self._search,
            self._stage,
            self._show_archived,
            self._sort,
            limit=PAGE,
            total=self._total,
        )
        self._rows, self._matches, self._narrow = page.rows, page.matches, page.narrow
        self.endResetModel()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self._rows) < self._matches

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        from tracker.domain.table import more_rows

        more = more_rows(
            self._store,
            self._search,
            self._stage,
            self._show_archived,
            self._sort,
            offset=len(self._rows),
            limit=PAGE,
            narrow=self._narrow,
        )
        if not more:  # fewer than counted (changed meanwhile): stop asking
            self._matches = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    # --- lookups for the view ------------------------------------------------------------

    def row_data(self, row: int) -> ApplicationRow:
        return self._rows[row]

    def row_for_id(self, application_id: int) -> int | None:
        """The row among those read so far; never reads more pages to find it."""
        for number, row in enumerate(self._rows):
            if row.id == application_id:
                return number
        return None

    # --- Qt model interface --------------------------------------------------------------

    def row_count(self) -> int:
        return len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self.row_data(index.row())
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == ItemRole.APPLICATION_ID:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return unreadable_tip(row) if row.unreadable else self._tooltip(row, column)
        if role == Qt.ItemDataRole.DecorationRole and row.unreadable and column is Column.COMPANY:
            return themed_icon("dialog-warning")
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
                label = stage_label(row)
                return f"{label} (archived)" if row.archived else label
            case Column.LOCATION:
                return row.location or ""
            case Column.APPLIED:
                if row.applied_on is not None:
                    return format_day(row.applied_on)
                return unreadable_text(row, "date applied")
            case Column.UPDATED:
                if row.updated_at is not None:
                    return format_day(row.updated_at.astimezone().date())
                return unreadable_text(row, "last change")

    @staticmethod
    def _tooltip(row: ApplicationRow, column: Column) -> str | None:
        match column:
            case Column.COMPANY | Column.ROLE:
                return f"{row.role} at {row.company}"
            case Column.STAGE:
                closed = row.stage is not None and row.stage.is_closed
                return f"{stage_label(row)} (closed)" if closed else stage_label(row)
            case Column.LOCATION:
                return row.location
            case Column.APPLIED:
                return None if row.applied_on else "Not applied yet"
            case Column.UPDATED:
                return (
                    None
                    if row.updated_at is None
                    else f"Last changed {format_moment(row.updated_at)}"
                )


def stage_label(row: ApplicationRow) -> str:
    """The stage's name; a stage this version does not know is shown as stored."""
    return row.stage.label if row.stage is not None else f"Unknown ({row.stored('stage')})"


def unreadable_text(row: ApplicationRow, what: str) -> str:
    stored = row.stored(what)
    return "" if stored is None else f"Unreadable ({stored})"


def unreadable_tip(row: ApplicationRow) -> str:
    """Why a row is flagged, on every cell of it: what could not be read, and the way out."""
    values = "; ".join(f'{what} "{stored}"' for what, stored in row.unreadable)
    return (
        f"Some of what is stored for {row.role} at {row.company} cannot be read by this "
        f"version of Job Tracker ({values}). Everything else is shown as it is; setting "
        "those again puts it right."
    )
