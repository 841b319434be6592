"""The first rows of a spreadsheet as they will be saved, with each row's problems."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from tracker.db.enums import Stage
from tracker.domain.exchange.table_import import Row
from tracker.ui.common.dates import format_day
from tracker.ui.common.models import Index, RowTableModel

PreviewRow = tuple[int, Row | None, dict[str, str]]


def _salary(row: Row) -> str:
    a = row.application
    if a.salary_min is None and a.salary_max is None:
        return ""
    amounts = "\u2013".join(f"{v:,}" for v in dict.fromkeys((a.salary_min, a.salary_max)) if v)
    return f"{amounts} {a.salary_currency or ''}".strip()


class PreviewModel(RowTableModel):
    headers = ("Line", "Company", "Role", "Stage", "Applied", "Location", "Salary", "Problems")

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[PreviewRow] = []

    def set_rows(self, rows: list[PreviewRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def row_count(self) -> int:
        return len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        line, row, problems = self.rows[index.row()]
        column = index.column()
        if column == 0:
            return str(line)
        if column == 7:
            return "; ".join(f"{field}: {message}" for field, message in problems.items())
        if row is None:
            return ""
        a = row.application
        values = (
            a.company,
            a.role,
            Stage(a.stage).label,
            format_day(a.applied_on) if a.applied_on else "",
            a.location or "",
            _salary(row),
        )
        return values[column - 1]

    def problem_rows(self) -> int:
        return sum(1 for _, row, _ in self.rows if row is None)

    def index_of_line(self, line: int) -> QModelIndex:
        for i, (number, _, _) in enumerate(self.rows):
            if number == line:
                return self.index(i, 0)
        return QModelIndex()
