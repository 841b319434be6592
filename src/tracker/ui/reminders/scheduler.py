"""When the follow-up rules run: after each relevant write, at start-up, and on a timer.

Due times live in the database; the timer is only the next wake-up. It aims at the next
moment something can fall due (the next interview, the start of the next day), never more
than RECHECK away, so a laptop that slept or a clock that moved catches up within minutes.
Nothing polls in a busy loop, and Qt's 2^31-1 ms limit on a timer is never reached.

The domain is imported when the scheduler starts, after the window's first paint.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from tracker.domain.changes import Kind
from tracker.domain.store import Store
from tracker.ui.events import DataEvents

log = logging.getLogger(__name__)

RECHECK = timedelta(minutes=5)
QT_TIMER_LIMIT_MS = 2**31 - 1
# Writes to these kinds of rows can make a rule fire or a task pointless.
RELEVANT = frozenset(
    {Kind.APPLICATIONS, Kind.INTERVIEWS, Kind.TASKS, Kind.CONTACTS, Kind.DEBRIEFS, Kind.SETTINGS}
)

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def timer_ms(until: timedelta) -> int:
    """A wait as a QTimer interval: at least 1 ms, never past Qt's limit."""
    ms = int(until.total_seconds() * 1000)
    return max(1, min(ms, QT_TIMER_LIMIT_MS))


class RuleScheduler(QObject):
    """Runs the rules and says when it did (`ran`, with the time it used)."""

    ran = Signal(object)  # the `now` of the run, an aware datetime

    def __init__(
        self,
        store: Store,
        events: DataEvents,
        parent: QObject | None = None,
        *,
        clock: Clock = utc_now,
        override_dir: Path | None = None,
        recheck: timedelta = RECHECK,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._events = events
        self._clock = clock
        self._override_dir = override_dir
        self._recheck = recheck
        self._running = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.run_now)
        # Several writes in one go (a dialog saving an interview and its people) run once.
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(0)
        self._soon.timeout.connect(self.run_now)
        self._started = False

    def start(self) -> None:
        """Catch up on what came due while the app was closed, then keep watching."""
        if self._started:
            return
        self._started = True
        self._events.changed.connect(self._on_changed)
        self.run_now()

    def stop(self) -> None:
        self.timer.stop()
        self._soon.stop()
        if self._started:
            self._events.changed.disconnect(self._on_changed)
            self._started = False

    def _on_changed(self, kinds: frozenset[Kind]) -> None:
        if not self._running and kinds & RELEVANT:
            self._soon.start()

    def run_now(self) -> None:
        """Run the rules once with the clock's time; publish what they changed."""
        from tracker.domain.reminders.engine import run_rules

        now = self._clock()
        self._running = True
        try:
            result = run_rules(self._store, now, override_dir=self._override_dir)
            self._events.publish(result.changed)
        except Exception:  # a broken rule must not take the window down with it
            log.exception("The follow-up rules could not run")
        finally:
            self._running = False
        self._aim(now)
        self.ran.emit(now)

    def _aim(self, now: datetime) -> None:
        from tracker.domain.reminders.due import next_wake

        try:
            wake = next_wake(self._store, now)
        except Exception:
            log.exception("Could not read when the next reminder is due")
            wake = None
        wait = self._recheck if wake is None else min(wake - now, self._recheck)
        self.timer.start(timer_ms(wait))
