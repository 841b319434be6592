"""The backups as a table: when, how big, how many applications."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QLocale, QModelIndex, QPersistentModelIndex, Qt

from tracker.db.backups import Backup, application_count
from tracker.ui.common.dates import format_moment
from tracker.ui.common.models import RowTableModel

REASONS = {
    "auto": "Automatic",
    "manual": "Backed up by you",
    "before-restore": "Before a restore",
    "before-import": "Before an import",
    "before-upgrade": "Before an upgrade",
}


class BackupsModel(RowTableModel):
    headers = ("Taken", "Why", "Size", "Applications")

    def __init__(self, backups: list[Backup]) -> None:
        super().__init__()
        self._backups = backups
        # Read once: a backup never changes after it is taken.
        self._counts = [application_count(b.path) for b in backups]

    def row_count(self) -> int:
        return len(self._backups)

    def backup(self, row: int) -> Backup:
        return self._backups[row]

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        backup = self._backups[index.row()]
        match index.column():
            case 0:
                return format_moment(backup.taken_at)
            case 1:
                return REASONS.get(backup.reason, backup.reason)
            case 2:
                return QLocale().formattedDataSize(backup.size)
            case 3:
                count = self._counts[index.row()]
                return "unreadable" if count is None else str(count)
        return None
