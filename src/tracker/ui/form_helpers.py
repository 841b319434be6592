"""The "problem label under a field" pattern the forms share."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from tracker.ui.tasks_model import late_red


def red_label(widget: QWidget) -> QLabel:
    """A hidden label for a problem, in the red that marks late tasks on *widget*'s palette."""
    label = QLabel()
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
