"""Every field of one application, each problem shown beside its field; used by add and detail."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from tracker.db.enums import RemoteMode, Stage
from tracker.domain.applications import ApplicationInput
from tracker.ui.common.forms import (
    WHOLE_NUMBER_PROBLEM,
    day_edit,
    error_label,
    parse_whole,
    qdate,
    shown_problem,
    with_problem,
)


class ApplicationForm(QWidget):
    """Two columns: the facts on the left, dates and longer text on the right."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._inputs: dict[str, QWidget] = {}
        self._labels: dict[str, str] = {}
        self._errors: dict[str, QLabel] = {}
        self._checks: dict[str, QCheckBox] = {}
        self._boxes: dict[str, QWidget] = {}
        self._build()

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
        self.remote_mode.addItem("Not known yet", None)
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
        self.has_found, self.found_on = self._optional_day("&Found on", "Has a date found")
        self.has_applied, self.applied_on = self._optional_day(
            "&Applied on", "Has an application date"
        )
        self.has_closed, self.closed_on = self._optional_day("Close&d on", "Has a closing date")
        self._checks = {
            "found_on": self.has_found,
            "applied_on": self.has_applied,
            "closed_on": self.has_closed,
        }
        self.job_description = QPlainTextEdit()
        self.job_description.setPlaceholderText("Paste the posting here; it may vanish later.")
        self.notes = QPlainTextEdit()
        for text in (self.job_description, self.notes):
            text.setTabChangesFocus(True)  # Tab moves on, as in every other field
            text.setMinimumHeight(90)

        self._general = error_label(self)
        self._general.setAccessibleName("Problems with this application")
        left = self._form(
            [
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
        )
        right = QFormLayout()
        right.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name, label, edit in (
            ("found_on", "Date found", self.found_on),
            ("applied_on", "Date applied", self.applied_on),
            ("closed_on", "Date closed", self.closed_on),
        ):
            right.addRow(self._checks[name], self._field(name, label, edit))
        description = self._field("job_description", "Job description", self.job_description)
        right.addRow("&Job description", description)
        right.addRow("&Notes", self._field("notes", "Notes", self.notes))

        columns = QHBoxLayout()
        columns.setSpacing(24)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._general)
        layout.addLayout(columns)

        order: list[QWidget] = []
        for name, widget in self._inputs.items():
            if name in self._checks:
                order.append(self._checks[name])
            order.append(widget)
        for first, second in pairwise(order):
            self.setTabOrder(first, second)

    def _optional_day(self, text: str, accessible: str) -> tuple[QCheckBox, QDateEdit]:
        check = QCheckBox(text)
        check.setAccessibleName(accessible)
        edit = day_edit()
        check.toggled.connect(edit.setEnabled)
        return check, edit

    def _form(self, rows: list[tuple[str, str, QWidget]]) -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name, label, widget in rows:
            form.addRow(label, self._field(name, label.replace("&", ""), widget))
        return form

    def _field(self, name: str, label: str, widget: QWidget) -> QWidget:
        """The input with its hidden problem label directly underneath."""
        widget.setAccessibleName(label)
        self._labels[name] = label
        self._inputs[name] = widget
        error = error_label(self)
        self._errors[name] = error
        self._boxes[name] = box = with_problem(widget, error)
        return box

    def below(self, name: str, widget: QWidget) -> None:
        """Show *widget* under the field *name* (and its problem), e.g. a note about it."""
        layout = self._boxes[name].layout()
        assert layout is not None
        layout.addWidget(widget)

    # --- values in and out -------------------------------------------------------------

    def fill(self, data: ApplicationInput) -> None:
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
        for name, day in (
            ("found_on", data.found_on),
            ("applied_on", data.applied_on),
            ("closed_on", data.closed_on),
        ):
            edit = self._inputs[name]
            assert isinstance(edit, QDateEdit)
            self._checks[name].setChecked(day is not None)
            edit.setEnabled(day is not None)
            edit.setDate(qdate(day or date.today()))
        self.job_description.setPlainText(data.job_description or "")
        self.notes.setPlainText(data.notes or "")

    def _day(self, name: str) -> date | None:
        edit = self._inputs[name]
        assert isinstance(edit, QDateEdit)
        if not self._checks[name].isChecked():
            return None
        day = edit.date().toPython()
        return day if isinstance(day, date) else None

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
        data = ApplicationInput(
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
            found_on=self._day("found_on"),
            applied_on=self._day("applied_on"),
            closed_on=self._day("closed_on"),
            job_description=self.job_description.toPlainText(),
            notes=self.notes.toPlainText(),
        )
        return data, problems

    # --- problems ------------------------------------------------------------------------

    def first_input(self) -> QWidget:
        return self.company

    def last_input(self) -> QWidget:
        return self.notes

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
        return shown_problem(self._errors[name])
