"""Helpers for the reminder tests: a fixed clock, applications at set times, interviews."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from tracker.db.enums import ContactRole, InterviewKind, Stage
from tracker.db.models import Application, Task
from tracker.domain.applications import ApplicationInput, change_stage, create_application
from tracker.domain.contacts import ContactInput, assign_role, create_contact
from tracker.domain.interviews import InterviewInput, ParticipantInput, save_interview
from tracker.domain.reminders.engine import run_rules
from tracker.domain.store import Store

# Noon UTC keeps the local day the same in every time zone from -11 to +11 hours.
MONDAY = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
DAY = timedelta(days=1)


def at(days: float) -> datetime:
    return MONDAY + days * DAY


def new_application(store: Store, stage: Stage = Stage.APPLIED, company: str = "Northwind") -> int:
    app_id = create_application(
        store, ApplicationInput(company=company, role="Backend Engineer", stage=stage)
    ).value
    stage_time(store, app_id, MONDAY)
    return app_id


def stage_time(store: Store, app_id: int, when: datetime) -> None:
    """Pretend the application's last stage change happened *when*."""
    with store.transaction() as session:
        application = session.get(Application, app_id)
        assert application is not None
        application.stage_changed_at = when
        application.stage_changes[-1].changed_at = when


def move(store: Store, app_id: int, stage: Stage, when: datetime) -> None:
    change_stage(store, app_id, stage)
    stage_time(store, app_id, when)


def person(
    store: Store, name: str, app_id: int | None = None, role: ContactRole | None = None
) -> int:
    contact_id = create_contact(store, ContactInput(name=name, title="Engineer")).value
    if app_id is not None and role is not None:
        assign_role(store, app_id, contact_id, role)
    return contact_id


def interview(
    store: Store,
    app_id: int,
    when: datetime,
    people: dict[int, str | None],
    interview_id: int | None = None,
    notes: str | None = None,
) -> int:
    data = InterviewInput(
        kind=InterviewKind.TECHNICAL,
        starts_at=when,
        location="Video call: https://meet.example/abc",
        notes=notes,
        participants=tuple(ParticipantInput(cid, topics) for cid, topics in people.items()),
    )
    return save_interview(store, app_id, interview_id, data).value


def rule_tasks(store: Store, rule: str | None = None) -> list[Task]:
    with store.reading() as session:
        query = select(Task).where(Task.rule.is_not(None)).order_by(Task.id)
        if rule is not None:
            query = query.where(Task.rule == rule)
        return list(session.scalars(query))


def run(store: Store, when: datetime) -> list[int]:
    return list(run_rules(store, when).value.created)
