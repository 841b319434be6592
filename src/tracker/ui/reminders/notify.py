"""Desktop notifications: what one says, and the freedesktop service over D-Bus that shows it.

The freedesktop notification service (org.freedesktop.Notifications) is what every Linux
desktop runs, tray or not; QtDBus (in PySide6-Essentials) talks to it, as Vorta does. The
call goes through a QDBusInterface so the replaces_id argument travels as the unsigned
integer the service expects (a plain Python int would be sent signed, and refused).
Clicking a notification (its "default" action) emits `clicked` with the task it names, or
None for a summary of several.
"""

from __future__ import annotations

import html
import logging
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Q_ARG, Q_RETURN_ARG, SLOT, QMetaObject, QObject, Qt, Signal, Slot
from PySide6.QtDBus import QDBusConnection, QDBusInterface

from tracker import APP_NAME
from tracker.db.enums import TaskKind
from tracker.domain.reminders.due import DueTask

log = logging.getLogger(__name__)

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
INTERFACE = "org.freedesktop.Notifications"
DESKTOP_ENTRY = "job-tracker"
CALL_TIMEOUT_MS = 3000  # a notification service that does not answer is given up on
SHOWN_IN_SUMMARY = 3


@dataclass(frozen=True)
class Notice:
    """One notification: a task, or a summary of several (task_id None)."""

    title: str
    body: str
    task_id: int | None


def _when(due_on: date, today: date) -> str:
    if due_on >= today:
        return "due today"
    days = (today - due_on).days
    return "due yesterday" if days == 1 else f"{days} days overdue"


def compose(due: list[DueTask], today: date) -> Notice:
    """One notice for everything that fell due at once: the task itself when it is one,
    else a summary ("3 follow-ups due today") that lists the first few."""
    if len(due) == 1:
        task = due[0]
        parts = [task.what_for, _when(task.due_on, today)]
        return Notice(task.title, " · ".join(p for p in parts if p), task.id)
    found = {task.kind for task in due}
    noun = "follow-ups" if found == {TaskKind.FOLLOW_UP} else "tasks"
    overdue = any(task.due_on < today for task in due)
    title = f"{len(due)} {noun} due {'today or overdue' if overdue else 'today'}"
    lines = [
        f"{task.title} ({task.what_for})" if task.what_for else task.title
        for task in due[:SHOWN_IN_SUMMARY]
    ]
    if len(due) > SHOWN_IN_SUMMARY:
        lines.append(f"and {len(due) - SHOWN_IN_SUMMARY} more")
    return Notice(title, "\n".join(lines), None)


class DBusNotifier(QObject):
    """Shows notices through the session bus's notification service."""

    clicked = Signal(object)  # the task id of the clicked notice, or None for a summary

    def __init__(self, bus: QDBusConnection, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bus = bus
        self._interface: QDBusInterface | None = None
        self._shown: dict[int, int | None] = {}  # notification id -> task id
        self._listening = False

    @staticmethod
    def available(bus: QDBusConnection) -> bool:
        """True when the bus is up and a notification service is on it."""
        if not bus.isConnected():
            return False
        reply = bus.interface().isServiceRegistered(SERVICE)
        return bool(reply.isValid() and reply.value())

    def _service(self) -> QDBusInterface | None:
        if self._interface is None or not self._interface.isValid():
            interface = QDBusInterface(SERVICE, PATH, INTERFACE, self._bus, self)
            if not interface.isValid():
                return None
            interface.setTimeout(CALL_TIMEOUT_MS)
            self._interface = interface
        if not self._listening:
            self._listening = self._bus.connect(  # type: ignore[call-overload]
                SERVICE, PATH, INTERFACE, "ActionInvoked", self, SLOT("_on_action(uint,QString)")
            )
        return self._interface

    def notify(self, notice: Notice) -> bool:
        """Show *notice*; False when no service took it."""
        service = self._service()
        if service is None:
            return False
        try:
            number = QMetaObject.invokeMethod(
                service,
                "Notify",
                Qt.ConnectionType.DirectConnection,
                Q_RETURN_ARG("uint"),
                Q_ARG(str, APP_NAME),
                Q_ARG("uint", 0),
                Q_ARG(str, DESKTOP_ENTRY),
                Q_ARG(str, notice.title),
                # Services may read the body as simple markup: a person's & or < stay text.
                Q_ARG(str, html.escape(notice.body, quote=False)),
                Q_ARG("QStringList", ["default", "Open"]),
                Q_ARG("QVariantMap", {"desktop-entry": DESKTOP_ENTRY}),
                Q_ARG(int, -1),
            )
        except (RuntimeError, TypeError):
            log.exception("The notification service did not take the notification")
            return False
        if not isinstance(number, int) or number == 0:
            return False
        self._shown[number] = notice.task_id
        return True

    @Slot("uint", str)
    def _on_action(self, number: int, key: str) -> None:
        if number in self._shown and key == "default":
            self.clicked.emit(self._shown.pop(number))
