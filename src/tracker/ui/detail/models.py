"""Small table models for the application detail: history, people, interviews, tasks, contacts."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from tracker.domain.detail import (
    ContactChoice,
    HistoryRow,
    InterviewRow,
    PersonRow,
    contact_choices,
    history,
    interview_rows,
    people_rows,
)
from tracker.domain.store import Store
from tracker.domain.tasks import TaskRow, open_tasks
from tracker.ui.common.dates import format_day, format_moment
from tracker.ui.common.models import RowTableModel
from tracker.ui.common.roles import ItemRole

Index = QModelIndex | QPersistentModelIndex
R = TypeVar("R")


def moment_or_none(moment: datetime | None) -> str:
    return "No date yet" if moment is None else format_moment(moment)


def format_due(day: date | None, today: date | None = None) -> str:
    if day is None:
        return "Whenever suits"
    today = today or date.today()
    if day == today:
        return "Today"
    if day < today:
        return f"{format_day(day)} (overdue)"
    return format_day(day)


class RowsModel(RowTableModel, Generic[R]):
    """Rows from one query, shown through a list of (header, cell text) columns."""

    columns: Sequence[tuple[str, Callable[[R], str]]] = ()

    def __init__(self, load: Callable[[], list[R]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.headers = [header for header, _ in self.columns]
        self._load = load
        self._rows: list[R] = []
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = self._load()
        self.endResetModel()

    def row(self, index: int) -> R:
        return self._rows[index]

    def row_id(self, row: R) -> int:
        value = row[0]  # type: ignore[index]  # every row type is a NamedTuple led by an id
        return int(value)

    def row_count(self) -> int:
        return len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.columns[index.column()][1](row)
        if role == ItemRole.ROW_ID:
            return self.row_id(row)
        return None


class HistoryModel(RowsModel[HistoryRow]):
    """The stage history as a timeline, newest first."""

    columns = (
        ("When", lambda r: moment_or_none(r.changed_at)),
        (
            "Change",
            lambda r: (
                f"{r.from_stage.label} → {r.to_stage.label}"
                if r.from_stage
                else f"Added as {r.to_stage.label}"
            ),
        ),
        ("Note", lambda r: r.note or ""),
    )

    def __init__(self, store: Store, application_id: int, parent: QObject | None = None) -> None:
        super().__init__(lambda: history(store, application_id), parent)

    def row_id(self, row: HistoryRow) -> int:
        return int(row.changed_at.timestamp())


class PeopleModel(RowsModel[PersonRow]):
    columns = (
        ("Name", lambda r: r.name),
        ("Role", lambda r: r.role.label),
        ("Title", lambda r: r.title or ""),
        ("Email", lambda r: r.email or ""),
    )

    def __init__(self, store: Store, application_id: int, parent: QObject | None = None) -> None:
        super().__init__(lambda: people_rows(store, application_id), parent)


class InterviewsModel(RowsModel[InterviewRow]):
    columns = (
        ("When", lambda r: moment_or_none(r.starts_at)),
        ("Kind", lambda r: r.kind.label),
        ("Round", lambda r: str(r.round)),
        ("Interviewers", lambda r: r.interviewers or "Nobody noted yet"),
    )

    def __init__(self, store: Store, application_id: int, parent: QObject | None = None) -> None:
        super().__init__(lambda: interview_rows(store, application_id), parent)


class TasksModel(RowsModel[TaskRow]):
    columns = (
        ("Task", lambda r: r.title),
        ("Due", lambda r: format_due(r.due_on)),
    )

    def __init__(self, store: Store, application_id: int, parent: QObject | None = None) -> None:
        super().__init__(lambda: open_tasks(store, application_id), parent)


class ContactsModel(QAbstractListModel):
    """Contacts to pick from: the name to complete on, name with title and company to read."""

    def __init__(
        self, store: Store, company_first: str | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._company = company_first
        self._rows: list[ContactChoice] = []
        self.reload()

    def reload(self, search: str = "") -> None:
        self.beginResetModel()
        self._rows = contact_choices(self._store, search, self._company)
        self.endResetModel()

    def choice(self, row: int) -> ContactChoice:
        return self._rows[row]

    def by_id(self, contact_id: object) -> ContactChoice | None:
        return next((c for c in self._rows if c.id == contact_id), None)

    def find_name(self, name: str) -> ContactChoice | None:
        """The contact with exactly this name (ignoring case), preferring the listed order."""
        wanted = name.strip().casefold()
        return next((c for c in self._rows if c.name.casefold() == wanted), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        person = self._rows[index.row()]
        if role == Qt.ItemDataRole.EditRole:
            return person.name
        if role == Qt.ItemDataRole.DisplayRole:
            extra = ", ".join(part for part in (person.title, person.company) if part)
            return f"{person.name} — {extra}" if extra else person.name
        if role == ItemRole.ROW_ID:
            return person.id
        return None
