from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import event, update

from tests.domain.reading import board_columns
from tracker.db.enums import Stage
from tracker.db.models import Application
from tracker.domain.applications import (
    ApplicationInput,
    change_stage,
    create_application,
    set_archived,
)
from tracker.domain.board import column_page, next_tasks_for, stage_counts
from tracker.domain.store import Store
from tracker.domain.tasks import TaskInput, complete_task, create_task

TODAY = date(2026, 11, 20)


def noon(day: date) -> datetime:
    return datetime.combine(day, time(12), tzinfo=UTC)


def new_app(store: Store, company: str, stage: Stage = Stage.APPLIED, priority: int = 0) -> int:
    return create_application(
        store, ApplicationInput(company=company, role="Engineer", stage=stage, priority=priority)
    ).value


def task(store: Store, app_id: int, title: str, due: date | None = None) -> int:
    return create_task(store, TaskInput(title=title, due_on=due, application_id=app_id)).value


def card_for(store: Store, app_id: int, today: date = TODAY):
    found = [c for cards in board_columns(store, today).values() for c in cards if c.id == app_id]
    assert len(found) == 1
    return found[0]


def test_days_in_stage_count_from_when_the_stage_was_reached(store):
    app_id = new_app(store, "Northwind")
    move = change_stage(store, app_id, Stage.SCREENING).value
    with store.reading() as session:
        reached = session.get(Application, app_id).stage_changed_at
        latest = max(c.changed_at for c in session.get(Application, app_id).stage_changes)
    assert reached == move.changed_at == latest  # the stage rule keeps them in step
    with store.transaction() as session:
        # Pretend the move happened 3 days ago.
        session.execute(
            update(Application)
            .where(Application.id == app_id)
            .values(stage_changed_at=noon(TODAY - timedelta(days=3)))
        )
    card = card_for(store, app_id)
    assert card.stage is Stage.SCREENING
    assert card.days_in_stage == 3
    assert card.in_stage_since == noon(TODAY - timedelta(days=3))


def test_next_task_is_the_earliest_open_one_and_done_tasks_are_ignored(store):
    app_id = new_app(store, "Northwind")
    done = task(store, app_id, "Already sent", TODAY - timedelta(days=5))
    complete_task(store, done)
    task(store, app_id, "No date", None)
    task(store, app_id, "Later", TODAY + timedelta(days=9))
    task(store, app_id, "Sooner", TODAY + timedelta(days=2))
    card = card_for(store, app_id)
    assert card.next_task is not None
    assert (card.next_task.title, card.next_task.due_on) == ("Sooner", TODAY + timedelta(days=2))
    assert not card.overdue


def test_undated_tasks_come_last_and_an_overdue_one_is_flagged(store):
    undated_only = new_app(store, "Undated")
    first = task(store, undated_only, "Think about it")
    task(store, undated_only, "And this")
    overdue = new_app(store, "Overdue")
    task(store, overdue, "Whenever")
    task(store, overdue, "Follow up", TODAY - timedelta(days=1))
    nothing = new_app(store, "Nothing")

    undated_card = card_for(store, undated_only)
    assert undated_card.next_task is not None
    assert undated_card.next_task.id == first
    assert not undated_card.overdue
    overdue_card = card_for(store, overdue)
    assert overdue_card.next_task is not None
    assert overdue_card.next_task.title == "Follow up"
    assert overdue_card.overdue
    assert card_for(store, nothing).next_task is None


def test_archived_applications_are_not_on_the_board_nor_counted(store):
    kept = new_app(store, "Kept")
    hidden = new_app(store, "Hidden")
    set_archived(store, hidden)
    applied = [c.id for c in board_columns(store, TODAY)[Stage.APPLIED]]
    assert applied == [kept]
    counts = stage_counts(store)
    assert counts[Stage.APPLIED] == 1
    assert counts[Stage.REJECTED] == 0


def test_cards_are_ordered_by_priority_then_latest_change(store):
    low = new_app(store, "Low", priority=1)
    old_high = new_app(store, "Old high", priority=4)
    new_high = new_app(store, "New high", priority=4)
    with store.transaction() as session:
        for app_id, days in ((low, 0), (old_high, 9), (new_high, 1)):
            session.execute(
                update(Application)
                .where(Application.id == app_id)
                .values(updated_at=noon(TODAY - timedelta(days=days)))
            )
    companies = [c.company for c in board_columns(store, TODAY)[Stage.APPLIED]]
    assert companies == ["New high", "Old high", "Low"]


def test_every_stage_is_present_and_grouped(store):
    new_app(store, "A", Stage.WISHLIST)
    new_app(store, "B", Stage.REJECTED)
    cards = board_columns(store, TODAY)
    assert set(cards) == set(Stage)
    assert [c.company for c in cards[Stage.REJECTED]] == ["B"]
    assert cards[Stage.OFFER] == []


@pytest.mark.parametrize("apps", [2, 12])
def test_the_board_costs_the_same_few_queries_however_many_cards(store, apps):
    for number in range(apps):
        app_id = new_app(store, f"Company {number}")
        task(store, app_id, "Follow up", TODAY + timedelta(days=number))
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(store.engine, "before_cursor_execute", count)
    try:
        cards = column_page(store, Stage.APPLIED, 0, 100, TODAY)  # what the board reads
        tasks = next_tasks_for(store, [card.id for card in cards])
    finally:
        event.remove(store.engine, "before_cursor_execute", count)
    assert len(cards) == apps
    assert set(tasks) == {card.id for card in cards}
    assert len(statements) == 2
