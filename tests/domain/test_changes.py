"""Every write says which kinds of rows it changed, read from what its transaction touched,
and which applications it touched, so the follow-up rules can look at just those; a write that
may reach any application (a contact, a setting, a bulk statement) says None."""

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
from tracker.domain.changes import ANY_APPLICATION, APPLICATION_OF, TABLE_KINDS, Kind, Written
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
from tracker.domain.reminders.prefs import set_keep_running_in_tray
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


# -- the applications a write touched ---------------------------------------------------


def test_every_table_leads_to_its_application_or_to_any() -> None:
    assert set(Base.metadata.tables) == set(APPLICATION_OF) | ANY_APPLICATION
    assert not set(APPLICATION_OF) & ANY_APPLICATION


def test_application_and_task_writes_touch_their_application(store: Store) -> None:
    created = create_application(store, ApplicationInput(company="Acme", role="Engineer"))
    app_id = created.value
    assert created.touched == {app_id}
    other = new_app(store, "Contoso")
    assert change_stage(store, app_id, Stage.APPLIED).touched == {app_id}
    task = create_task(store, TaskInput(title="Follow up", application_id=app_id))
    assert task.touched == {app_id}
    assert complete_task(store, task.value).touched == {app_id}
    # Moved to the other application: both are touched.
    moved = update_task(store, task.value, TaskInput(title="Follow up", application_id=other))
    assert moved.touched == {app_id, other}
    # A task of no application touches none, though it changed tasks.
    alone = create_task(store, TaskInput(title="Update my CV", due_on=date(2026, 3, 2)))
    assert (alone.changed, alone.touched) == ({Kind.TASKS}, frozenset())
    assert delete_application(store, other).touched == {other}


def test_an_interview_and_its_people_touch_its_application(store: Store) -> None:
    app_id = new_app(store)
    new_app(store, "Contoso")
    ann = create_contact(store, ContactInput(name="Ann")).value
    saved = save_interview(
        store, app_id, None, InterviewInput(participants=(ParticipantInput(ann, "billing"),))
    )
    assert saved.touched == {app_id}
    edited = save_interview(
        store,
        app_id,
        saved.value,
        InterviewInput(participants=(ParticipantInput(ann, "billing and on-call"),)),
    )
    assert edited.changed == {Kind.INTERVIEWS}
    assert edited.touched == {app_id}  # only the participant's row changed
    assert assign_role(store, app_id, ann, ContactRole.RECRUITER).touched == {app_id}
    assert delete_interview(store, saved.value).touched == {app_id}


def test_writes_that_may_reach_any_application_say_none(store: Store) -> None:
    app_id = new_app(store)
    ann = create_contact(store, ContactInput(name="Ann"))
    assert ann.touched is None  # a person can be on many applications: all of them
    assert update_contact(store, ann.value, ContactInput(name="Ann B")).touched is None
    assign_role(store, app_id, ann.value, ContactRole.RECRUITER)
    assert remove_role(store, app_id, ann.value, ContactRole.RECRUITER).touched is None  # bulk
    assert set_keep_running_in_tray(store, True).touched is None  # a setting
    # An interview with a new person added inline touches a contact too.
    inline = save_interview(store, app_id, None, InterviewInput(), [NewPerson("Bo")])
    assert inline.touched is None


def test_two_writes_in_a_row_touch_what_either_touched() -> None:
    first = Written(1, frozenset({Kind.TASKS}), frozenset({1}))
    assert first.then(Written(2, frozenset({Kind.TASKS}), frozenset({2}))).touched == {1, 2}
    assert first.then(Written(2, frozenset({Kind.CONTACTS}), None)).touched is None
    # A value with no change of its own (an id passed along) touches nothing more.
    assert first.then(Written(3)).touched == {1}
