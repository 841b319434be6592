"""The to-do list: open tasks grouped by when they are due, and what can be done to each."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from datetime import date

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from tracker.domain.errors import NotFoundError, ValidationError
from tracker.domain.store import Store
from tracker.domain.tasks import TaskGroup, complete_task, delete_task, reopen_task, snooze_task
from tracker.ui.draft_actions import DraftActions
from tracker.ui.events import APPLICATIONS, CONTACTS, TASKS, DataEvents
from tracker.ui.message_page import MessagePage
from tracker.ui.task_dialog import TaskDialog
from tracker.ui.tasks_actions import SnoozeDateDialog, TaskActions
from tracker.ui.tasks_model import Column, TasksTreeModel, short_day

NEXT_STEP = "Press Ctrl+T or click New task to add one."
EMPTY_TEXT = f"Nothing to do right now. {NEXT_STEP}"


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
        self._undo: list[tuple[int, str]] = []  # completed this session, latest last
        self._keep: tuple[int, TaskGroup | None, int] | None = None
        self.model = TasksTreeModel(store, today_provider, self)
        self.commands = TaskActions(self)
        self.drafts = DraftActions(store, self)
        self._build_tree()
        self._build_bar()
        self._build_message()
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
        tree = self.tree = QTreeView()
        tree.setModel(self.model)
        tree.setAccessibleName("Open tasks")
        tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        tree.setUniformRowHeights(True)  # keeps 50,000 rows quick to lay out
        tree.setAlternatingRowColors(True)
        tree.setAllColumnsShowFocus(True)
        tree.setStyleSheet("QTreeView::item { padding: 3px 2px; }")  # room to read and click
        header = tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
        metrics = tree.fontMetrics()
        for column, sample in (
            (Column.FOR, "Northwind Analytics · Senior Backend Engineer — Jordan"),
            (Column.DUE, "Wed 30 Sep · 10 days ago"),
        ):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 24)
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
        self.bar = QToolBar("Tasks")
        self.bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.bar.addAction(c.new_action)
        self.bar.addSeparator()
        self.bar.addAction(c.complete_action)
        self.bar.addAction(c.snooze_menu.menuAction())
        snooze_button = self.bar.widgetForAction(c.snooze_menu.menuAction())
        if isinstance(snooze_button, QToolButton):
            snooze_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.bar.addAction(c.edit_action)
        self.bar.addAction(c.delete_action)
        self.bar.addSeparator()
        self.bar.addAction(self.drafts.copy_action)
        self.bar.addAction(self.drafts.mail_action)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.bar.addWidget(spacer)
        self.summary = QLabel()
        self.summary.setAccessibleName("Task summary")
        self.bar.addWidget(self.summary)
        self.show_snoozed = QCheckBox("Show snoozed")
        self.show_snoozed.setAccessibleName("Show snoozed tasks")
        self.show_snoozed.setToolTip("Also list tasks you put off until a later day")
        self.bar.addWidget(self.show_snoozed)
        self.addActions([c.new_action, c.complete_action, c.undo_action])
        self.addActions([c.edit_action, c.delete_action])

    def _build_message(self) -> None:
        """An inline note after an action, with Reopen after completing (Ctrl+Z does too)."""
        self.message = QFrame()
        self.message.setFrameShape(QFrame.Shape.StyledPanel)
        row = QHBoxLayout(self.message)
        row.setContentsMargins(10, 4, 4, 4)
        self.message_label = QLabel()
        self.message_label.setAccessibleName("Last action")
        self.reopen_button = QPushButton("Reopen")
        self.reopen_button.setAccessibleName("Reopen the task you just completed")
        self.reopen_button.setToolTip("Put it back on the list (Ctrl+Z)")
        self.reopen_button.clicked.connect(self.undo_complete)
        row.addWidget(self.message_label, 1)
        row.addWidget(self.reopen_button)
        self.message.hide()

    def _connect(self) -> None:
        c = self.commands
        c.new_action.triggered.connect(lambda: self.new_task())  # not `checked` as an id
        c.complete_action.triggered.connect(self.complete_selected)
        c.undo_action.triggered.connect(self.undo_complete)
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

    def _on_data_changed(self, kinds: set[str]) -> None:
        if kinds & {TASKS, APPLICATIONS, CONTACTS}:  # names shown come from all three
            self.model.reload()

    def _remember_selection(self) -> None:
        index = self.tree.currentIndex()
        task = self.model.task_at(index)
        if task is not None:
            group = self.model.groups()[index.parent().row()]
            self._keep = (task.id, group, index.row())

    def _after_reset(self) -> None:
        self.tree.expandAll()
        for row in range(self.model.rowCount()):
            self.tree.setFirstColumnSpanned(row, QModelIndex(), True)
        if self._keep is not None:
            self._restore_selection(*self._keep)
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
        self._show_summary()
        self._sync_actions()

    def _restore_selection(self, task_id: int, group: TaskGroup | None, row: int) -> None:
        index = self.model.index_of_task(task_id)
        if not index.isValid() and group is not None:
            # The task left the list: its neighbour takes the selection, so Space again works.
            order = list(TaskGroup)
            later = [g for g in self.model.groups() if order.index(g) >= order.index(group)]
            for found in later or self.model.groups()[-1:]:
                parent = self.model.group_index(found)
                count = self.model.rowCount(parent)
                if count:
                    index = self.model.index(
                        min(row, count - 1) if found is group else 0, 0, parent
                    )
                    break
        if index.isValid():
            self._select(index)

    def _show_summary(self) -> None:
        counts = {g: self.model.rowCount(self.model.group_index(g)) for g in self.model.groups()}
        parts = []
        if counts.get(TaskGroup.OVERDUE):
            parts.append(f"{counts[TaskGroup.OVERDUE]} overdue")
        if counts.get(TaskGroup.TODAY):
            parts.append(f"{counts[TaskGroup.TODAY]} due today")
        total = self.model.task_count()
        parts.append(f"{total} open" if total else "All done")
        self.summary.setText("  ·  ".join(parts) + "   ")

    def _sync_actions(self) -> None:
        self.commands.sync(self.selected_id() is not None, bool(self._undo))
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
            self._select(index)
        return index.isValid()

    def _select(self, index: QModelIndex) -> None:
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.tree.selectionModel().setCurrentIndex(index, flags)
        self.tree.scrollTo(index)

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
        self._undo.append((task.id, task.title))
        self._say(f"Done: {task.title}", can_reopen=True)
        self._events.notify(TASKS)
        return True

    def undo_complete(self) -> bool:
        """Reopen the task completed last (Ctrl+Z or the Reopen button)."""
        if not self._undo:
            return False
        task_id, title = self._undo.pop()
        if not self._run("Could not reopen the task", lambda: reopen_task(self._store, task_id)):
            return False
        self._say(f"Back on your list: {title}", can_reopen=bool(self._undo))
        self._events.notify(TASKS)
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
        self._say(f"Snoozed until {short_day(day)}: {task.title if task else ''}")
        self._events.notify(TASKS)
        return True

    def ask_snooze_date(self, today: date) -> date | None:
        dialog = SnoozeDateDialog(today, self)
        try:
            return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()

    def new_task(self, application_id: int | None = None) -> int | None:
        dialog = TaskDialog(self._store, self._events, None, application_id, self, self.model.today)
        try:
            if dialog.exec() != TaskDialog.DialogCode.Accepted or dialog.saved_id is None:
                return None
            self.select_id(dialog.saved_id)
            return dialog.saved_id
        finally:
            dialog.deleteLater()

    def edit_selected(self) -> bool:
        task_id = self.selected_id()
        if task_id is None:
            return False
        try:
            dialog = TaskDialog(self._store, self._events, task_id, None, self, self.model.today)
        except NotFoundError as exc:
            self._warn("Could not open the task", exc)
            self._events.notify(TASKS)
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
            f"Delete “{task.title}”? Its draft goes with it. This cannot be undone.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        with suppress(NotFoundError):  # already gone: the refresh shows exactly that
            delete_task(self._store, task.id)
        self._undo = [entry for entry in self._undo if entry[0] != task.id]
        self.message.hide()
        self._events.notify(TASKS)
        return True

    def build_context_menu(self) -> QMenu:
        menu = QMenu(self)
        c = self.commands
        if self.selected_id() is not None:
            menu.addAction(c.complete_action)
            menu.addMenu(c.snooze_menu)
            menu.addAction(c.edit_action)
            menu.addSeparator()
            menu.addAction(self.drafts.copy_action)
            menu.addAction(self.drafts.mail_action)
            menu.addSeparator()
            menu.addAction(c.delete_action)
            menu.addSeparator()
        menu.addAction(c.new_action)
        return menu

    def _show_context_menu(self, pos: QPoint) -> None:
        index = self.tree.indexAt(pos)
        if self.model.task_at(index) is not None:
            self._select(index.siblingAtColumn(0))
        menu = self.build_context_menu()
        menu.exec(self.tree.viewport().mapToGlobal(pos))
        menu.deleteLater()

    # --- helpers -------------------------------------------------------------------------

    def _run(self, title: str, operation: Callable[[], None]) -> bool:
        try:
            operation()
        except (ValidationError, NotFoundError) as exc:
            self._warn(title, exc)
            self._events.notify(TASKS)  # also drops a task deleted elsewhere
            return False
        return True

    def _say(self, text: str, can_reopen: bool = False) -> None:
        self.message_label.setText(text)
        self.reopen_button.setVisible(can_reopen)
        self.message.show()

    def _warn(self, title: str, exc: Exception) -> None:
        problems = exc.problems.values() if isinstance(exc, ValidationError) else [str(exc)]
        QMessageBox.warning(self, title, "\n".join(problems))
