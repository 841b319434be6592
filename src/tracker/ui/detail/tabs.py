"""The History, Interviews and Tasks tabs of the application detail."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from tracker.domain.drafts.business_days import add_business_days
from tracker.domain.errors import NotFoundError
from tracker.domain.interviews import delete_interview
from tracker.domain.store import Store
from tracker.domain.tasks import TaskInput, complete_task, create_task, snooze_task
from tracker.ui.common.forms import day_edit, error_label, qdate
from tracker.ui.common.icons import themed_icon
from tracker.ui.common.roles import ItemRole
from tracker.ui.common.text import plain
from tracker.ui.common.writes import refresh_missing, run_write
from tracker.ui.detail.models import HistoryModel, InterviewsModel, TasksModel
from tracker.ui.drafts.actions import DraftActions
from tracker.ui.events import DataEvents
from tracker.ui.interviews.dialog import InterviewDialog
from tracker.ui.interviews.people import EnterLineEdit
from tracker.ui.tasks.actions import snooze_choices
from tracker.ui.tasks.dialog import TaskDialog


def table_for(model: QAbstractItemModel, name: str, stretch_last: bool = True) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(stretch_last)
    header.setMinimumSectionSize(80)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return table


def hint(text: str) -> QLabel:
    label = plain(QLabel(text))
    label.setWordWrap(True)
    label.setStyleSheet("color: palette(placeholder-text);")
    return label


class HistoryTab(QWidget):
    def __init__(self, store: Store, application_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = HistoryModel(store, application_id, self)
        self.table = table_for(self.model, "Stage history, newest first")
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(
            hint("Every stage change is kept, so you can see how long each step took.")
        )

    def reload(self) -> None:
        self.model.reload()


class InterviewsTab(QWidget):
    def __init__(
        self, store: Store, events: DataEvents, application_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._events = events
        self._id = application_id
        self.model = InterviewsModel(store, application_id, self)
        self.table = table_for(self.model, "Interviews, newest first")
        self.table.doubleClicked.connect(lambda index: self.edit(self._interview_at(index)))
        self.table.activated.connect(lambda index: self.edit(self._interview_at(index)))
        self.empty = hint(
            "No interviews yet. Add one as soon as it is booked, and jot down who you met "
            "right after: those notes make the thank-you notes easy."
        )
        self.add_button = QPushButton("Add interview…")
        self.add_button.setIcon(themed_icon("list-add"))
        self.edit_button = QPushButton("Edit…")
        self.delete_button = QPushButton("Delete")
        self.delete_button.setIcon(themed_icon("edit-delete"))
        for button, name in (
            (self.add_button, "Add an interview"),
            (self.edit_button, "Edit the selected interview"),
            (self.delete_button, "Delete the selected interview"),
        ):
            button.setAccessibleName(name)
        self.add_button.clicked.connect(lambda: self.edit(None))
        self.edit_button.clicked.connect(lambda: self.edit(self.selected_id()))
        self.delete_button.clicked.connect(self.delete_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.empty, 1)
        buttons.addStretch(1)  # keeps the buttons compact when the hint is hidden
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.table.selectionModel().selectionChanged.connect(self._sync)
        self.model.modelReset.connect(self._sync)
        self._sync()

    def reload(self) -> None:
        self.model.reload()

    def _sync(self) -> None:
        chosen = self.selected_id() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)
        self.empty.setVisible(self.model.rowCount() == 0)

    def _interview_at(self, index: QModelIndex) -> int | None:
        value = index.data(ItemRole.ROW_ID)
        return value if isinstance(value, int) else None

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self._interview_at(rows[0]) if rows else None

    def edit(self, interview_id: int | None) -> int | None:
        """Open the interview editor; the id saved, or None when cancelled."""
        try:
            dialog = InterviewDialog(self._store, self._events, self._id, interview_id, self)
        except NotFoundError as exc:
            QMessageBox.warning(self, "Could not open the interview", str(exc))
            refresh_missing(self._events, exc)
            return None
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            return dialog.saved_id if accepted else None
        finally:
            dialog.deleteLater()

    def delete_selected(self) -> bool:
        interview_id = self.selected_id()
        if interview_id is None:
            return False
        answer = QMessageBox.question(
            self,
            "Delete this interview?",
            "Your notes on it and on each person in it go too. The people stay in your contacts.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        run_write(  # already gone: the refresh shows that
            self,
            self._events,
            lambda: delete_interview(self._store, interview_id),
            warn_if_gone=False,
        )
        return True


class TasksTab(QWidget):
    def __init__(
        self, store: Store, events: DataEvents, application_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._events = events
        self._id = application_id
        self.model = TasksModel(store, application_id, self)
        self.table = table_for(self.model, "Open tasks for this application")
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.empty = hint(
            "Nothing to do here right now. Add a follow-up if you are waiting on them."
        )
        self.complete_button = QPushButton("Mark done")
        self.complete_button.setIcon(themed_icon("object-select"))
        self.complete_button.setAccessibleName("Mark the selected task done")
        self.complete_button.clicked.connect(self.complete_selected)
        self.drafts = DraftActions(store, self, events)
        self.sent_button = QToolButton()
        self.sent_button.setDefaultAction(self.drafts.sent_action)
        self.copy_button = QToolButton()
        self.copy_button.setDefaultAction(self.drafts.copy_action)
        self.mail_button = QToolButton()
        self.mail_button.setDefaultAction(self.drafts.mail_action)
        self.edit_button = QPushButton("Edit…")
        self.edit_button.setAccessibleName("Edit the selected task and its draft")
        self.edit_button.clicked.connect(self.edit_selected)
        self.table.activated.connect(lambda _: self.edit_selected())
        self.snooze_button = QPushButton("Snooze")
        self.snooze_button.setAccessibleName("Snooze the selected task")
        self.snooze_menu = QMenu(self.snooze_button)
        self.snooze_button.setMenu(self.snooze_menu)
        for label, day in snooze_choices(date.today()):
            item = self.snooze_menu.addAction(label)
            item.triggered.connect(lambda _=False, d=day: self.snooze_selected(d))
        for button in (self.copy_button, self.mail_button, self.sent_button):
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setAutoRaise(False)
        self.title = EnterLineEdit()
        self.title.setPlaceholderText("What to do next, e.g. Follow up with Jordan")
        self.title.setAccessibleName("New task")
        self.due = day_edit()
        self.due.setDate(qdate(add_business_days(date.today(), 3)))  # a working day
        self.due.setAccessibleName("Due date of the new task")
        self.add_button = QPushButton("Add task")
        self.add_button.setAccessibleName("Add the task")
        self.title.entered.connect(self.add_task)
        self.add_button.clicked.connect(self.add_task)
        self.problem = error_label(self)

        top = QHBoxLayout()
        top.addWidget(self.empty, 1)
        top.addStretch(1)
        for widget in (self.copy_button, self.mail_button, self.edit_button, self.snooze_button):
            top.addWidget(widget)
        top.addWidget(self.sent_button)  # beside done
        top.addWidget(self.complete_button)
        adding = QHBoxLayout()
        adding.addWidget(self.title, 1)
        adding.addWidget(QLabel("due"))
        adding.addWidget(self.due)
        adding.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(top)
        layout.addLayout(adding)
        layout.addWidget(self.problem)
        self.table.selectionModel().selectionChanged.connect(self._sync)
        self.model.modelReset.connect(self._sync)
        self._sync()

    def reload(self) -> None:
        self.model.reload()

    def _sync(self) -> None:
        chosen = self.selected_id()
        for button in (self.complete_button, self.edit_button, self.snooze_button):
            button.setEnabled(chosen is not None)
        self.drafts.set_task(chosen)
        self.empty.setVisible(self.model.rowCount() == 0)

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(rows[0].row()).id if rows else None

    def edit_selected(self) -> bool:
        task_id = self.selected_id()
        if task_id is None:
            return False
        try:
            dialog = TaskDialog(self._store, self._events, task_id, None, self)
        except NotFoundError as exc:
            refresh_missing(self._events, exc)
            return False
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()

    def snooze_selected(self, until: date) -> bool:
        task_id = self.selected_id()
        if task_id is None:
            return False
        snoozed = run_write(
            self,
            self._events,
            lambda: snooze_task(self._store, task_id, until),
            show_problems=self._show_problem,
            on_gone=self._show_gone,
            warn_if_gone=False,
        )
        return snoozed is not None

    def add_task(self) -> None:
        self.problem.setVisible(False)
        due = self.due.date().toPython()
        data = TaskInput(
            title=self.title.text(),
            due_on=due if isinstance(due, date) else None,
            application_id=self._id,
        )
        created = run_write(
            self,
            self._events,
            lambda: create_task(self._store, data),
            show_problems=self._show_problem,
            on_gone=self._show_gone,
            warn_if_gone=False,
        )
        if created is not None:
            self.title.clear()

    def _show_problem(self, problems: dict[str, str]) -> None:
        self.problem.setText(next(iter(problems.values())))
        self.problem.setVisible(True)

    def _show_gone(self, exc: NotFoundError) -> None:
        self.problem.setText(str(exc))
        self.problem.setVisible(True)

    def complete_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        task_id = self.model.row(rows[0].row()).id
        run_write(  # already gone: the refresh shows that
            self,
            self._events,
            lambda: complete_task(self._store, task_id),
            warn_if_gone=False,
        )
