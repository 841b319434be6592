"""The reminders of one window: the rule scheduler, and what the person sees when tasks
fall due.

After each run of the rules, the tasks that fell due and were not announced yet become one
notice (one task: its title; several: a summary), shown by the first way that works here:
the freedesktop notification service on the session bus, the tray's message, or a banner
at the top of the window. The window title, the tray tooltip and the Tasks tab show how
many tasks are due today and overdue. Each write that can change them runs the rules, so
the counts come with each run: what is due, the counts and the kept calendar file are read
on the rules' thread (`glance`), and this thread only shows them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, Qt
from PySide6.QtDBus import QDBusConnection
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMainWindow, QSystemTrayIcon, QTabWidget

from tracker import APP_NAME
from tracker.assets import resource
from tracker.domain.reminders.due import (
    DueCounts,
    DueTask,
    due_counts,
    mark_announced,
    to_announce,
)
from tracker.domain.reminders.prefs import keeps_running_in_tray
from tracker.domain.store import Store
from tracker.ui.events import DataEvents
from tracker.ui.reminders.banner import ReminderBanner
from tracker.ui.reminders.calendar_export import keep_feed
from tracker.ui.reminders.notify import DBusNotifier, Notice, compose
from tracker.ui.reminders.scheduler import Ran, RuleScheduler, utc_now
from tracker.ui.reminders.tray import ReminderTray

log = logging.getLogger(__name__)


def local_day(moment: datetime) -> date:
    return moment.astimezone().date()


@dataclass(frozen=True)
class Glance:
    """Read after each run of the rules, on their thread: what to announce, the counts."""

    due: list[DueTask]
    counts: DueCounts


class Channel(Protocol):
    def notify(self, notice: Notice) -> bool: ...


class ReminderController(QObject):
    """Made by MainWindow.start_reminders() once the window is up."""

    def __init__(
        self,
        store: Store,
        events: DataEvents,
        window: QMainWindow,
        *,
        clock: Callable[[], datetime] | None = None,
        override_dir: Path | None = None,
        bus: QDBusConnection | None = None,
        tray_available: bool | None = None,
        data_dir: Path | None = None,
    ) -> None:
        super().__init__(window)
        self._store = store
        self._events = events
        self._window = window
        self.clock = clock or utc_now
        self._data_dir = data_dir
        self.scheduler = RuleScheduler(
            store, events, self, clock=self.clock, override_dir=override_dir, gather=self.glance
        )
        self.scheduler.ran.connect(self._on_ran)
        # (is it on, turn it on/off) for the Settings dialog; None where not supported.
        from tracker import autostart

        self.autostart: tuple[Callable[[], bool], Callable[[bool], object]] | None = (
            autostart.is_enabled,
            autostart.set_enabled,
        )
        self.dbus: DBusNotifier | None = None
        bus = bus if bus is not None else QDBusConnection.sessionBus()
        try:
            if DBusNotifier.available(bus):
                self.dbus = DBusNotifier(bus, self)
                self.dbus.clicked.connect(self.open_task)
        except Exception:  # no bus is an ordinary situation, not an error
            log.info("No notification service on the session bus", exc_info=True)
        if tray_available is None:
            tray_available = QSystemTrayIcon.isSystemTrayAvailable()
        self.tray: ReminderTray | None = None
        if tray_available:
            icon = window.windowIcon()
            if icon.isNull():
                icon = QIcon(str(resource("icons", "job-tracker.svg")))
            self.tray = ReminderTray(icon, window)
            self.tray.clicked.connect(self.open_task)
            self.tray.open_requested.connect(self.show_window)
            self.tray.today_requested.connect(lambda: self.open_task(None))
            self.tray.add_requested.connect(self._add_application)
            self.tray.quit_requested.connect(self.quit)
            self.tray.setToolTip(APP_NAME)
            self.tray.show()
        self.banner = ReminderBanner(window)
        window.addToolBarBreak()
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.banner)
        self.banner.clicked.connect(self.open_task)
        self.counts = DueCounts(0, 0)

    @property
    def channels(self) -> list[Channel]:
        """The ways to tell the person, best first; the banner always works."""
        found: list[Channel] = []
        if self.dbus is not None:
            found.append(self.dbus)
        if self.tray is not None:
            found.append(self.tray)
        found.append(self.banner)
        return found

    def start(self) -> None:
        self.scheduler.start()

    def stop(self) -> None:
        self.scheduler.stop()
        if self.tray is not None:
            self.tray.hide()

    # -- telling ------------------------------------------------------------------------

    def glance(self, now: datetime) -> Glance:
        """After a run, on the rules' thread (no Qt here): what to announce and count, and
        the calendar file kept in step (the calendar option is a setting: it runs the rules)."""
        if self._data_dir is not None:
            keep_feed(self._store, self._data_dir, now)
        return Glance(to_announce(self._store, now), due_counts(self._store, local_day(now)))

    def _on_ran(self, ran: Ran) -> None:
        if isinstance(ran.gathered, Glance):
            self.show_counts(ran.gathered.counts)
            self.announce(ran.now, ran.gathered.due)

    def announce(self, now: datetime, due: list[DueTask]) -> Notice | None:
        """Tell the person about these tasks, which fell due since they were last told."""
        if not due:
            return None
        today = local_day(now)
        notice = compose(due, today)
        for channel in self.channels:
            if channel.notify(notice):
                break
        mark_announced(self._store, [task.id for task in due], today)  # seen: no refresh
        return notice

    # -- counting -----------------------------------------------------------------------

    def show_counts(self, counts: DueCounts) -> None:
        self.counts = counts
        words = []
        if counts.today:
            words.append(f"{counts.today} due today")
        if counts.overdue:
            words.append(f"{counts.overdue} overdue")
        said = ", ".join(words)
        self._window.setWindowTitle(f"{APP_NAME} — {said}" if said else APP_NAME)
        if self.tray is not None:
            self.tray.setToolTip(f"{APP_NAME}\n{said}" if said else APP_NAME)
        tabs = self._tabs()
        if tabs is not None:
            for index in range(tabs.count()):
                if tabs.tabText(index).split(" (")[0] == "Tasks":
                    total = counts.total
                    tabs.setTabText(index, f"Tasks ({total})" if total else "Tasks")

    def _tabs(self) -> QTabWidget | None:
        central = self._window.centralWidget()
        return central if isinstance(central, QTabWidget) else None

    # -- acting -------------------------------------------------------------------------

    def show_window(self) -> None:
        window = self._window
        if window.isMinimized():
            window.showNormal()
        else:
            window.show()
        window.raise_()
        window.activateWindow()

    def open_task(self, task_id: int | None) -> None:
        """A notice was clicked: the window, the Tasks tab, and that task selected."""
        self.show_window()
        show_view = getattr(self._tabs(), "show_view", None)
        view_of = getattr(self._tabs(), "view", None)
        if callable(show_view) and callable(view_of):
            show_view("tasks")
            view = view_of("tasks")
            select = getattr(view, "select_id", None)
            if task_id is not None and callable(select):
                select(task_id)

    def _add_application(self) -> None:
        self.show_window()
        commands = getattr(self._window, "commands", None)
        if commands is not None:
            commands.actions.new_action.trigger()

    def keeps_in_tray(self) -> bool:
        """Closing the window should leave the app running in the tray."""
        return self.tray is not None and keeps_running_in_tray(self._store)

    def quit(self) -> None:
        self.stop()
        save = getattr(self._window, "save_settings", None)
        if callable(save):
            save()
        QApplication.quit()
