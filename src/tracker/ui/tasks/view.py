"""The to-do list: open tasks grouped by when they are due, and what can be done to each."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from tracker.domain.changes import Kind, Written
from tracker.domain.errors import NotFoundError
from tracker.domain.store import Store
from tracker.domain.tasks import complete_task, delete_task, reopen_task, snooze_task
from tracker.ui.common.dates import short_day
from tracker.ui.common.message_page import MessagePage
from tracker.ui.common.text import message
from tracker.ui.common.views import add_and_select, select_index, warn_error
from tracker.ui.common.writes import refresh_missing, run_write
from tracker.ui.drafts.actions import DraftActions
from tracker.ui.events import DataEvents
from tracker.ui.reminders.task_actions import ReminderTaskActions
from tracker.ui.tasks.actions import SnoozeDateDialog, TaskActions
from tracker.ui.tasks.bar import TaskBar, task_menu
from tracker.ui.tasks.dialog import TaskDialog
from tracker.ui.tasks.message import TaskMessage
from tracker.ui.tasks.model import TasksTreeModel
from tracker.ui.tasks.selection import (
    Kept,
    index_to_restore,
    kept_selection,
    summary_text,
    task_tree,
)

NEXT_STEP = "Press Ctrl+T or click New task to add one."
EMPTY_TEXT = f"Nothing to do right now. {NEXT_STEP}"


# Tasks, and the names beside them: their application's and their contact's.
SHOWN = frozenset({Kind.TASKS, Kind.APPLICATIONS, Kind.CONTACTS})


class TasksView(QWidget):
    open_application = Signal(int)  # reserved for wiring: a task's application to show

    def __init__(
        self,
        store: Store,
        events: DataEvents,
        parent: QWidget | None = None,
        today_provider: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._events = events
        self._keep: Kept | None = None
        self.model = TasksTreeModel(store, today_provider, self)
        self.commands = TaskActions(self)
        self.drafts = DraftActions(store, self, events)
        self.reminder_actions = ReminderTaskActions(store, events, self)
        self._build_tree()
        self._build_bar()
        self.message = TaskMessage()
        self.message_label = self.message.label
        self.reopen_button = self.message.reopen_button
        self.stack = QStackedWidget()
        self.empty_page = MessagePage(EMPTY_TEXT, "New task", lambda: self.new_task())
        self.stack.addWidget(self.tree)
        self.stack.addWidget(self.empty_page)

        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.message)
        self._connect()
        self._after_reset()

    # --- building ----------------------------------------------------------------------

    def _build_tree(self) -> None:
        tree = self.tree = task_tree(self.model)
        tree.activated.connect(self._activated)
        tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        tree.customContextMenuRequested.connect(self._show_context_menu)
        # Space completes only inside the list, so it still presses buttons elsewhere.
        self.space_action = QAction("Complete", tree)
        self.space_action.setShortcut(QKeySequence(Qt.Key.Key_Space))
        self.space_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.space_action.triggered.connect(self.complete_selected)
        tree.addAction(self.space_action)

    def _build_bar(self) -> None:
        c = self.commands
        self.bar = TaskBar(c, self.drafts)
        self.summary = self.bar.summary
        self.show_snoozed = self.bar.show_snoozed
        self.addActions([c.new_action, c.complete_action, c.undo_action])
        self.addActions([c.edit_action, c.delete_action])

    def _connect(self) -> None:
        c = self.commands
        c.new_action.triggered.connect(lambda: self.new_task())  # not `checked` as an id
        c.complete_action.triggered.connect(self.complete_selected)
        c.undo_action.triggered.connect(self.undo_complete)
        self.reopen_button.clicked.connect(self.undo_complete)
        c.edit_action.triggered.connect(self.edit_selected)
        c.delete_action.triggered.connect(self.delete_selected)
        c.snooze_requested.connect(self.snooze_selected)
        self.show_snoozed.toggled.connect(self.model.set_show_snoozed)
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._after_reset)
        self.tree.selectionModel().selectionChanged.connect(self._sync_actions)
        self._events.changed.connect(self._on_data_changed)
        self.setTabOrder(self.show_snoozed, self.tree)

    # --- refreshing ----------------------------------------------------------------------

    def reload(self) -> None:
        self.model.reload()

    def _on_data_changed(self, kinds: frozenset[Kind]) -> None:
        if kinds & SHOWN:
            self.model.reload()

    def _remember_selection(self) -> None:
        self._keep = kept_selection(self.tree, self.model) or self._keep

    def _after_reset(self) -> None:
        self.tree.expandAll()
        for row in range(self.model.rowCount()):
            self.tree.setFirstColumnSpanned(row, QModelIndex(), True)
        if self._keep is not None:
            index = index_to_restore(self.model, self._keep)
            if index.isValid():
                select_index(self.tree, index)
        self._keep = None
        has_rows = self.model.rowCount() > 0
        self.stack.setCurrentWidget(self.tree if has_rows else self.empty_page)
        hidden = self.model.snoozed_hidden
        noun = "task comes" if hidden == 1 else "tasks come"
        self.empty_page.label.setText(
            f"Nothing to do right now; {hidden} snoozed {noun} back later. {NEXT_STEP}"
            if hidden
            else EMPTY_TEXT
        )
        self.commands.set_today(self.model.today)
        self.summary.setText(summary_text(self.model))
        self._sync_actions()

    def _sync_actions(self) -> None:
        self.commands.sync(self.selected_id() is not None, bool(self.message.completed))
        self.drafts.set_task(self.selected_id())

    # --- selection -----------------------------------------------------------------------

    def selected_id(self) -> int | None:
        task = self.model.task_at(self.tree.currentIndex())
        if task is None or not self.tree.selectionModel().isSelected(self.tree.currentIndex()):
            return None
        return task.id

    def select_id(self, task_id: int) -> bool:
        index = self.model.index_of_task(task_id)
        if index.isValid():
            select_index(self.tree, index)
        return index.isValid()

    def _activated(self, index: QModelIndex) -> None:
        if self.model.task_at(index) is not None:
            self.edit_selected()

    # --- actions -------------------------------------------------------------------------

    def complete_selected(self) -> bool:
        task = self.model.task_at(self.tree.currentIndex())
        if task is None or self.selected_id() is None:
            return False
        if not self._run(
            "Could not complete the task", lambda: complete_task(self._store, task.id)
        ):
            return False
        self.message.completed.append((task.id, task.title))
        self.message.say(f"Done: {task.title}", can_reopen=True)
        self._sync_actions()  # the refresh came before there was something to reopen
        return True

    def undo_complete(self) -> bool:
        """Reopen the task completed last (Ctrl+Z or the Reopen button)."""
        if not self.message.completed:
            return False
        task_id, title = self.message.completed.pop()
        if not self._run("Could not reopen the task", lambda: reopen_task(self._store, task_id)):
            return False
        self.message.say(f"Back on your list: {title}", can_reopen=bool(self.message.completed))
        self.select_id(task_id)
        return True

    def snooze_selected(self, until: date | None = None) -> bool:
        task_id = self.selected_id()
        if task_id is None:
            return False
        today = self.model.today
        day = until if until is not None else self.ask_snooze_date(today)
        if day is None:
            return False
        task = self.model.task_at(self.tree.currentIndex())
        if not self._run(
            "Could not snooze the task", lambda: snooze_task(self._store, task_id, day, today)
        ):
            return False
        self.message.say(f"Snoozed until {short_day(day)}: {task.title if task else ''}")
        return True

    def ask_snooze_date(self, today: date) -> date | None:
        dialog = SnoozeDateDialog(today, self)
        try:
            return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()

    def new_task(self, application_id: int | None = None) -> int | None:
        dialog = TaskDialog(self._store, self._events, None, application_id, self, self.model.today)
        return add_and_select(dialog, self.select_id)

    def edit_selected(self) -> bool:
        task_id = self.selected_id()
        if task_id is None:
            return False
        try:
            dialog = TaskDialog(self._store, self._events, task_id, None, self, self.model.today)
        except NotFoundError as exc:
            warn_error(self, "Could not open the task", exc)
            refresh_missing(self._events, exc)
            return False
        try:
            return dialog.exec() == TaskDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()

    def delete_selected(self) -> bool:
        task = self.model.task_at(self.tree.currentIndex())
        if task is None or self.selected_id() is None:
            return False
        answer = QMessageBox.question(
            self,
            "Delete task",
            message(f"Delete “{task.title}”? Its draft goes with it. This cannot be undone."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        run_write(  # already gone: the refresh shows exactly that
            self, self._events, lambda: delete_task(self._store, task.id), warn_if_gone=False
        )
        self.message.forget(task.id)
        return True

    def build_context_menu(self) -> QMenu:
        on_task = self.selected_id() is not None
        menu = task_menu(self, self.commands, self.drafts, on_task)
        self.reminder_actions.extend_menu(menu, self.selected_id())
        return menu

    def _show_context_menu(self, pos: QPoint) -> None:
        index = self.tree.indexAt(pos)
        if self.model.task_at(index) is not None:
            select_index(self.tree, index.siblingAtColumn(0))
        menu = self.build_context_menu()
        menu.exec(self.tree.viewport().mapToGlobal(pos))
        menu.deleteLater()

    # --- helpers -------------------------------------------------------------------------

    def _run(self, title: str, operation: Callable[[], Written[None]]) -> bool:
        """A write from this view; a task deleted elsewhere is warned about and dropped."""
        return run_write(self, self._events, operation, title=title) is not None
