"""File > Export calendar…, and the calendar file kept in the data folder when asked for."""

from __future__ import annotations

from datetime import UTC, date, datetime

from icalendar import Calendar

from tests.ui.test_notifications import no_bus
from tracker.domain.reminders.prefs import set_keep_calendar_feed
from tracker.domain.tasks import TaskInput, create_task
from tracker.ui.main_window import MainWindow
from tracker.ui.reminders import calendar_export
from tracker.ui.reminders.controller import ReminderController

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


def uids(path) -> set[str]:
    return {str(e["UID"]) for e in Calendar.from_ical(path.read_bytes()).walk("VEVENT")}


def test_export_calendar_from_the_file_menu(qtbot, store, events, db_path, tmp_path, monkeypatch):
    task_id = create_task(store, TaskInput(title="Call Ana", due_on=date(2026, 3, 5))).value
    window = MainWindow(store, events, db_path=db_path)
    qtbot.addWidget(window)
    assert window.menuBar().actions()[0].text() == "&File"
    assert window.export_calendar_action in window.file_menu.actions()
    target = tmp_path / "mine.ics"
    monkeypatch.setattr(calendar_export, "ask_path", lambda parent, suggested: target)
    window.export_calendar_action.trigger()
    assert uids(target) == {f"task-{task_id}@job-tracker.invalid"}
    assert "mine.ics" in window.statusBar().currentMessage()


def test_a_cancelled_export_writes_nothing(qtbot, store, tmp_path):
    assert calendar_export.export_calendar(store, None, ask=lambda parent, path: None) is None


def test_the_kept_calendar_follows_the_option_and_the_data(qtbot, store, events, db_path):
    window = MainWindow(store, events, db_path=db_path)
    qtbot.addWidget(window)
    reminders = ReminderController(
        store,
        events,
        window,
        clock=lambda: NOW,
        bus=no_bus(),
        tray_available=False,
        data_dir=db_path.parent,
    )
    feed = db_path.parent / "job-tracker.ics"
    with qtbot.waitSignal(reminders.scheduler.ran):
        reminders.start()
    assert not feed.exists()  # off by default
    # The option is a setting: saving it runs the rules, and their thread writes the file.
    with qtbot.waitSignal(reminders.scheduler.ran):
        events.publish(set_keep_calendar_feed(store, True).changed)
    assert feed.exists()
    assert uids(feed) == set()
    task_id = create_task(store, TaskInput(title="Call Ana", due_on=date(2026, 3, 5)))
    with qtbot.waitSignal(reminders.scheduler.ran):
        events.publish(task_id.changed, task_id.touched)
    assert uids(feed) == {f"task-{task_id.value}@job-tracker.invalid"}
    with qtbot.waitSignal(reminders.scheduler.ran):
        events.publish(set_keep_calendar_feed(store, False).changed)
    assert not feed.exists()
    reminders.stop()
