"""Lessons: every rejection's debrief, newest first, so each interview teaches something."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tracker.db.enums import DebriefPath
from tracker.domain.changes import Kind
from tracker.domain.lessons import LessonRow, Patterns, lesson_rows, patterns
from tracker.domain.store import Store
from tracker.ui.common.dates import format_day
from tracker.ui.common.models import RowTableModel
from tracker.ui.common.text import plain
from tracker.ui.events import DataEvents

Index = QModelIndex | QPersistentModelIndex
HEADERS = ("Date", "Application", "Path", "What went well", "What to do differently")
PATHS = {DebriefPath.FIGHT: "Fight", DebriefPath.FLIGHT: "Flight"}
EMPTY_TEXT = (
    "No lessons yet. When an application is turned down, plan your response and note what "
    "went well and what you would do differently: it shows up here."
)


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())


# Each debrief, with its application's company and role; stages and interviews for what repeats.
SHOWN = frozenset({Kind.DEBRIEFS, Kind.APPLICATIONS, Kind.INTERVIEWS})


class LessonsModel(RowTableModel):
    headers = HEADERS

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._rows: list[LessonRow] = []
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = lesson_rows(self._store)
        self.endResetModel()

    def row(self, number: int) -> LessonRow:
        return self._rows[number]

    def row_count(self) -> int:
        return len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                format_day(row.created_at.astimezone().date()),
                f"{row.company} · {row.role}",
                PATHS.get(row.path, str(row.path)),
                _one_line(row.went_well) or "—",
                _one_line(row.do_differently) or "—",
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole and column >= 3:
            return (row.went_well, row.do_differently)[column - 3] or None
        return None


def _counted(pairs: list[tuple[str, int]]) -> str:
    return ", ".join(f"{text} ({count})" for text, count in pairs)


def pattern_lines(found: Patterns) -> list[str]:
    """What repeats, one line each; a line only when there is something to say."""
    lines = []
    if found.stages:
        lines.append("Rejections came after: " + _counted([(s.label, n) for s, n in found.stages]))
    if found.weak_kinds:
        lines.append(
            "Interviews you marked weaker: " + _counted([(k.label, n) for k, n in found.weak_kinds])
        )
    for line, count in found.recurring[:5]:
        lines.append(f"Keeps coming up ({count} times): {line}")
    return lines


class LessonsView(QWidget):
    def __init__(self, store: Store, events: DataEvents, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = LessonsModel(store, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Lessons from each rejection, newest first")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in (3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.empty = QLabel(EMPTY_TEXT)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setAccessibleName("No lessons yet")
        self.repeats_title = plain(QLabel("What repeats: prepare the next interview with this"))
        font = self.repeats_title.font()
        font.setBold(True)
        self.repeats_title.setFont(font)
        self.repeats = plain(QLabel())
        self.repeats.setWordWrap(True)
        self.repeats.setAccessibleName("What repeats across rejections")
        self._store = store
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.addWidget(self.repeats_title)
        layout.addWidget(self.repeats)
        layout.addWidget(self.stack)
        self.model.modelReset.connect(self._sync)
        events.changed.connect(self._on_changed)
        self._sync()

    def reload(self) -> None:
        self.model.reload()

    def _on_changed(self, kinds: frozenset[Kind]) -> None:
        if kinds & SHOWN:
            self.model.reload()

    def _sync(self) -> None:
        lines = pattern_lines(patterns(self._store))
        self.repeats.setText("\n".join(lines))
        self.repeats.setVisible(bool(lines))
        self.repeats_title.setVisible(bool(lines))
        self.stack.setCurrentWidget(self.table if self.model.rowCount() else self.empty)
        self.table.resizeRowsToContents()
