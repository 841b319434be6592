"""The applications list: search, stage filter, the table, and the actions on one row."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QMenu,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from tracker.db.enums import Stage
from tracker.domain.changes import Kind
from tracker.domain.rows import Sort, StageMove
from tracker.domain.store import Store
from tracker.startup.first_paint import FirstPaint
from tracker.ui.applications.actions import ApplicationActions
from tracker.ui.applications.commands import ArchiveCommand, confirm_and_delete, move_or_warn
from tracker.ui.applications.model import ApplicationsTableModel, Column
from tracker.ui.common.message_page import MessagePage
from tracker.ui.common.settings import load_sort, restore_header, save_header, save_sort
from tracker.ui.common.views import add_and_select, row_table, search_box, select_index
from tracker.ui.events import DataEvents

EMPTY_TEXT = "No applications yet. Press Ctrl+N or click New application to add your first one."
NO_MATCH_TEXT = "No applications match this search."
# A keystroke costs a count and one page of rows (see ApplicationsTableModel), so the search
# runs at once; the zero-delay timer still folds keys typed in one burst into one query.
SEARCH_DELAY_MS = 0


def _order(sort: Sort) -> Qt.SortOrder:
    return Qt.SortOrder.DescendingOrder if sort.descending else Qt.SortOrder.AscendingOrder


class ApplicationsView(QWidget):
    """On its own (as in tests) it owns its actions and undo stack; in the window it is given
    the window's, which act on whichever view is on screen (see tracker.ui.commands)."""

    stage_moved = Signal(object)  # a StageMove that changed stage (a rejection opens a panel)
    counts_changed = Signal(int, int)  # rows the filter matches, applications in total
    plan_requested = Signal(int)  # application id: "Plan my response…" on a rejected row
    selection_changed = Signal()

    def __init__(
        self,
        store: Store,
        events: DataEvents,
        parent: QWidget | None = None,
        first_paint: Callable[[Sort], FirstPaint] | None = None,
        actions: ApplicationActions | None = None,
        undo_stack: QUndoStack | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._events = events
        self._keep_id: int | None = None
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
        self._own_actions = actions is None
        self.commands = actions if actions is not None else ApplicationActions(self)
        sort = load_sort()
        self.model = ApplicationsTableModel(store, self, first_paint(sort) if first_paint else None)
        self.model.sort(Column.for_sort(sort.column), _order(sort))
        self._build_actions()
        self._build_filters()
        self._build_table()
        self._build_pages()

        layout = QVBoxLayout(self)
        self.filter_bar = QWidget()
        bar = QHBoxLayout(self.filter_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.stage_filter)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.stack, 1)
        self.setTabOrder(self.search, self.stage_filter)
        self.setTabOrder(self.stage_filter, self.table)

        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._after_reset)
        events.changed.connect(self._on_data_changed)
        self._after_reset()

    # --- building ----------------------------------------------------------------------

    def _build_actions(self) -> None:
        c = self.commands
        # Shortcuts then work even when the view is shown on its own (as in tests).
        self.addActions([c.new_action, c.edit_action, c.delete_action])
        if not self._own_actions:
            return  # the window's: they act on the view on screen
        self.commands.new_action.triggered.connect(self.new_application)
        self.commands.edit_action.triggered.connect(self.edit_selected)
        self.commands.delete_action.triggered.connect(self.delete_selected)
        self.commands.archive_action.triggered.connect(self.archive_selected)
        self.commands.show_archived_action.toggled.connect(self.model.set_show_archived)
        self.commands.move_requested.connect(self.move_selected)

    def _build_filters(self) -> None:
        self.search, self._search_timer = search_box(
            self,
            "Search company, role, location, notes",
            "Search applications",
            self.apply_filter_now,
            delay_ms=SEARCH_DELAY_MS,
        )
        self.stage_filter = QComboBox()
        self.stage_filter.setAccessibleName("Filter by stage")
        self.stage_filter.addItem("All stages", None)
        for stage in Stage:
            self.stage_filter.addItem(stage.label, stage.value)
        self.stage_filter.currentIndexChanged.connect(self.apply_filter_now)

    def _build_table(self) -> None:
        table = self.table = row_table(self.model, "Applications")
        header = table.horizontalHeader()
        header.setSectionsMovable(True)
        sort = self.model.current_sort
        header.setSortIndicator(Column.for_sort(sort.column), _order(sort))
        table.setSortingEnabled(True)  # the model sorts in SQL; see ApplicationsTableModel.sort
        header.sortIndicatorChanged.connect(lambda *_: save_sort(self.model.current_sort))
        metrics = table.fontMetrics()
        widths = {
            Column.STAGE: metrics.horizontalAdvance("Interviewing") + 32,
            Column.LOCATION: metrics.horizontalAdvance("M") * 16,
            Column.APPLIED: metrics.horizontalAdvance("30 Sep 2026") + 32,
            Column.UPDATED: metrics.horizontalAdvance("30 Sep 2026") + 32,
        }
        for column in Column:
            if column in widths:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
                header.resizeSection(column, widths[column])
            else:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        # `activated` covers double-click and Enter, following the platform's convention.
        restore_header(header)
        table.activated.connect(self.edit_selected)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._show_context_menu)
        table.selectionModel().selectionChanged.connect(self._sync_actions)

    def _build_pages(self) -> None:
        self.stack = QStackedWidget()
        self.empty_page = MessagePage(EMPTY_TEXT, "New application", self.new_application)
        self.no_match_page = MessagePage(NO_MATCH_TEXT, "Clear search", self.clear_filter)
        for page in (self.table, self.empty_page, self.no_match_page):
            self.stack.addWidget(page)

    # --- filtering and refreshing --------------------------------------------------------

    def apply_filter_now(self) -> None:
        self._search_timer.stop()
        value = self.stage_filter.currentData()
        self.model.set_filter(self.search.text(), Stage(value) if value else None)

    def clear_filter(self) -> None:
        self.search.clear()
        self.stage_filter.setCurrentIndex(0)
        self.apply_filter_now()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _on_data_changed(self, kinds: frozenset[Kind]) -> None:
        if Kind.APPLICATIONS in kinds:
            self.model.reload()

    def _remember_selection(self) -> None:
        self._keep_id = self.selected_id()

    def _after_reset(self) -> None:
        if self._keep_id is not None:
            self.select_id(self._keep_id)
        self._keep_id = None
        # Nothing to search yet: the filters would only distract from the first step.
        self.filter_bar.setVisible(self.model.total_count > 0)
        if self.model.total_count == 0:
            self.stack.setCurrentWidget(self.empty_page)
        elif self.model.rowCount() == 0:
            self.stack.setCurrentWidget(self.no_match_page)
        else:
            self.stack.setCurrentWidget(self.table)
        self._sync_actions()
        self.counts_changed.emit(self.model.match_count, self.model.total_count)

    def _sync_actions(self) -> None:
        if self._own_actions:
            self.commands.sync(self.selected_stage())
        self.selection_changed.emit()

    # --- selection -----------------------------------------------------------------------

    def _selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def selected_id(self) -> int | None:
        row = self._selected_row()
        return None if row is None else self.model.row_data(row).id

    def selected_stage(self) -> Stage | None:
        row = self._selected_row()
        return None if row is None else self.model.row_data(row).stage

    def select_id(self, application_id: int) -> bool:
        row = self.model.row_for_id(application_id)
        if row is None:
            return False
        select_index(self.table, self.model.index(row, 0))
        return True

    def save_state(self) -> None:
        """Column widths and order, for the next start."""
        save_header(self.table.horizontalHeader())

    # --- actions -------------------------------------------------------------------------

    def new_application(self) -> int | None:
        """Open the form for a new application; the new id when it was saved."""
        from tracker.ui.applications.add_dialog import ApplicationDialog

        def open_earlier(application_id: int) -> None:
            from tracker.ui.detail.dialog import open_detail

            # Over the new application's dialog, which keeps what was typed.
            open_detail(self._store, self._events, application_id, dialog, self.stage_moved.emit)

        dialog = ApplicationDialog(self._store, self._events, None, self, open_earlier)
        return add_and_select(dialog, self.select_id)

    def edit_selected(self) -> bool:
        """Open the selected application's detail (every field, people, interviews, tasks)."""
        application_id = self.selected_id()
        if application_id is None:
            return False
        from tracker.ui.detail.dialog import open_detail

        return open_detail(
            self._store,
            self._events,
            application_id,
            self,
            self.stage_moved.emit,
            self.plan_requested.emit,
        )

    def move_selected(self, stage: Stage) -> StageMove | None:
        application_id = self.selected_id()
        if application_id is None:
            return None
        move = move_or_warn(self, self._store, self._events, application_id, stage)
        self._sync_actions()
        if move is not None and move.changed:
            self.stage_moved.emit(move)
        return move

    def delete_selected(self) -> bool:
        row = self._selected_row()
        if row is None:
            return False
        data = self.model.row_data(row)
        return confirm_and_delete(self, self._store, self._events, data.id, data.role, data.company)

    def archive_selected(self) -> bool:
        """Archive the selected application; Ctrl+Z (Edit > Undo) brings it back."""
        row = self._selected_row()
        if row is None:
            return False
        data = self.model.row_data(row)
        command = ArchiveCommand(
            self._store, self._events, data.id, f"{data.role} at {data.company}"
        )
        self.undo_stack.push(command)
        return command.done

    def build_context_menu(self) -> QMenu:
        menu = QMenu(self)
        if self.selected_id() is None:
            menu.addAction(self.commands.new_action)
            return menu
        menu.addAction(self.commands.edit_action)
        menu.addMenu(self.commands.move_menu)
        application_id = self.selected_id()
        row = self._selected_row()
        if row is not None and self.model.row_data(row).stage is Stage.REJECTED:
            plan = menu.addAction("Plan my response…")
            plan.triggered.connect(lambda: self.plan_requested.emit(application_id))
        menu.addSeparator()
        menu.addAction(self.commands.archive_action)
        menu.addAction(self.commands.delete_action)
        return menu

    def _show_context_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if index.isValid():
            self.select_id(self.model.row_data(index.row()).id)
        else:
            self.table.clearSelection()
        menu = self.build_context_menu()
        menu.exec(self.table.viewport().mapToGlobal(pos))
        menu.deleteLater()
