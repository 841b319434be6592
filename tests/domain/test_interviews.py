"""Interviews and the people in them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select

from tests.domain.reading import people_on
from tracker.db.enums import Connection, ContactRole, InterviewKind
from tracker.db.models import ApplicationContact, Contact, Interview, InterviewParticipant, Task
from tracker.domain.applications import ApplicationInput, create_application
from tracker.domain.contacts import ContactInput, create_contact
from tracker.domain.errors import NotFoundError, ValidationError
from tracker.domain.interviews import (
    InterviewInput,
    NewPerson,
    ParticipantInput,
    delete_interview,
    get_interview,
    save_interview,
)
from tracker.domain.store import Store
from tracker.domain.tasks import TaskInput, create_task

START = datetime(2025, 3, 4, 14, 0, tzinfo=UTC)


def count(store: Store, model: type) -> int:
    with store.reading() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


@pytest.fixture
def app_id(store: Store) -> int:
    return create_application(store, ApplicationInput(company="Acme", role="Engineer")).value


@pytest.fixture
def people(store: Store) -> tuple[int, int, int]:
    return tuple(  # type: ignore[return-value]
        create_contact(store, ContactInput(name=name)).value
        for name in ("Priya", "Tomas", "Morgan")
    )


def two_people(priya: int, tomas: int) -> InterviewInput:
    return InterviewInput(
        kind=InterviewKind.TECHNICAL,
        round=2,
        starts_at=START,
        duration_minutes=60,
        location="https://meet.example.com/abc",
        notes="Went fine.",
        self_assessment=4,
        participants=(
            ParticipantInput(priya, "Billing migration", Connection.STRONG),
            ParticipantInput(tomas, "Team planning", "weak"),
        ),
    )


def test_create_with_two_participants(store: Store, app_id: int, people) -> None:
    priya, tomas, _ = people
    interview_id = save_interview(store, app_id, None, two_people(priya, tomas)).value
    got = get_interview(store, interview_id)
    assert got == InterviewInput(
        kind=InterviewKind.TECHNICAL,
        round=2,
        starts_at=START,
        duration_minutes=60,
        location="https://meet.example.com/abc",
        notes="Went fine.",
        self_assessment=4,
        participants=(
            ParticipantInput(priya, "Billing migration", Connection.STRONG),
            ParticipantInput(tomas, "Team planning", Connection.WEAK),
        ),
    )
    assert count(store, InterviewParticipant) == 2


def test_participants_become_interviewers(store: Store, app_id: int, people) -> None:
    priya, tomas, morgan = people
    save_interview(store, app_id, None, two_people(priya, tomas))
    on = people_on(store, app_id)
    assert sorted(on) == sorted(
        [
            (priya, "Priya", ContactRole.INTERVIEWER),
            (tomas, "Tomas", ContactRole.INTERVIEWER),
        ]
    )
    assert morgan not in {cid for cid, _, _ in on}
    # A second interview with the same person adds no second interviewer role.
    save_interview(
        store, app_id, None, InterviewInput(round=3, participants=(ParticipantInput(priya),))
    )
    assert len(people_on(store, app_id)) == 2


def test_update_replaces_participants(store: Store, app_id: int, people) -> None:
    priya, tomas, morgan = people
    interview_id = save_interview(store, app_id, None, two_people(priya, tomas)).value
    save_interview(
        store,
        app_id,
        interview_id,
        InterviewInput(
            kind="final",
            starts_at=START + timedelta(days=1),
            participants=(
                ParticipantInput(tomas, "Offer details", Connection.OKAY),
                ParticipantInput(morgan, "Vision", None),
            ),
        ),
    )
    got = get_interview(store, interview_id)
    assert got.kind is InterviewKind.FINAL
    assert got.starts_at == START + timedelta(days=1)
    assert got.duration_minutes is None
    assert got.notes is None
    assert {p.contact_id: (p.topics, p.connection) for p in got.participants} == {
        tomas: ("Offer details", Connection.OKAY),
        morgan: ("Vision", None),
    }
    assert count(store, InterviewParticipant) == 2
    assert (morgan, "Morgan", ContactRole.INTERVIEWER) in people_on(store, app_id)


def test_update_can_clear_participants(store: Store, app_id: int, people) -> None:
    priya, tomas, _ = people
    interview_id = save_interview(store, app_id, None, two_people(priya, tomas)).value
    save_interview(store, app_id, interview_id, InterviewInput())
    assert get_interview(store, interview_id).participants == ()
    assert count(store, InterviewParticipant) == 0
    assert count(store, Contact) == 3


def test_starts_at_in_another_zone_is_kept_as_the_same_instant(store: Store, app_id: int) -> None:
    local = datetime(2025, 3, 4, 16, 0, tzinfo=timezone(timedelta(hours=2)))
    interview_id = save_interview(store, app_id, None, InterviewInput(starts_at=local)).value
    got = get_interview(store, interview_id).starts_at
    assert got == local
    assert got is not None
    assert got.utcoffset() == timedelta(0)


def test_duplicate_participant_is_refused(store: Store, app_id: int, people) -> None:
    priya, _, _ = people
    with pytest.raises(ValidationError) as caught:
        save_interview(
            store,
            app_id,
            None,
            InterviewInput(participants=(ParticipantInput(priya), ParticipantInput(priya))),
        )
    assert caught.value.field.startswith("participants")
    assert "twice" in caught.value.message
    assert count(store, Interview) == 0
    assert count(store, ApplicationContact) == 0


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        (InterviewInput(starts_at=datetime(2025, 3, 4, 14)), "starts_at", "time zone"),
        (InterviewInput(starts_at=datetime(1900, 1, 1, tzinfo=UTC)), "starts_at", "between"),
        (InterviewInput(duration_minutes=0), "duration_minutes", "between"),
        (InterviewInput(duration_minutes=24 * 60 + 1), "duration_minutes", "between"),
        (InterviewInput(self_assessment=6), "self_assessment", "between"),
        (InterviewInput(round=0), "round", "between"),
        (InterviewInput(kind="chat"), "kind", "one of"),
        (InterviewInput(location="x" * 2001), "location", "too long"),
        (
            InterviewInput(participants=(ParticipantInput(1, connection="great"),)),
            "participants.0.connection",
            "one of",
        ),
    ],
    ids=[
        "naive start",
        "start out of range",
        "zero duration",
        "over a day",
        "assessment",
        "round",
        "kind",
        "location",
        "connection",
    ],
)
def test_invalid_interview_is_refused(
    store: Store, app_id: int, data: InterviewInput, field: str, words: str
) -> None:
    existing = save_interview(store, app_id, None, InterviewInput(notes="keep")).value
    with pytest.raises(ValidationError) as caught:
        save_interview(store, app_id, None, data)
    assert set(caught.value.problems) == {field}
    assert words in caught.value.message
    with pytest.raises(ValidationError):
        save_interview(store, app_id, existing, data)
    assert count(store, Interview) == 1
    assert get_interview(store, existing).notes == "keep"


def test_several_interview_problems_are_reported(store: Store, app_id: int) -> None:
    with pytest.raises(ValidationError) as caught:
        save_interview(
            store,
            app_id,
            None,
            InterviewInput(starts_at=datetime(2025, 1, 1), duration_minutes=0, kind="chat"),
        )
    assert set(caught.value.problems) == {"starts_at", "duration_minutes", "kind"}


def test_missing_rows_raise_not_found(store: Store, app_id: int, people) -> None:
    priya, _, _ = people
    with pytest.raises(NotFoundError) as no_app:
        save_interview(store, 999, None, InterviewInput())
    assert no_app.value.what == "application"
    with pytest.raises(NotFoundError) as no_contact:
        save_interview(store, app_id, None, InterviewInput(participants=(ParticipantInput(999),)))
    assert no_contact.value.what == "contact"
    assert count(store, Interview) == 0
    interview_id = save_interview(
        store, app_id, None, InterviewInput(participants=(ParticipantInput(priya, "kept"),))
    ).value
    with pytest.raises(NotFoundError):
        save_interview(
            store, app_id, interview_id, InterviewInput(participants=(ParticipantInput(999),))
        )
    assert get_interview(store, interview_id).participants == (ParticipantInput(priya, "kept"),)
    for operation in (get_interview, delete_interview):
        with pytest.raises(NotFoundError):
            operation(store, 999)
    with pytest.raises(NotFoundError):
        save_interview(store, app_id, 999, InterviewInput())


def test_delete_interview_keeps_contacts_and_tasks(store: Store, app_id: int, people) -> None:
    priya, tomas, _ = people
    interview_id = save_interview(store, app_id, None, two_people(priya, tomas)).value
    other = save_interview(
        store, app_id, None, InterviewInput(participants=(ParticipantInput(priya),))
    ).value
    task_id = create_task(
        store, TaskInput(title="Thank Priya", application_id=app_id, interview_id=interview_id)
    ).value
    delete_interview(store, interview_id)
    with pytest.raises(NotFoundError):
        get_interview(store, interview_id)
    assert count(store, Interview) == 1
    with store.reading() as session:
        participants = session.scalars(select(InterviewParticipant.interview_id)).all()
        assert participants == [other]
        assert count(store, Contact) == 3
        task = session.get(Task, task_id)
        assert task is not None
        assert task.interview_id is None


# --- save_interview: one transaction for the interview, its new people and participants ---


def test_save_interview_creates_new_people_at_the_company(store: Store, app_id: int, people):
    priya, _, _ = people
    data = InterviewInput(
        kind="panel",
        starts_at=START,
        duration_minutes=45,
        participants=(ParticipantInput(priya, "Billing", "strong"),),
    )
    new = [NewPerson("Sam Ito", "Data Engineer", "Streaming ingestion", "okay")]
    interview_id = save_interview(store, app_id, None, data, new).value

    with store.reading() as session:
        sam = session.scalars(select(Contact).where(Contact.name == "Sam Ito")).one()
        assert (sam.title, sam.company.name) == ("Data Engineer", "Acme")
        rows = session.execute(
            select(InterviewParticipant.contact_id, InterviewParticipant.topics)
            .where(InterviewParticipant.interview_id == interview_id)
            .order_by(InterviewParticipant.id)
        ).all()
        assert [tuple(r) for r in rows] == [(priya, "Billing"), (sam.id, "Streaming ingestion")]
        sam_id = sam.id
    assert (sam_id, "Sam Ito", ContactRole.INTERVIEWER) in people_on(store, app_id)


def test_save_interview_updates_and_keeps_one_row(store: Store, app_id: int, people):
    priya, tomas, _ = people
    interview_id = save_interview(store, app_id, None, two_people(priya, tomas), []).value
    changed = InterviewInput(kind="final", participants=(ParticipantInput(tomas, "Roadmap"),))
    assert (
        save_interview(store, app_id, interview_id, changed, [NewPerson("Ana")]).value
        == interview_id
    )
    assert count(store, Interview) == 1
    got = get_interview(store, interview_id)
    assert got.kind == InterviewKind.FINAL
    assert [p.topics for p in got.participants] == ["Roadmap", None]


def test_failed_save_writes_nothing_not_even_the_new_contact(store: Store, app_id: int, people):
    priya, _, _ = people
    before = count(store, Contact)
    bad = InterviewInput(duration_minutes=0, participants=(ParticipantInput(priya),))
    with pytest.raises(ValidationError) as caught:
        save_interview(store, app_id, None, bad, [NewPerson("Sam Ito"), NewPerson("  ")])
    assert set(caught.value.problems) == {"duration_minutes", "new_people.1.name"}
    assert (count(store, Contact), count(store, Interview)) == (before, 0)


def test_failure_inside_the_transaction_rolls_back_new_contacts(store: Store, app_id: int):
    before = count(store, Contact)
    data = InterviewInput(participants=(ParticipantInput(999_999),))  # a contact that is gone
    with pytest.raises(NotFoundError):
        save_interview(store, app_id, None, data, [NewPerson("Sam Ito")])
    assert (count(store, Contact), count(store, Interview)) == (before, 0)


def test_save_interview_refuses_an_interview_of_another_application(store: Store, app_id: int):
    other = create_application(store, ApplicationInput(company="Beta", role="Engineer")).value
    interview_id = save_interview(store, other, None, InterviewInput(), []).value
    with pytest.raises(NotFoundError):
        save_interview(store, app_id, interview_id, InterviewInput(round=3), [])
    assert get_interview(store, interview_id).round == 1
