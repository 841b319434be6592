"""The weekly goal lives with the person's data: set in the tab, there in the next window."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from tracker.db.migrate import open_database
from tracker.domain.changes import Kind
from tracker.domain.demo import load_demo
from tracker.domain.insights import set_weekly_goal, weekly_goal
from tracker.domain.store import Store
from tracker.ui.events import DataEvents
from tracker.ui.insights.charts import ColumnChart
from tracker.ui.insights.view import LEGACY_GOAL_KEY, InsightsView
from tracker.ui.main_window import MainWindow

TODAY = date(2025, 6, 10)


@pytest.fixture
def demo(store: Store) -> Store:
    load_demo(store, today=TODAY)
    return store


@pytest.fixture
def reopen(db_path: Path) -> Iterator[Store]:
    """The same database file opened again, as the next start of the app would."""
    engine = open_database(db_path).engine
    yield Store(engine)
    engine.dispose()


def insights_in_window(qtbot, store: Store) -> InsightsView:
    window = MainWindow(store, DataEvents())
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.tabs.show_view("insights")
    view = window.tabs.view("insights")
    assert isinstance(view, InsightsView)
    return view


def drawn_goal(view: InsightsView) -> int | None:
    chart = view.weekly.chart
    assert isinstance(chart, ColumnChart)
    return chart.goal


def test_goal_set_in_the_tab_is_there_in_a_new_window(qtbot, demo, db_path, reopen) -> None:
    view = insights_in_window(qtbot, demo)
    assert view.goal.value() == 0
    view.goal.setFocus()
    for _ in range(3):
        qtbot.keyClick(view.goal, Qt.Key.Key_Up)
    assert drawn_goal(view) == 3
    assert weekly_goal(demo) == 3

    again = insights_in_window(qtbot, reopen)
    assert again.goal.value() == 3
    assert drawn_goal(again) == 3
    # Nothing of it went to the machine's own settings.
    assert LEGACY_GOAL_KEY not in QSettings().allKeys()


def test_no_goal_is_kept_too(qtbot, demo, reopen) -> None:
    view = insights_in_window(qtbot, demo)
    view.goal.setFocus()
    qtbot.keyClick(view.goal, Qt.Key.Key_Up)
    assert drawn_goal(view) == 1
    qtbot.keyClick(view.goal, Qt.Key.Key_PageDown)  # down to the lowest: no goal
    assert view.goal.text() == "None"
    assert drawn_goal(view) is None
    QSettings().setValue(LEGACY_GOAL_KEY, 6)  # an old version's goal, set aside by the person
    assert insights_in_window(qtbot, reopen).goal.value() == 0


def test_a_goal_from_an_earlier_version_moves_in_once(qtbot, demo, reopen) -> None:
    QSettings().setValue(LEGACY_GOAL_KEY, 5)
    view = insights_in_window(qtbot, demo)
    assert view.goal.value() == 5
    assert drawn_goal(view) == 5
    assert weekly_goal(demo) == 5
    assert QSettings().value(LEGACY_GOAL_KEY) in (5, "5")  # only read, never rewritten
    QSettings().setValue(LEGACY_GOAL_KEY, 7)
    assert insights_in_window(qtbot, reopen).goal.value() == 5


def test_goal_follows_the_data_when_it_changes_elsewhere(qtbot, demo) -> None:
    events = DataEvents()
    view = InsightsView(demo, events, today=lambda: TODAY)
    qtbot.addWidget(view)
    set_weekly_goal(demo, 8)  # as a restore from a backup would bring it
    events.changed.emit(frozenset({Kind.SETTINGS}))
    assert view.goal.value() == 8
