"""The item models of the plan step: the planned tasks (tickable) and your network (pickable)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QGuiApplication

from tracker.domain.rejection import Person, PlannedTask
from tracker.ui.common.dates import short_day
from tracker.ui.common.theme import late_red

Index = QModelIndex | QPersistentModelIndex
CHECK = Qt.ItemDataRole.CheckStateRole
CHECKABLE = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable
)


def _checked(value: Any) -> bool:
    # Views send the state as an int; tests may send the enum.
    return value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value)


class PlanModel(QAbstractListModel):
    """The tasks the chosen path will create; the panel edits the PlannedTask objects."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks: list[PlannedTask] = []
        self._problems: dict[int, str] = {}

    def set_tasks(self, tasks: list[PlannedTask]) -> None:
        self.beginResetModel()
        self._tasks = tasks
        self._problems = {}
        self.endResetModel()

    def tasks(self) -> list[PlannedTask]:
        return self._tasks

    def task(self, row: int) -> PlannedTask | None:
        return self._tasks[row] if 0 <= row < len(self._tasks) else None

    def set_problems(self, problems: dict[int, str]) -> None:
        self._problems = dict(problems)
        if self._tasks:
            self.dataChanged.emit(self.index(0), self.index(len(self._tasks) - 1))

    def problem(self, row: int) -> str | None:
        return self._problems.get(row)

    def refresh(self, row: int) -> None:
        index = self.index(row)
        self.dataChanged.emit(index, index)

    def included_count(self) -> int:
        return sum(task.included for task in self._tasks)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._tasks)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        task = self._tasks[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            who = task.audience.split(" · ")[0]  # the name; the editor shows the title
            due = f" · {short_day(task.due_on)}" if task.due_on else ""
            return f"{task.title or '(no title)'}\n{who}{due}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return task.title
        if role == CHECK:
            return Qt.CheckState.Checked if task.included else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._problems.get(index.row()) or task.why or None
        if role == Qt.ItemDataRole.ForegroundRole and index.row() in self._problems:
            return late_red(QGuiApplication.palette())
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != CHECK:
            return False
        self._tasks[index.row()].included = _checked(value)
        self.dataChanged.emit(index, index, [CHECK])
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        return CHECKABLE if index.isValid() else Qt.ItemFlag.NoItemFlags


class NetworkModel(QAbstractListModel):
    """People from your own network, to offer as a referral; tick the ones to name."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._people: list[Person] = []
        self._chosen: set[int] = set()

    def set_people(self, people: tuple[Person, ...] | list[Person]) -> None:
        self.beginResetModel()
        self._people = list(people)
        self._chosen &= {p.contact_id for p in self._people}
        self.endResetModel()

    def chosen_ids(self) -> list[int]:
        return [p.contact_id for p in self._people if p.contact_id in self._chosen]

    def choose(self, contact_id: int, chosen: bool = True) -> None:
        for row, person in enumerate(self._people):
            if person.contact_id == contact_id:
                self.setData(self.index(row), Qt.CheckState.Checked if chosen else 0, CHECK)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._people)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        person = self._people[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return person.label
        if role == CHECK:
            chosen = person.contact_id in self._chosen
            return Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != CHECK:
            return False
        contact_id = self._people[index.row()].contact_id
        if _checked(value):
            self._chosen.add(contact_id)
        else:
            self._chosen.discard(contact_id)
        self.dataChanged.emit(index, index, [CHECK])
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        return CHECKABLE if index.isValid() else Qt.ItemFlag.NoItemFlags
