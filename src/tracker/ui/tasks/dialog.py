"""The form to add or edit one task, with each problem shown beside its field."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from itertools import pairwise

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from tracker.db.enums import TaskKind
from tracker.domain.applications import get_application
from tracker.domain.changes import Written
from tracker.domain.drafts.business_days import add_business_days
from tracker.domain.drafts.sent import sent_at
from tracker.domain.errors import NotFoundError
from tracker.domain.store import Store
from tracker.domain.tasks import KIND_LABELS, TaskInput, create_task, get_task, update_task
from tracker.ui.common.dates import format_moment
from tracker.ui.common.forms import (
    day_edit,
    error_label,
    qdate,
    show_field_problems,
    shown_problem,
    with_problem,
)
from tracker.ui.common.text import plain
from tracker.ui.common.writes import run_write
from tracker.ui.events import DataEvents

NOT_LINKED = "Not linked to an application"


class TaskDialog(QDialog):
    """Add (task_id None, optionally for *application_id*) or edit one task."""

    def __init__(
        self,
        store: Store,
        events: DataEvents,
        task_id: int | None = None,
        application_id: int | None = None,
        parent: QWidget | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._events = events
        self._id = task_id
        self._today = today or date.today()
        # Links and origin are not on this form; an edit must keep them as they were.
        self._original = (
            get_task(store, task_id)
            if task_id is not None
            else TaskInput(title="", application_id=application_id)
        )
        self.saved_id: int | None = None
        self._inputs: dict[str, QWidget] = {}
        self._errors: dict[str, QLabel] = {}
        self.setWindowTitle("New task" if task_id is None else "Edit task")
        self.setMinimumWidth(520)
        self._build()
        self._fill(self._original)
        self._keep_if_sent()

    def _build(self) -> None:
        self.title = QLineEdit()
        self.title.setPlaceholderText("What to do, e.g. Send a thank-you note to Priya")
        self.kind = QComboBox()
        for kind in TaskKind:
            self.kind.addItem(KIND_LABELS[kind], kind.value)
        self.has_due = QCheckBox("&Due on")
        self.has_due.setAccessibleName("Has a due date")
        self.due_on = day_edit()
        self.has_due.toggled.connect(self.due_on.setEnabled)
        self.linked = plain(QLabel(self._link_text()))
        self.linked.setAccessibleName("Linked application")
        self.linked.setWordWrap(True)
        self.draft_subject = QLineEdit()
        self.draft_subject.setPlaceholderText("Subject of the message, if there is one")
        self.draft_body = QPlainTextEdit()
        self.draft_body.setTabChangesFocus(True)
        self.draft_body.setMinimumHeight(140)
        self.draft_body.setPlaceholderText("The message to send, or notes for yourself")

        self._general = self._error_label()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Title", self._field("title", "Title", self.title))
        form.addRow("&Kind", self._field("kind", "Kind", self.kind))
        form.addRow(self.has_due, self._field("due_on", "Due date", self.due_on))
        form.addRow("For", self.linked)
        form.addRow("&Subject", self._field("draft_subject", "Subject", self.draft_subject))
        form.addRow("D&raft", self._field("draft_body", "Draft", self.draft_body))

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self._general)
        layout.addLayout(form)
        layout.addWidget(buttons)

        order = [self.title, self.kind, self.has_due, self.due_on, self.draft_subject]
        for first, second in pairwise([*order, self.draft_body, self.save_button]):
            self.setTabOrder(first, second)

    def _link_text(self) -> str:
        app_id = self._original.application_id
        if app_id is None:
            return NOT_LINKED
        try:
            app = get_application(self._store, app_id)
        except NotFoundError:
            return NOT_LINKED
        return f"{app.role} at {app.company}"

    def _error_label(self) -> QLabel:
        return error_label(self)

    def _field(self, name: str, label: str, widget: QWidget) -> QWidget:
        widget.setAccessibleName(label)
        self._inputs[name] = widget
        self._errors[name] = error = self._error_label()
        return with_problem(widget, error)

    def _keep_if_sent(self) -> None:
        """A sent draft is kept as it was sent: shown, never edited."""
        when = sent_at(self._store, self._id) if self._id is not None else None
        if when is None:
            return
        for box in (self.draft_subject, self.draft_body):
            box.setReadOnly(True)
            box.setToolTip(f"Sent {format_moment(when)}; kept as it was sent")

    def _fill(self, data: TaskInput) -> None:
        self.title.setText(data.title)
        self.kind.setCurrentIndex(max(0, self.kind.findData(str(data.kind))))
        self.has_due.setChecked(data.due_on is not None)
        self.due_on.setEnabled(data.due_on is not None)
        # A new task falls on the next working day, never a Saturday.
        self.due_on.setDate(qdate(data.due_on or add_business_days(self._today, 1)))
        self.draft_subject.setText(data.draft_subject or "")
        self.draft_body.setPlainText(data.draft_body or "")

    def collect(self) -> TaskInput:
        due = self.due_on.date().toPython() if self.has_due.isChecked() else None
        return replace(
            self._original,
            title=self.title.text(),
            kind=str(self.kind.currentData()),
            due_on=due if isinstance(due, date) else None,
            draft_subject=self.draft_subject.text(),
            draft_body=self.draft_body.toPlainText(),
        )

    def save(self) -> None:
        self.clear_problems()
        data = self.collect()
        task_id = self._id
        saved = run_write(
            self,
            self._events,
            lambda: (
                create_task(self._store, data)
                if task_id is None
                else update_task(self._store, task_id, data).then(Written(task_id))
            ),
            title="Could not save the task",
            show_problems=self.show_problems,
            on_gone=lambda _exc: self.reject(),
        )
        if saved is None:
            return
        self.saved_id = saved.value
        self.accept()

    def clear_problems(self) -> None:
        self._general.setVisible(False)
        for name, error in self._errors.items():
            error.setVisible(False)
            self._inputs[name].setAccessibleDescription("")

    def show_problems(self, problems: dict[str, str]) -> None:
        first = show_field_problems(problems, self._errors, self._inputs)
        others = [text for name, text in problems.items() if name not in self._errors]
        if others:
            self._general.setText("\n".join(others))
            self._general.setVisible(True)
        if first is not None:
            first.setFocus()

    def problem_text(self, name: str) -> str | None:
        return shown_problem(self._errors[name])
