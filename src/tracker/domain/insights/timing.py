"""How long things take, and what happened each week: one query each."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum

from sqlalchemy import (
    Select,
    case,
    func,
    literal,
    select,
    union_all,
)
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement

from tracker.db.enums import Stage
from tracker.db.models import Application, Interview, StageChange
from tracker.domain.insights.figures import REPLY_STAGES
from tracker.domain.insights.scope import Scope, belongs, sent_on, source_matches
from tracker.domain.insights.sql import moment_number, whole_days, whole_days_of, whole_weeks
from tracker.domain.store import Store

DECISION_STAGES = (Stage.OFFER, Stage.ACCEPTED, Stage.REJECTED)


class Span(StrEnum):
    TO_REPLY = "to_reply"  # from applied to the first reply (screening or further)
    TO_DECISION = "to_decision"  # from the first interview to an offer or a rejection
    TO_GHOSTED = "to_ghosted"  # from the last news to being marked ghosted


@dataclass(frozen=True)
class Timing:
    span: Span
    median_days: float | None
    count: int  # how many applications the median is taken over


# Each span below is a column of whole days, one row per application (or per ghosting)
# that has it; NULL where it turns out to have none, which the histogram leaves out.


def _to_reply(scope: Scope) -> Select[int | None]:
    """Days from the day it was sent (applied on) to the first reply."""
    replied = (
        select(
            StageChange.application_id.label("application_id"),
            func.min(moment_number(StageChange.changed_at)).label("at"),
        )
        .where(StageChange.to_stage.in_(REPLY_STAGES), belongs(scope, StageChange.application_id))
        .group_by(StageChange.application_id)
        .subquery()
    )
    applied_on = moment_number(Application.applied_on)
    days = case((replied.c.at >= applied_on, whole_days_of(replied.c.at - applied_on)))
    # The outer join (every history row has its application) streams the rows through
    # instead of storing them first.
    return select(days.label("days")).join_from(
        replied, Application, Application.id == replied.c.application_id, isouter=True
    )


def _to_decision(scope: Scope) -> Select[int]:
    """Days from the first interview to the first offer or rejection after it."""
    decided = func.min(moment_number(StageChange.changed_at))
    first_interview = func.min(moment_number(Interview.starts_at))
    # Joined with the application's interviews (repeats change no minimum): both firsts
    # come from one grouping, and applications without an interview drop out.
    return (
        select(whole_days_of(decided - first_interview).label("days"))
        .select_from(StageChange)
        .join(Interview, Interview.application_id == StageChange.application_id)
        .where(
            StageChange.to_stage.in_(DECISION_STAGES),
            belongs(scope, StageChange.application_id),
        )
        .group_by(StageChange.application_id)
        .having(decided >= first_interview)
    )


def _to_ghosted(scope: Scope) -> Select[int | None]:
    """Days from the last news (the change before) to being marked ghosted."""
    earlier = aliased(StageChange)
    days = (
        select(whole_days(StageChange.changed_at, func.max(earlier.changed_at)))
        .where(
            earlier.application_id == StageChange.application_id,
            earlier.changed_at < StageChange.changed_at,
        )
        .scalar_subquery()
    )
    return select(days.label("days")).where(
        StageChange.to_stage == Stage.GHOSTED,
        StageChange.from_stage != Stage.WISHLIST,  # never sent: nobody to hear from
        belongs(scope, StageChange.application_id),
    )


def _median(histogram: dict[int, int]) -> float | None:
    """The median of a {value: how many} histogram (the mean of the middle two when even)."""
    n = sum(histogram.values())
    if not n:
        return None
    middle, seen = {(n - 1) // 2, n // 2}, 0
    values: list[int] = []
    for value in sorted(histogram):
        first, seen = seen, seen + histogram[value]
        values.extend(value for m in middle if first <= m < seen)
    return sum(values) / len(values)


def time_in_stage(store: Store, scope: Scope) -> list[Timing]:
    """The median whole days of each span, over the applications in scope that have one.

    The database counts how many applications took each number of days (a few hundred
    rows at most); the median is read from those counts.
    """
    # Counted span by span: the database sorts plain numbers much faster than pairs.
    counts = []
    for span, rows in (
        (Span.TO_REPLY, _to_reply(scope)),
        (Span.TO_DECISION, _to_decision(scope)),
        (Span.TO_GHOSTED, _to_ghosted(scope)),
    ):
        each = rows.subquery()
        counts.append(
            select(literal(span.value).label("span"), each.c.days, func.count()).group_by(
                each.c.days
            )
        )
    query = union_all(*counts)
    histograms: dict[Span, dict[int, int]] = {span: {} for span in Span}
    with store.reading() as session:
        for span, days, n in session.execute(query):
            if days is not None:
                histograms[Span(span)][int(days)] = int(n)
    return [Timing(span, _median(h), sum(h.values())) for span, h in histograms.items()]


# -- Weekly activity ------------------------------------------------------------------


@dataclass(frozen=True)
class Week:
    starts_on: date
    applications: int  # sent that week
    interviews: int  # held that week


def week_start(day: date, first_weekday: int) -> date:
    """The first day of *day*'s week, for weeks starting on *first_weekday* (1 = Monday)."""
    return day - timedelta(days=(day.isoweekday() - first_weekday) % 7)


MAX_WEEKS = 52


def _per_week(
    what: str, week: ColumnElement[int], *where: ColumnElement[bool]
) -> Select[str, int, int]:
    """How many rows fall in each week. Grouped on its own, by a plain number: the database
    sorts numbers much faster than the (what, week) pairs a single grouping would need."""
    return (
        select(literal(what).label("what"), week.label("week"), func.count())
        .where(*where)
        .group_by(week)
    )


def weekly_activity(store: Store, scope: Scope, first_weekday: int = 1) -> list[Week]:
    """Applications sent and interviews held per week, oldest first, every week shown.

    The period is the scope's, widened to whole weeks; with no period, from the first week
    with anything in it (at most the last year).
    """
    this_week = week_start(scope.today, first_weekday)
    since = scope.since
    start = week_start(since, first_weekday) if since else this_week - timedelta(weeks=51)
    now = datetime.combine(scope.today + timedelta(days=1), time(), UTC)
    sent = sent_on()
    applications = _per_week(
        "applications",
        whole_weeks(sent, start),
        Application.applied_on.is_not(None),
        sent >= start,
        source_matches(scope.source),
    )
    interviews = _per_week(
        "interviews",
        whole_weeks(Interview.starts_at, start),
        Interview.starts_at >= datetime.combine(start, time(), UTC),
        Interview.starts_at < now,
        belongs(Scope(scope.today, source=scope.source), Interview.application_id),
    )
    query = union_all(applications, interviews)
    with store.reading() as session:
        counts = {(what, int(week)): int(n) for what, week, n in session.execute(query)}
    weeks_in_view = (this_week - start).days // 7 + 1
    first = 0
    if since is None:
        busy = [week for _, week in counts]
        first = min(busy) if busy else weeks_in_view - 1
    return [
        Week(
            start + timedelta(weeks=w),
            counts.get(("applications", w), 0),
            counts.get(("interviews", w), 0),
        )
        for w in range(first, weeks_in_view)
    ]
