"""What the database itself guarantees, whatever code writes to it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError, StatementError

from tracker.db.enums import Connection, ContactRole, DebriefPath, InterviewKind, Stage
from tracker.db.models import (
    Application,
    ApplicationContact,
    Company,
    Contact,
    Interview,
    InterviewParticipant,
    RejectionDebrief,
    StageChange,
    Task,
)
from tracker.domain.applications import (
    ApplicationInput,
    change_stage,
    create_application,
    delete_application,
)
from tracker.domain.contacts import ContactInput, assign_role, create_contact
from tracker.domain.interviews import InterviewInput, ParticipantInput, save_interview
from tracker.domain.store import Store
from tracker.domain.tasks import TaskInput, create_task

CHILD_MODELS = (StageChange, ApplicationContact, Interview, InterviewParticipant, Task)


def count(store: Store, model: type) -> int:
    with store.reading() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def insert_company(store: Store, name: str = "Acme") -> int:
    with store.engine.begin() as conn:
        conn.execute(text("INSERT INTO companies (name) VALUES (:n)"), {"n": name})
        return conn.execute(text("SELECT id FROM companies WHERE name = :n"), {"n": name}).scalar()


RAW_APPLICATION = text(
    "INSERT INTO applications (company_id, role, stage, priority, archived, created_at, "
    "updated_at, stage_changed_at) VALUES (:company, 'Engineer', :stage, 0, 0, :now, :now, :now)"
)


def test_raw_insert_with_a_valid_stage_works(store: Store) -> None:
    company = insert_company(store)
    with store.engine.begin() as conn:
        conn.execute(RAW_APPLICATION, {"company": company, "stage": "applied", "now": "2025-01-01"})
    assert count(store, Application) == 1


def test_database_refuses_an_unknown_stage(store: Store) -> None:
    company = insert_company(store)
    with pytest.raises(IntegrityError), store.engine.begin() as conn:
        conn.execute(RAW_APPLICATION, {"company": company, "stage": "nonsense", "now": "2025"})
    assert count(store, Application) == 0


def test_database_refuses_an_unknown_contact_role(store: Store) -> None:
    app_id = create_application(store, ApplicationInput(company="Acme", role="Engineer")).value
    contact_id = create_contact(store, ContactInput(name="Ann")).value
    with pytest.raises(IntegrityError), store.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO application_contacts (application_id, contact_id, role) "
                "VALUES (:a, :c, 'boss')"
            ),
            {"a": app_id, "c": contact_id},
        )
    assert count(store, ApplicationContact) == 0


def test_foreign_keys_are_enforced(store: Store) -> None:
    with pytest.raises(IntegrityError), store.engine.begin() as conn:
        conn.execute(RAW_APPLICATION, {"company": 9999, "stage": "applied", "now": "2025"})
    assert count(store, Application) == 0


def test_a_company_in_use_cannot_be_deleted(store: Store) -> None:
    create_application(store, ApplicationInput(company="Acme", role="Engineer"))
    with pytest.raises(IntegrityError), store.engine.begin() as conn:
        conn.execute(text("DELETE FROM companies"))
    assert count(store, Company) == 1


def build_full_application(store: Store, company: str) -> tuple[int, list[int]]:
    """An application with one of every child row; returns its id and its contacts' ids."""
    app_id = create_application(store, ApplicationInput(company=company, role="Engineer")).value
    change_stage(store, app_id, Stage.INTERVIEWING)
    recruiter = create_contact(store, ContactInput(name="Rae Recruiter")).value
    first = create_contact(store, ContactInput(name="Ivy Interviewer")).value
    second = create_contact(store, ContactInput(name="Ian Interviewer")).value
    assign_role(store, app_id, recruiter, ContactRole.RECRUITER)
    interview_id = save_interview(
        store,
        app_id,
        None,
        InterviewInput(
            kind=InterviewKind.TECHNICAL,
            starts_at=datetime(2025, 3, 1, 10, tzinfo=UTC),
            participants=(
                ParticipantInput(first, "Systems design", Connection.STRONG),
                ParticipantInput(second, "Testing", Connection.OKAY),
            ),
        ),
    ).value
    create_task(store, TaskInput(title="Follow up", application_id=app_id))
    create_task(
        store,
        TaskInput(title="Thank Ivy", application_id=app_id, interview_id=interview_id),
    )
    with store.transaction() as session:
        session.add(
            RejectionDebrief(application_id=app_id, path=DebriefPath.FIGHT, went_well="Prep")
        )
    return app_id, [recruiter, first, second]


def test_deleting_an_application_leaves_no_orphans(store: Store) -> None:
    app_id, contacts = build_full_application(store, "Acme")
    counts = {model: count(store, model) for model in (*CHILD_MODELS, RejectionDebrief)}
    assert counts == {
        StageChange: 2,
        ApplicationContact: 3,  # the recruiter and two interviewers
        Interview: 1,
        InterviewParticipant: 2,
        Task: 2,
        RejectionDebrief: 1,
    }

    delete_application(store, app_id)

    for model in (*CHILD_MODELS, RejectionDebrief, Application):
        assert count(store, model) == 0, model.__name__
    with store.reading() as session:
        assert sorted(session.scalars(select(Contact.id))) == sorted(contacts)
        assert session.scalars(select(Company.name)).all() == []  # nothing else used it


def test_deleting_one_application_keeps_the_other(store: Store) -> None:
    first, _ = build_full_application(store, "Acme")
    second, _ = build_full_application(store, "Globex")
    delete_application(store, first)
    with store.reading() as session:
        for model in (StageChange, ApplicationContact, Interview, Task, RejectionDebrief):
            owners = set(session.scalars(select(model.application_id)))
            assert owners == {second}, model.__name__
        assert count(store, InterviewParticipant) == 2
        assert session.scalars(select(Company.name)).all() == ["Globex"]


def test_deleting_an_application_keeps_a_company_a_contact_belongs_to(store: Store) -> None:
    app_id = create_application(store, ApplicationInput(company="Acme", role="Engineer")).value
    contact_id = create_contact(store, ContactInput(name="Ann", company="Acme")).value
    delete_application(store, app_id)
    with store.reading() as session:
        assert session.scalars(select(Company.name)).all() == ["Acme"]
        contact = session.get(Contact, contact_id)
        assert contact is not None
        assert contact.company is not None
        assert contact.company.name == "Acme"


def test_deleting_an_application_keeps_a_company_another_application_uses(store: Store) -> None:
    first = create_application(store, ApplicationInput(company="Acme", role="Engineer")).value
    create_application(store, ApplicationInput(company="Acme", role="Designer"))
    delete_application(store, first)
    with store.reading() as session:
        assert session.scalars(select(Company.name)).all() == ["Acme"]


def test_utc_datetime_refuses_a_naive_value(store: Store) -> None:
    app_id = create_application(store, ApplicationInput(company="Acme", role="Engineer")).value
    with pytest.raises(StatementError) as caught, store.transaction() as session:
        session.add(Interview(application_id=app_id, starts_at=datetime(2025, 3, 1, 10)))
    assert isinstance(caught.value.orig, ValueError)
    assert "naive" in str(caught.value.orig)
    assert count(store, Interview) == 0


def test_utc_datetime_reads_back_the_same_instant_in_utc(store: Store) -> None:
    app_id = create_application(store, ApplicationInput(company="Acme", role="Engineer")).value
    tokyo = timezone(timedelta(hours=9))
    given = datetime(2025, 3, 1, 9, 30, 15, 123456, tzinfo=tokyo)
    with store.transaction() as session:
        interview = Interview(application_id=app_id, starts_at=given)
        session.add(interview)
        session.flush()
        interview_id = interview.id
    with store.reading() as session:
        loaded = session.get(Interview, interview_id)
        assert loaded is not None
        assert loaded.starts_at is not None
        assert loaded.starts_at == given
        assert loaded.starts_at.utcoffset() == timedelta(0)
        assert loaded.starts_at.replace(tzinfo=None) == datetime(2025, 3, 1, 0, 30, 15, 123456)
    with store.engine.connect() as conn:
        stored = conn.execute(
            text("SELECT starts_at FROM interviews WHERE id = :i"), {"i": interview_id}
        ).scalar()
    assert str(stored).startswith("2025-03-01 00:30:15")


def test_created_at_is_aware_utc(store: Store) -> None:
    before = datetime.now(UTC)
    app_id = create_application(store, ApplicationInput(company="Acme", role="Engineer")).value
    with store.reading() as session:
        application = session.get(Application, app_id)
        assert application is not None
        assert application.created_at.tzinfo is not None
        assert application.created_at.utcoffset() == timedelta(0)
        assert before - timedelta(seconds=1) <= application.created_at <= datetime.now(UTC)
