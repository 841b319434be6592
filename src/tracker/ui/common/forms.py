"""What the forms share: a problem label under each field, dates for date edits, numbers."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QDateTimeEdit, QLabel, QVBoxLayout, QWidget

from tracker.domain.validate import EARLIEST, LATEST
from tracker.ui.common.dates import day_format, moment_format
from tracker.ui.common.text import plain
from tracker.ui.common.theme import late_red


def error_label(widget: QWidget) -> QLabel:
    """A hidden label for a problem, in the red that marks late tasks on *widget*'s palette."""
    label = plain(QLabel())
    label.setWordWrap(True)
    label.setVisible(False)
    label.setStyleSheet(f"color: {late_red(widget.palette()).name()};")
    return label


def with_problem(widget: QWidget, error: QLabel) -> QWidget:
    """The input with its problem label directly underneath."""
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    column.addWidget(widget)
    column.addWidget(error)
    return box


def show_field_problems(
    problems: Mapping[str, str],
    errors: Mapping[str, QLabel],
    inputs: Mapping[str, QWidget],
) -> QWidget | None:
    """Each message under its field and in its input's description; the first such input."""
    first: QWidget | None = None
    for name, message in problems.items():
        if name in errors:
            errors[name].setText(message)
            errors[name].setVisible(True)
            inputs[name].setAccessibleDescription(message)
            first = first or inputs[name]
    return first


def shown_problem(error: QLabel) -> str | None:
    """The message a problem label shows, or None when it is hidden."""
    return error.text() if not error.isHidden() else None


WHOLE_NUMBER_PROBLEM = "Enter a whole number, such as 85000."


def parse_whole(text: str) -> int | None:
    """A typed amount: empty means none; digit groups may be split by commas or spaces."""
    cleaned = "".join(text.split()).replace(",", "").replace("_", "")
    if not cleaned:
        return None
    if not (cleaned.isascii() and cleaned.isdigit()):
        raise ValueError(text)
    return int(cleaned)  # raises ValueError for absurdly long input too


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def day_edit() -> QDateEdit:
    """A date edit showing days as the tables do, with a calendar, within the days we keep."""
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(day_format())
    edit.setDateRange(qdate(EARLIEST), qdate(LATEST))
    return edit


def moment_edit() -> QDateTimeEdit:
    """A date-and-time edit in the same format, with a calendar."""
    edit = QDateTimeEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(moment_format())
    return edit
