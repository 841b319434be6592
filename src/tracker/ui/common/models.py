"""What the item models over rows share: read-only row flags, header text, a table base."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex
ROW_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
)


def row_flags(index: Index) -> Qt.ItemFlag:
    """A row to select and act on, never to edit."""
    return ROW_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags


def header_text(
    headers: Sequence[str],
    section: int,
    orientation: Qt.Orientation,
    role: int,
    tips: Mapping[int, str] | None = None,
) -> str | None:
    """A column's title (and tooltip, where *tips* has one); rows have no header."""
    if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(headers):
        return None
    if role == Qt.ItemDataRole.DisplayRole:
        return headers[section]
    if role == Qt.ItemDataRole.ToolTipRole and tips is not None:
        return tips.get(section)
    return None


class RowTableModel(QAbstractTableModel):
    """A flat, read-only table: subclasses set `headers` and say how many rows there are."""

    headers: Sequence[str] = ()
    header_tips: Mapping[int, str] | None = None

    def row_count(self) -> int:
        raise NotImplementedError

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else self.row_count()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def flags(self, index: Index) -> Qt.ItemFlag:
        return row_flags(index)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return header_text(self.headers, section, orientation, role, self.header_tips)
