"""Adding someone the panel is missing, right where the gap shows: an interviewer (with
what you discussed), or the recruiter, hiring manager or decision maker (picked from your
contacts or added new)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tracker.db.enums import ContactRole
from tracker.domain.changes import Written
from tracker.domain.contacts import assign_role
from tracker.domain.errors import ValidationError
from tracker.domain.rejection import InterviewFacts, add_person_inline
from tracker.domain.store import Store
from tracker.ui.common.forms import error_label
from tracker.ui.common.roles import ItemRole
from tracker.ui.common.text import plain
from tracker.ui.common.views import error_text
from tracker.ui.common.writes import run_write
from tracker.ui.detail.models import ContactsModel
from tracker.ui.events import DataEvents

T = TypeVar("T")

ROLE_WORDS = {
    ContactRole.RECRUITER: "the recruiter",
    ContactRole.HIRING_MANAGER: "the hiring manager",
    ContactRole.DECISION_MAKER: "the person who decides",
    ContactRole.INTERVIEWER: "someone who interviewed you",
}


class PersonForm(QFrame):
    """Hidden until open_for(); emits added(contact id) once someone is on record."""

    added = Signal(int)

    def __init__(
        self,
        store: Store,
        events: DataEvents,
        application_id: int,
        company: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._events = events
        self._application_id = application_id
        self._role = ContactRole.INTERVIEWER
        self._interview_ids: list[int | None] = []
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.heading = plain(QLabel())
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)

        self.contacts = ContactsModel(store, company, self)
        self.pick = QComboBox()
        self.pick.setModel(self.contacts)
        self.pick.setAccessibleName("Pick from your contacts")
        self.use_button = QPushButton("Use this person")
        self.use_button.setAccessibleName("Use the picked contact")
        self.use_button.clicked.connect(self.use_picked)
        # A long name never cuts the label or the button: the pick has a line of its own,
        # and the whole entry is in the tooltip.
        self.pick.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.pick.setMinimumContentsLength(12)
        self.pick.currentTextChanged.connect(self.pick.setToolTip)
        self.pick_label = plain(QLabel("Or pick someone on record:"))
        self.pick_row = QWidget()
        column = QVBoxLayout(self.pick_row)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.pick_label)
        picking = QHBoxLayout()
        picking.addWidget(self.pick, 1)
        picking.addWidget(self.use_button)
        column.addLayout(picking)

        self.name = QLineEdit()
        self.name.setPlaceholderText("Full name")
        self.title = QLineEdit()
        self.title.setPlaceholderText("e.g. Engineering Manager")
        self.email = QLineEdit()
        self.email.setPlaceholderText("Optional")
        self.interview = QComboBox()
        self.topics = QPlainTextEdit()
        self.topics.setTabChangesFocus(True)
        self.topics.setPlaceholderText("What you talked about; one topic per line")
        self.topics.setFixedHeight(64)
        for widget, name in (
            (self.name, "Name"),
            (self.title, "Title"),
            (self.email, "Email"),
            (self.interview, "Which interview"),
            (self.topics, "What you discussed"),
        ):
            widget.setAccessibleName(name)
        self.form = QFormLayout()
        self.form.addRow(self.pick_row)
        self.form.addRow("Name", self.name)
        self.form.addRow("Title", self.title)
        self.form.addRow("Email", self.email)
        self.form.addRow("Interview", self.interview)
        self.form.addRow("Discussed", self.topics)

        self.problem = error_label(self)
        self.add_button = QPushButton("Add")
        self.add_button.setAccessibleName("Add this person")
        self.add_button.setDefault(True)
        self.add_button.clicked.connect(self.add_new)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Close the form without adding anyone")
        self.cancel_button.clicked.connect(self.hide)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(self.form)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)
        self.hide()

    def open_for(self, role: ContactRole, interviews: Sequence[InterviewFacts] = ()) -> None:
        self._role = role
        interviewer = role is ContactRole.INTERVIEWER
        self.heading.setText(f"Add {ROLE_WORDS.get(role, 'someone')}")
        self.contacts.reload()
        self.pick.setToolTip(self.pick.currentText())
        has_contacts = self.contacts.rowCount() > 0
        self.form.setRowVisible(self.pick_row, not interviewer and has_contacts)
        self.form.setRowVisible(self.interview, interviewer and bool(interviews))
        self.form.setRowVisible(self.topics, interviewer)
        self.interview.clear()
        self._interview_ids = [i.id for i in interviews]
        for item in interviews:
            self.interview.addItem(item.label)
        for field in (self.name, self.title, self.email):
            field.clear()
        self.topics.clear()
        self.problem.hide()
        self.show()
        self.name.setFocus()

    @property
    def role(self) -> ContactRole:
        return self._role

    def use_picked(self) -> None:
        contact_id = self.pick.currentData(ItemRole.ROW_ID)
        if not isinstance(contact_id, int):
            return
        role = self._role
        if self._write(lambda: assign_role(self._store, self._application_id, contact_id, role)):
            self.hide()
            self.added.emit(contact_id)

    def _write(self, write: Callable[[], Written[T]]) -> Written[T] | None:
        """Problems show under the form, not in a message box."""
        return run_write(
            self,
            self._events,
            write,
            show_problems=lambda problems: self._show(ValidationError(problems)),
            on_gone=self._show,
            warn_if_gone=False,
        )

    def add_new(self) -> None:
        interview_id = None
        if self._role is ContactRole.INTERVIEWER and self._interview_ids:
            interview_id = self._interview_ids[max(0, self.interview.currentIndex())]
        added = self._write(
            lambda: add_person_inline(
                self._store,
                self._application_id,
                self.name.text(),
                self.title.text(),
                self._role,
                self.topics.toPlainText(),
                interview_id,
                email=self.email.text(),
            )
        )
        if added is not None:
            self.hide()
            self.added.emit(added.value)

    def _show(self, exc: Exception) -> None:
        self.problem.setText(error_text(exc))
        self.problem.show()
