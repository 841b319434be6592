"""One contact's details, editable in place, and the applications that person is on."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tracker.domain.changes import Written
from tracker.domain.contacts import (
    ContactInput,
    create_contact,
    delete_contact,
    get_contact,
    interviews_with,
    roles_of,
    update_contact,
)
from tracker.domain.store import Store
from tracker.ui.common.forms import error_label, show_field_problems, shown_problem, with_problem
from tracker.ui.common.icons import themed_icon
from tracker.ui.common.roles import ItemRole
from tracker.ui.common.text import plain
from tracker.ui.common.writes import run_write
from tracker.ui.contacts.model import ContactRolesModel, role_text
from tracker.ui.events import DataEvents

NETWORK_TEXT = "Part of my own network (people I could refer)"
NO_ROLES_TEXT = "Not on any application yet."
FIELDS = [
    ("name", "&Name"),
    ("title", "&Title"),
    ("company", "&Company"),
    ("email", "&Email"),
    ("phone", "&Phone"),
    ("profile_url", "Pro&file link"),
    ("notes", "N&otes"),
]


class ContactEditor(QWidget):
    saved = Signal(int)  # the contact id, new or edited
    deleted = Signal(int)
    open_application = Signal(int)

    def __init__(self, store: Store, events: DataEvents, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._events = events
        self.contact_id: int | None = None
        self.inputs: dict[str, QLineEdit | QPlainTextEdit] = {}
        self._errors: dict[str, QLabel] = {}
        self.roles_model = ContactRolesModel(store, self)
        self._build()

    def _build(self) -> None:
        self.heading = plain(QLabel())
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setWeight(QFont.Weight.DemiBold)
        self.heading.setFont(font)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name, label in FIELDS:
            widget: QLineEdit | QPlainTextEdit
            if name == "notes":
                widget = QPlainTextEdit()
                widget.setTabChangesFocus(True)
                widget.setMaximumHeight(110)
            else:
                widget = QLineEdit()
            widget.setAccessibleName(label.replace("&", ""))
            self.inputs[name] = widget
            form.addRow(label, self._with_error(name, widget))
        self.inputs["profile_url"].setPlaceholderText("https://")
        self.in_network = QCheckBox(NETWORK_TEXT)
        self.in_network.setAccessibleName("In my network")
        form.addRow("", self.in_network)
        self.save_button = QPushButton(themed_icon("document-save"), "Save")
        self.save_button.setAccessibleName("Save contact")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.delete_button = QPushButton(themed_icon("edit-delete"), "Delete…")
        self.delete_button.setAccessibleName("Delete contact")
        self.delete_button.clicked.connect(self.delete)
        self.status = plain(QLabel())
        self.status.setAccessibleName("Save status")
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.delete_button)
        for edit in self.inputs.values():
            if isinstance(edit, QLineEdit):
                edit.returnPressed.connect(self.save)  # Enter saves, as in a dialog

        self.roles_title = QLabel("On applications")
        self.roles_title.setFont(self._bold())
        self.roles = QListView()
        self.roles.setModel(self.roles_model)
        self.roles.setAccessibleName("Applications this person is on")
        self.roles.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.roles.setMaximumHeight(130)
        self.roles.activated.connect(self._open_role)
        self.no_roles = QLabel(NO_ROLES_TEXT)
        self.no_roles.setEnabled(False)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addSpacing(12)
        layout.addWidget(self.roles_title)
        layout.addWidget(self.roles)
        layout.addWidget(self.no_roles)
        layout.addStretch(1)
        order = [*self.inputs.values(), self.in_network, self.save_button, self.delete_button]
        for first, second in pairwise([*order, self.roles]):
            self.setTabOrder(first, second)

    def _bold(self) -> QFont:
        font = self.font()
        font.setBold(True)
        return font

    def _with_error(self, name: str, widget: QWidget) -> QWidget:
        self._errors[name] = error = error_label(self)
        return with_problem(widget, error)

    # --- loading -----------------------------------------------------------------------

    def load(self, contact_id: int | None) -> None:
        """Show one contact, or an empty form for a new one (None)."""
        data = get_contact(self._store, contact_id) if contact_id is not None else None
        self.contact_id = contact_id
        self.clear_problems()
        self.status.clear()
        data = data or ContactInput(name="")
        self.heading.setText(data.name or "New contact")
        for name, edit in self.inputs.items():
            value = getattr(data, name) or ""
            if isinstance(edit, QLineEdit):
                edit.setText(value)
                edit.setCursorPosition(0)
            else:
                edit.setPlainText(value)
        self.in_network.setChecked(data.in_network)
        self.delete_button.setVisible(contact_id is not None)
        self.roles_model.set_contact(contact_id)
        self._show_roles()

    def reload_roles(self) -> None:
        self.roles_model.reload()
        self._show_roles()

    def _show_roles(self) -> None:
        existing = self.contact_id is not None
        has_roles = self.roles_model.rowCount() > 0
        self.roles_title.setVisible(existing)
        self.roles.setVisible(existing and has_roles)
        self.no_roles.setVisible(existing and not has_roles)

    def collect(self) -> ContactInput:
        def text(name: str) -> str:
            edit = self.inputs[name]
            return edit.text() if isinstance(edit, QLineEdit) else edit.toPlainText()

        return ContactInput(
            name=text("name"),
            title=text("title"),
            company=text("company"),
            email=text("email"),
            phone=text("phone"),
            profile_url=text("profile_url"),
            notes=text("notes"),
            in_network=self.in_network.isChecked(),
        )

    # --- saving and deleting -------------------------------------------------------------

    def save(self) -> bool:
        self.clear_problems()
        data = self.collect()
        contact_id = self.contact_id
        saved = run_write(
            self,
            self._events,
            lambda: (
                create_contact(self._store, data)
                if contact_id is None
                else update_contact(self._store, contact_id, data).then(Written(contact_id))
            ),
            title="Could not save the contact",
            show_problems=self._show_unsaved,
        )
        if saved is None:
            return False
        self.contact_id = saved.value
        self.heading.setText(data.name.strip())
        self.delete_button.setVisible(True)
        self._show_roles()
        self.status.setText("Saved.")
        self.saved.emit(self.contact_id)
        return True

    def delete_question(self, name: str) -> str:
        """Says what goes with this person, so nobody deletes interview notes unawares."""
        assert self.contact_id is not None
        roles = [role_text(row) for row in roles_of(self._store, self.contact_id)]
        talks = interviews_with(self._store, self.contact_id)
        text = f"Delete {name}?"
        if roles:
            text += "\n\nThey are on:\n" + "\n".join(f"• {line}" for line in roles)
        if talks:
            lines = [
                f"• {t.kind.label}, round {t.round}: {t.role_title} at {t.company}" for t in talks
            ]
            text += "\n\nThey took part in these interviews:\n" + "\n".join(lines)
            text += "\n\nYour notes about them in those interviews are deleted too."
        return text + "\n\nTasks addressed to them stay. This cannot be undone."

    def delete(self) -> bool:
        if self.contact_id is None:
            return False
        contact_id = self.contact_id
        name = self.heading.text() or "this contact"
        answer = QMessageBox.question(
            self,
            "Delete contact",
            self.delete_question(name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        run_write(  # already gone: the refresh shows exactly that
            self, self._events, lambda: delete_contact(self._store, contact_id), warn_if_gone=False
        )
        self.contact_id = None
        self.deleted.emit(contact_id)
        return True

    def clear_problems(self) -> None:
        for name, error in self._errors.items():
            error.setVisible(False)
            self.inputs[name].setAccessibleDescription("")

    def _show_unsaved(self, problems: dict[str, str]) -> None:
        self.show_problems(problems)
        self.status.setText("Not saved yet: see the notes above.")

    def show_problems(self, problems: dict[str, str]) -> None:
        first = show_field_problems(problems, self._errors, self.inputs)
        if first is not None:
            first.setFocus()

    def problem_text(self, name: str) -> str | None:
        return shown_problem(self._errors[name])

    def _open_role(self, index: QModelIndex) -> None:
        self.open_application.emit(int(index.data(ItemRole.APPLICATION_ID)))
