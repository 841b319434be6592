"""Open tasks as a tree: one parent row per group (Overdue, Today…), the tasks beneath it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont, QGuiApplication, QPalette

from tracker.domain.store import Store
from tracker.domain.tasks import (
    KIND_LABELS,
    TaskGroup,
    TaskListRow,
    grouped_tasks,
    snoozed_count,
)
from tracker.ui.common.dates import first_weekday, long_day, short_day
from tracker.ui.common.models import ROW_FLAGS, header_text
from tracker.ui.common.roles import ItemRole
from tracker.ui.common.theme import late_red

Index = QModelIndex | QPersistentModelIndex
GROUP_ID = 0  # internalId of a group row; a task row stores its group's row + 1


class Column(IntEnum):
    TITLE = 0
    FOR = 1
    DUE = 2


HEADERS = {Column.TITLE: "Task", Column.FOR: "For", Column.DUE: "Due"}
HEADER_TEXTS = tuple(HEADERS[column] for column in Column)


def due_text(row: TaskListRow, today: date) -> str:
    if row.due_on is None:
        return ""
    days = (row.due_on - today).days
    if days == 0:
        text = "Today"
    elif days == 1:
        text = "Tomorrow"
    elif days == -1:
        text = "Yesterday"
    elif days < 0:
        text = f"{short_day(row.due_on)} · {-days} days ago"
    else:
        text = short_day(row.due_on)
    return text


def due_tooltip(row: TaskListRow, today: date) -> str:
    """The Due cell in full, as its narrow column may cut it off."""
    text = "No due date"
    if row.due_on is not None:
        days = (row.due_on - today).days
        relative = {0: "today", 1: "tomorrow", -1: "yesterday"}.get(days)
        if relative is None and days < 0:
            relative = f"{-days} days ago"
        text = f"Due {long_day(row.due_on)}" + (f" ({relative})" if relative else "")
    if row.is_snoozed(today) and row.snoozed_until is not None:
        text += f"; snoozed to {long_day(row.snoozed_until)}"
    return text


def for_text(row: TaskListRow) -> str:
    """What the task is for: "Company · Role — Person", leaving out what is not known."""
    parts = [p for p in (row.company, row.role_title) if p]
    text = " · ".join(parts)
    if row.contact_name:
        text = f"{text} — {row.contact_name}" if text else row.contact_name
    return text


class TasksTreeModel(QAbstractItemModel):
    """Reloads in one query; rows come sorted, so grouping is a single pass in the domain."""

    def __init__(
        self,
        store: Store,
        today_provider: Callable[[], date] = date.today,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._today_provider = today_provider
        self._today = today_provider()
        self._show_snoozed = False
        self._groups: list[tuple[TaskGroup, list[TaskListRow]]] = []
        self._snoozed = 0
        self.reload()

    # --- loading ---------------------------------------------------------------------------

    @property
    def today(self) -> date:
        return self._today

    @property
    def show_snoozed(self) -> bool:
        return self._show_snoozed

    @property
    def snoozed_hidden(self) -> int:
        """Snoozed tasks left out of the list (0 while they are shown)."""
        return self._snoozed

    def set_show_snoozed(self, show: bool) -> None:
        if show != self._show_snoozed:
            self._show_snoozed = show
            self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._today = self._today_provider()
        self._groups = grouped_tasks(
            self._store, self._today, self._show_snoozed, week_starts=first_weekday()
        )
        self._snoozed = 0 if self._show_snoozed else snoozed_count(self._store, self._today)
        self.endResetModel()

    # --- lookups for the view --------------------------------------------------------------

    def task_count(self) -> int:
        return sum(len(rows) for _, rows in self._groups)

    def groups(self) -> list[TaskGroup]:
        return [group for group, _ in self._groups]

    def group_index(self, group: TaskGroup) -> QModelIndex:
        for number, (found, _) in enumerate(self._groups):
            if found is group:
                return self.index(number, 0)
        return QModelIndex()

    def task_at(self, index: Index) -> TaskListRow | None:
        if not index.isValid() or index.internalId() == GROUP_ID:
            return None
        rows = self._groups[index.internalId() - 1][1]
        return rows[index.row()] if 0 <= index.row() < len(rows) else None

    def index_of_task(self, task_id: int, column: int = 0) -> QModelIndex:
        for number, (_, rows) in enumerate(self._groups):
            for row_number, row in enumerate(rows):
                if row.id == task_id:
                    return self.createIndex(row_number, column, number + 1)
        return QModelIndex()

    # --- Qt model interface ----------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, GROUP_ID)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not child.isValid() or child.internalId() == GROUP_ID:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, GROUP_ID)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == GROUP_ID and parent.column() == 0:
            return len(self._groups[parent.row()][1])
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(Column)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == GROUP_ID:
            return Qt.ItemFlag.ItemIsEnabled  # a heading: not something to act on
        return ROW_FLAGS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return header_text(HEADER_TEXTS, section, orientation, role)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == GROUP_ID:
            return self._group_data(index, role)
        row = self.task_at(index)
        if row is None:
            return None
        column = Column(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            text = self._text(row, column)
            return text or ("not set" if role == Qt.ItemDataRole.AccessibleTextRole else "")
        if role == ItemRole.TASK_ID:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            late = row.due_on is not None and row.due_on < self._today
            if column is Column.DUE and late:
                return late_red()
            if row.is_snoozed(self._today):
                return QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        return None

    def _group_data(self, index: Index, role: int) -> Any:
        if not 0 <= index.row() < len(self._groups) or index.column() != 0:
            return None
        group, rows = self._groups[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{group.label}  ({len(rows)})"
        if role == ItemRole.GROUP:
            return group.value
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and group is TaskGroup.OVERDUE:
            return late_red()
        return None

    def _text(self, row: TaskListRow, column: Column) -> str:
        match column:
            case Column.TITLE:
                return row.title
            case Column.FOR:
                return for_text(row)
            case Column.DUE:
                text = due_text(row, self._today)
                if row.is_snoozed(self._today) and row.snoozed_until is not None:
                    snoozed = f"snoozed to {short_day(row.snoozed_until)}"
                    text = f"{text} · {snoozed}" if text else snoozed.capitalize()
                return text

    def _tooltip(self, row: TaskListRow, column: Column) -> str | None:
        match column:
            case Column.TITLE:
                return f"{KIND_LABELS[row.kind]}: {row.title}"
            case Column.FOR:
                return for_text(row) or "Not linked to an application or person"
            case Column.DUE:
                return due_tooltip(row, self._today)
