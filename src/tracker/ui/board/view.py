"""The pipeline board: a column per active stage, the closed ones folded away, cards that move."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QItemSelectionModel, QPoint, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QVBoxLayout, QWidget

from tracker.db.enums import ACTIVE_STAGES, CLOSED_STAGES, Stage
from tracker.domain.board_rows import BoardCard, BoardFirstPaint, NextTask
from tracker.domain.changes import Kind
from tracker.domain.rows import BOARD_PAGE as CARD_PAGE
from tracker.domain.rows import StageMove
from tracker.domain.store import Store
from tracker.startup.idle import when_idle_after_paint
from tracker.ui.board.column import BoardColumn, BoardList, ClosedToggle
from tracker.ui.common.roles import ItemRole
from tracker.ui.events import DataEvents

# Closed stages in the order a person reads their outcomes: the good one first.
CLOSED_ORDER = (Stage.ACCEPTED, Stage.REJECTED, Stage.WITHDRAWN, Stage.GHOSTED)
assert set(CLOSED_ORDER) == CLOSED_STAGES

EMPTY_HINT = "Nothing here yet. Press Ctrl+N to add a job you are eyeing."
DROP_HINT = "Drag a card here"

# Cards show applications and each one's next task.
SHOWN = frozenset({Kind.APPLICATIONS, Kind.TASKS})


def placeholder(stage: Stage, total: int) -> str:
    """What an empty lane says, with *total* applications on the whole board."""
    if total == 0:
        return EMPTY_HINT if stage is Stage.WISHLIST else ""
    return DROP_HINT


class BoardView(QWidget):
    stage_moved = Signal(object)  # a StageMove that changed stage (a rejection opens a panel)
    open_requested = Signal(int)  # application id: Enter or double-click on a card
    delete_requested = Signal(int)  # application id: the Delete key or the menu
    archive_requested = Signal(int)  # application id: Archive in the card's menu
    plan_requested = Signal(int)  # application id: "Plan my response…" on a rejected card
    selection_changed = Signal()

    def __init__(
        self,
        store: Store,
        events: DataEvents,
        parent: QWidget | None = None,
        first_paint: BoardFirstPaint | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName("Pipeline board")
        self._store = store
        self._events = events
        # The closed lanes start folded away: after a first paint they are built once the
        # board is idle (or when opened), counted until then, and read when first opened.
        self.columns = {stage: BoardColumn(stage) for stage in ACTIVE_STAGES}
        for column in self.columns.values():
            self._wire(column)

        self.closed_toggle = ClosedToggle()
        self.closed_toggle.toggled.connect(self._show_closed)
        self.closed_panel = QWidget()
        self.closed_panel.setAccessibleName("Closed applications")
        self._closed_lanes = QVBoxLayout(self.closed_panel)
        self._closed_lanes.setContentsMargins(0, 0, 0, 0)
        self._closed_lanes.setSpacing(8)
        self.closed_panel.hide()

        bar = QHBoxLayout()
        bar.setContentsMargins(4, 0, 2, 0)
        self.summary = QLabel()
        self.summary.setAccessibleName("Board summary")
        bar.addWidget(self.summary)
        bar.addStretch(1)
        bar.addWidget(self.closed_toggle)
        lanes = QHBoxLayout()
        lanes.setSpacing(10)
        for stage in ACTIVE_STAGES:
            self.columns[stage].setMinimumWidth(170)
            lanes.addWidget(self.columns[stage], 1)
        lanes.addWidget(self.closed_panel, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 12)
        layout.setSpacing(6)
        layout.addLayout(bar)
        layout.addLayout(lanes, 1)
        chain: list[QWidget] = [self.columns[stage].list for stage in ACTIVE_STAGES]
        for first, second in pairwise([*chain, self.closed_toggle]):
            self.setTabOrder(first, second)

        events.changed.connect(self._on_data_changed)
        self._counts = dict.fromkeys(Stage, 0)
        self._closed_read = first_paint is None
        if first_paint is None:
            self.reload()
        else:  # read at start-up without SQLAlchemy
            self._show_cards(first_paint.cards, first_paint.next_tasks, first_paint.counts)
            when_idle_after_paint(self, self.build_closed)

    def build_closed(self) -> None:
        """The closed lanes (once): below the toggle, after it in the tab order."""
        if CLOSED_ORDER[0] in self.columns:
            return
        previous: QWidget = self.closed_toggle
        for stage in CLOSED_ORDER:
            column = self.columns[stage] = BoardColumn(stage)
            self._wire(column)
            if not self._closed_read:  # counted only: not fetched by a hidden view
                column.model.load_page = None
            column.model.set_cards([], None, self._counts[stage])
            column.set_count(self._counts[stage])
            column.list.placeholder = placeholder(stage, sum(self._counts.values()))
            column.fit_to_cards()
            self._closed_lanes.addWidget(column, 1)
            self.setTabOrder(previous, column.list)
            previous = column.list
        self._closed_lanes.addStretch(0)  # what no lane needs stays below them all

    def _wire(self, column: BoardColumn) -> None:
        column.model.load_next_tasks = self._next_tasks
        column.model.load_page = self._page
        board_list = column.list
        board_list.card_dropped.connect(self.move_application)
        board_list.move_requested.connect(self.move_selected)
        board_list.delete_requested.connect(self.delete_requested)
        board_list.activated.connect(
            lambda index: self.open_requested.emit(int(index.data(ItemRole.APPLICATION_ID)))
        )
        board_list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        board_list.customContextMenuRequested.connect(
            lambda pos: self._show_context_menu(board_list, pos)
        )
        # One card is selected on the whole board, not one per column.
        board_list.selectionModel().selectionChanged.connect(
            lambda *_: self._keep_single_selection(board_list)
        )

    # --- loading -------------------------------------------------------------------------

    def _next_tasks(self, ids: list[int]) -> dict[int, NextTask]:
        from tracker.domain.board import next_tasks_for

        return next_tasks_for(self._store, ids)

    def _page(self, stage: Stage, offset: int, limit: int) -> list[BoardCard]:
        from tracker.domain.board import column_page

        return column_page(self._store, stage, offset, limit)

    def reload(self) -> None:
        from tracker.domain.board import column_page, stage_counts

        counts = stage_counts(self._store)
        cards = {stage: column_page(self._store, stage, 0, CARD_PAGE) for stage in Stage}
        self.build_closed()
        self._closed_are_read()
        self._show_cards(cards, {}, counts)

    def _closed_are_read(self) -> None:
        self._closed_read = True
        for stage in CLOSED_ORDER:
            self.columns[stage].model.load_page = self._page

    def _read_closed(self) -> None:
        """The closed lanes' first cards, when they are first opened after a first paint."""
        self.build_closed()
        self._closed_are_read()
        for stage in CLOSED_ORDER:
            column = self.columns[stage]
            column.model.set_cards(self._page(stage, 0, CARD_PAGE), None, column.model.total)
            column.fit_to_cards()

    def _show_cards(
        self,
        cards: dict[Stage, list[BoardCard]],
        known: dict[int, NextTask | None],
        counts: dict[Stage, int],
    ) -> None:
        keep = self.selected_id()
        self._counts = counts
        total = sum(counts.values())
        for stage, column in self.columns.items():
            column.model.set_cards(cards[stage], known, counts[stage])
            column.set_count(counts[stage])
        for stage in CLOSED_ORDER:  # stacked: a full lane takes what the others do not need
            if stage in self.columns:
                self.columns[stage].fit_to_cards()
        for stage, column in self.columns.items():
            column.list.placeholder = placeholder(stage, total)
        closed = sum(counts[stage] for stage in CLOSED_ORDER)
        active = total - closed
        self.summary.setText(
            f"{active} in progress" if active else "Nothing in progress" if total else ""
        )
        self.closed_toggle.setText(f"Closed · {closed}")
        self.closed_toggle.setAccessibleDescription(f"{closed} closed applications")
        if keep is not None:
            self.select_application(keep, focus=False)
        self.selection_changed.emit()

    def _on_data_changed(self, kinds: frozenset[Kind]) -> None:
        if kinds & SHOWN:
            self.reload()

    def _show_closed(self, on: bool) -> None:
        if on and not self._closed_read:
            self._read_closed()
        self.closed_panel.setVisible(on)

    # --- selection -----------------------------------------------------------------------

    def _keep_single_selection(self, source: BoardList) -> None:
        if source.selectionModel().hasSelection():
            for column in self.columns.values():
                if column.list is not source:
                    column.list.clearSelection()
        self.selection_changed.emit()

    def selected_id(self) -> int | None:
        for column in self.columns.values():
            found = column.list.selected_id()
            if found is not None:
                return found
        return None

    def select_application(self, application_id: int, focus: bool = True) -> bool:
        """Select the card (opening the closed stages if it is there); False if not on the board."""
        for stage, column in self.columns.items():
            row = column.model.row_for_id(application_id)
            if row is None:
                continue
            if stage in CLOSED_STAGES:
                self.closed_toggle.setChecked(True)
            index = column.model.index(row, 0)
            column.list.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
            column.list.scrollTo(index)
            if focus:
                column.list.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        return False

    def selected_stage(self) -> Stage | None:
        for stage, column in self.columns.items():
            if column.list.selected_id() is not None:
                return stage
        return None

    # --- moving --------------------------------------------------------------------------

    def move_selected(self, delta: int) -> StageMove | None:
        """Move the selected card to the next (+1) or previous (-1) active stage."""
        application_id, stage = self.selected_id(), self.selected_stage()
        if application_id is None or stage not in ACTIVE_STAGES:
            return None  # closed cards move through the menu: there is no "next" to a rejection
        position = ACTIVE_STAGES.index(stage) + delta
        if not 0 <= position < len(ACTIVE_STAGES):
            return None
        return self.move_application(application_id, ACTIVE_STAGES[position])

    def move_application(self, application_id: int, stage: Stage) -> StageMove | None:
        from tracker.ui.applications.commands import move_or_warn  # with its dialogs, when used

        move = move_or_warn(self, self._store, self._events, application_id, stage)
        self.select_application(application_id)
        if move is not None and move.changed:
            self.stage_moved.emit(move)
        return move

    # --- context menu --------------------------------------------------------------------

    def build_context_menu(self, application_id: int) -> QMenu:
        menu = QMenu(self)
        stage = self._stage_of(application_id)
        open_action = menu.addAction("Open")
        open_action.triggered.connect(lambda: self.open_requested.emit(application_id))
        move_menu = menu.addMenu("Move to")
        move_menu.setAccessibleName("Move to stage")
        for target in (*ACTIVE_STAGES, *CLOSED_ORDER):
            if target is CLOSED_ORDER[0]:
                move_menu.addSeparator()
            action = QAction(target.label, move_menu)
            action.setCheckable(True)
            action.setChecked(target is stage)
            action.setEnabled(target is not stage)
            action.triggered.connect(
                lambda _=False, to=target: self.move_application(application_id, to)
            )
            move_menu.addAction(action)
        if stage is Stage.REJECTED:
            plan = menu.addAction("Plan my response…")
            plan.triggered.connect(lambda: self.plan_requested.emit(application_id))
        menu.addSeparator()
        archive = menu.addAction("Archive")
        archive.setToolTip("Put away without deleting (Ctrl+Z brings it back)")
        archive.triggered.connect(lambda: self.archive_requested.emit(application_id))
        delete = menu.addAction("Delete…")
        delete.triggered.connect(lambda: self.delete_requested.emit(application_id))
        return menu

    def _stage_of(self, application_id: int) -> Stage | None:
        for stage, column in self.columns.items():
            if column.model.row_for_id(application_id) is not None:
                return stage
        return None

    def _show_context_menu(self, board_list: BoardList, pos: QPoint) -> None:
        index = board_list.indexAt(pos)
        if not index.isValid():
            return
        application_id = board_list.column_model.card(index.row()).id
        self.select_application(application_id)
        menu = self.build_context_menu(application_id)
        menu.exec(board_list.viewport().mapToGlobal(pos))
        menu.deleteLater()
