"""One planned task, editable before anything is saved: title, due date, subject and draft."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tracker.db.enums import ContactRole
from tracker.domain.rejection import PlannedTask
from tracker.ui.common.forms import day_edit, error_label, qdate, with_problem
from tracker.ui.common.text import plain
from tracker.ui.rejection.know_page import hint_label
from tracker.ui.rejection.people import ROLE_WORDS

FIELDS = ("title", "due_on", "subject", "body")


class ApplyOnEnter(QLineEdit):
    """Enter applies what was typed (editingFinished); it does not press the panel's
    default button, so it never saves the plan by surprise."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()


class TaskEditor(QWidget):
    """Writes every edit straight into the PlannedTask shown, then emits edited(field)."""

    edited = Signal(str)
    fix_requested = Signal(object)  # the ContactRole to pick or add

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._task: PlannedTask | None = None
        self._role: ContactRole | None = None
        self._loading = False
        self.title = QLineEdit()
        self.audience = plain(QLabel())
        self.audience.setAccessibleName("Addressed to")
        self.due_on = day_edit()
        self.subject = QLineEdit()
        self.stood_out = ApplyOnEnter()
        self.stood_out.setPlaceholderText("A, B and C: in your own words")
        self.stood_out.setToolTip(
            "Fills the draft where it names what you talked about; press Enter to apply"
        )
        self.stood_out_label = plain(QLabel("What stood out"))
        self.body = QPlainTextEdit()
        self.body.setTabChangesFocus(True)
        self.body.setMinimumHeight(160)
        for widget, name in (
            (self.title, "Task title"),
            (self.due_on, "Due date"),
            (self.subject, "Draft subject"),
            (self.stood_out, "What stood out with this person"),
            (self.body, "Draft"),
        ):
            widget.setAccessibleName(name)
        self.errors = {name: error_label(self) for name in (*FIELDS, "other")}

        self.why = hint_label()
        self.note = plain(QLabel())
        self.note.setWordWrap(True)
        self.note.setAccessibleName("What is missing")
        self.fix_button = QPushButton()
        self.fix_button.setAccessibleName("Pick or add the missing person")
        self.fix_button.clicked.connect(lambda: self.fix_requested.emit(self._role))
        note_row = QHBoxLayout()
        note_row.addWidget(self.note, 1)
        note_row.addWidget(self.fix_button)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("Task", self._stack(self.title, self.errors["title"]))
        form.addRow("To", self.audience)
        form.addRow("Due", self._stack(self.due_on, self.errors["due_on"]))
        form.addRow(self.stood_out_label, self.stood_out)
        form.addRow("Subject", self._stack(self.subject, self.errors["subject"]))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.why)
        layout.addLayout(form)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.errors["body"])
        layout.addWidget(self.errors["other"])
        layout.addLayout(note_row)

        self.title.textEdited.connect(lambda text: self._set("title", text))
        self.subject.textEdited.connect(lambda text: self._set("subject", text))
        self.stood_out.editingFinished.connect(self._stood_out_finished)
        self.body.textChanged.connect(lambda: self._set("body", self.body.toPlainText()))
        self.due_on.dateChanged.connect(lambda day: self._set("due_on", day.toPython()))
        self.setEnabled(False)

    @staticmethod
    def _stack(widget: QWidget, error: QLabel) -> QWidget:
        return with_problem(widget, error)

    @property
    def task(self) -> PlannedTask | None:
        return self._task

    def load(
        self,
        task: PlannedTask | None,
        problems: dict[str, str] | None = None,
        role: ContactRole | None = None,
    ) -> None:
        self._loading = True
        try:
            self._task = task
            self._role = role
            self.setEnabled(task is not None)
            self.title.setText(task.title if task else "")
            self.audience.setText(task.audience if task else "")
            self.due_on.setDate(qdate(task.due_on or date.today()) if task else qdate(date.today()))
            self.subject.setText(task.subject if task else "")
            line = task.stood_out if task else None
            self.stood_out.setText(line or "")
            self.stood_out.setVisible(line is not None)
            self.stood_out_label.setVisible(line is not None)
            if task is not None and line is not None:
                who = task.audience.split(" · ")[0].split()[0]
                self.stood_out_label.setText(f"What stood out with {who}")
            self.body.setPlainText(task.body if task else "")
            self.why.setText(task.why if task else "")
            self.why.setVisible(bool(task and task.why))
            self.note.setText(task.note or "" if task else "")
            missing = task is not None and task.contact_id is None and role is not None
            self.note.setVisible(bool(task and task.note))
            self.fix_button.setText(f"Add {ROLE_WORDS.get(role, 'them') if role else 'them'}…")
            self.fix_button.setVisible(missing)
            self.show_problems(problems or {})
        finally:
            self._loading = False

    def show_problems(self, problems: dict[str, str]) -> None:
        for name, label in self.errors.items():
            text = problems.get(name)
            if name == "other":
                text = "\n".join(v for k, v in problems.items() if k not in FIELDS) or None
            label.setText(text or "")
            label.setVisible(bool(text))

    def _stood_out_finished(self) -> None:
        task = self._task
        if self._loading or task is None or task.stood_out is None:
            return
        if self.stood_out.text() != task.stood_out:
            task.stood_out = self.stood_out.text()
            self.edited.emit("stood_out")

    def _set(self, field: str, value: object) -> None:
        if self._loading or self._task is None:
            return
        if field == "due_on" and isinstance(value, date):
            self._task.due_on = value
        elif field in ("title", "subject", "body") and isinstance(value, str):
            setattr(self._task, field, value)
        self.edited.emit(field)
