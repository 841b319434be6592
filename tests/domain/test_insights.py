"""The insights figures on a small fixed history, computed by hand.

The history (today is Tuesday 31 March 2026; every change at 10:00 UTC):

    A1 Job board  Backend Engineer     applied 2 Mar, screening 5, interviewing 10, rejected 20
                                        (technical 12 Mar marked weak, behavioural Sun 15 Mar)
    A2 Job board  Data Engineer        applied 3 Mar, rejected 7 Mar (straight from applied)
    A3 Referral   Engineering Manager  applied 4 Mar, interviewing 8 (skipped screening),
                                        offer 18, accepted 25 (phone screen 9 Mar)
    A4 Referral   Platform Engineer    applied 5 Mar, screening 11, interviewing 12,
                                        back to screening 14, ghosted 28
    A5 (none)     Frontend Developer   wishlist 30 Jan, applied 1 Feb, ghosted 22 Feb
    A6 Job board  Backend Engineer     wishlist 20 Mar (never sent)
    A7 LinkedIn   Site Reliability Eng applied 25 Mar
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, date, datetime, time

import pytest

from tracker.db.enums import DebriefPath, InterviewKind, Stage
from tracker.db.models import Application, Company, Interview, RejectionDebrief, StageChange
from tracker.domain.insights import (
    NO_SOURCE,
    Response,
    Scope,
    Span,
    applications_sent,
    funnel,
    rejections_by_stage,
    response_by_role,
    response_by_source,
    sources,
    time_in_stage,
    weak_interview_kinds,
    week_start,
    weekly_activity,
)
from tracker.domain.insights.figures import RejectedAt, WeakKind
from tracker.domain.store import Store

TODAY = date(2026, 3, 31)
ALL = Scope(TODAY)
LAST_30 = Scope(TODAY, days=30)
S = Stage


def at(day: date) -> datetime:
    return datetime.combine(day, time(10), UTC)


def d(month: int, day: int) -> date:
    return date(2026, month, day)


def add(
    store: Store,
    company: str,
    role: str,
    source: str | None,
    history: list[tuple[Stage, date]],
    interviews: Sequence[tuple[InterviewKind, date]] = (),
    weak: list[int] | None = None,
) -> int:
    """An application with this stage history; *weak*: indexes of interviews a debrief marks."""
    applied = next((day for stage, day in history if stage is not S.WISHLIST), None)
    with store.transaction() as s:
        app = Application(
            company=Company(name=company),
            role=role,
            source=source,
            stage=history[-1][0],
            found_on=history[0][1],
            applied_on=applied,
        )
        s.add(app)
        previous = None
        for stage, day in history:
            s.add(
                StageChange(
                    application=app, from_stage=previous, to_stage=stage, changed_at=at(day)
                )
            )
            previous = stage
        rows = [Interview(application=app, kind=k, starts_at=at(day)) for k, day in interviews]
        s.add_all(rows)
        s.flush()
        if weak is not None:
            answers = {"weak_interview_ids": [rows[i].id for i in weak], "still_want": True}
            s.add(
                RejectionDebrief(
                    application=app, path=DebriefPath.FLIGHT, answers=json.dumps(answers)
                )
            )
        return app.id


@pytest.fixture
def history(store: Store) -> Store:
    add(
        store,
        "North",
        "Backend Engineer",
        "Job board",
        [
            (S.APPLIED, d(3, 2)),
            (S.SCREENING, d(3, 5)),
            (S.INTERVIEWING, d(3, 10)),
            (S.REJECTED, d(3, 20)),
        ],
        [(InterviewKind.TECHNICAL, d(3, 12)), (InterviewKind.BEHAVIOURAL, d(3, 15))],
        weak=[0],
    )
    add(
        store,
        "Kestrel",
        "Data Engineer",
        "Job board",
        [(S.APPLIED, d(3, 3)), (S.REJECTED, d(3, 7))],
    )
    add(
        store,
        "Cinder",
        "Engineering Manager",
        "Referral",
        [
            (S.APPLIED, d(3, 4)),
            (S.INTERVIEWING, d(3, 8)),
            (S.OFFER, d(3, 18)),
            (S.ACCEPTED, d(3, 25)),
        ],
        [(InterviewKind.PHONE_SCREEN, d(3, 9))],
    )
    add(
        store,
        "Granite",
        "Platform Engineer",
        "Referral",
        [
            (S.APPLIED, d(3, 5)),
            (S.SCREENING, d(3, 11)),
            (S.INTERVIEWING, d(3, 12)),
            (S.SCREENING, d(3, 14)),
            (S.GHOSTED, d(3, 28)),
        ],
    )
    add(
        store,
        "Pebble",
        "Frontend Developer",
        None,
        [(S.WISHLIST, d(1, 30)), (S.APPLIED, d(2, 1)), (S.GHOSTED, d(2, 22))],
    )
    add(store, "Lumen", "Backend Engineer", "Job board", [(S.WISHLIST, d(3, 20))])
    add(store, "Tide", "Site Reliability Engineer", "LinkedIn", [(S.APPLIED, d(3, 25))])
    return store


def reached(store: Store, scope: Scope) -> list[int]:
    return [step.reached for step in funnel(store, scope)]


def test_funnel_counts_how_far_each_application_got(history: Store) -> None:
    steps = funnel(history, ALL)
    # Skipping screening still passed it; moving back keeps the furthest; rejected from
    # applied counts as sent; the wishlist-only application is not in the funnel.
    assert [s.stage for s in steps] == [S.APPLIED, S.SCREENING, S.INTERVIEWING, S.OFFER, S.ACCEPTED]
    assert [s.reached for s in steps] == [6, 3, 3, 1, 1]
    assert [s.rate for s in steps] == [None, 0.5, 1.0, pytest.approx(1 / 3), 1.0]


def test_funnel_follows_period_and_source(history: Store) -> None:
    assert reached(history, LAST_30) == [5, 3, 3, 1, 1]  # Pebble was sent in February
    assert reached(history, Scope(TODAY, source="Referral")) == [2, 2, 2, 1, 1]
    assert reached(history, Scope(TODAY, source=NO_SOURCE)) == [1, 0, 0, 0, 0]
    assert reached(history, Scope(TODAY, days=30, source=NO_SOURCE)) == [0, 0, 0, 0, 0]
    assert applications_sent(history) == 6
    assert applications_sent(history, "Job board") == 2


def test_response_rate_by_source_and_role(history: Store) -> None:
    # A reply means someone engaged: a rejection straight after applying (Kestrel) is not
    # one, and neither is silence.
    assert response_by_source(history, ALL) == [
        Response("Referral", 2, 2),
        Response("Job board", 2, 1),
        Response(NO_SOURCE, 1, 0),
        Response("LinkedIn", 1, 0),
    ]
    assert response_by_role(history, ALL) == [
        Response("Infrastructure", 2, 1),
        Response("Leadership", 1, 1),
        Response("Software", 1, 1),
        Response("Data", 1, 0),
        Response("Frontend", 1, 0),
    ]
    assert response_by_source(history, Scope(TODAY, days=7)) == [Response("LinkedIn", 1, 0)]
    assert sources(history) == ["Job board", "Referral", NO_SOURCE, "LinkedIn"]


def test_a_rejection_after_an_interview_counts_as_a_reply(store: Store) -> None:
    add(
        store,
        "Quill",
        "Backend Engineer",
        "Recruiter",
        [(S.APPLIED, d(3, 2)), (S.REJECTED, d(3, 20))],
        [(InterviewKind.PHONE_SCREEN, d(3, 10))],  # the stage was never moved on
    )
    add(
        store,
        "Tide",
        "Backend Engineer",
        "Recruiter",
        [(S.APPLIED, d(3, 2)), (S.REJECTED, d(3, 3))],
    )
    assert response_by_source(store, ALL) == [Response("Recruiter", 2, 1)]


def test_time_in_stage_medians(history: Store) -> None:
    timings = {t.span: (t.median_days, t.count) for t in time_in_stage(history, ALL)}
    assert timings == {
        Span.TO_REPLY: (pytest.approx(4.0), 3),  # 3, 4, 6 days (Kestrel's no is not a reply)
        Span.TO_DECISION: (pytest.approx(8.5), 2),  # 8 (North) and 9 (Cinder)
        Span.TO_GHOSTED: (pytest.approx(17.5), 2),  # 14 after the step back, 21 after applying
    }
    referral = {t.span: t.count for t in time_in_stage(history, Scope(TODAY, source="Referral"))}
    assert referral == {Span.TO_REPLY: 2, Span.TO_DECISION: 1, Span.TO_GHOSTED: 1}


def test_rejections_and_weak_interview_kinds(history: Store) -> None:
    assert rejections_by_stage(history, ALL) == [
        RejectedAt(S.APPLIED, 1),
        RejectedAt(S.INTERVIEWING, 1),
    ]
    assert weak_interview_kinds(history, ALL) == [
        WeakKind(InterviewKind.TECHNICAL, 1, 1),
        WeakKind(InterviewKind.BEHAVIOURAL, 0, 1),
    ]
    assert weak_interview_kinds(history, Scope(TODAY, source="Referral")) == []
    assert rejections_by_stage(history, Scope(TODAY, source="Referral")) == []


def test_weekly_activity_follows_the_week_start(history: Store) -> None:
    monday = weekly_activity(history, LAST_30, first_weekday=1)
    assert [(w.starts_on, w.applications, w.interviews) for w in monday] == [
        (d(3, 2), 4, 0),
        (d(3, 9), 0, 3),  # Sunday the 15th belongs to the week that began on Monday the 9th
        (d(3, 16), 0, 0),
        (d(3, 23), 1, 0),
        (d(3, 30), 0, 0),
    ]
    sunday = weekly_activity(history, LAST_30, first_weekday=7)
    assert [(w.starts_on, w.applications, w.interviews) for w in sunday] == [
        (d(3, 1), 4, 0),
        (d(3, 8), 0, 2),
        (d(3, 15), 0, 1),
        (d(3, 22), 1, 0),
        (d(3, 29), 0, 0),
    ]
    referral = weekly_activity(history, Scope(TODAY, days=30, source="Referral"))
    assert [(w.applications, w.interviews) for w in referral] == [
        (2, 0),
        (0, 1),
        (0, 0),
        (0, 0),
        (0, 0),
    ]
    everything = weekly_activity(history, ALL)
    assert everything[0].starts_on == d(1, 26)  # the week Pebble was sent (1 Feb, a Sunday)
    assert sum(w.applications for w in everything) == 6
    assert week_start(d(3, 31), 1) == d(3, 30)
    assert week_start(d(3, 31), 6) == d(3, 28)


def test_no_history_at_all(store: Store) -> None:
    assert [(s.reached, s.rate) for s in funnel(store, ALL)] == [(0, None)] * 5
    assert response_by_source(store, ALL) == []
    assert response_by_role(store, ALL) == []
    assert [(t.median_days, t.count) for t in time_in_stage(store, ALL)] == [(None, 0)] * 3
    assert rejections_by_stage(store, ALL) == []
    assert weak_interview_kinds(store, ALL) == []
    assert applications_sent(store) == 0
    assert sources(store) == []
    weeks = weekly_activity(store, LAST_30)
    assert len(weeks) == 5
    assert all(w.applications == w.interviews == 0 for w in weeks)
    assert [w.starts_on for w in weekly_activity(store, ALL)] == [d(3, 30)]
