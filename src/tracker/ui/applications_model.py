"""The applications table as a Qt model over the domain's row query (only the shown columns)."""

from __future__ import annotations

from datetime import date, datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from sqlalchemy import func, select

from tracker.db.enums import Stage
from tracker.domain.applications import ApplicationRow, list_rows, rows_query
from tracker.domain.store import Store

ApplicationIdRole = Qt.ItemDataRole.UserRole + 1

DAY_FORMAT = "d MMM yyyy"  # month as a word: never ambiguous between locales
Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    COMPANY = 0
    ROLE = 1
    STAGE = 2
    LOCATION = 3
    APPLIED = 4
    UPDATED = 5


HEADERS = {
    Column.COMPANY: "Company",
    Column.ROLE: "Role",
    Column.STAGE: "Stage",
    Column.LOCATION: "Location",
    Column.APPLIED: "Applied",
    Column.UPDATED: "Updated",
}
HEADER_TIPS = {
    Column.APPLIED: "The day you applied",
    Column.UPDATED: "The day of the last change, in your local time",
}


def format_day(day: date) -> str:
    return QLocale().toString(QDate(day.year, day.month, day.day), DAY_FORMAT)


def _format_moment(moment: datetime) -> str:
    local = moment.astimezone()
    return f"{format_day(local.date())}, {local:%H:%M}"


class ApplicationsTableModel(QAbstractTableModel):
    """Rows come ordered from the query (latest change first); filters run in SQL."""

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._search = ""
        self._stage: Stage | None = None
        self._rows: list[ApplicationRow] = []
        self._total = 0
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
        return bool(self._search.strip()) or self._stage is not None

    def set_filter(self, search: str, stage: Stage | None) -> None:
        if search == self._search and stage == self._stage:
            return
        self._search = search
        self._stage = stage
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = list_rows(self._store, self._search, self._stage)
        self._total = self._count_all() if self.is_filtered else len(self._rows)
        self.endResetModel()

    def _count_all(self) -> int:
        # Only needed to tell "nothing matches" from "nothing yet"; a count, not the rows.
        with self._store.reading() as session:
            counted = select(func.count()).select_from(rows_query().subquery())
            return session.scalar(counted) or 0

    # --- lookups for the view ------------------------------------------------------------

    def row_data(self, row: int) -> ApplicationRow:
        return self._rows[row]

    def row_for_id(self, application_id: int) -> int | None:
        for number, row in enumerate(self._rows):
            if row.id == application_id:
                return number
        return None

    # --- Qt model interface --------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        column = Column(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS.get(column)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == ApplicationIdRole:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            # Screen readers would otherwise announce an empty cell as nothing at all.
            return self._text(row, column) or "not set"
        return None

    @staticmethod
    def _text(row: ApplicationRow, column: Column) -> str:
        match column:
            case Column.COMPANY:
                return row.company
            case Column.ROLE:
                return row.role
            case Column.STAGE:
                return row.stage.label
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
                return f"Last changed {_format_moment(row.updated_at)}"
