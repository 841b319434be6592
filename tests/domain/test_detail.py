"""The read-side queries behind the application detail and the interview editor."""

from __future__ import annotations

from datetime import UTC, datetime

from tracker.db.enums import Connection, ContactRole, InterviewKind, Stage
from tracker.domain.applications import ApplicationInput, change_stage, create_application
from tracker.domain.contacts import ContactInput, assign_role, create_contact
from tracker.domain.detail import (
    company_of,
    contact_choices,
    headline,
    history,
    interview_rows,
    participant_rows,
    people_rows,
)
from tracker.domain.interviews import InterviewInput, ParticipantInput, save_interview
from tracker.domain.store import Store


def make(store: Store) -> int:
    return create_application(store, ApplicationInput(company="Northwind", role="Backend")).value


def test_history_is_newest_first_with_notes(store: Store) -> None:
    app_id = make(store)
    change_stage(store, app_id, Stage.APPLIED)
    change_stage(store, app_id, Stage.SCREENING, "Recruiter called")
    rows = history(store, app_id)
    assert [(r.from_stage, r.to_stage, r.note) for r in rows] == [
        (Stage.APPLIED, Stage.SCREENING, "Recruiter called"),
        (Stage.WISHLIST, Stage.APPLIED, None),
        (None, Stage.WISHLIST, None),
    ]
    assert all(r.changed_at.tzinfo is not None for r in rows)


def test_people_rows_and_contact_choices(store: Store) -> None:
    app_id = make(store)
    jordan = create_contact(
        store, ContactInput("Jordan Blake", "Recruiter", "Northwind", "j@northwind.example")
    ).value
    create_contact(store, ContactInput("Ana Ruiz", "Engineer", "Elsewhere"))
    create_contact(store, ContactInput("Zoe 100%", None, None))
    assign_role(store, app_id, jordan, ContactRole.RECRUITER)
    assert [(p.name, p.title, p.email, p.role) for p in people_rows(store, app_id)] == [
        ("Jordan Blake", "Recruiter", "j@northwind.example", ContactRole.RECRUITER)
    ]
    # People at the application's company come first, then everyone by name.
    names = [c.name for c in contact_choices(store, company_first="northwind")]
    assert names == ["Jordan Blake", "Ana Ruiz", "Zoe 100%"]
    assert [c.name for c in contact_choices(store, "RUIZ")] == ["Ana Ruiz"]
    assert [c.name for c in contact_choices(store, "engineer")] == ["Ana Ruiz"]
    assert [c.name for c in contact_choices(store, "0%")] == ["Zoe 100%"]  # % taken literally
    assert contact_choices(store, "%") == [c for c in contact_choices(store) if "%" in c.name]


def test_interview_rows_and_participants(store: Store) -> None:
    app_id = make(store)
    priya = create_contact(store, ContactInput("Priya", "Senior Engineer")).value
    tomas = create_contact(store, ContactInput("Tomas")).value
    early = datetime(2025, 3, 1, 9, tzinfo=UTC)
    late = datetime(2025, 3, 8, 9, tzinfo=UTC)
    first = save_interview(
        store, app_id, None, InterviewInput(kind="technical", starts_at=early)
    ).value
    second = save_interview(
        store,
        app_id,
        None,
        InterviewInput(
            kind="panel",
            round=2,
            starts_at=late,
            participants=(
                ParticipantInput(tomas, "Planning", Connection.WEAK),
                ParticipantInput(priya, "Billing", Connection.STRONG),
            ),
        ),
    ).value
    rows = interview_rows(store, app_id)
    assert [(r.id, r.kind, r.round, r.interviewers) for r in rows] == [
        (second, InterviewKind.PANEL, 2, "Tomas, Priya"),
        (first, InterviewKind.TECHNICAL, 1, ""),
    ]
    people = participant_rows(store, second)
    assert [(p.name, p.title, p.topics, p.connection) for p in people] == [
        ("Tomas", None, "Planning", Connection.WEAK),
        ("Priya", "Senior Engineer", "Billing", Connection.STRONG),
    ]
    assert company_of(store, app_id) == "Northwind"
    assert headline(store, app_id) == ("Northwind", "Backend", Stage.WISHLIST)
