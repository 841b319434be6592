"""What `make bench` times at start-up: launch to the main window painted and the event loop idle.

Both launch scripts (bare_window.py and app_window.py) install this before their window exists;
it watches for the first paint of a top-level QMainWindow, then for the event dispatcher's first
aboutToBlock after it (everything queued by the first paint has run and the app waits for
input), prints the seconds since the launcher's clock (JOB_TRACKER_BENCH_T0) and quits.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable

from memory import peak_rss_mb
from PySide6.QtCore import QAbstractEventDispatcher, QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QMainWindow


class IdleAfterFirstPaint(QObject):
    """Calls *on_idle* once, at the first aboutToBlock after a main window's first paint."""

    def __init__(self, app: QCoreApplication, on_idle: Callable[[], None]) -> None:
        super().__init__()
        self._on_idle = on_idle
        self._painted = False
        self._done = False
        self._app_wide = True
        app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._app_wide and isinstance(watched, QMainWindow):
            # From here on only the window's own events pass through Python: an app-wide filter
            # would wrap every child and every event of the app's widgets in Python objects,
            # work the app itself never does.
            self._app_wide = False
            QCoreApplication.instance().removeEventFilter(self)  # type: ignore[union-attr]
            watched.installEventFilter(self)
        if (
            not self._painted
            and event.type() == QEvent.Type.Paint
            and isinstance(watched, QMainWindow)
        ):
            self._painted = True
            dispatcher = QAbstractEventDispatcher.instance()
            assert dispatcher is not None
            dispatcher.aboutToBlock.connect(self._idle)
        return False

    def _idle(self) -> None:
        if self._done:
            return
        self._done = True
        QAbstractEventDispatcher.instance().aboutToBlock.disconnect(self._idle)  # type: ignore[union-attr]
        self._on_idle()


def report_and_quit() -> None:
    started = float(os.environ["JOB_TRACKER_BENCH_T0"])
    print(f"window_idle_s: {time.time() - started:.4f}", flush=True)
    print(f"rss_mb: {peak_rss_mb():.1f}", flush=True)
    # CPU time of the whole process so far: steadier than the clock on a busy machine.
    print(f"cpu_s: {time.process_time():.4f}", flush=True)
    QCoreApplication.exit(0)


def install(app: QCoreApplication) -> IdleAfterFirstPaint:
    return IdleAfterFirstPaint(app, report_and_quit)


if __name__ == "__main__":
    sys.exit("run bare_window.py or app_window.py")
