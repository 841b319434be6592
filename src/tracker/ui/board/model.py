"""One board column as a Qt list model: the cards of one stage, as the domain query built them."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from tracker.db.enums import Stage
from tracker.domain.board_rows import BoardCard, NextTask
from tracker.domain.rows import BOARD_PAGE as CARD_PAGE
from tracker.ui.common.dates import day_and_month, format_day
from tracker.ui.common.roles import ItemRole

MIME_TYPE = "application/x-job-tracker-application"
STAGE_MIME_TYPE = "application/x-job-tracker-stage"  # the column the card was dragged from
Index = QModelIndex | QPersistentModelIndex


def days_text(card: BoardCard) -> str:
    if card.days_in_stage == 0:
        return "Moved here today"
    if card.days_in_stage == 1:
        return "1 day in stage"
    return f"{card.days_in_stage} days in stage"


def short_days_text(card: BoardCard) -> str:
    """For a narrow card: "6 days", "1 day", "Today"."""
    if card.days_in_stage == 0:
        return "Today"
    return "1 day" if card.days_in_stage == 1 else f"{card.days_in_stage} days"


def due_text(due: date, today: date | None = None) -> str:
    today = today or date.today()
    if due == today:
        return "due today"
    if due == date.fromordinal(today.toordinal() + 1):
        return "due tomorrow"
    # The year only matters when it is not this one.
    return f"due {day_and_month(due) if due.year == today.year else format_day(due)}"


def next_text(card: BoardCard) -> str:
    """The card's last line without the title's eliding: "Next: Follow up · due 24 Nov"."""
    task = card.next_task
    if task is None:
        return "No next step yet"
    if task.due_on is None:
        return f"Next: {task.title}"
    return f"Next: {task.title} · {due_text(task.due_on)}"


def spoken_text(card: BoardCard) -> str:
    """All of a card in one sentence, for screen readers and tooltips."""
    parts = [f"{card.role} at {card.company}", days_text(card), next_text(card)]
    if card.overdue:
        parts.append("overdue")
    return ". ".join(parts)


def mime_for(application_id: int, stage: Stage) -> QMimeData:
    mime = QMimeData()
    mime.setData(MIME_TYPE, QByteArray(str(application_id).encode("ascii")))
    mime.setData(STAGE_MIME_TYPE, QByteArray(stage.value.encode("ascii")))
    return mime


def application_id_from(mime: QMimeData | None) -> int | None:
    """The dragged application's id, or None when the data is not one of our cards."""
    if mime is None or not mime.hasFormat(MIME_TYPE):
        return None
    raw = bytes(mime.data(MIME_TYPE).data()).decode("ascii", "replace").strip()
    return int(raw) if raw.isdigit() else None


def source_stage_from(mime: QMimeData | None) -> Stage | None:
    """The stage of the column the card was dragged from, or None when the data does not say."""
    if mime is None or not mime.hasFormat(STAGE_MIME_TYPE):
        return None
    raw = bytes(mime.data(STAGE_MIME_TYPE).data()).decode("ascii", "replace").strip()
    try:
        return Stage(raw)
    except ValueError:
        return None


NextTaskLoader = Callable[[list[int]], Mapping[int, NextTask]]
PageLoader = Callable[[Stage, int, int], list[BoardCard]]  # stage, offset, limit
TASK_PAGE = 60  # cards whose next task is fetched together as they come into view


class BoardColumnModel(QAbstractListModel):
    """The cards of one stage. The view fills every column from one board query; each card's
    next task is fetched for a page of cards at a time, when they are first shown."""

    def __init__(self, stage: Stage, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.stage = stage
        self._cards: list[BoardCard] = []
        self._tasks: dict[int, NextTask | None] = {}  # None: known to have no open task
        self._total = 0
        self.load_next_tasks: NextTaskLoader | None = None
        self.load_page: PageLoader | None = None

    def set_cards(
        self,
        cards: Sequence[BoardCard],
        known: Mapping[int, NextTask | None] | None = None,
        total: int | None = None,
    ) -> None:
        """The first cards of the column, and how many there are in all (the rest on demand)."""
        self.beginResetModel()
        self._cards = list(cards)
        self._tasks = dict(known or {})
        self._total = len(self._cards) if total is None else max(total, len(self._cards))
        self.endResetModel()

    @property
    def total(self) -> int:
        return self._total

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return (
            not parent.isValid() and self.load_page is not None and (len(self._cards) < self._total)
        )

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        assert self.load_page is not None
        more = self.load_page(self.stage, len(self._cards), CARD_PAGE)
        if not more:  # fewer than counted (changed meanwhile): stop asking
            self._total = len(self._cards)
            return
        first = len(self._cards)
        self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
        self._cards.extend(more)
        self.endInsertRows()

    def card(self, row: int) -> BoardCard:
        """The card with its next task (fetched now, with its neighbours, if not yet known)."""
        card = self._cards[row]
        if card.next_task is None and card.id not in self._tasks:
            self._fetch_tasks_around(row)
        return card.with_next_task(self._tasks.get(card.id, card.next_task))

    def _fetch_tasks_around(self, row: int) -> None:
        page = [c.id for c in self._cards[row : row + TASK_PAGE] if c.id not in self._tasks]
        if self.load_next_tasks is None:
            self._tasks.update(dict.fromkeys(page))
            return
        found = self.load_next_tasks(page)
        self._tasks.update({app_id: found.get(app_id) for app_id in page})

    def row_for_id(self, application_id: int) -> int | None:
        """The card's row among the cards loaded so far; never reads more pages to find it."""
        for number, card in enumerate(self._cards):
            if card.id == application_id:
                return number
        return None

    # --- Qt model interface --------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._cards)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled  # a card may land on the empty part too
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._cards):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            card = self._cards[index.row()]
            return f"{card.company} — {card.role}"
        if role == ItemRole.APPLICATION_ID:
            return self._cards[index.row()].id
        card = self.card(index.row())
        if role == ItemRole.CARD:
            return card
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return spoken_text(card)
        return None

    # --- drag and drop: the view decides what a drop does (it changes the stage) ----------

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        rows = [i.row() for i in indexes if i.isValid() and i.model() is self]
        return mime_for(self._cards[rows[0]].id, self.stage) if rows else QMimeData()

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction
