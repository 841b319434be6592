"""Which applications a figure looks at: a period and a source."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import ColumnElement, and_, func, or_, select, true
from sqlalchemy.orm import InstrumentedAttribute

from tracker.db.models import Application

# Fewer applications than this and the figures would say more about chance than about you.
ENOUGH_APPLICATIONS = 10
NO_SOURCE = ""  # the source filter's value for applications with no source noted


@dataclass(frozen=True)
class Scope:
    """The last *days* days up to *today* (None: all of it), from one *source* (None: all)."""

    today: date
    days: int | None = None
    source: str | None = None

    @property
    def since(self) -> date | None:
        return None if self.days is None else self.today - timedelta(days=self.days - 1)


def sent_on() -> ColumnElement[date]:
    """When an application entered the search: applied on, or found on if not applied."""
    return func.coalesce(Application.applied_on, Application.found_on)


def source_matches(source: str | None) -> ColumnElement[bool]:
    if source is None:
        return true()
    if source == NO_SOURCE:
        return or_(Application.source.is_(None), Application.source == "")
    return Application.source == source


def in_scope(scope: Scope) -> ColumnElement[bool]:
    """The applications a figure counts: sent in the period, from the chosen source."""
    since = scope.since
    period = true() if since is None else sent_on() >= since
    return and_(period, source_matches(scope.source))


def belongs(
    scope: Scope, application_id: ColumnElement[int] | InstrumentedAttribute[int]
) -> ColumnElement[bool]:
    """Rows of another table (history, interviews) whose application is in *scope*.

    Everything in scope needs no filter at all; otherwise the applications in scope are
    looked up once (a list of ids) instead of joining every row to its application.
    """
    if scope.since is None and scope.source is None:
        return true()
    return application_id.in_(select(Application.id).where(in_scope(scope)))
