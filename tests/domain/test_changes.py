"""Every write says which kinds of rows it changed, read from what its transaction touched."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.db.enums import ContactRole, DebriefPath, Stage, TaskKind
from tracker.db.models import Base
from tracker.domain.applications import (
    ApplicationInput,
    change_stage,
    create_application,
    delete_application,
    set_archived,
    update_application,
)
from tracker.domain.changes import TABLE_KINDS, Kind, Written
from tracker.domain.contacts import (
    ContactInput,
    assign_role,
    create_contact,
    delete_contact,
    remove_role,
    update_contact,
)
from tracker.domain.interviews import (
    InterviewInput,
    NewPerson,
    ParticipantInput,
    delete_interview,
    save_interview,
)
from tracker.domain.rejection import Answers, PlannedTask, add_person_inline, confirm_plan
from tracker.domain.store import Store
from tracker.domain.tasks import (
    TaskInput,
    complete_task,
    create_task,
    delete_task,
    reopen_task,
    snooze_task,
    update_task,
)

A, C, IV, T, D = Kind.APPLICATIONS, Kind.CONTACTS, Kind.INTERVIEWS, Kind.TASKS, Kind.DEBRIEFS


def new_app(store: Store, company: str = "Acme") -> int:
    return create_application(store, ApplicationInput(company=company, role="Engineer")).value


def test_every_table_has_a_kind() -> None:
    assert set(Base.metadata.tables) == set(TABLE_KINDS)


def test_written_is_a_small_frozen_value() -> None:
    result = Written(7, frozenset({A}))
    assert (result.value, result.changed) == (7, {A})
    with pytest.raises(AttributeError):
        result.value = 8  # type: ignore[misc]


def test_application_writes(store: Store) -> None:
    created = create_application(store, ApplicationInput(company="Acme", role="Engineer"))
    assert created.changed == {A}
    app_id = created.value
    edited = update_application(store, app_id, ApplicationInput(company="Acme", role="Lead"))
    assert edited.changed == {A}
    assert not edited.value.changed
    assert change_stage(store, app_id, Stage.APPLIED).changed == {A}
    assert set_archived(store, app_id, True).changed == {A}


def test_a_stage_change_to_the_same_stage_changes_nothing(store: Store) -> None:
    app_id = new_app(store)
    same = change_stage(store, app_id, Stage.WISHLIST)
    assert not same.value.changed
    assert same.changed == frozenset()


def test_deleting_an_application_reports_everything_that_went_with_it(store: Store) -> None:
    app_id = new_app(store)
    contact_id = create_contact(store, ContactInput(name="Ann")).value
    save_interview(
        store, app_id, None, InterviewInput(participants=(ParticipantInput(contact_id),))
    )
    create_task(store, TaskInput(title="Follow up", application_id=app_id))
    assert delete_application(store, app_id).changed == {A, C, IV, T, D}


def test_contact_writes(store: Store) -> None:
    app_id = new_app(store)
    created = create_contact(store, ContactInput(name="Ann", company="Acme"))
    assert created.changed == {C}
    assert update_contact(store, created.value, ContactInput(name="Ann B")).changed == {C}
    assert assign_role(store, app_id, created.value, ContactRole.RECRUITER).changed == {C}
    assert assign_role(store, app_id, created.value, ContactRole.RECRUITER).changed == set()
    assert remove_role(store, app_id, created.value, ContactRole.RECRUITER).changed == {C}


def test_deleting_a_contact_reports_the_rows_that_lose_them(store: Store) -> None:
    """Roles and interview places go with the person (ON DELETE CASCADE), and tasks for
    them lose their addressee (SET NULL): contacts, interviews and tasks all changed."""
    app_id = new_app(store)
    ann = create_contact(store, ContactInput(name="Ann")).value
    assign_role(store, app_id, ann, ContactRole.INTERVIEWER)
    save_interview(store, app_id, None, InterviewInput(participants=(ParticipantInput(ann),)))
    create_task(store, TaskInput(title="Thank Ann", contact_id=ann))
    assert delete_contact(store, ann).changed == {C, IV, T}


def test_interview_writes(store: Store) -> None:
    app_id = new_app(store)
    ann = create_contact(store, ContactInput(name="Ann")).value
    created = save_interview(
        store, app_id, None, InterviewInput(participants=(ParticipantInput(ann),))
    )
    # Everyone in an interview becomes an interviewer on the application: a contact role.
    assert created.changed == {IV, C}
    assert save_interview(
        store, app_id, created.value, InterviewInput(notes="Went well")
    ).changed == {IV}
    saved = save_interview(store, app_id, created.value, InterviewInput(), [NewPerson("Bo")])
    assert saved.value == created.value
    assert saved.changed == {IV, C}
    assert delete_interview(store, created.value).changed == {IV, T}


def test_task_writes(store: Store) -> None:
    created = create_task(store, TaskInput(title="Write"))
    assert created.changed == {T}
    task_id = created.value
    assert update_task(store, task_id, TaskInput(title="Write more")).changed == {T}
    assert snooze_task(store, task_id, date(2099, 1, 1), today=date(2026, 1, 1)).changed == {T}
    assert complete_task(store, task_id).changed == {T}
    assert complete_task(store, task_id).changed == set()  # already done: nothing written
    assert reopen_task(store, task_id).changed == {T}
    assert delete_task(store, task_id).changed == {T}


def test_confirming_a_plan_reports_tasks_and_the_debrief(store: Store) -> None:
    app_id = new_app(store)
    change_stage(store, app_id, Stage.REJECTED)
    task = PlannedTask("thank", TaskKind.TODO, "Say thanks", "You", None, None, None, "", "")
    result = confirm_plan(store, app_id, DebriefPath.FLIGHT, Answers(), "a", "b", [task])
    assert len(result.value.task_ids) == 1
    assert result.changed == {T, D}


def test_adding_a_person_from_the_panel(store: Store) -> None:
    app_id = new_app(store)
    interview = save_interview(store, app_id, None, InterviewInput()).value
    added = add_person_inline(
        store, app_id, "Jo", None, ContactRole.RECRUITER, interview_id=interview
    )
    assert added.changed == {C, IV}


def test_a_failed_write_reports_nothing_because_it_returns_nothing(store: Store) -> None:
    from tracker.domain.errors import ValidationError

    with pytest.raises(ValidationError):
        create_task(store, TaskInput(title=""))
    assert create_task(store, TaskInput(title="Next")).changed == {T}
