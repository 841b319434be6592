"""Each figure as the app shows it: the chart's bars and the table's rows, from one result,
with the words for when there is nothing (yet) to show."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QLocale

from tracker.db.enums import Stage
from tracker.domain.insights import (
    NO_SOURCE,
    FunnelStep,
    RejectedAt,
    Response,
    Span,
    Timing,
    WeakKind,
    Week,
)
from tracker.ui.common.dates import day_and_month, format_day
from tracker.ui.common.theme import STAGE_COLOURS
from tracker.ui.insights.charts import Bar, Column, Series

FEW = 5  # fewer applications than this behind a bar: drawn paler, "3 of 4" says why
FEW_INTERVIEWS = 3  # the same for interviews of one kind
PALER = "Paler bars rest on fewer than {few} {what}."

SPAN_LABELS = {
    Span.TO_REPLY: "Applied → first reply",
    Span.TO_DECISION: "First interview → decision",
    Span.TO_GHOSTED: "Last news → marked ghosted",
}
WEEK_SERIES = (
    Series("Applications sent", STAGE_COLOURS[Stage.APPLIED]),
    Series("Interviews held", STAGE_COLOURS[Stage.INTERVIEWING]),
)


@dataclass(frozen=True)
class Figure:
    headers: tuple[str, ...]
    rows: Sequence[tuple[str, ...]]
    bars: list[Bar] = field(default_factory=list)
    maximum: float | None = None
    empty: str = ""


def percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "—"


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def days_text(days: float) -> str:
    if days < 1:
        return "under a day"
    shown = QLocale().toString(days, "f", 0 if days.is_integer() else 1)
    return f"{shown} day" if days == 1 else f"{shown} days"


def source_label(source: str) -> str:
    return "No source noted" if source == NO_SOURCE else source


def funnel_figure(steps: Sequence[FunnelStep]) -> Figure:
    headers = ("Step", "Reached", "Went on from the step before")
    if not steps or not steps[0].reached:
        return Figure(headers, [], empty="Nothing sent in this view yet.")
    bars, rows = [], []
    for step in steps:
        went_on = (
            f"{percent(step.reached, step.previous)} ({step.reached} of {step.previous})"
            if step.previous
            else "—"
        )
        text = str(step.reached)
        if step.previous:
            text += f" · {percent(step.reached, step.previous)}"
        bars.append(Bar(step.stage.label, step.reached, text, STAGE_COLOURS[step.stage]))
        rows.append((step.stage.label, str(step.reached), went_on))
    return Figure(headers, rows, bars, maximum=steps[0].reached)


def response_figure(responses: Sequence[Response], what: str) -> Figure:
    headers = (what, "Sent", "Replied", "Share")
    if not responses:
        return Figure(headers, [], empty="Nothing sent in this view yet.")
    bars, rows = [], []
    for r in responses:
        label = source_label(r.group)
        share = percent(r.replied, r.sent)
        bars.append(Bar(label, r.rate, f"{r.replied} of {r.sent} · {share}", faint=r.sent < FEW))
        rows.append((label, str(r.sent), str(r.replied), share))
    return Figure(headers, rows, bars, maximum=1.0)


def timing_figure(timings: Sequence[Timing]) -> Figure:
    headers = ("From → to", "Median", "Applications")
    bars, rows = [], []
    for t in timings:
        label = SPAN_LABELS[t.span]
        if t.median_days is None:
            rows.append((label, "—", "0"))
            continue
        text = f"{days_text(t.median_days)} · {plural(t.count, 'application')}"
        bars.append(Bar(label, t.median_days, text, faint=t.count < FEW))
        rows.append((label, days_text(t.median_days), str(t.count)))
    empty = "No replies on record in this view yet, so nothing to time."
    return Figure(headers, rows, bars, empty=empty)


def rejections_figure(rejections: Sequence[RejectedAt]) -> Figure:
    headers = ("Came at", "Rejections", "Share")
    total = sum(r.count for r in rejections)
    bars, rows = [], []
    for r in rejections:
        label = r.stage.label if r.stage else "Not recorded"
        colour = STAGE_COLOURS[r.stage] if r.stage else None
        bars.append(Bar(label, r.count, f"{r.count} · {percent(r.count, total)}", colour))
        rows.append((label, str(r.count), percent(r.count, total)))
    return Figure(headers, rows, bars, empty="No rejections in this view.")


def weak_figure(kinds: Sequence[WeakKind]) -> Figure:
    headers = ("Interview", "Felt weaker", "Of", "Share")
    bars, rows = [], []
    for k in kinds:
        share = percent(k.weak, k.total)
        bars.append(
            Bar(
                k.kind.label,
                k.weak / k.total if k.total else 0,
                f"{k.weak} of {k.total}",
                STAGE_COLOURS[Stage.INTERVIEWING],
                faint=k.total < FEW_INTERVIEWS,
            )
        )
        rows.append((k.kind.label, str(k.weak), str(k.total), share))
    empty = (
        "Nothing here yet. After a rejection, Plan my response asks which interviews felt "
        "weaker than you wanted; your answers gather here."
    )
    return Figure(headers, rows, bars, maximum=1.0, empty=empty)


@dataclass(frozen=True)
class WeeklyFigure:
    headers: tuple[str, ...]
    rows: Sequence[tuple[str, ...]]
    columns: list[Column]
    empty: str


def weekly_figure(weeks: Sequence[Week]) -> WeeklyFigure:
    headers = ("Week of", "Applications sent", "Interviews held")
    return WeeklyFigure(
        headers,
        [(format_day(w.starts_on), str(w.applications), str(w.interviews)) for w in weeks],
        [Column(day_and_month(w.starts_on), (w.applications, w.interviews)) for w in weeks],
        "No applications or interviews in these weeks.",
    )


def goal_text(goal: int) -> str:
    return f"Your goal: {plural(goal, 'application')} a week"
