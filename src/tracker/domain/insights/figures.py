"""How far applications get, who replies, and where rejections happen: one query each.

Every figure is read from the stage history (StageChange), not from where an application
stands today, so an application that moved back or was rejected still counts for how far it
got. Counting and grouping happen in the database; Python only receives a few rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import (
    Integer,
    Select,
    case,
    distinct,
    func,
    literal,
    or_,
    select,
)
from sqlalchemy.sql.elements import ColumnElement

from tracker.db.enums import InterviewKind, Stage
from tracker.db.models import Application, Interview, RejectionDebrief, StageChange
from tracker.domain.insights.scope import NO_SOURCE, Scope, belongs, in_scope
from tracker.domain.insights.sql import weak_interview_ids
from tracker.domain.store import Store

# The funnel's steps, in order; how far an application got is the furthest it reached.
FUNNEL = (Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEWING, Stage.OFFER, Stage.ACCEPTED)
# Closed outcomes say the application was sent (rejected, ghosted) or maybe not (withdrawn).
_RANK = {
    **{stage: rank for rank, stage in enumerate(FUNNEL, start=1)},
    Stage.REJECTED: 1,
    Stage.GHOSTED: 1,
}
# A reply: someone at the company engaged. Reaching one of these steps (ranks 2 to 5 above),
# or an interview on record (so a rejection after an interview counts); a rejection straight
# after applying, or silence, does not.
REPLY_STAGES = (Stage.SCREENING, Stage.INTERVIEWING, Stage.OFFER, Stage.ACCEPTED)

# Role kinds from the role's title: the first kind whose word appears wins.
ROLE_KINDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Leadership", ("manager", "lead", "head of", "director", "vp ")),
    ("Data", ("data", "machine learning", "analytics", "analyst")),
    ("Infrastructure", ("platform", "infrastructure", "reliability", "devops", "cloud")),
    ("Frontend", ("frontend", "front-end", "front end", "mobile", "ui ")),
    ("Software", ("engineer", "developer", "programmer")),
)
OTHER_ROLES = "Other"


def _rank() -> ColumnElement[int]:
    return case(
        *((StageChange.to_stage == stage, rank) for stage, rank in _RANK.items()),
        else_=0,
    )


def _furthest(scope: Scope) -> Select[int, int]:
    """One row per application in scope with a history: how far it got (its furthest
    step's rank). One pass over the history in application order, with no join."""
    return (
        select(
            StageChange.application_id.label("application_id"),
            func.max(_rank()).label("furthest"),
        )
        .where(belongs(scope, StageChange.application_id))
        .group_by(StageChange.application_id)
    )


# -- Funnel ---------------------------------------------------------------------------


@dataclass(frozen=True)
class FunnelStep:
    stage: Stage
    reached: int
    previous: int | None  # how many reached the step before (None for the first)

    @property
    def rate(self) -> float | None:
        """The share of the step before that got this far."""
        if not self.previous:
            return None
        return self.reached / self.previous


def funnel(store: Store, scope: Scope) -> list[FunnelStep]:
    """How many applications reached each step (or went past it), with the step-to-step rate."""
    per_app = _furthest(scope).subquery()
    query = (
        select(per_app.c.furthest, func.count())
        .where(per_app.c.furthest > 0)
        .group_by(per_app.c.furthest)
    )
    with store.reading() as session:
        at_most = {int(rank): int(n) for rank, n in session.execute(query)}
    steps: list[FunnelStep] = []
    for rank, stage in enumerate(FUNNEL, start=1):
        reached = sum(n for furthest, n in at_most.items() if furthest >= rank)
        steps.append(FunnelStep(stage, reached, steps[-1].reached if steps else None))
    return steps


# -- Response rate --------------------------------------------------------------------


@dataclass(frozen=True)
class Response:
    group: str  # a source, or a role kind
    sent: int
    replied: int

    @property
    def rate(self) -> float:
        return self.replied / self.sent if self.sent else 0.0


def _responses(
    store: Store, scope: Scope, column: ColumnElement[Any], group: Callable[[Any], Any]
) -> list[Response]:
    """Sent and replied to per value of *column*, then per *group* of those values (the
    grouping runs over the few distinct values, not over every application)."""
    per_app = _furthest(scope).subquery()
    # Replied (see REPLY_STAGES): got to screening or further, or had an interview.
    replied = case(
        (
            or_(
                per_app.c.furthest >= _RANK[Stage.SCREENING],
                Application.id.in_(select(Interview.application_id)),
            ),
            1,
        ),
        else_=0,
    )
    # Each application's own row is read once, after its history was summed up. The outer
    # join (every history row has its application) lets those sums stream through
    # instead of being stored first.
    per_value = (
        select(
            column.label("value"),
            func.count().label("sent"),
            func.sum(replied).label("replied"),
        )
        .select_from(per_app)
        .join(Application, Application.id == per_app.c.application_id, isouter=True)
        .where(per_app.c.furthest > 0)
        .group_by(column)
        .subquery()
    )
    grouped = select(
        group(per_value.c.value).label("grp"), per_value.c.sent, per_value.c.replied
    ).subquery()
    query = select(grouped.c.grp, func.sum(grouped.c.sent), func.sum(grouped.c.replied)).group_by(
        grouped.c.grp
    )
    with store.reading() as session:
        rows = [Response(str(g), int(n), int(r or 0)) for g, n, r in session.execute(query)]
    return sorted(rows, key=lambda r: (-r.sent, -r.replied, r.group))


def response_by_source(store: Store, scope: Scope) -> list[Response]:
    """Per source: applications sent and how many got a reply. No source: group ""."""
    source = func.coalesce(func.nullif(Application.source, ""), literal(NO_SOURCE))
    return _responses(store, scope, source, lambda value: value)


def role_kind(title: ColumnElement[str]) -> ColumnElement[str]:
    """The kind of role a title names (see ROLE_KINDS)."""
    lowered = func.lower(title)
    return case(
        *(
            (lowered.like(f"%{word}%"), literal(kind))
            for kind, words in ROLE_KINDS
            for word in words
        ),
        else_=literal(OTHER_ROLES),
    )


def response_by_role(store: Store, scope: Scope) -> list[Response]:
    """Per kind of role (from the role's title): applications sent and replied to."""
    return _responses(store, scope, Application.role.expression, role_kind)


def sources(store: Store) -> list[str]:
    """Every source noted on an application, most used first; "" stands for none noted."""
    group = func.coalesce(func.nullif(Application.source, ""), literal(NO_SOURCE))
    query = select(group).group_by(group).order_by(func.count().desc(), group)
    with store.reading() as session:
        return [str(s) for s in session.scalars(query)]


def applications_sent(store: Store, source: str | None = None) -> int:
    """Applications that were ever sent (reached Applied or any later step), from *source*."""
    # Naming the few stages that never count, rather than the many that do, lets the
    # database read each application's history in order instead of sorting all of it.
    never_sent = [stage for stage in Stage if stage not in _RANK]
    sent = (
        select(StageChange.application_id)
        .where(
            StageChange.to_stage.not_in(never_sent),
            belongs(Scope(date.today(), source=source), StageChange.application_id),
        )
        .group_by(StageChange.application_id)
        .subquery()
    )
    with store.reading() as session:
        return int(session.scalar(select(func.count()).select_from(sent)) or 0)


# -- Rejections -----------------------------------------------------------------------


@dataclass(frozen=True)
class RejectedAt:
    stage: Stage | None  # None: rejected with no stage before it on record
    count: int


def rejections_by_stage(store: Store, scope: Scope) -> list[RejectedAt]:
    """The stage each rejection came at (the one it was moved from), in pipeline order."""
    query = (
        select(StageChange.from_stage, func.count(distinct(StageChange.application_id)))
        .where(StageChange.to_stage == Stage.REJECTED, belongs(scope, StageChange.application_id))
        .group_by(StageChange.from_stage)
    )
    with store.reading() as session:
        rows = [RejectedAt(stage, int(n)) for stage, n in session.execute(query)]
    order = list(Stage)
    return sorted(rows, key=lambda r: -1 if r.stage is None else order.index(r.stage))


@dataclass(frozen=True)
class WeakKind:
    kind: InterviewKind
    weak: int  # interviews of this kind a debrief marked weaker than wanted
    total: int  # interviews of this kind on applications with a debrief


def weak_interview_kinds(store: Store, scope: Scope) -> list[WeakKind]:
    """From the rejection debriefs: which kinds of interview felt weaker than wanted."""
    with store.reading() as session:
        weak = weak_interview_ids(session.get_bind().dialect.name).subquery()
        is_weak = case((Interview.id.in_(select(weak.c.interview_id)), 1), else_=0)
        query = (
            select(Interview.kind, func.sum(is_weak).cast(Integer), func.count())
            .join(Application, Application.id == Interview.application_id)
            .where(
                in_scope(scope),
                Interview.application_id.in_(select(RejectionDebrief.application_id)),
            )
            .group_by(Interview.kind)
        )
        rows = [WeakKind(kind, int(w or 0), int(n)) for kind, w, n in session.execute(query)]
    return sorted(rows, key=lambda r: (-r.weak, -r.total, r.kind.value))
