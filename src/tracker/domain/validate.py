"""Small checks shared by the domain operations. Each collects problems by field name."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import TypeVar
from urllib.parse import urlsplit

from tracker.domain.errors import ValidationError

SHORT_TEXT = 200
LONG_TEXT = 20_000
URL_TEXT = 2000
EARLIEST = date(1970, 1, 1)
LATEST = date(2100, 12, 31)

E = TypeVar("E", bound=StrEnum)


class Checker:
    """Collects every problem in one input so the form can show them all at once."""

    def __init__(self) -> None:
        self.problems: dict[str, str] = {}

    def fail(self, field: str, message: str) -> None:
        self.problems.setdefault(field, message)

    def done(self) -> None:
        if self.problems:
            raise ValidationError(self.problems)

    def required(self, field: str, label: str, value: str | None, limit: int = SHORT_TEXT) -> str:
        text = (value or "").strip()
        if not text:
            self.fail(field, f"{label} cannot be empty.")
        return self.text(field, label, text, limit) or ""

    def text(
        self, field: str, label: str, value: str | None, limit: int = SHORT_TEXT
    ) -> str | None:
        text = (value or "").strip()
        if len(text) > limit:
            self.fail(field, f"{label} is too long ({len(text):,} characters; at most {limit:,}).")
        return text or None

    def url(self, field: str, label: str, value: str | None) -> str | None:
        text = self.text(field, label, value, URL_TEXT)
        if text is None:
            return None
        try:
            parts = urlsplit(text)
            parts.port  # noqa: B018 - a port that is not a number raises here
        except ValueError:
            # "http://[" and friends: urlsplit's own message means nothing to a person.
            self.fail(field, f"{label} is not a web address that can be opened; check it.")
            return text
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            self.fail(field, f"{label} must be a web address starting with http:// or https://.")
        return text

    def email(self, field: str, value: str | None) -> str | None:
        text = self.text(field, "Email", value, 320)
        if text is not None and ("@" not in text or " " in text or text.startswith("@")):
            self.fail(field, "That email address does not look right (it needs an @).")
        return text

    def day(self, field: str, label: str, value: date | None) -> date | None:
        if value is not None and not EARLIEST <= value <= LATEST:
            self.fail(field, f"{label} must be between {EARLIEST:%Y} and {LATEST:%Y}.")
        return value

    def moment(self, field: str, label: str, value: datetime | None) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            self.fail(field, f"{label} needs a time zone.")
        elif not EARLIEST <= value.date() <= LATEST:
            self.fail(field, f"{label} must be between {EARLIEST:%Y} and {LATEST:%Y}.")
        return value

    def whole(self, field: str, label: str, value: int | None, low: int, high: int) -> int | None:
        if value is not None and not low <= value <= high:
            self.fail(field, f"{label} must be between {low:,} and {high:,}.")
        return value

    def choice(self, field: str, label: str, enum: type[E], value: E | str | None) -> E | None:
        if value is None or value == "":
            return None
        try:
            return enum(value)
        except ValueError:
            allowed = ", ".join(m.value for m in enum)
            self.fail(field, f"{label} must be one of: {allowed}.")
            return None
