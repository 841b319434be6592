"""The weekly goal the person sets on the Insights tab, kept with their data.

It is one setting (tracker.domain.settings), so it travels with the database and its data
folder. A goal of 0 means none is wanted; it is stored too, so "never set" stays distinct.
"""

from __future__ import annotations

from tracker.domain.changes import Written
from tracker.domain.settings import read_value, write_value
from tracker.domain.store import Store
from tracker.domain.validate import Checker

WEEKLY_GOAL = "insights.weekly_goal"
MOST_A_WEEK = 99


def weekly_goal(store: Store) -> int | None:
    """Applications a week the person aims for (0: no goal), or None when never set here."""
    stored = read_value(store, WEEKLY_GOAL)
    if stored is None:
        return None
    try:
        goal = int(stored)
    except ValueError:
        return 0
    return goal if 0 <= goal <= MOST_A_WEEK else 0


def set_weekly_goal(store: Store, goal: int) -> Written[None]:
    """Keep the weekly goal (0 for none). Raises ValidationError when out of range."""
    c = Checker()
    if not 0 <= goal <= MOST_A_WEEK:
        c.fail(WEEKLY_GOAL, f"Choose a number from 0 to {MOST_A_WEEK}.")
    c.done()
    return write_value(store, WEEKLY_GOAL, str(goal))
