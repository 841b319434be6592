"""Contacts as Qt models: the searchable list, and the applications one person is on."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from tracker.domain.contacts import (
    ContactRoleRow,
    ContactRow,
    contact_count,
    contact_rows,
    roles_of,
)
from tracker.domain.store import Store
from tracker.ui.common.models import RowTableModel, row_flags
from tracker.ui.common.roles import ItemRole

Index = QModelIndex | QPersistentModelIndex
NETWORK_MARK = "✓ In my network"


class Column(IntEnum):
    NAME = 0
    TITLE = 1
    COMPANY = 2
    EMAIL = 3
    NETWORK = 4


HEADERS = {
    Column.NAME: "Name",
    Column.TITLE: "Title",
    Column.COMPANY: "Company",
    Column.EMAIL: "Email",
    Column.NETWORK: "Network",
}
HEADER_TIPS: dict[int, str] = {Column.NETWORK: "People you know well enough to refer"}


class ContactsTableModel(RowTableModel):
    """Rows come ordered by name from the query; search and the network filter run in SQL."""

    headers = tuple(HEADERS[column] for column in Column)
    header_tips = HEADER_TIPS

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._search = ""
        self._network_only = False
        self._rows: list[ContactRow] = []
        self._total = 0
        self.reload()

    @property
    def total_count(self) -> int:
        return self._total

    @property
    def is_filtered(self) -> bool:
        return bool(self._search.strip()) or self._network_only

    def set_filter(self, search: str, network_only: bool) -> None:
        if (search, network_only) != (self._search, self._network_only):
            self._search, self._network_only = search, network_only
            self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = contact_rows(self._store, self._search, self._network_only)
        self._total = contact_count(self._store) if self.is_filtered else len(self._rows)
        self.endResetModel()

    def row_data(self, row: int) -> ContactRow:
        return self._rows[row]

    def row_for_id(self, contact_id: int) -> int | None:
        return next((n for n, row in enumerate(self._rows) if row.id == contact_id), None)

    def row_count(self) -> int:
        return len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = Column(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(row, column) or None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if column is Column.NETWORK:
                return "In my network" if row.in_network else "Not in my network"
            return self._text(row, column) or "not set"
        if role == ItemRole.CONTACT_ID:
            return row.id
        return None

    @staticmethod
    def _text(row: ContactRow, column: Column) -> str:
        match column:
            case Column.NAME:
                return row.name
            case Column.TITLE:
                return row.title or ""
            case Column.COMPANY:
                return row.company or ""
            case Column.EMAIL:
                return row.email or ""
            case Column.NETWORK:
                return NETWORK_MARK if row.in_network else ""


def role_text(row: ContactRoleRow) -> str:
    return f"{row.role.label} · {row.role_title} at {row.company}"


class ContactRolesModel(QAbstractListModel):
    """ "Recruiter · Backend Engineer at Northwind Analytics", one line per role."""

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._contact_id: int | None = None
        self._rows: list[ContactRoleRow] = []

    def set_contact(self, contact_id: int | None) -> None:
        self.beginResetModel()
        self._contact_id = contact_id
        self._rows = [] if contact_id is None else roles_of(self._store, contact_id)
        self.endResetModel()

    def reload(self) -> None:
        self.set_contact(self._contact_id)

    def row_data(self, row: int) -> ContactRoleRow:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        return row_flags(index)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return role_text(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return "Double-click to open this application"
        if role == ItemRole.APPLICATION_ID:
            return row.application_id
        return None
