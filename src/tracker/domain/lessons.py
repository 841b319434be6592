"""Lessons: the debriefs of every rejection, newest first, to learn from each interview."""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from sqlalchemy import select

from tracker.db.enums import DebriefPath
from tracker.db.models import Application, Company, RejectionDebrief
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
    """One row per saved debrief, newest first; one query."""
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
        .order_by(RejectionDebrief.created_at.desc(), RejectionDebrief.id.desc())
    )
    with store.reading() as session:
        return [LessonRow._make(row) for row in session.execute(query)]
