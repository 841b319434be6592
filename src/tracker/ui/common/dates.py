"""How days and moments are written on screen, the same in every view and every date edit.

The format follows the person's locale: its long date, with the month abbreviated and no
weekday ("3 Nov 2026", "Nov 3, 2026", "3. Nov. 2026", "2026年11月3日"). The month is a word,
so a day is never ambiguous between locales.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from functools import lru_cache

from PySide6.QtCore import QDate, QLocale, QTime

FALLBACK = "d MMM yyyy"
JOINERS = " ,\u060c\uff0c\u202f"  # spaces and commas (Arabic, full-width, narrow space)
# A Qt date format is fields (runs of d, M or y), quoted literals and other characters.
_PIECES = re.compile(r"(d+|M+|y+)|('(?:[^']|'')*')|([^dMy'])")


def _pieces(pattern: str) -> list[tuple[bool, str]]:
    """(is a field, text) for each field and each run of what lies between fields."""
    pieces: list[tuple[bool, str]] = []
    for match in _PIECES.finditer(pattern):
        field = match.group(1)
        if field:
            pieces.append((True, field))
        elif pieces and not pieces[-1][0]:
            pieces[-1] = (False, pieces[-1][1] + match.group(0))
        else:
            pieces.append((False, match.group(0)))
    return pieces


def _drop(pieces: list[tuple[bool, str]], wanted: Callable[[str], bool], keep_suffix: bool) -> None:
    """Remove the first field that is *wanted*, and what joins it to its neighbour.

    The weekday's joiner is a comma or a space ("Monday, 3 Nov"); ``keep_suffix`` keeps
    what belongs to the day before it ("3日", "3."). The year takes the words that belong
    to it ("2026年").
    """
    at = next((i for i, (field, text) in enumerate(pieces) if field and wanted(text)), None)
    if at is None:
        return
    fields = [i for i, (field, _) in enumerate(pieces) if field]
    drop = {at}
    joiner_after = at + 1 < len(pieces) and not pieces[at + 1][0]
    if joiner_after and at in (fields[0], fields[-1]):
        drop.add(at + 1)  # the joiner after a leading field, anything after the last one
    if at == fields[-1]:
        before = at - 1
        if before >= 0 and not pieces[before][0]:
            if keep_suffix:
                pieces[before] = (False, pieces[before][1].rstrip(JOINERS))
            else:
                drop.add(before)
    pieces[:] = [piece for i, piece in enumerate(pieces) if i not in drop]


def _joined(pieces: list[tuple[bool, str]]) -> str:
    return "".join(text for _, text in pieces).strip()


@lru_cache(maxsize=8)
def _formats(locale_name: str) -> tuple[str, str]:
    """(with the year, without it) for the locale, from its long date format."""
    pieces = _pieces(QLocale(locale_name).dateFormat(QLocale.FormatType.LongFormat))
    pieces = [(field, "MMM" if text == "MMMM" else text) for field, text in pieces]
    _drop(pieces, lambda text: text.startswith("ddd"), keep_suffix=True)  # the weekday
    with_year = _joined(pieces)
    fields = {text[0] for field, text in pieces if field}
    if fields != {"d", "M", "y"}:
        return FALLBACK, "d MMM"
    _drop(pieces, lambda text: text.startswith("y"), keep_suffix=False)
    return with_year, _joined(pieces)


def day_format() -> str:
    """The locale's format for a day: "d MMM yyyy" in English outside the US."""
    return _formats(QLocale().name())[0]


def day_month_format() -> str:
    """The same without the year, where the year goes without saying: "3 Nov"."""
    return _formats(QLocale().name())[1]


def time_format() -> str:
    return QLocale().timeFormat(QLocale.FormatType.ShortFormat)


def moment_format() -> str:
    """A day and a time of day, as date-and-time edits show them: "3 Nov 2026, 14:30"."""
    return f"{day_format()}, {time_format()}"


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def format_day(day: date) -> str:
    return QLocale().toString(_qdate(day), day_format())


def format_moment(moment: datetime) -> str:
    local = moment.astimezone()
    clock = QLocale().toString(QTime(local.hour, local.minute), time_format())
    return f"{format_day(local.date())}, {clock}"


def short_day(day: date) -> str:
    """A day this year or next, with its weekday: "Mon 3 Nov"."""
    return QLocale().toString(_qdate(day), f"ddd {day_month_format()}")


def long_day(day: date) -> str:
    """A day spelled out, for tooltips: "Monday, 9 March 2026"."""
    return QLocale().toString(_qdate(day), QLocale.FormatType.LongFormat)


def day_and_month(day: date) -> str:
    """A compact day for chart labels and near dates: "2 Mar"."""
    return QLocale().toString(_qdate(day), day_month_format())


def first_weekday() -> int:
    """The locale's first day of the week as date.weekday() numbers it (0 is Monday)."""
    return QLocale().firstDayOfWeek().value - 1  # Qt counts Monday as 1
