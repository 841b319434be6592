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
from sqlalchemy.sql.selectable import CTE

from tracker.db.enums import Stage
from tracker.db.models import Application, Interview, StageChange
from tracker.domain.insights.figures import REPLY_STAGES
from tracker.domain.insights.scope import Scope, in_scope, sent_on, source_matches
from tracker.domain.insights.sql import whole_days, whole_weeks
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


def _answered(scope: Scope) -> CTE:
    """Per application in scope, in one pass over the history: the first reply, the first
    decision (an offer or a rejection), and the day it was sent."""
    reply = case((StageChange.to_stage.in_(REPLY_STAGES), StageChange.changed_at))
    decision = case((StageChange.to_stage.in_(DECISION_STAGES), StageChange.changed_at))
    return (
        select(
            StageChange.application_id.label("application_id"),
            func.min(reply).label("replied_at"),
            func.min(decision).label("decided_at"),
            func.max(Application.applied_on).label("applied_on"),
        )
        .join(Application, Application.id == StageChange.application_id)
        .where(StageChange.to_stage.in_((*REPLY_STAGES, Stage.REJECTED)), in_scope(scope))
        .group_by(StageChange.application_id)
        .cte("answered")
    )


def _to_reply(answered: CTE) -> Select[str, int]:
    """Days from the day it was sent (applied on) to the first reply."""
    return select(
        literal(Span.TO_REPLY.value).label("span"),
        whole_days(answered.c.replied_at, answered.c.applied_on).label("days"),
    ).where(answered.c.replied_at >= answered.c.applied_on)


def _to_decision(answered: CTE) -> Select[str, int]:
    """Days from the first interview to the first offer or rejection after it."""
    first_interview = (
        select(func.min(Interview.starts_at))
        .where(Interview.application_id == answered.c.application_id)
        .scalar_subquery()
    )
    return select(
        literal(Span.TO_DECISION.value).label("span"),
        whole_days(answered.c.decided_at, first_interview).label("days"),
    ).where(answered.c.decided_at.is_not(None), answered.c.decided_at >= first_interview)


def _to_ghosted(scope: Scope) -> Select[str, int]:
    """Days from the last news (the change before) to being marked ghosted."""
    earlier = aliased(StageChange)
    last_news = (
        select(func.max(earlier.changed_at))
        .where(
            earlier.application_id == StageChange.application_id,
            earlier.changed_at < StageChange.changed_at,
        )
        .scalar_subquery()
    )
    return (
        select(
            literal(Span.TO_GHOSTED.value).label("span"),
            whole_days(StageChange.changed_at, last_news).label("days"),
        )
        .join(Application, Application.id == StageChange.application_id)
        .where(
            StageChange.to_stage == Stage.GHOSTED,
            StageChange.from_stage != Stage.WISHLIST,  # never sent: nobody to hear from
            in_scope(scope),
            last_news.is_not(None),
        )
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
    answered = _answered(scope)
    spans = union_all(_to_reply(answered), _to_decision(answered), _to_ghosted(scope)).subquery()
    query = select(spans.c.span, spans.c.days, func.count()).group_by(spans.c.span, spans.c.days)
    histograms: dict[Span, dict[int, int]] = {span: {} for span in Span}
    with store.reading() as session:
        for span, days, n in session.execute(query):
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
    applications = select(
        literal("applications").label("what"), whole_weeks(sent, start).label("week")
    ).where(Application.applied_on.is_not(None), sent >= start, source_matches(scope.source))
    interviews = (
        select(
            literal("interviews").label("what"),
            whole_weeks(Interview.starts_at, start).label("week"),
        )
        .join(Application, Application.id == Interview.application_id)
        .where(
            Interview.starts_at >= datetime.combine(start, time(), UTC),
            Interview.starts_at < now,
            source_matches(scope.source),
        )
    )
    both = union_all(applications, interviews).subquery()
    query = select(both.c.what, both.c.week, func.count()).group_by(both.c.what, both.c.week)
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
