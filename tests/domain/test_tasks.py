"""Tasks: what is owed to whom, and when."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import event, func, select

from tracker.db.enums import TaskKind, TaskOrigin
from tracker.db.models import Task
from tracker.domain.applications import ApplicationInput, create_application
from tracker.domain.contacts import ContactInput, create_contact, delete_contact
from tracker.domain.errors import NotFoundError, ValidationError
from tracker.domain.store import Store
from tracker.domain.tasks import (
    TaskGroup,
    TaskInput,
    complete_task,
    create_task,
    delete_task,
    get_task,
    group_for,
    grouped_tasks,
    open_tasks,
    reopen_task,
    snooze_task,
    snoozed_count,
    task_list,
    update_task,
)

TODAY = date(2025, 6, 10)


def load(store: Store, task_id: int) -> Task:
    with store.reading() as session:
        task = session.get(Task, task_id)
        assert task is not None
        return task


def count(store: Store) -> int:
    with store.reading() as session:
        return session.scalar(select(func.count()).select_from(Task)) or 0


@pytest.fixture
def app_id(store: Store) -> int:
    return create_application(store, ApplicationInput(company="Acme", role="Engineer")).value


def test_create_with_every_field(store: Store, app_id: int) -> None:
    contact_id = create_contact(store, ContactInput(name="Ann")).value
    task_id = create_task(
        store,
        TaskInput(
            title="  Thank Ann  ",
            kind="thank_you",
            due_on=TODAY,
            draft_subject="Thanks",
            draft_body="Dear Ann,",
            origin=TaskOrigin.PLAYBOOK,
            application_id=app_id,
            contact_id=contact_id,
        ),
    ).value
    task = load(store, task_id)
    assert (task.title, task.kind, task.due_on, task.origin) == (
        "Thank Ann",
        TaskKind.THANK_YOU,
        TODAY,
        TaskOrigin.PLAYBOOK,
    )
    assert (task.draft_subject, task.draft_body) == ("Thanks", "Dear Ann,")
    assert (task.application_id, task.contact_id, task.interview_id) == (app_id, contact_id, None)
    assert task.done is False
    assert task.done_at is None


def test_update_replaces_fields(store: Store, app_id: int) -> None:
    task_id = create_task(store, TaskInput(title="Old", application_id=app_id, due_on=TODAY)).value
    update_task(store, task_id, TaskInput(title="New", kind=TaskKind.PREP))
    task = load(store, task_id)
    assert (task.title, task.kind, task.due_on, task.application_id) == (
        "New",
        TaskKind.PREP,
        None,
        None,
    )


def test_complete_sets_done_at_once(store: Store) -> None:
    task_id = create_task(store, TaskInput(title="Write")).value
    before = datetime.now(UTC)
    complete_task(store, task_id)
    first = load(store, task_id)
    assert first.done is True
    assert first.done_at is not None
    assert before <= first.done_at <= datetime.now(UTC)
    complete_task(store, task_id)
    assert load(store, task_id).done_at == first.done_at
    assert open_tasks(store) == []


def test_complete_clears_a_snooze(store: Store) -> None:
    task_id = create_task(store, TaskInput(title="Write")).value
    snooze_task(store, task_id, date(2025, 6, 20), today=TODAY)
    complete_task(store, task_id)
    assert load(store, task_id).snoozed_until is None


def test_reopen(store: Store) -> None:
    task_id = create_task(store, TaskInput(title="Write")).value
    complete_task(store, task_id)
    reopen_task(store, task_id)
    task = load(store, task_id)
    assert task.done is False
    assert task.done_at is None
    assert [row.id for row in open_tasks(store)] == [task_id]


def test_snooze_must_be_after_today(store: Store) -> None:
    task_id = create_task(store, TaskInput(title="Write")).value
    for bad in (TODAY, date(2025, 6, 1)):
        with pytest.raises(ValidationError) as caught:
            snooze_task(store, task_id, bad, today=TODAY)
        assert caught.value.field == "snoozed_until"
        assert "after today" in caught.value.message
    assert load(store, task_id).snoozed_until is None
    snooze_task(store, task_id, date(2025, 6, 11), today=TODAY)
    assert load(store, task_id).snoozed_until == date(2025, 6, 11)
    with pytest.raises(ValidationError):
        snooze_task(store, task_id, date(2200, 1, 1), today=TODAY)
    assert load(store, task_id).snoozed_until == date(2025, 6, 11)


def test_delete(store: Store) -> None:
    keep = create_task(store, TaskInput(title="Keep")).value
    gone = create_task(store, TaskInput(title="Gone")).value
    delete_task(store, gone)
    assert [row.id for row in open_tasks(store)] == [keep]
    with pytest.raises(NotFoundError):
        delete_task(store, gone)


@pytest.mark.parametrize(
    "operation",
    [
        lambda s: update_task(s, 999, TaskInput(title="X")),
        lambda s: complete_task(s, 999),
        lambda s: reopen_task(s, 999),
        lambda s: snooze_task(s, 999, date(2025, 7, 1), today=TODAY),
        lambda s: delete_task(s, 999),
    ],
    ids=["update", "complete", "reopen", "snooze", "delete"],
)
def test_missing_task_raises_not_found(store: Store, operation) -> None:
    with pytest.raises(NotFoundError) as caught:
        operation(store)
    assert caught.value.what == "task"


def test_open_tasks_soonest_first_undated_last(store: Store) -> None:
    undated = create_task(store, TaskInput(title="Someday")).value
    later = create_task(store, TaskInput(title="Later", due_on=date(2025, 6, 20))).value
    overdue = create_task(store, TaskInput(title="Overdue", due_on=date(2025, 6, 1))).value
    done = create_task(store, TaskInput(title="Done", due_on=date(2025, 5, 1))).value
    soon = create_task(store, TaskInput(title="Soon", due_on=date(2025, 6, 11))).value
    undated_too = create_task(store, TaskInput(title="Also someday")).value
    complete_task(store, done)
    rows = open_tasks(store)
    assert [row.id for row in rows] == [overdue, soon, later, undated, undated_too]
    assert rows[0].title == "Overdue"
    assert rows[0].due_on == date(2025, 6, 1)
    assert all(row.done is False for row in rows)


def test_open_tasks_for_one_application(store: Store, app_id: int) -> None:
    other = create_application(store, ApplicationInput(company="Globex", role="Engineer")).value
    mine = create_task(store, TaskInput(title="Mine", application_id=app_id)).value
    create_task(store, TaskInput(title="Theirs", application_id=other))
    create_task(store, TaskInput(title="Nobody's"))
    rows = open_tasks(store, application_id=app_id)
    assert [(row.id, row.application_id) for row in rows] == [(mine, app_id)]
    assert len(open_tasks(store)) == 3


def test_links_to_missing_rows_raise_not_found(store: Store, app_id: int) -> None:
    for field, what in (
        ("application_id", "application"),
        ("contact_id", "contact"),
        ("interview_id", "interview"),
    ):
        with pytest.raises(NotFoundError) as caught:
            create_task(store, TaskInput(title="Orphan", **{field: 999}))
        assert caught.value.what == what
    assert count(store) == 0
    task_id = create_task(store, TaskInput(title="Linked", application_id=app_id)).value
    with pytest.raises(NotFoundError):
        update_task(store, task_id, TaskInput(title="Changed", application_id=999))
    task = load(store, task_id)
    assert (task.title, task.application_id) == ("Linked", app_id)


def test_deleting_the_contact_keeps_the_task(store: Store) -> None:
    contact_id = create_contact(store, ContactInput(name="Ann")).value
    task_id = create_task(store, TaskInput(title="Call Ann", contact_id=contact_id)).value
    delete_contact(store, contact_id)
    assert load(store, task_id).contact_id is None


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (TaskInput(title=" "), "title"),
        (TaskInput(title="t" * 301), "title"),
        (TaskInput(title="T", kind="chore"), "kind"),
        (TaskInput(title="T", origin="magic"), "origin"),
        (TaskInput(title="T", due_on=date(1900, 1, 1)), "due_on"),
        (TaskInput(title="T", draft_body="b" * 20_001), "draft_body"),
    ],
    ids=["empty title", "long title", "kind", "origin", "due date", "draft"],
)
def test_invalid_task_is_refused(store: Store, data: TaskInput, field: str) -> None:
    existing = create_task(store, TaskInput(title="Keep")).value
    with pytest.raises(ValidationError) as caught:
        create_task(store, data)
    assert set(caught.value.problems) == {field}
    with pytest.raises(ValidationError):
        update_task(store, existing, data)
    assert count(store) == 1
    assert load(store, existing).title == "Keep"


def test_group_for_each_band() -> None:
    assert TODAY.weekday() == 1  # a Tuesday
    assert group_for(None, TODAY) is TaskGroup.NO_DATE
    assert group_for(TODAY - timedelta(days=1), TODAY) is TaskGroup.OVERDUE
    assert group_for(TODAY, TODAY) is TaskGroup.TODAY
    assert group_for(TODAY + timedelta(days=1), TODAY) is TaskGroup.THIS_WEEK
    assert group_for(TODAY + timedelta(days=5), TODAY) is TaskGroup.THIS_WEEK  # Sunday
    assert group_for(TODAY + timedelta(days=6), TODAY) is TaskGroup.LATER  # next Monday
    assert TaskGroup.THIS_WEEK.label == "This week"


MONDAY, SUNDAY = 0, 6


@pytest.mark.parametrize(
    ("today", "week_starts", "last_day_of_week"),
    [
        (date(2025, 6, 10), MONDAY, date(2025, 6, 15)),  # Tuesday: to Sunday
        (date(2025, 6, 15), MONDAY, date(2025, 6, 15)),  # Sunday: the week ends today
        (date(2025, 6, 16), MONDAY, date(2025, 6, 22)),  # Monday: the whole week ahead
        (date(2025, 6, 10), SUNDAY, date(2025, 6, 14)),  # Tuesday: to Saturday
        (date(2025, 6, 15), SUNDAY, date(2025, 6, 21)),  # Sunday starts the week
        (date(2025, 6, 14), SUNDAY, date(2025, 6, 14)),  # Saturday ends it
    ],
)
def test_this_week_is_the_calendar_week(today: date, week_starts: int, last_day_of_week: date):
    after = last_day_of_week + timedelta(days=1)
    assert group_for(after, today, week_starts) is TaskGroup.LATER
    if last_day_of_week > today:
        assert group_for(last_day_of_week, today, week_starts) is TaskGroup.THIS_WEEK
        assert group_for(today + timedelta(days=1), today, week_starts) is TaskGroup.THIS_WEEK


def test_grouped_tasks_join_what_each_is_for(store: Store, app_id: int) -> None:
    ann = create_contact(store, ContactInput(name="Ann")).value
    late = create_task(store, TaskInput(title="Late", due_on=TODAY - timedelta(days=2))).value
    now = create_task(
        store, TaskInput(title="Now", due_on=TODAY, application_id=app_id, contact_id=ann)
    ).value
    none = create_task(store, TaskInput(title="Whenever")).value
    later = create_task(store, TaskInput(title="Later", due_on=TODAY + timedelta(days=30))).value
    done = create_task(store, TaskInput(title="Done", due_on=TODAY)).value
    complete_task(store, done)
    snoozed = create_task(store, TaskInput(title="Snoozed", due_on=TODAY)).value
    snooze_task(store, snoozed, TODAY + timedelta(days=1), today=TODAY)

    groups = grouped_tasks(store, TODAY)
    assert [(g, [r.id for r in rows]) for g, rows in groups] == [
        (TaskGroup.OVERDUE, [late]),
        (TaskGroup.TODAY, [now]),
        (TaskGroup.LATER, [later]),
        (TaskGroup.NO_DATE, [none]),
    ]
    row = groups[1][1][0]
    assert (row.company, row.role_title, row.contact_name) == ("Acme", "Engineer", "Ann")
    assert snoozed_count(store, TODAY) == 1
    # The snooze ends on its day; asked for, snoozed tasks are listed before then too.
    assert snoozed in [r.id for r in task_list(store, TODAY + timedelta(days=1))]
    assert snoozed in [r.id for r in task_list(store, TODAY, show_snoozed=True)]


def test_task_list_is_one_query(store: Store, app_id: int) -> None:
    for number in range(5):
        create_task(store, TaskInput(title=f"T{number}", application_id=app_id))
    statements: list[str] = []
    listen = event.listen
    listen(store.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    assert len(task_list(store, TODAY)) == 5
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 1


def test_open_tasks_of_one_application_soonest_first(store: Store, app_id: int) -> None:
    undated = create_task(store, TaskInput(title="B", application_id=app_id)).value
    later = create_task(store, TaskInput(title="A", due_on=TODAY, application_id=app_id)).value
    sooner = create_task(
        store, TaskInput(title="D", due_on=TODAY - timedelta(days=1), application_id=app_id)
    ).value
    finished = create_task(store, TaskInput(title="C", due_on=TODAY, application_id=app_id)).value
    elsewhere = create_task(store, TaskInput(title="Elsewhere", due_on=TODAY)).value
    complete_task(store, finished)
    rows = open_tasks(store, app_id)  # what the detail's Tasks tab lists
    assert [r.id for r in rows] == [sooner, later, undated]
    assert all(not r.done and r.application_id == app_id for r in rows)
    assert elsewhere in [r.id for r in open_tasks(store)]


def test_get_task_round_trips(store: Store, app_id: int) -> None:
    data = TaskInput(title="Thank", kind=TaskKind.THANK_YOU, due_on=TODAY, application_id=app_id)
    task_id = create_task(store, data).value
    assert get_task(store, task_id) == data
    with pytest.raises(NotFoundError):
        get_task(store, 9999)
