"""When the follow-up rules run: after each relevant write, at start-up, and on a timer.

Due times live in the database; the timer is only the next wake-up. It aims at the next
moment something can fall due (the next interview, the start of the next day), never more
than RECHECK away, so a laptop that slept or a clock that moved catches up within minutes.
Nothing polls in a busy loop, and Qt's 2^31-1 ms limit on a timer is never reached.

The rules run on a thread of their own, so the window keeps answering whatever the size of
the search (a run over 100,000 applications takes most of a minute): that thread opens its
own short sessions, and hands what the run changed back to this thread with a queued
signal; here the change is published, the next wake-up aimed and `ran` emitted. One run at a
time: asking while one runs queues exactly one more, for everything asked meanwhile. After a
write only the applications it touched are looked at; start-up and the timer look at all.
`run_now()` does the same on the calling thread and returns when done.

The domain is imported when the scheduler starts, after the window's first paint.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal

from tracker.domain.changes import NOTHING, Kind, join_touched
from tracker.domain.store import Store
from tracker.ui.events import DataEvents

if TYPE_CHECKING:
    from tracker.domain.reminders.engine import RunReport

log = logging.getLogger(__name__)

RECHECK = timedelta(minutes=5)
QT_TIMER_LIMIT_MS = 2**31 - 1
# While the person types, clicks or scrolls, a run waits between pages: the window gets the
# whole of Python's lock, so a keystroke is answered as fast as when the rules are idle.
QUIET_S = 0.4  # since the last input, before a run goes on
INPUT_EVENTS = frozenset(
    {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel, QEvent.Type.DragMove}
)
STOP_WAIT_S = 30  # on quit: a page of applications takes well under a second
# Writes to these kinds of rows can make a rule fire or a task pointless.
RELEVANT = frozenset(
    {Kind.APPLICATIONS, Kind.INTERVIEWS, Kind.TASKS, Kind.CONTACTS, Kind.DEBRIEFS, Kind.SETTINGS}
)

Clock = Callable[[], datetime]
Scope = frozenset[int] | None  # the applications to look at; None: all of them


def utc_now() -> datetime:
    return datetime.now(UTC)


def timer_ms(until: timedelta) -> int:
    """A wait as a QTimer interval: at least 1 ms, never past Qt's limit."""
    ms = int(until.total_seconds() * 1000)
    return max(1, min(ms, QT_TIMER_LIMIT_MS))


@dataclass(frozen=True)
class Ran:
    """One run of the rules: its time, what it did (None if it failed), what it changed,
    the next wake-up, and what `gather` read after it on the same thread."""

    now: datetime
    report: RunReport | None
    changed: frozenset[Kind] = NOTHING
    touched: Scope = frozenset()
    wake: datetime | None = None
    gathered: object = None


class RuleScheduler(QObject):
    """Runs the rules and says when it did (`ran`, with a Ran)."""

    ran = Signal(object)
    _finished = Signal(object)  # (run number, Ran), emitted on the worker thread

    def __init__(
        self,
        store: Store,
        events: DataEvents,
        parent: QObject | None = None,
        *,
        clock: Clock = utc_now,
        override_dir: Path | None = None,
        recheck: timedelta = RECHECK,
        gather: Callable[[datetime], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._events = events
        self._clock = clock
        self._override_dir = override_dir
        self._recheck = recheck
        self._gather = gather
        self._publishing = False
        self._thread: threading.Thread | None = None
        self._number = 0  # of the latest run started on the worker
        self._outcome: Ran | None = None  # the worker's last result, also sent by _finished
        self._cancel = threading.Event()
        self._input_at = 0.0  # time.monotonic() of the person's last input
        self._queued = False
        self._queued_scope: Scope = frozenset()
        self._wanted: Scope = frozenset()  # what writes asked for since the last request
        self._finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(lambda: self.request(None))
        # Several writes in one go (a dialog saving an interview and its people) run once.
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(0)
        self._soon.timeout.connect(self._request_wanted)
        self._started = False

    @property
    def running(self) -> bool:
        return self._thread is not None

    def start(self) -> None:
        """Catch up on what came due while the app was closed (on the worker), then keep
        watching."""
        if self._started:
            return
        self._started = True
        self._events.touched.connect(self._on_touched)
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.request(None)

    def stop(self) -> None:
        """Stop watching; a run under way ends after its current page (on quit)."""
        self.timer.stop()
        self._soon.stop()
        self._wanted = frozenset()
        self._queued = False
        if self._started:
            self._events.touched.disconnect(self._on_touched)
            app = QCoreApplication.instance()
            if app is not None:
                app.removeEventFilter(self)
            self._started = False
        thread, self._thread = self._thread, None  # its result, still queued, is dropped
        if thread is not None:
            self._cancel.set()
            thread.join(STOP_WAIT_S)
            if thread.is_alive():
                log.warning("The follow-up rules did not stop within %d s", STOP_WAIT_S)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS:
            self._input_at = time.monotonic()
        return False

    def _between_pages(self) -> bool:
        """Asked by a run on the worker between pages: True to stop (quitting). While the
        person is busy with the window it waits, sleeping, so the window runs alone."""
        while time.monotonic() - self._input_at < QUIET_S:
            if self._cancel.wait(QUIET_S / 4):
                return True
        return self._cancel.is_set()

    def _on_touched(self, kinds: frozenset[Kind], applications: Scope) -> None:
        if not self._publishing and kinds & RELEVANT:
            self._wanted = join_touched(self._wanted, applications)
            self._soon.start()

    def _request_wanted(self) -> None:
        scope, self._wanted = self._wanted, frozenset()
        self.request(scope)

    # -- a run on the rules' thread, its result back here ------------------------------

    def request(self, applications: Scope = None) -> None:
        """Run the rules on the worker thread for these applications (None: all of them),
        now, or right after the run under way."""
        if self._thread is not None:
            self._queued_scope = (
                join_touched(self._queued_scope, applications) if self._queued else applications
            )
            self._queued = True
            return
        # Made here: making the engine may wait for the warm-up, repainting this window.
        _ = self._store.engine
        self._cancel.clear()
        self._outcome = None
        self._number += 1
        self._thread = threading.Thread(
            target=self._work,
            args=(self._number, self._clock(), applications),
            name="follow-up rules",
            daemon=True,
        )
        self._thread.start()

    def _work(self, number: int, now: datetime, scope: Scope) -> None:
        ran = self._outcome = self._run(now, scope, self._between_pages)
        with suppress(RuntimeError):  # the app has gone without stop(): nobody to tell
            self._finished.emit((number, ran))

    def _on_finished(self, outcome: tuple[int, Ran]) -> None:
        number, ran = outcome
        if self._thread is None or number != self._number:
            return  # stopped meanwhile
        self._thread.join()  # it has just emitted: a moment
        self._thread = None
        self._finish(ran)
        if self._queued:
            self._queued = False
            self.request(self._queued_scope)

    # -- a run on this thread ----------------------------------------------------------

    def run_now(self, applications: Scope = None) -> Ran:
        """Run the rules on this thread and return what they did, after any run under way
        (anything queued is run now too). For tests and scripts; the app uses request()."""
        thread, self._thread = self._thread, None  # its queued result is dropped: shown here
        if thread is not None:
            thread.join()
            if self._outcome is not None:
                self._finish(self._outcome)
        if self._queued:
            self._queued = False
            applications = join_touched(applications, self._queued_scope)
        ran = self._run(self._clock(), applications, None)
        self._finish(ran)
        return ran

    def _run(self, now: datetime, scope: Scope, stop: Callable[[], bool] | None) -> Ran:
        """The run itself, on whichever thread calls it: the rules, then the reads the
        window needs next, so the GUI thread only shows the result."""
        from tracker.domain.reminders.due import next_wake
        from tracker.domain.reminders.engine import run_rules

        ran = Ran(now, None)
        try:
            result = run_rules(
                self._store, now, override_dir=self._override_dir, applications=scope, stop=stop
            )
            ran = Ran(now, result.value, result.changed, result.touched)
        except Exception:  # a broken rule must not take the window down with it
            log.exception("The follow-up rules could not run")
        wake: datetime | None = None
        gathered: object = None
        try:
            wake = next_wake(self._store, now)
            if self._gather is not None:
                gathered = self._gather(now)
        except Exception:
            log.exception("Could not read what is due next")
        return Ran(ran.now, ran.report, ran.changed, ran.touched, wake, gathered)

    def _finish(self, ran: Ran) -> None:
        self._publishing = True  # the rules' own tasks do not ask for another run
        try:
            self._events.publish(ran.changed, ran.touched)
        finally:
            self._publishing = False
        self._aim(ran.wake)
        self.ran.emit(ran)

    def _aim(self, wake: datetime | None) -> None:
        now = self._clock()  # a long run does not push the wake-up later
        wait = self._recheck if wake is None else min(wake - now, self._recheck)
        self.timer.start(timer_ms(wait))
