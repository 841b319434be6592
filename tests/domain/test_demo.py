"""The sample pipeline: loaded once into an empty database, never mixed with real data."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from tests.domain.reading import table_rows
from tracker.db.enums import ContactRole, Stage
from tracker.db.models import (
    Application,
    ApplicationContact,
    Company,
    Contact,
    Interview,
    InterviewParticipant,
    StageChange,
    Task,
)
from tracker.domain.applications import ApplicationInput, create_application
from tracker.domain.contacts import ContactInput, create_contact
from tracker.domain.demo import DemoRefused, load_demo
from tracker.domain.store import Store
from tracker.domain.tasks import TaskInput, create_task, open_tasks

MODELS = (
    Application,
    ApplicationContact,
    Company,
    Contact,
    Interview,
    InterviewParticipant,
    StageChange,
    Task,
)
TODAY = date(2025, 6, 10)


def counts(store: Store) -> dict[str, int]:
    with store.reading() as session:
        return {
            model.__name__: session.scalar(select(func.count()).select_from(model)) or 0
            for model in MODELS
        }


def test_demo_fills_an_empty_database(store: Store) -> None:
    loaded = load_demo(store, today=TODAY)
    rows = table_rows(store, include_archived=True)
    assert loaded == len(rows)
    assert 10 <= loaded <= 15
    assert {row.stage for row in rows} == set(Stage)
    assert sum(row.stage is Stage.REJECTED for row in rows) >= 1

    with store.reading() as session:
        participants = session.scalars(select(InterviewParticipant)).all()
        assert session.scalar(select(func.count()).select_from(Interview)) >= 2
        assert participants
        assert any(p.topics for p in participants)
        roles = set(session.scalars(select(ApplicationContact.role)))
        assert ContactRole.DECISION_MAKER in roles
        assert ContactRole.INTERVIEWER in roles
        assert session.scalar(select(func.count()).where(Contact.in_network.is_(True))) >= 1
        # Every interviewer is recorded as one on the application.
        for p in participants:
            interview = session.get(Interview, p.interview_id)
            assert interview is not None
            assert session.scalar(
                select(ApplicationContact.id).where(
                    ApplicationContact.application_id == interview.application_id,
                    ApplicationContact.contact_id == p.contact_id,
                    ApplicationContact.role == ContactRole.INTERVIEWER,
                )
            )
        for application in session.scalars(select(Application)):
            history = application.stage_changes
            assert history
            assert history[-1].to_stage is application.stage
            assert history[0].from_stage is None
            assert (application.closed_on is not None) == application.stage.is_closed
            if application.stage is not Stage.WISHLIST:
                assert application.applied_on is not None
    assert open_tasks(store)
    assert len(open_tasks(store)) == counts(store)["Task"]


def test_demo_is_refused_the_second_time(store: Store) -> None:
    load_demo(store, today=TODAY)
    before = counts(store)
    with pytest.raises(DemoRefused) as caught:
        load_demo(store, today=TODAY)
    assert "already holds data" in str(caught.value)
    assert counts(store) == before


@pytest.mark.parametrize(
    "add",
    [
        lambda s: create_application(s, ApplicationInput(company="Mine", role="Engineer")),
        lambda s: create_contact(s, ContactInput(name="Ann")),
        lambda s: create_task(s, TaskInput(title="Mine")),
    ],
    ids=["application", "contact", "task"],
)
def test_demo_never_mixes_with_real_data(store: Store, add) -> None:
    add(store)
    before = counts(store)
    with pytest.raises(DemoRefused):
        load_demo(store, today=TODAY)
    assert counts(store) == before
