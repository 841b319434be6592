"""The weekly goal as a setting kept with the data."""

from __future__ import annotations

import pytest

from tracker.domain.errors import ValidationError
from tracker.domain.insights import MOST_A_WEEK, set_weekly_goal, weekly_goal
from tracker.domain.insights.goal import WEEKLY_GOAL
from tracker.domain.settings import write_value
from tracker.domain.store import Store


def test_goal_is_none_until_set_and_zero_is_kept(store: Store) -> None:
    assert weekly_goal(store) is None
    set_weekly_goal(store, 4)
    assert weekly_goal(store) == 4
    set_weekly_goal(store, 0)
    assert weekly_goal(store) == 0


@pytest.mark.parametrize("goal", [-1, MOST_A_WEEK + 1])
def test_goal_out_of_range_is_refused(store: Store, goal: int) -> None:
    with pytest.raises(ValidationError) as caught:
        set_weekly_goal(store, goal)
    assert WEEKLY_GOAL in caught.value.problems
    assert weekly_goal(store) is None


@pytest.mark.parametrize("stored", ["many", "-3", "1000"])
def test_an_unreadable_goal_reads_as_none_wanted(store: Store, stored: str) -> None:
    write_value(store, WEEKLY_GOAL, stored)
    assert weekly_goal(store) == 0
