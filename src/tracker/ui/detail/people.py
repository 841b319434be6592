"""The People tab: who is on this application and as what; add known or new people quickly."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tracker.db.enums import ContactRole
from tracker.domain.changes import Written
from tracker.domain.contacts import ContactInput, assign_role, create_contact, remove_role
from tracker.domain.detail import company_of
from tracker.domain.errors import ValidationError
from tracker.domain.store import Store
from tracker.ui.common.forms import error_label
from tracker.ui.common.icons import themed_icon
from tracker.ui.common.text import message
from tracker.ui.common.writes import run_write
from tracker.ui.detail.models import ContactsModel, PeopleModel
from tracker.ui.events import DataEvents
from tracker.ui.interviews.people import EnterLineEdit

T = TypeVar("T")


def role_combo(name: str) -> QComboBox:
    combo = QComboBox()
    for role in ContactRole:
        combo.addItem(role.label, role.value)
    combo.setAccessibleName(name)
    return combo


class PeopleTab(QWidget):
    def __init__(
        self, store: Store, events: DataEvents, application_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._events = events
        self._id = application_id
        self._company = company_of(store, application_id)
        self.model = PeopleModel(store, application_id, self)
        self.contacts = ContactsModel(store, self._company, self)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("People on this application")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table.setAlternatingRowColors(True)
        self.empty = QLabel("No one here yet. Add the recruiter first: they know how it is going.")
        self.empty.setStyleSheet("color: palette(placeholder-text);")
        self.remove_button = QPushButton("Take off this application")
        self.remove_button.setIcon(themed_icon("list-remove"))
        self.remove_button.setAccessibleName("Remove the selected person's role")
        self.remove_button.clicked.connect(self.remove_selected)

        self.existing = QComboBox()
        self.existing.setEditable(True)
        self.existing.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.existing.setModel(self.contacts)
        self.existing.setAccessibleName("Someone from your contacts")
        completer = self.existing.completer()
        if completer is not None:
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.existing_role = role_combo("Role of the contact")
        self.add_existing = QPushButton("Add")
        self.add_existing.setAccessibleName("Add this contact with the role")
        self.add_existing.clicked.connect(self.add_known)

        self.new_name = EnterLineEdit()
        self.new_name.setPlaceholderText("Name")
        self.new_name.setAccessibleName("New person's name")
        self.new_title = EnterLineEdit()
        self.new_title.setPlaceholderText("Title")
        self.new_title.setAccessibleName("New person's title")
        self.new_email = EnterLineEdit()
        self.new_email.setPlaceholderText("Email")
        self.new_email.setAccessibleName("New person's email")
        self.new_role = role_combo("Role of the new person")
        self.add_new_button = QPushButton("Add new person")
        self.add_new_button.setAccessibleName("Add the new person with the role")
        for edit in (self.new_name, self.new_title, self.new_email):
            edit.entered.connect(self.add_new)
        self.add_new_button.clicked.connect(self.add_new)
        self.problem = error_label(self)

        adding = QGroupBox("Add someone")
        grid = QGridLayout(adding)
        grid.addWidget(QLabel("From your contacts"), 0, 0)
        grid.addWidget(self.existing, 0, 1, 1, 3)
        grid.addWidget(self.existing_role, 0, 4)
        grid.addWidget(self.add_existing, 0, 5)
        grid.addWidget(QLabel("Someone new"), 1, 0)
        grid.addWidget(self.new_name, 1, 1)
        grid.addWidget(self.new_title, 1, 2)
        grid.addWidget(self.new_email, 1, 3)
        grid.addWidget(self.new_role, 1, 4)
        grid.addWidget(self.add_new_button, 1, 5)
        grid.addWidget(self.problem, 2, 1, 1, 5)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(2, 2)
        grid.setColumnStretch(3, 2)

        below = QHBoxLayout()
        below.addWidget(self.empty, 1)
        below.addStretch(1)
        below.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(below)
        layout.addWidget(adding)
        for first, second in (
            (self.table, self.remove_button),
            (self.remove_button, self.existing),
            (self.existing, self.existing_role),
            (self.existing_role, self.add_existing),
            (self.add_existing, self.new_name),
            (self.new_name, self.new_title),
            (self.new_title, self.new_email),
            (self.new_email, self.new_role),
            (self.new_role, self.add_new_button),
        ):
            self.setTabOrder(first, second)
        self.existing.setCurrentIndex(-1)
        self.table.selectionModel().selectionChanged.connect(self._sync)
        self.model.modelReset.connect(self._sync)
        self._sync()

    def reload(self) -> None:
        self.model.reload()
        self.contacts.reload()
        self.existing.setCurrentIndex(-1)

    def _sync(self) -> None:
        self.empty.setVisible(self.model.rowCount() == 0)
        self.remove_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    def _show(self, exc: Exception) -> None:
        text = exc.message if isinstance(exc, ValidationError) else str(exc)
        self.problem.setText(text)
        self.problem.setVisible(True)

    def _write(self, write: Callable[[], Written[T]]) -> Written[T] | None:
        """Problems show in the line under the buttons, not in a message box."""
        return run_write(
            self,
            self._events,
            write,
            show_problems=lambda problems: self._show(ValidationError(problems)),
            on_gone=self._show,
            warn_if_gone=False,
        )

    def add_known(self) -> None:
        """Add the picked contact (or the one whose name was typed) with the chosen role."""
        self.problem.setVisible(False)
        text = self.existing.currentText().strip()
        row = self.existing.currentIndex()
        choice = self.contacts.choice(row) if row >= 0 else None
        if choice is None or text not in (choice.name, self.existing.itemText(row)):
            choice = self.contacts.find_name(text)
        if choice is None:
            self.problem.setText("Pick someone from the list, or add them as someone new below.")
            self.problem.setVisible(True)
            return
        contact_id, role = choice.id, str(self.existing_role.currentData())
        if self._write(lambda: assign_role(self._store, self._id, contact_id, role)) is None:
            return
        self.existing.setCurrentIndex(-1)

    def add_new(self) -> None:
        """Create the contact at this company and give them the role, in a few keystrokes."""
        self.problem.setVisible(False)
        data = ContactInput(
            name=self.new_name.text(),
            title=self.new_title.text(),
            email=self.new_email.text(),
            company=self._company,
        )
        role = str(self.new_role.currentData())

        def create_and_assign() -> Written[None]:
            created = create_contact(self._store, data)
            return created.then(assign_role(self._store, self._id, created.value, role))

        if self._write(create_and_assign) is None:
            return
        for edit in (self.new_name, self.new_title, self.new_email):
            edit.clear()
        self.new_name.setFocus()

    def remove_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        person = self.model.row(rows[0].row())
        answer = QMessageBox.question(
            self,
            "Take off this application?",
            message(
                f"Remove {person.name} as {person.role.label.lower()} here? "
                "They stay in your contacts."
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._write(lambda: remove_role(self._store, self._id, person.contact_id, person.role))


__all__ = ["PeopleTab"]
