"""The people in one interview: a quick picker and one row per person with their notes."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QToolButton,
    QWidget,
)

from tracker.db.enums import Connection
from tracker.ui.common.icons import themed_icon
from tracker.ui.common.roles import ItemRole
from tracker.ui.detail.models import ContactsModel

CONNECTION_LABELS = {
    Connection.STRONG: "Strong",
    Connection.OKAY: "Okay",
    Connection.WEAK: "Weak",
}


@dataclass
class Person:
    """Who a row is about: a known contact (contact_id) or someone new (name and title)."""

    name: str
    title: str | None = None
    contact_id: int | None = None


class EnterLineEdit(QLineEdit):
    """A line edit that keeps Enter for itself, so it adds a person instead of saving."""

    entered = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            # A pick from the popup is handled by the completer before this; here Enter
            # means "add what is typed", never "save the dialog".
            completer = self.completer()
            popup = completer.popup() if completer is not None else None
            if popup is not None and popup.isVisible():
                popup.hide()
            event.accept()
            self.entered.emit()
            return
        super().keyPressEvent(event)


class ParticipantEditor(QFrame):
    """One person: name, what you talked about, and how the connection felt."""

    remove_requested = Signal(object)

    def __init__(self, person: Person, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.person = person
        self.setFrameShape(QFrame.Shape.StyledPanel)
        who = person.name + (f" · {person.title}" if person.title else "")
        self.name_label = QLabel(
            f"<b>{_escape(person.name)}</b>"
            + (
                f" <span style='color: palette(placeholder-text)'>· {_escape(person.title)}</span>"
                if person.title
                else ""
            )
        )
        if person.contact_id is None:
            self.name_label.setToolTip("New contact: saved with the interview")
        self.new_badge = QLabel("new contact" if person.contact_id is None else "")
        self.new_badge.setStyleSheet("color: palette(placeholder-text); font-style: italic;")
        self.topics = QPlainTextEdit()
        self.topics.setTabChangesFocus(True)
        self.topics.setPlaceholderText("What you talked about: a few words a topic, one a line")
        self.topics.setFixedHeight(64)
        self.topics.setAccessibleName(f"Topics with {person.name}")
        self.connection = QComboBox()
        self.connection.addItem("Not sure", None)
        for value, label in CONNECTION_LABELS.items():
            self.connection.addItem(label, value.value)
        self.connection.setAccessibleName(f"How the connection felt with {person.name}")
        self.remove = QToolButton()
        self.remove.setIcon(themed_icon("list-remove"))
        self.remove.setToolTip(f"Take {person.name} off this interview")
        self.remove.setAccessibleName(f"Remove {who}")
        # Tab goes name → topics → connection → next person; the mouse removes.
        self.remove.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.remove.clicked.connect(lambda: self.remove_requested.emit(self))

        grid = QGridLayout(self)
        grid.setContentsMargins(10, 8, 8, 8)
        grid.addWidget(self.name_label, 0, 0, 1, 2)
        grid.addWidget(self.new_badge, 0, 2, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.remove, 0, 3)
        grid.addWidget(self.topics, 1, 0, 2, 2)
        grid.addWidget(QLabel("How did the connection feel?"), 1, 2, 1, 2)
        grid.addWidget(self.connection, 2, 2, 1, 2, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(0, 1)

    def set_values(self, topics: str | None, connection: Connection | str | None) -> None:
        self.topics.setPlainText(topics or "")
        self.topics.moveCursor(QTextCursor.MoveOperation.End)  # typing adds to what is there
        found = self.connection.findData(str(connection)) if connection else 0
        self.connection.setCurrentIndex(max(0, found))

    def topics_text(self) -> str:
        return self.topics.toPlainText()

    def connection_value(self) -> str | None:
        value = self.connection.currentData()
        return str(value) if value else None


def _escape(text: str | None) -> str:
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class PersonPicker(QWidget):
    """Type a name: pick a known contact from the list, or press Enter to add someone new."""

    picked = Signal(object)  # a Person

    def __init__(self, contacts: ContactsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._contacts = contacts
        self.name = EnterLineEdit()
        self.name.setPlaceholderText("Interviewer's name, then Enter")
        self.name.setAccessibleName("Add an interviewer by name")
        self.name.setToolTip("Pick someone from your contacts, or type a new name and press Enter")
        self.title = EnterLineEdit()
        self.title.setPlaceholderText("Title (for someone new)")
        self.title.setAccessibleName("Title of the new interviewer")
        self.add_button = QToolButton()
        self.add_button.setText("Add")
        self.add_button.setAccessibleName("Add this interviewer")
        completer = QCompleter(contacts, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionRole(Qt.ItemDataRole.EditRole)
        self.name.setCompleter(completer)
        # A pick from the list adds that very contact, even when two share a name.
        completer.activated[QModelIndex].connect(self._picked_index)  # type: ignore[index]
        self.name.entered.connect(self.add_typed)
        self.title.entered.connect(self.add_typed)
        self.add_button.clicked.connect(self.add_typed)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.name, 0, 0)
        grid.addWidget(self.title, 0, 1)
        grid.addWidget(self.add_button, 0, 2)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)

    def _picked_index(self, index: QModelIndex) -> None:
        known = self._contacts.by_id(index.data(ItemRole.ROW_ID))
        if known is not None:
            # After the line edit has taken the completion text, which we then clear.
            person = Person(name=known.name, title=known.title, contact_id=known.id)
            QTimer.singleShot(0, lambda: self._emit(person))

    def add_typed(self) -> None:
        """A name that matches a contact adds that contact; any other name adds someone new."""
        name = self.name.text().strip()
        if not name:
            return
        known = self._contacts.find_name(name)
        if known is not None:
            self._emit(Person(name=known.name, title=known.title, contact_id=known.id))
        else:
            self._emit(Person(name=name, title=self.title.text().strip() or None))

    def _emit(self, person: Person) -> None:
        self.name.clear()
        self.title.clear()
        self.picked.emit(person)
