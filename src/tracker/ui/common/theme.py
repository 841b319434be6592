"""The app's colours, in one place: stage hues, the red for what is late, dark-palette checks."""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette

from tracker.db.enums import Stage

# Hues chosen to read on light and dark backgrounds alike.
STAGE_COLOURS = {
    Stage.WISHLIST: "#8b74c9",
    Stage.APPLIED: "#3f8ad8",
    Stage.SCREENING: "#1fa2a8",
    Stage.INTERVIEWING: "#d9962b",
    Stage.OFFER: "#3aa65a",
    Stage.ACCEPTED: "#2e9e4f",
    Stage.REJECTED: "#d65050",
    Stage.WITHDRAWN: "#8a8f98",
    Stage.GHOSTED: "#9a94a8",
}


def stage_colour(stage: Stage) -> QColor:
    return QColor(STAGE_COLOURS[stage])


def is_dark(palette: QPalette) -> bool:
    """The one test for a dark theme: the window colour's lightness."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def blend(a: QColor, b: QColor, amount: float) -> QColor:
    """*a* moved *amount* (0..1) of the way to *b*."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * amount,
        a.greenF() + (b.greenF() - a.greenF()) * amount,
        a.blueF() + (b.blueF() - a.blueF()) * amount,
    )


def late_red(palette: QPalette | None = None) -> QColor:
    """The red for late tasks and problems: deeper on light palettes, softer on dark ones."""
    return QColor("#ff8a80" if is_dark(palette or QGuiApplication.palette()) else "#b3261e")
