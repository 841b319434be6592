"""The window's commands: one set of actions and one undo stack for the whole window.

The Application and Edit menus act on what is selected in the view on screen, the board or
the table, never on a view that is hidden. Every stage change, from any view (a drag, Ctrl+→,
Move to, the detail dialog), is recorded here so Ctrl+Z moves the card back.

The commands themselves (ui.applications.commands, with their dialogs) load when first used:
the actions are made before the first paint, what they do is not needed by then.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, cast

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMenu, QWidget

from tracker.db.enums import Stage
from tracker.domain.errors import NotFoundError
from tracker.domain.rows import StageMove
from tracker.domain.store import Store
from tracker.ui.applications.actions import ApplicationActions
from tracker.ui.events import DataEvents
from tracker.ui.workspace import LazyTabs

if TYPE_CHECKING:
    from tracker.ui.applications.view import ApplicationsView
    from tracker.ui.board.view import BoardView


class Selection(Protocol):
    """A view whose selected application the window's commands act on."""

    def selected_id(self) -> int | None: ...

    def selected_stage(self) -> Stage | None: ...


class WindowCommands(QObject):
    """Owns the application actions, Plan my response, and the one undo stack."""

    moved = Signal(object)  # a StageMove made from the menu (recorded like any other)

    def __init__(
        self,
        store: Store,
        events: DataEvents,
        window: QWidget,
        tabs: LazyTabs,
        open_application: Callable[[int], object],
        plan_response: Callable[[], object],
    ) -> None:
        super().__init__(window)
        self._store = store
        self._events = events
        self._window = window
        self._tabs = tabs
        self._open = open_application
        self.undo_stack = QUndoStack(self)
        self.actions = ApplicationActions(window)
        self.plan_action = QAction("&Plan my response…", self)
        self.plan_action.setShortcut(QKeySequence("Ctrl+R"))
        self.plan_action.setToolTip("After a rejection: fight for the role or move on well")
        self.plan_action.triggered.connect(lambda: plan_response())
        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self._views: dict[str, Selection] = {}
        a = self.actions
        a.new_action.triggered.connect(self.new_application)
        a.edit_action.triggered.connect(self.open_selected)
        a.archive_action.triggered.connect(self.archive_selected)
        a.delete_action.triggered.connect(self.delete_selected)
        a.move_requested.connect(self.move_selected)
        tabs.currentChanged.connect(self.sync)

    def watch_table(self, applications: ApplicationsView) -> None:
        """The table, once built: one of the two views with a selection of applications."""
        show_archived = self.actions.show_archived_action
        applications.model.set_show_archived(show_archived.isChecked())  # it may come late
        show_archived.toggled.connect(applications.model.set_show_archived)
        self._watch("applications", applications)

    def watch_board(self, board: BoardView) -> None:
        """The board, once built: the other view with a selection of applications."""
        self._watch("board", board)

    def _watch(self, key: str, view: ApplicationsView | BoardView) -> None:
        self._views[key] = view
        view.selection_changed.connect(self.sync)
        self.sync()

    # --- what is selected ----------------------------------------------------------------

    def current(self) -> Selection | None:
        """The board or the table when it is on screen; None for the other views."""
        return self._views.get(self._tabs.current_key())

    def selected_id(self) -> int | None:
        view = self.current()
        return view.selected_id() if view is not None else None

    def sync(self) -> None:
        """Row actions follow the selection in the view on screen."""
        view = self.current()
        stage = view.selected_stage() if view is not None else None
        self.actions.sync(stage)
        # Offered for a rejected application; with nothing selected, Ctrl+R says what to pick.
        self.plan_action.setEnabled(stage is None or stage is Stage.REJECTED)

    def _named(self, application_id: int) -> tuple[str, str] | None:
        """(role, company), or None (and the views refreshed) when it was deleted meanwhile."""
        from tracker.domain.applications import get_application
        from tracker.ui.common.writes import refresh_missing

        try:
            data = get_application(self._store, application_id)
        except NotFoundError as exc:
            refresh_missing(self._events, exc)
            return None
        return data.role, data.company

    # --- the commands --------------------------------------------------------------------

    def new_application(self) -> int | None:
        # The table's dialog adds it, whichever view is on screen; the board then selects it.
        table = cast("ApplicationsView", self._tabs.view("applications"))
        new_id = table.new_application()
        if new_id is not None and self._tabs.current_key() == "board":
            cast("BoardView", self._tabs.view("board")).select_application(new_id)
        return new_id

    def open_selected(self) -> bool:
        application_id = self.selected_id()
        if application_id is None:
            return False
        self._open(application_id)
        return True

    def move_selected(self, stage: Stage) -> StageMove | None:
        from tracker.ui.applications.commands import move_or_warn

        application_id = self.selected_id()
        if application_id is None:
            return None
        move = move_or_warn(self._window, self._store, self._events, application_id, stage)
        if move is not None and move.changed:
            self.moved.emit(move)
        self.sync()
        return move

    def record_move(self, move: StageMove) -> None:
        """Every stage change arrives here once made; Ctrl+Z then moves it back."""
        from tracker.ui.applications.commands import StageMoveCommand

        if move.changed:
            self.undo_stack.push(StageMoveCommand(self._store, self._events, move))

    def archive_selected(self) -> bool:
        """Archive the selected application; Ctrl+Z (Edit > Undo) brings it back."""
        application_id = self.selected_id()
        return application_id is not None and self.archive(application_id)

    def archive(self, application_id: int) -> bool:
        """Archive one application (the selection, or a card's menu); Ctrl+Z undoes it."""
        named = self._named(application_id)
        if named is None:
            return False
        from tracker.ui.applications.commands import ArchiveCommand

        role, company = named
        command = ArchiveCommand(self._store, self._events, application_id, f"{role} at {company}")
        self.undo_stack.push(command)
        return command.done

    def delete_selected(self) -> bool:
        application_id = self.selected_id()
        return application_id is not None and self.delete(application_id)

    def delete(self, application_id: int) -> bool:
        """Ask, then delete (from the menu, or the board's Delete key or context menu)."""
        named = self._named(application_id)
        if named is None:
            return False
        from tracker.ui.applications.commands import confirm_and_delete

        role, company = named
        return confirm_and_delete(
            self._window, self._store, self._events, application_id, role, company
        )

    # --- menus ---------------------------------------------------------------------------

    def fill_application_menu(self, menu: QMenu) -> None:
        a = self.actions
        menu.addAction(a.new_action)
        menu.addAction(a.edit_action)
        menu.addMenu(a.move_menu)
        menu.addAction(a.archive_action)
        menu.addAction(a.delete_action)
        menu.addSeparator()
        menu.addAction(self.plan_action)

    def fill_edit_menu(self, menu: QMenu) -> None:
        menu.addAction(self.undo_action)
        menu.addAction(self.redo_action)
