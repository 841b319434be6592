"""How days and moments are written on screen, the same in every view."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QLocale

DAY_FORMAT = "d MMM yyyy"  # month as a word: never ambiguous between locales


def format_day(day: date) -> str:
    return QLocale().toString(QDate(day.year, day.month, day.day), DAY_FORMAT)


def format_moment(moment: datetime) -> str:
    local = moment.astimezone()
    return f"{format_day(local.date())}, {local:%H:%M}"


def short_day(day: date) -> str:
    return QLocale().toString(QDate(day.year, day.month, day.day), "ddd d MMM")


def long_day(day: date) -> str:
    """A day spelled out, for tooltips: "Monday 9 March 2026"."""
    return QLocale().toString(QDate(day.year, day.month, day.day), "dddd d MMMM yyyy")


def day_and_month(day: date) -> str:
    """A compact day for chart labels: "2 Mar"."""
    return QLocale().toString(QDate(day.year, day.month, day.day), "d MMM")


def first_weekday() -> int:
    """The locale's first day of the week as date.weekday() numbers it (0 is Monday)."""
    return QLocale().firstDayOfWeek().value - 1  # Qt counts Monday as 1
