"""What the list views share: search box, row table, selecting a row, warning about an error."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QAbstractItemModel, QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QLineEdit,
    QMessageBox,
    QTableView,
    QWidget,
)

from tracker.domain.errors import ValidationError

SELECT_ROW = (
    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
)

SEARCH_DELAY_MS = 150  # long enough to skip a query per keystroke, short enough to feel live


def search_box(
    owner: QWidget,
    placeholder: str,
    name: str,
    apply: Callable[[], None],
    delay_ms: int = SEARCH_DELAY_MS,
) -> tuple[QLineEdit, QTimer]:
    """A search field that applies itself *delay_ms* after the last keystroke, or on Enter."""
    search = QLineEdit()
    search.setPlaceholderText(placeholder)
    search.setAccessibleName(name)
    search.setClearButtonEnabled(True)
    timer = QTimer(owner)
    timer.setSingleShot(True)
    timer.setInterval(delay_ms)
    timer.timeout.connect(apply)
    search.textChanged.connect(timer.start)
    search.returnPressed.connect(apply)
    return search, timer


def row_table(model: QAbstractItemModel, name: str) -> QTableView:
    """A read-only table that selects one whole row at a time."""
    table = QTableView()
    table.setModel(model)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.setTabKeyNavigation(False)  # Tab leaves the table, as keyboard users expect
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setStretchLastSection(False)
    return table


def select_index(view: QAbstractItemView, index: QModelIndex) -> None:
    """Make *index* the current row, the only one selected, and scroll it into sight."""
    view.selectionModel().setCurrentIndex(index, SELECT_ROW)
    view.scrollTo(index)


def error_text(exc: Exception) -> str:
    """A ValidationError's problems one a line, or any other error's message."""
    problems = exc.problems.values() if isinstance(exc, ValidationError) else [str(exc)]
    return "\n".join(problems)


def warn_error(parent: QWidget | None, title: str, exc: Exception) -> None:
    QMessageBox.warning(parent, title, error_text(exc))


class AddingDialog(Protocol):
    """A dialog that adds something and keeps its new id."""

    saved_id: int | None

    def exec(self) -> int: ...

    def deleteLater(self) -> None: ...


def add_and_select(dialog: AddingDialog, select: Callable[[int], object]) -> int | None:
    """Show *dialog*; when it saved, select what it added and return the new id."""
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.saved_id is None:
            return None
        select(dialog.saved_id)
        return dialog.saved_id
    finally:
        dialog.deleteLater()
