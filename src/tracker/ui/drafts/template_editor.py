"""Edit the draft templates: keep your own version of any of them, or go back to the original."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tracker.domain.drafts.templates import (
    FIELDS,
    TemplateError,
    is_overridden,
    load_template,
    reset_template,
    save_template_override,
    template_names,
)

Index = QModelIndex | QPersistentModelIndex
NAMES = {
    "fight_feedback_request": "Fight · Feedback request to the recruiter",
    "fight_follow_up": "Fight · Follow-up to the recruiter",
    "fight_letter": "Fight · Letter to the decision maker, through the recruiter",
    "fight_meeting_request": "Fight · Meeting request",
    "fight_reflection": "Fight · Your reflection",
    "fight_thank_you": "Fight · Thank-you note",
    "find_interviewers": "Finding your interviewers' names",
    "flight_ask_network": "Flight · Asking a friend before naming them",
    "flight_referral": "Flight · Referral offer",
    "flight_reflection": "Flight · Your reflection",
    "flight_thank_you": "Flight · Thank-you note",
}


def readable(name: str) -> str:
    return NAMES.get(name, name.replace("_", " ").capitalize())


class TemplatesModel(QAbstractListModel):
    def __init__(self, override_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._dir = override_dir
        self._names = template_names()

    def name(self, row: int) -> str:
        return self._names[row]

    def refresh(self, name: str) -> None:
        index = self.index(self._names.index(name))
        self.dataChanged.emit(index, index)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._names)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        name = self._names[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            mine = " (your version)" if is_overridden(name, self._dir) else ""
            return f"{readable(name)}{mine}"
        if role == Qt.ItemDataRole.UserRole:
            return name
        return None


class TemplateEditorDialog(QDialog):
    """*override_dir* is where your versions live (<data dir>/templates)."""

    def __init__(self, override_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._dir = override_dir
        self._name: str | None = None
        self.setWindowTitle("Message templates")
        self.resize(900, 600)
        self.model = TemplatesModel(override_dir, self)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setAccessibleName("Templates")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setFixedWidth(320)
        self.editor = QPlainTextEdit()
        self.editor.setAccessibleName("Template text")
        self.editor.setTabChangesFocus(True)
        fixed = QFont("monospace")
        fixed.setStyleHint(QFont.StyleHint.TypeWriter)
        self.editor.setFont(fixed)
        self.status = QLabel()
        self.status.setAccessibleName("Which version this is")
        fields = "<br>".join(f"<b>{{{name}}}</b> — {what}" for name, what in FIELDS.items())
        self.fields = QLabel(
            "The first line may start with <b>Subject:</b>. These fields are filled in for "
            f"you; anything else is kept as you type it.<br><br>{fields}"
        )
        self.fields.setWordWrap(True)
        self.fields.setAccessibleName("Fields you can use")
        self.fields.setStyleSheet("color: palette(placeholder-text);")
        self.save_button = QPushButton("Save as my version")
        self.save_button.setAccessibleName("Save this text as your version of the template")
        self.save_button.clicked.connect(self.save)
        self.reset_button = QPushButton("Reset to the original")
        self.reset_button.setAccessibleName("Forget your version and use the original")
        self.reset_button.clicked.connect(self.reset)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)

        right = QVBoxLayout()
        right.addWidget(self.status)
        right.addWidget(self.editor, 2)
        right.addWidget(self.fields, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.reset_button)
        actions.addStretch(1)
        actions.addWidget(self.save_button)
        right.addLayout(actions)
        body = QHBoxLayout()
        body.addWidget(self.list)
        body.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(close)
        self.list.selectionModel().currentChanged.connect(
            lambda index: self.show_template(index.row())
        )
        self.show_template(0)
        self.list.setCurrentIndex(self.model.index(0))

    def show_template(self, row: int) -> None:
        if not 0 <= row < self.model.rowCount():
            return
        self._name = self.model.name(row)
        self.editor.setPlainText(load_template(self._name, self._dir))
        self._sync()

    def select(self, name: str) -> None:
        self.list.setCurrentIndex(self.model.index(template_names().index(name)))

    def _sync(self) -> None:
        mine = self._name is not None and is_overridden(self._name, self._dir)
        self.status.setText("Your version" if mine else "The original, as the app ships it")
        self.reset_button.setEnabled(mine)

    def save(self) -> bool:
        if self._name is None:
            return False
        try:
            save_template_override(self._name, self.editor.toPlainText(), self._dir)
        except (OSError, TemplateError) as exc:
            QMessageBox.warning(self, "Could not save the template", str(exc))
            return False
        self.model.refresh(self._name)
        self._sync()
        return True

    def reset(self) -> None:
        if self._name is None:
            return
        try:
            reset_template(self._name, self._dir)
        except OSError as exc:
            QMessageBox.warning(self, "Could not reset the template", str(exc))
            return
        self.editor.setPlainText(load_template(self._name, self._dir))
        self.model.refresh(self._name)
        self._sync()
