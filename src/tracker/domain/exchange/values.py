"""Turning a spreadsheet's cells into our values: dates, salaries, stages, remote modes.

Each parser takes the cell's text and returns the value, None for an empty cell, or raises
ValueError with a sentence a person can act on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from tracker.db.enums import RemoteMode, Stage

DMY = "dmy"
MDY = "mdy"
EXCEL_EPOCH = date(1899, 12, 30)  # Excel's day 0, after its 1900 leap-year bug

# An optional time after a date: 14:35, 14:35:00.123, 2:35 PM, with a zone or offset.
_TIME = (
    r"(?:[ T,]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[AaPp]\.?[Mm]\.?)?"
    r"(?:\s*(?:Z|[+-]\d{2}:?\d{2}|[A-Z]{2,4}))?)?"
)
_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})" + _TIME)
_NUMERIC = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{2}|\d{4})" + _TIME)
_SERIAL = re.compile(r"\d{5}(?:\.\d+)?")
_NAMED_FORMATS = (
    "%b %d, %Y",
    "%B %d, %Y",
    "%b %d %Y",
    "%B %d %Y",
    "%d %b %Y",
    "%d %B %Y",
    "%d-%b-%Y",
    "%d-%b-%y",
    "%d %b, %Y",
    "%a, %d %b %Y",
    "%A, %B %d, %Y",
)


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 70 else 1900
    return year


def parse_date(text: str, order: str = MDY) -> date | None:
    """A date as spreadsheets write it: 2024-11-03, 11/3/24, 3.11.2024, Nov 3, 2024, 45599.

    A time after the date (2:35 PM, 14:35:00) is allowed and dropped. *order* says whether
    11/3/24 is the 3rd of November (mdy, as in the US) or the 11th of March (dmy).
    """
    text = text.strip()
    if not text:
        return None
    try:
        if m := _ISO.fullmatch(text):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := _NUMERIC.fullmatch(text):
            first, second, year = int(m[1]), int(m[3]), _year(m[4])
            month, day = (first, second) if order == MDY else (second, first)
            return date(year, month, day)
        if _SERIAL.fullmatch(text):
            days = float(text)
            if 20_000 <= days <= 80_000:
                return EXCEL_EPOCH + timedelta(days=int(days))
    except ValueError:
        raise ValueError(f"{text!r} is not a date that exists.") from None
    plain = re.sub(_TIME + "$", "", text).replace(".", "").strip()
    for fmt in _NAMED_FORMATS:
        try:
            return datetime.strptime(plain, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"{text!r} is not a date it can read (try 2024-11-03).")


def guess_date_order(values: Iterable[str]) -> str:
    """MDY or DMY for a column, from the dates in it that only one order can read."""
    for value in values:
        m = _NUMERIC.fullmatch(value.strip())
        if m is None:
            continue
        if int(m[1]) > 12:
            return DMY
        if int(m[3]) > 12:
            return MDY
    return MDY


CURRENCY_SIGNS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "CHF": "CHF"}
_NUMBER = re.compile(r"\d[\d.,' \u00a0\u202f]*\d|\d")
_CODE = re.compile(r"\b([A-Z]{3})\b")


def _amount(token: str) -> int:
    digits = re.sub(r"[ '\u00a0\u202f]", "", token)
    if re.fullmatch(r"\d{1,3}([.,]\d{3})+", digits):
        return int(re.sub(r"[.,]", "", digits))
    return int(float(digits.replace(",", "")))


def parse_salary(text: str) -> tuple[int | None, int | None, str | None]:
    """(min, max, currency) from "$120,000 - $150,000", "80k-100k", "EUR 60.000", "95000"."""
    text = text.strip()
    if not text:
        return None, None, None
    currency = next((code for sign, code in CURRENCY_SIGNS.items() if sign in text), None)
    if currency is None and (m := _CODE.search(text.upper())):
        currency = m[1]
    amounts = []
    for m in _NUMBER.finditer(text):
        after = text[m.end() : m.end() + 2].strip().lower()
        value = _amount(m[0])
        if after.startswith("k"):
            value *= 1000
        amounts.append(value)
    if not amounts or len(amounts) > 2:
        raise ValueError(f"{text!r} is not a salary or a salary range it can read.")
    low, high = amounts[0], amounts[-1]
    if len(amounts) == 2 and high < 1000 <= low:
        high *= 1000  # "80-100k" style ranges carry the k on the last number only
    if len(amounts) == 2 and low < 1000 <= high:
        low *= 1000
    return low, high, currency


def parse_whole(text: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    stars = text.count("★")
    if stars:
        return stars
    try:
        return round(float(text.replace(",", ".")))
    except ValueError:
        raise ValueError(f"{text!r} is not a number.") from None


def parse_remote(text: str) -> RemoteMode | None:
    key = text.strip().casefold()
    if not key:
        return None
    if "hybrid" in key:
        return RemoteMode.HYBRID
    if "remote" in key or key in ("yes", "wfh", "home"):
        return RemoteMode.REMOTE
    if any(word in key for word in ("site", "office", "in person", "in-person")) or key == "no":
        return RemoteMode.ONSITE
    raise ValueError(f"{text!r} is not remote, hybrid or on-site.")


def parse_url(text: str) -> str | None:
    text = text.strip()
    if not text:
        return None
    if text.lower().startswith("www.") or re.match(r"^[a-z0-9-]+(\.[a-z0-9-]+)+/", text, re.I):
        return "https://" + text
    return text


def stage_key(text: str) -> str:
    """How a stage name is compared: case, spaces, punctuation and emoji do not count."""
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


KNOWN_STAGES = {
    **{stage_key(s.value): s for s in Stage},
    "saved": Stage.WISHLIST,
    "bookmarked": Stage.WISHLIST,
    "wish list": Stage.WISHLIST,
    "interested": Stage.WISHLIST,
    "applying": Stage.WISHLIST,
    "to apply": Stage.WISHLIST,
    "not applied": Stage.WISHLIST,
    "submitted": Stage.APPLIED,
    "application sent": Stage.APPLIED,
    "in review": Stage.APPLIED,
    "phone screen": Stage.SCREENING,
    "screen": Stage.SCREENING,
    "recruiter call": Stage.SCREENING,
    "interview": Stage.INTERVIEWING,
    "interview scheduled": Stage.INTERVIEWING,
    "interviews": Stage.INTERVIEWING,
    "offer received": Stage.OFFER,
    "negotiating": Stage.OFFER,
    "hired": Stage.ACCEPTED,
    "offer accepted": Stage.ACCEPTED,
    "not selected": Stage.REJECTED,
    "declined": Stage.REJECTED,
    "turned down": Stage.REJECTED,
    "i withdrew": Stage.WITHDRAWN,
    "no response": Stage.GHOSTED,
    "no reply": Stage.GHOSTED,
    "no answer": Stage.GHOSTED,
}
_KEYWORDS = (
    ("no response", Stage.GHOSTED),
    ("ghost", Stage.GHOSTED),
    ("withdr", Stage.WITHDRAWN),
    ("reject", Stage.REJECTED),
    ("accept", Stage.ACCEPTED),
    ("offer", Stage.OFFER),
    ("interview", Stage.INTERVIEWING),
    ("screen", Stage.SCREENING),
    ("appl", Stage.APPLIED),
    ("wish", Stage.WISHLIST),
    ("saved", Stage.WISHLIST),
)


def suggest_stage(text: str) -> Stage | None:
    """Our stage for a tracker's own name, or None when only the person can say."""
    key = stage_key(text)
    if key in KNOWN_STAGES:
        return KNOWN_STAGES[key]
    return next((stage for word, stage in _KEYWORDS if word in key), None)
