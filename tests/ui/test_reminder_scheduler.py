"""The rules run at start-up, after relevant writes and on the timer, with a test clock."""

from __future__ import annotations

from datetime import timedelta

from tests.reminders import (
    MONDAY,
    at,
    interview,
    new_application,
    person,
    rule_tasks,
    stage_time,
)
from tracker.db.enums import Stage
from tracker.domain.changes import Kind
from tracker.ui.reminders.scheduler import QT_TIMER_LIMIT_MS, RECHECK, RuleScheduler, timer_ms


class Clock:
    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now


def test_timer_intervals_stay_within_qt_limits():
    assert timer_ms(timedelta(days=400)) == QT_TIMER_LIMIT_MS
    assert timer_ms(timedelta(seconds=-5)) == 1
    assert timer_ms(timedelta(minutes=1)) == 60_000


def test_start_up_catches_up_and_announces_the_new_tasks(qtbot, store, events):
    new_application(store)
    scheduler = RuleScheduler(store, events, clock=Clock(at(8)))
    with qtbot.waitSignal(events.changed) as changed:
        scheduler.start()
    assert Kind.TASKS in changed.args[0]
    assert len(rule_tasks(store)) == 1
    # The next wake-up is never further than the re-check.
    assert scheduler.timer.isActive()
    assert 0 < scheduler.timer.interval() <= RECHECK.total_seconds() * 1000
    scheduler.stop()


def test_a_write_runs_the_rules_and_the_timer_catches_the_clock_moving(qtbot, store, events):
    app_id = new_application(store, stage=Stage.INTERVIEWING)
    stage_time(store, app_id, at(-1))
    clock = Clock(MONDAY)
    scheduler = RuleScheduler(store, events, clock=clock, recheck=timedelta(milliseconds=50))
    with qtbot.waitSignal(scheduler.ran):  # the catch-up, on the rules' thread
        scheduler.start()
    assert rule_tasks(store) == []
    priya = person(store, "Priya Raman")
    interview(store, app_id, MONDAY - timedelta(hours=1), {priya: "billing"})
    with qtbot.waitSignal(scheduler.ran, timeout=2000):
        events.publish({Kind.INTERVIEWS})  # what the interview dialog's write says
    assert [task.rule for task in rule_tasks(store)] == ["thank_you"]
    # Time passes with nothing written: the timer's re-check plans the silence task.
    clock.now = at(15)
    qtbot.waitUntil(lambda: len(rule_tasks(store)) == 2, timeout=3000)
    assert {task.rule for task in rule_tasks(store)} == {"thank_you", "silence"}
    scheduler.stop()


def test_writes_of_unrelated_kinds_and_its_own_announcements_run_nothing(qtbot, store, events):
    scheduler = RuleScheduler(store, events, clock=Clock(MONDAY))
    with qtbot.waitSignal(scheduler.ran):
        scheduler.start()
    runs = []
    scheduler.ran.connect(runs.append)
    events.publish(set())  # nothing changed
    qtbot.wait(20)
    assert runs == []
    scheduler.stop()


def test_the_window_starts_its_reminders_on_the_demo(qtbot, store, events, db_path):
    from datetime import UTC, datetime

    from tracker.domain.demo import load_demo
    from tracker.ui.main_window import MainWindow

    load_demo(store)
    before = len(rule_tasks(store))
    window = MainWindow(store, events, db_path=db_path)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(events.changed):
        window.start_reminders(clock=lambda: datetime.now(UTC))
    assert window.reminders is not None
    assert len(rule_tasks(store)) > before
    window.start_reminders()  # once is enough
    window.reminders.stop()
