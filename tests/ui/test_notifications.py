"""Due tasks reach the person: on a real session bus, through a banner, in the titles."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtDBus import QDBusConnection, QDBusInterface

from tests.ui.dbus_session import Recorder
from tracker.db.enums import TaskKind
from tracker.domain.applications import ApplicationInput, create_application
from tracker.domain.reminders.due import to_announce
from tracker.domain.tasks import TaskInput, complete_task, create_task
from tracker.ui.main_window import MainWindow
from tracker.ui.reminders.controller import ReminderController

# Noon on this computer's clock, whatever its time zone: reminders start at 08:00 local.
NOON = datetime(2026, 3, 2, 12, 0).astimezone(UTC)
TODAY = date(2026, 3, 2)


@pytest.fixture
def window(qtbot, store, events, db_path) -> MainWindow:
    main = MainWindow(store, events, db_path=db_path)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    return main


def controller(window, store, events, bus: QDBusConnection, clock=NOON) -> ReminderController:
    made = ReminderController(
        store, events, window, clock=lambda: clock, bus=bus, tray_available=False
    )
    window.reminders = made
    return made


def no_bus() -> QDBusConnection:
    return QDBusConnection.connectToBus("unix:path=/nonexistent/job-tracker-test-bus", "no-bus")


def task(
    store, title: str, due: date, kind: TaskKind = TaskKind.TODO, company: str = "Northwind"
) -> int:
    app_id = create_application(
        store, ApplicationInput(company=company, role="Backend Engineer")
    ).value
    return create_task(
        store, TaskInput(title=title, kind=kind, due_on=due, application_id=app_id)
    ).value


def test_one_due_task_is_one_notification_naming_the_task_and_application(
    qtbot, store, events, window, notification_service: Recorder
):
    task(store, "Send Priya a thank-you note", TODAY)
    task(store, "Later", TODAY + timedelta(days=3), company="Contoso")
    bus = QDBusConnection.connectToBus(notification_service.address, "client-one")
    reminders = controller(window, store, events, bus)
    assert reminders.dbus is not None
    reminders.start()
    qtbot.waitUntil(lambda: len(notification_service.received()) == 1, timeout=5000)
    [sent] = notification_service.received()
    assert sent["summary"] == "Send Priya a thank-you note"
    assert sent["body"] == "Northwind — Backend Engineer · due today"
    assert sent["app_name"] == "Job Tracker"
    assert sent["replaces_id"] == 0
    assert sent["actions"] == ["default", "Open"]
    assert sent["hints"] == {"desktop-entry": "job-tracker"}
    # Told once: the next run, or a restart, does not tell again.
    reminders.scheduler.run_now()
    qtbot.wait(100)
    assert len(notification_service.received()) == 1
    assert to_announce(store, NOON) == []
    reminders.stop()


def test_several_due_at_once_are_one_summary_and_its_click_opens_the_tasks(
    qtbot, store, events, window, notification_service: Recorder
):
    ids = [
        task(store, f"Follow up {n} <b>&", TODAY - timedelta(days=n), TaskKind.FOLLOW_UP)
        for n in range(4)
    ]
    bus = QDBusConnection.connectToBus(notification_service.address, "client-two")
    reminders = controller(window, store, events, bus)
    reminders.start()
    qtbot.waitUntil(lambda: len(notification_service.received()) == 1, timeout=5000)
    [sent] = notification_service.received()
    assert sent["summary"] == "4 follow-ups due today or overdue"
    body = str(sent["body"])
    assert body.count("\n") == 3  # three named, then "and 1 more"
    assert body.endswith("and 1 more")
    assert "&lt;b&gt;&amp;" in body  # the service may read markup: the words stay words
    # Clicking it opens the window at the Tasks tab.
    window.tabs.show_view("board")
    click = QDBusInterface(
        "org.freedesktop.Notifications",
        "/org/freedesktop/Notifications",
        "org.freedesktop.Notifications",
        bus,
    )
    click.call("Click", sent["id"])
    qtbot.waitUntil(lambda: window.tabs.current_key() == "tasks", timeout=5000)
    assert ids
    reminders.stop()


def test_clicking_a_single_notification_selects_its_task(
    qtbot, store, events, window, notification_service: Recorder
):
    other = task(store, "Something else", TODAY + timedelta(days=9))
    wanted = task(store, "Prepare for Bluebell", TODAY, TaskKind.PREP, company="Bluebell")
    bus = QDBusConnection.connectToBus(notification_service.address, "client-three")
    reminders = controller(window, store, events, bus)
    reminders.start()
    qtbot.waitUntil(lambda: len(notification_service.received()) == 1, timeout=5000)
    window.tabs.show_view("tasks")
    view = window.tabs.view("tasks")
    view.select_id(other)
    window.tabs.show_view("board")
    QDBusInterface(
        "org.freedesktop.Notifications",
        "/org/freedesktop/Notifications",
        "org.freedesktop.Notifications",
        bus,
    ).call("Click", notification_service.received()[0]["id"])
    qtbot.waitUntil(lambda: view.selected_id() == wanted, timeout=5000)
    assert window.tabs.current_key() == "tasks"
    reminders.stop()


def test_without_bus_or_tray_a_banner_waits_in_the_window(qtbot, store, events, window, tmp_path):
    wanted = task(store, "Follow up with Jordan", TODAY, TaskKind.FOLLOW_UP)
    reminders = controller(window, store, events, no_bus())
    assert reminders.dbus is None
    assert reminders.tray is None
    window.hide()
    with qtbot.waitSignal(reminders.scheduler.ran):
        reminders.start()
    banner = reminders.banner
    assert banner.notice is not None
    assert banner.title.text() == "Follow up with Jordan"
    assert banner.body.text() == "Northwind — Backend Engineer · due today"
    window.show()  # the next time the window is shown
    qtbot.waitExposed(window)
    assert banner.isVisible()
    shots = Path(os.environ.get("TRACKER_SCREENSHOTS", tmp_path))
    assert window.grab().save(str(shots / "reminder-banner.png"))
    window.tabs.show_view("board")
    banner.open_button.click()
    assert not banner.isVisible()
    assert window.tabs.current_key() == "tasks"
    assert window.tabs.view("tasks").selected_id() == wanted
    reminders.stop()


def test_nothing_is_announced_before_the_day_starts(qtbot, store, events, window):
    task(store, "Early", TODAY)
    early = datetime(2026, 3, 2, 6, 0).astimezone(UTC)
    reminders = controller(window, store, events, no_bus(), clock=early)
    with qtbot.waitSignal(reminders.scheduler.ran):
        reminders.start()
    assert reminders.banner.notice is None
    reminders.stop()


def test_the_titles_count_what_is_due_today_and_overdue(qtbot, store, events, window):
    today = task(store, "Today", TODAY)
    task(store, "Overdue", TODAY - timedelta(days=2))
    task(store, "Overdue too", TODAY - timedelta(days=1))
    task(store, "Later", TODAY + timedelta(days=2))
    reminders = controller(window, store, events, no_bus())
    with qtbot.waitSignal(reminders.scheduler.ran):
        reminders.start()
    assert window.windowTitle() == "Job Tracker — 1 due today, 2 overdue"
    tabs = window.tabs
    assert [tabs.tabText(i) for i in range(tabs.count())][2] == "Tasks (3)"
    done = complete_task(store, today)
    with qtbot.waitSignal(reminders.scheduler.ran):  # a write runs the rules, which count
        events.publish(done.changed, done.touched)
    assert window.windowTitle() == "Job Tracker — 2 overdue"
    reminders.stop()


# The offscreen platform has no tray window to watch; a limit of the test platform.
@pytest.mark.qt_log_ignore("No such signal QPlatformNativeInterface::systemTrayWindowChanged")
def test_the_tray_menu_and_keeping_the_app_running_when_the_window_closes(
    qtbot, store, events, window
):
    from tracker.domain.reminders.prefs import set_keep_running_in_tray

    reminders = ReminderController(
        store, events, window, clock=lambda: NOON, bus=no_bus(), tray_available=True
    )
    window.reminders = reminders
    tray = reminders.tray
    assert tray is not None
    assert [a.text() for a in tray.menu.actions() if a.text()] == [
        "&Open Job Tracker",
        "&Today's tasks",
        "&Add application…",
        "&Quit",
    ]
    overdue = task(store, "Overdue", TODAY - timedelta(days=1))
    with qtbot.waitSignal(reminders.scheduler.ran):
        reminders.start()  # no bus here: the tray's message tells
    assert tray.toolTip() == "Job Tracker\n1 overdue"
    # Off by default: closing quits as before.
    assert not reminders.keeps_in_tray()
    set_keep_running_in_tray(store, True)
    assert reminders.keeps_in_tray()
    window.close()
    assert not window.isVisible()
    assert reminders.scheduler.timer.isActive()  # still watching from the tray
    tray.today_action.trigger()
    qtbot.waitExposed(window)
    assert window.tabs.current_key() == "tasks"
    with qtbot.waitSignal(tray.clicked) as clicked:
        tray.messageClicked.emit()
    assert clicked.args == [overdue]
    reminders.stop()
