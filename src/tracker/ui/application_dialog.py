"""The form to add or edit one application, with each problem shown beside its field."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from itertools import pairwise

from PySide6.QtCore import QDate
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from tracker.db.enums import RemoteMode, Stage
from tracker.domain.applications import (
    ApplicationInput,
    StageMove,
    create_application,
    get_application,
    update_application,
)
from tracker.domain.errors import NotFoundError, ValidationError
from tracker.domain.store import Store
from tracker.domain.validate import EARLIEST, LATEST
from tracker.ui.events import APPLICATIONS, DataEvents

WHOLE_NUMBER_PROBLEM = "Enter a whole number, such as 85000."


def parse_whole(text: str) -> int | None:
    """A typed amount: empty means none; digit groups may be split by commas or spaces."""
    cleaned = "".join(text.split()).replace(",", "").replace("_", "")
    if not cleaned:
        return None
    if not (cleaned.isascii() and cleaned.isdigit()):
        raise ValueError(text)
    return int(cleaned)  # raises ValueError for absurdly long input too


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class ApplicationDialog(QDialog):
    """Add (application_id None) or edit one application; saves through the domain layer."""

    def __init__(
        self,
        store: Store,
        events: DataEvents,
        application_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._events = events
        self._id = application_id
        # Fields this form does not show (found/closed dates, description) must survive an edit.
        self._original = (
            get_application(store, application_id) if application_id is not None else None
        )
        self.stage_move: StageMove | None = None
        self.saved_id: int | None = None
        self._inputs: dict[str, QWidget] = {}
        self._labels: dict[str, str] = {}
        self._errors: dict[str, QLabel] = {}

        self.setWindowTitle("New application" if application_id is None else "Edit application")
        self.setMinimumWidth(520)
        self._build()
        self._fill(self._original or ApplicationInput(company="", role=""))

    # --- building ----------------------------------------------------------------------

    def _build(self) -> None:
        self.company = QLineEdit()
        self.role = QLineEdit()
        self.stage = QComboBox()
        for stage in Stage:
            self.stage.addItem(stage.label, stage.value)
        self.posting_url = QLineEdit()
        self.posting_url.setPlaceholderText("https://")
        self.location = QLineEdit()
        self.remote_mode = QComboBox()
        self.remote_mode.addItem("", None)  # blank: not known yet
        for mode in RemoteMode:
            self.remote_mode.addItem(mode.value.capitalize(), mode.value)
        self.salary_min = QLineEdit()
        self.salary_max = QLineEdit()
        for amount in (self.salary_min, self.salary_max):
            amount.setPlaceholderText("e.g. 85000")
        self.salary_currency = QLineEdit()
        self.salary_currency.setMaxLength(3)
        self.salary_currency.setPlaceholderText("e.g. EUR")
        self.source = QLineEdit()
        self.source.setPlaceholderText("Referral, job board, company site…")
        self.priority = QSpinBox()
        self.priority.setRange(0, 5)
        self.priority.setSpecialValueText("Not set")
        self.has_applied = QCheckBox("&Applied on")
        self.applied_on = QDateEdit()
        self.applied_on.setCalendarPopup(True)
        self.applied_on.setDisplayFormat("yyyy-MM-dd")
        self.applied_on.setDateRange(_qdate(EARLIEST), _qdate(LATEST))
        self.has_applied.toggled.connect(self.applied_on.setEnabled)
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)  # Tab moves on, as in every other field
        self.notes.setMinimumHeight(80)

        self._general = self._error_label()
        self._general.setAccessibleName("Problems with this application")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        rows: list[tuple[str, str, QWidget]] = [
            ("company", "&Company", self.company),
            ("role", "&Role", self.role),
            ("stage", "&Stage", self.stage),
            ("posting_url", "&Posting link", self.posting_url),
            ("location", "&Location", self.location),
            ("remote_mode", "Re&mote", self.remote_mode),
            ("salary_min", "Minimum sa&lary", self.salary_min),
            ("salary_max", "Ma&ximum salary", self.salary_max),
            ("salary_currency", "C&urrency", self.salary_currency),
            ("source", "Sour&ce", self.source),
            ("priority", "Pr&iority", self.priority),
        ]
        for name, label, widget in rows:
            form.addRow(label, self._field(name, label.replace("&", ""), widget))
        form.addRow(self.has_applied, self._field("applied_on", "Date applied", self.applied_on))
        form.addRow("&Notes", self._field("notes", "Notes", self.notes))

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

        self.has_applied.setAccessibleName("Has an application date")
        order = [*self._inputs.values(), self.save_button, self.cancel_button]
        order.insert(order.index(self.applied_on), self.has_applied)
        for first, second in pairwise(order):
            self.setTabOrder(first, second)

    def _error_label(self) -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setVisible(False)
        # A red that stays readable on dark themes as well as light ones.
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        label.setStyleSheet(f"color: {'#ff8a80' if dark else '#b3261e'};")
        return label

    def _field(self, name: str, label: str, widget: QWidget) -> QWidget:
        """The input with its hidden problem label directly underneath."""
        widget.setAccessibleName(label)
        self._labels[name] = label
        self._inputs[name] = widget
        error = self._error_label()
        self._errors[name] = error
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(error)
        return box

    # --- values in and out -------------------------------------------------------------

    def _fill(self, data: ApplicationInput) -> None:
        self.company.setText(data.company)
        self.role.setText(data.role)
        self.stage.setCurrentIndex(max(0, self.stage.findData(str(data.stage))))
        self.posting_url.setText(data.posting_url or "")
        self.location.setText(data.location or "")
        mode = str(data.remote_mode) if data.remote_mode else None
        self.remote_mode.setCurrentIndex(max(0, self.remote_mode.findData(mode)) if mode else 0)
        self.salary_min.setText("" if data.salary_min is None else str(data.salary_min))
        self.salary_max.setText("" if data.salary_max is None else str(data.salary_max))
        self.salary_currency.setText(data.salary_currency or "")
        self.source.setText(data.source or "")
        self.priority.setValue(data.priority)
        self.has_applied.setChecked(data.applied_on is not None)
        self.applied_on.setEnabled(data.applied_on is not None)
        self.applied_on.setDate(_qdate(data.applied_on or date.today()))
        self.notes.setPlainText(data.notes or "")

    def collect(self) -> tuple[ApplicationInput, dict[str, str]]:
        """What the form says, and the problems found before the domain sees it."""
        problems: dict[str, str] = {}
        amounts: dict[str, int | None] = {}
        for name, edit in (("salary_min", self.salary_min), ("salary_max", self.salary_max)):
            try:
                amounts[name] = parse_whole(edit.text())
            except ValueError:
                amounts[name] = None
                problems[name] = WHOLE_NUMBER_PROBLEM
        applied = self.applied_on.date().toPython() if self.has_applied.isChecked() else None
        base = self._original or ApplicationInput(company="", role="")
        data = replace(
            base,
            company=self.company.text(),
            role=self.role.text(),
            stage=str(self.stage.currentData()),
            posting_url=self.posting_url.text(),
            location=self.location.text(),
            remote_mode=self.remote_mode.currentData(),
            salary_min=amounts["salary_min"],
            salary_max=amounts["salary_max"],
            salary_currency=self.salary_currency.text(),
            source=self.source.text(),
            priority=self.priority.value(),
            applied_on=applied if isinstance(applied, date) else None,
            notes=self.notes.toPlainText(),
        )
        return data, problems

    # --- saving --------------------------------------------------------------------------

    def save(self) -> None:
        """Save and close, or show every problem beside its field and stay open."""
        self.clear_problems()
        data, problems = self.collect()
        if problems:
            self.show_problems(problems)
            return
        try:
            if self._id is None:
                self.saved_id = create_application(self._store, data)
            else:
                self.stage_move = update_application(self._store, self._id, data)
                self.saved_id = self._id
        except ValidationError as exc:
            self.show_problems(exc.problems)
            return
        except NotFoundError as exc:
            QMessageBox.warning(self, "Could not save", str(exc))
            self._events.notify(APPLICATIONS)
            self.reject()
            return
        self._events.notify(APPLICATIONS)
        self.accept()

    def clear_problems(self) -> None:
        self._general.clear()
        self._general.setVisible(False)
        for name, error in self._errors.items():
            error.clear()
            error.setVisible(False)
            error.setAccessibleName("")
            self._inputs[name].setAccessibleDescription("")

    def show_problems(self, problems: dict[str, str]) -> None:
        """Each message under its field; ones for fields not on this form go at the top."""
        first: QWidget | None = None
        for name, error in self._errors.items():
            if name not in problems:
                continue
            message = problems[name]
            error.setText(message)
            error.setAccessibleName(f"{self._labels[name]}: {message}")
            error.setVisible(True)
            self._inputs[name].setAccessibleDescription(message)
            first = first or self._inputs[name]
        others = [text for name, text in problems.items() if name not in self._errors]
        if others:
            self._general.setText("\n".join(others))
            self._general.setVisible(True)
        if first is not None:
            first.setFocus()
            if isinstance(first, QLineEdit):
                first.selectAll()

    def problem_text(self, name: str) -> str | None:
        """The message shown under *name*, or None when that field has no problem."""
        error = self._errors[name]
        return error.text() if not error.isHidden() else None
