"""Insights: where the search stands, drawn from its own history. One query per figure."""

from tracker.domain.insights.figures import (
    FUNNEL,
    OTHER_ROLES,
    FunnelStep,
    RejectedAt,
    Response,
    WeakKind,
    applications_sent,
    funnel,
    rejections_by_stage,
    response_by_role,
    response_by_source,
    sources,
    weak_interview_kinds,
)
from tracker.domain.insights.goal import MOST_A_WEEK, set_weekly_goal, weekly_goal
from tracker.domain.insights.scope import ENOUGH_APPLICATIONS, NO_SOURCE, Scope
from tracker.domain.insights.timing import (
    Span,
    Timing,
    Week,
    time_in_stage,
    week_start,
    weekly_activity,
)

__all__ = [
    "ENOUGH_APPLICATIONS",
    "FUNNEL",
    "MOST_A_WEEK",
    "NO_SOURCE",
    "OTHER_ROLES",
    "FunnelStep",
    "RejectedAt",
    "Response",
    "Scope",
    "Span",
    "Timing",
    "WeakKind",
    "Week",
    "applications_sent",
    "funnel",
    "rejections_by_stage",
    "response_by_role",
    "response_by_source",
    "set_weekly_goal",
    "sources",
    "time_in_stage",
    "weak_interview_kinds",
    "week_start",
    "weekly_activity",
    "weekly_goal",
]
