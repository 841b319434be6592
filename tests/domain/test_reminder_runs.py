"""How a run of the follow-up rules goes: limited to the applications a write touched, a
page of applications per transaction, stopped between pages, and unbothered by a write made
between two of its pages."""

from __future__ import annotations

import pytest

from tests.reminders import at, new_application, rule_tasks
from tracker.domain.applications import delete_application
from tracker.domain.reminders import engine
from tracker.domain.reminders.engine import run_rules
from tracker.domain.store import Store


def owing(store: Store, count: int) -> list[int]:
    """Applications applied to on Monday: each owes a follow-up a week later."""
    return [new_application(store, company=f"Company {n}") for n in range(count)]


def test_a_run_limited_to_some_applications_looks_at_those_only(store: Store) -> None:
    first, second, third = owing(store, 3)
    limited = run_rules(store, at(7), applications={second})
    assert limited.value.examined == 1
    assert [task.application_id for task in rule_tasks(store)] == [second]
    assert limited.touched == {second}
    # An application the rules cannot owe anything (gone, or never there) is not looked at.
    assert run_rules(store, at(7), applications={9999}).value.examined == 0
    everything = run_rules(store, at(7))
    assert everything.value.examined == 3
    assert sorted(task.application_id for task in rule_tasks(store)) == [first, second, third]


def test_a_run_goes_a_page_at_a_time_and_stops_between_pages(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine, "PAGE", 2)
    owing(store, 5)
    asked: list[int] = []

    def stop() -> bool:
        asked.append(len(rule_tasks(store)))
        return len(asked) > 2  # quitting, after two pages

    stopped = run_rules(store, at(7), stop=stop)
    assert asked == [0, 2, 4]  # each page was saved before the next began
    assert stopped.value.examined == 4
    assert len(stopped.value.created) == 4
    rest = run_rules(store, at(7))  # the next run does the rest
    assert len(rest.value.created) == 1
    assert len(rule_tasks(store)) == 5


def test_a_write_between_two_pages_is_seen_by_the_next_page(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine, "PAGE", 2)
    ids = owing(store, 4)
    deleted: list[int] = []

    def the_window_deletes_one() -> bool:
        if not deleted:  # before the first page: the last application goes
            delete_application(store, ids[-1])
            deleted.append(ids[-1])
        return False

    result = run_rules(store, at(7), stop=the_window_deletes_one)
    assert result.value.examined == 3
    assert sorted(task.application_id for task in rule_tasks(store)) == ids[:3]
