"""The rules run on a thread of their own: the result comes back to the window's thread, a
write runs them for what it touched, requests made meanwhile make one more run, and quitting
during a run is quiet."""

from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication

from tests.reminders import MONDAY, at, new_application, rule_tasks
from tracker.db.enums import Stage
from tracker.domain.applications import change_stage
from tracker.domain.changes import Kind
from tracker.ui.reminders.scheduler import RuleScheduler


class Gate:
    """A `gather` step that holds the rules' thread until the test opens the gate."""

    def __init__(self) -> None:
        self.reached = threading.Event()
        self.opened = threading.Event()
        self.threads: list[str] = []

    def __call__(self, now: object) -> str:
        self.threads.append(threading.current_thread().name)
        self.reached.set()
        self.opened.wait(10)
        return "gathered"


def test_a_run_on_the_rules_thread_hands_its_tasks_back(qtbot, store, events) -> None:
    new_application(store)
    seen: list[str] = []
    scheduler = RuleScheduler(
        store, events, clock=lambda: at(7), gather=lambda now: threading.current_thread().name
    )
    events.changed.connect(lambda kinds: seen.append(threading.current_thread().name))
    with qtbot.waitSignal(scheduler.ran) as ran:
        scheduler.start()
    result = ran.args[0]
    assert result.gathered == "follow-up rules"  # read on the rules' own thread
    assert seen == [threading.current_thread().name]  # published on this one
    assert [task.id for task in rule_tasks(store)] == list(result.report.created)
    assert len(result.report.created) == 1
    assert Kind.TASKS in result.changed
    scheduler.stop()


def test_a_write_runs_the_rules_for_the_application_it_touched(qtbot, store, events) -> None:
    first = new_application(store)
    new_application(store, company="Contoso")
    scheduler = RuleScheduler(store, events, clock=lambda: MONDAY)
    with qtbot.waitSignal(scheduler.ran) as catch_up:
        scheduler.start()
    assert catch_up.args[0].report.examined == 2  # start-up looks at every application
    moved = change_stage(store, first, Stage.INTERVIEWING)
    with qtbot.waitSignal(scheduler.ran) as after_write:
        events.publish(moved.changed, moved.touched)  # as run_write does
    assert after_write.args[0].report.examined == 1
    # A write that may touch any application (a person's details) looks at all of them.
    with qtbot.waitSignal(scheduler.ran) as after_contact:
        events.publish({Kind.CONTACTS}, None)
    assert after_contact.args[0].report.examined == 2
    scheduler.stop()


def test_requests_during_a_run_make_exactly_one_more(qtbot, store, events) -> None:
    first = new_application(store)
    second = new_application(store, company="Contoso")
    new_application(store, company="Bluebell")
    gate = Gate()
    scheduler = RuleScheduler(store, events, clock=lambda: MONDAY, gather=gate)
    runs: list[object] = []
    scheduler.ran.connect(runs.append)
    scheduler.request()
    assert gate.reached.wait(10)
    for scope in ({first}, {second}, {first}):
        scheduler.request(frozenset(scope))
    assert runs == []  # nothing shown while the run is under way
    gate.opened.set()
    qtbot.waitUntil(lambda: len(runs) == 2, timeout=10_000)
    assert not scheduler.running  # and no third run after the queued one
    assert [ran.report.examined for ran in runs] == [3, 2]  # then the two asked for
    assert gate.threads == ["follow-up rules", "follow-up rules"]
    scheduler.stop()


def test_quitting_during_a_run_stops_it_quietly(qtbot, store, events) -> None:
    new_application(store)
    gate = Gate()
    scheduler = RuleScheduler(store, events, clock=lambda: at(7), gather=gate)
    runs: list[object] = []
    scheduler.ran.connect(runs.append)
    gate.opened = scheduler._cancel  # the run goes on until the quit asks it to stop
    scheduler.start()
    assert gate.reached.wait(10)
    scheduler.request()  # queued behind it: dropped by the quit
    scheduler.stop()  # while the rules' thread is still at work
    assert not scheduler.running
    assert not any(thread.name == "follow-up rules" for thread in threading.enumerate())
    QCoreApplication.processEvents()  # the result the thread sent before it ended arrives
    assert runs == []
    assert not scheduler.timer.isActive()
    store.close()  # the database can close: nothing uses it any more


def test_a_run_waits_between_pages_while_the_person_types(qtbot, store, events) -> None:
    import time

    from PySide6.QtWidgets import QLineEdit

    from tracker.ui.reminders.scheduler import QUIET_S

    scheduler = RuleScheduler(store, events, clock=lambda: MONDAY)
    with qtbot.waitSignal(scheduler.ran):
        scheduler.start()  # from here it watches the person's input
    box = QLineEdit()
    qtbot.addWidget(box)
    assert scheduler._between_pages() is False  # nobody typing: on with the next page
    qtbot.keyClick(box, "a")
    typed = time.monotonic()
    assert scheduler._between_pages() is False  # goes on, but only once the typing paused
    assert time.monotonic() - typed >= QUIET_S
    qtbot.keyClick(box, "b")
    scheduler._cancel.set()  # quitting: no more waiting
    assert scheduler._between_pages() is True
    scheduler.stop()
