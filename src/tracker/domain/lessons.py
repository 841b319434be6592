"""Lessons: what repeats across rejections, and each debrief with something written in it,
newest first: the material the next interview's preparation draws on."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import func, or_, select

from tracker.db.enums import DebriefPath, InterviewKind, Stage
from tracker.db.models import Application, Company, Interview, RejectionDebrief, StageChange
from tracker.domain.store import Store


class LessonRow(NamedTuple):
    id: int
    application_id: int
    company: str
    role: str
    path: DebriefPath
    went_well: str | None
    do_differently: str | None
    created_at: datetime


def lesson_rows(store: Store) -> list[LessonRow]:
    """One row per debrief with something written in it, newest first; one query."""
    query = (
        select(
            RejectionDebrief.id,
            RejectionDebrief.application_id,
            Company.name,
            Application.role,
            RejectionDebrief.path,
            RejectionDebrief.went_well,
            RejectionDebrief.do_differently,
            RejectionDebrief.created_at,
        )
        .join(Application, RejectionDebrief.application_id == Application.id)
        .join(Company, Application.company_id == Company.id)
        .where(
            or_(
                func.trim(func.coalesce(RejectionDebrief.went_well, "")) != "",
                func.trim(func.coalesce(RejectionDebrief.do_differently, "")) != "",
            )
        )
        .order_by(RejectionDebrief.created_at.desc(), RejectionDebrief.id.desc())
    )
    with store.reading() as session:
        return [LessonRow._make(row) for row in session.execute(query)]


# -- What repeats -----------------------------------------------------------------------

RECURRING_AT_LEAST = 2  # a "what I'd do differently" line seen in this many debriefs


@dataclass(frozen=True)
class Patterns:
    """What repeats across rejections: the material the next interview's preparation uses."""

    stages: list[tuple[Stage, int]]  # the stage each rejection came from, most first
    weak_kinds: list[tuple[InterviewKind, int]]  # interview kinds marked weaker, most first
    recurring: list[tuple[str, int]]  # "what I'd do differently" lines said more than once

    @property
    def empty(self) -> bool:
        return not (self.stages or self.weak_kinds or self.recurring)


def _key(line: str) -> str:
    """A line as compared: case, spacing and punctuation do not make it a new lesson."""
    return " ".join("".join(ch if ch.isalnum() else " " for ch in line.casefold()).split())


def _weak_ids(answers: str | None) -> list[int]:
    try:
        data = json.loads(answers or "{}")
    except ValueError:
        return []
    ids = data.get("weak_interview_ids", []) if isinstance(data, dict) else []
    return [i for i in ids if isinstance(i, int)] if isinstance(ids, list) else []


def patterns(store: Store) -> Patterns:
    """Where rejections happen, which interview kinds felt weaker, and the lessons that keep
    coming back; three queries."""
    with store.reading() as session:
        from_stages = session.scalars(
            select(StageChange.from_stage).where(
                StageChange.to_stage == Stage.REJECTED, StageChange.from_stage.is_not(None)
            )
        ).all()
        debriefs = session.execute(
            select(RejectionDebrief.answers, RejectionDebrief.do_differently).order_by(
                RejectionDebrief.created_at.desc(), RejectionDebrief.id.desc()
            )
        ).all()
        weak_ids = {i for answers, _ in debriefs for i in _weak_ids(answers)}
        kinds = session.scalars(select(Interview.kind).where(Interview.id.in_(weak_ids))).all()
    stages = Counter(stage for stage in from_stages if stage is not None)
    lines: Counter[str] = Counter()
    said: dict[str, str] = {}  # the newest wording of each line
    for _, text in debriefs:
        seen = set()
        for raw in (text or "").splitlines():
            line = raw.strip().lstrip("-•* ").strip()
            key = _key(line)
            if key and key not in seen:
                seen.add(key)
                lines[key] += 1
                said.setdefault(key, line)
    return Patterns(
        stages=stages.most_common(),
        weak_kinds=Counter(kinds).most_common(),
        recurring=[(said[k], n) for k, n in lines.most_common() if n >= RECURRING_AT_LEAST],
    )
