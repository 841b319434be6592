"""`make bench`: how long the follow-up rules keep the window from answering, at 10k and 100k.

The real app is started on a copy of each benchmark database (the rules write to it). A 10 ms
timer on the GUI thread measures how late each tick comes: the longest gap, less the 10 ms,
is the longest stall a person could feel. Three moments are measured:

- start-up catch-up: from the reminders starting (after the warm-up) to their first run's
  result shown (tasks announced, titles counted), and half a second after;
- one write: a stage change made as the table makes it (run_write), to the rules' run it
  triggers shown, and half a second after; `after_write_stall_ms` counts only what follows
  the write's return (its own transaction and the views' refresh done);
- the same kind of write with the reminders stopped: what the write and the views' refresh
  cost without the rules, to tell the two apart.

While the catch-up runs, the window is repainted every 200 ms and timed (and five times at
the end, idle, to compare): a worker thread holding Python's lock could slow painting down
without stopping the timer.
`python bench/reminders.py [--cache DIR] [--sizes 10000,100000] [--runs 3]` prints
`name: median (each run)` lines. Printed for people, never asserted by the test suite.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = HERE.parent / ".bench"
TICK_MS = 10
SETTLE_MS = 500
REPAINT_EVERY_MS = 200
TIMEOUT_S = 900


def child(data_dir: str) -> None:
    """Inside the app's process: watch the GUI thread, then drive the three moments."""
    from PySide6.QtCore import QElapsedTimer, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])

    class Watch:
        def __init__(self) -> None:
            self.clock = QElapsedTimer()
            self.clock.start()
            self.last = 0
            self.worst = 0
            self.written_at = 0  # when the write returned (its views refreshed)
            self.after_write = 0
            self.repaints: list[float] = []
            self.timer = QTimer()
            self.timer.setTimerType(Qt.TimerType.PreciseTimer)
            self.timer.setInterval(TICK_MS)
            self.timer.timeout.connect(self.tick)
            self.timer.start()

        def tick(self) -> None:
            now = self.clock.elapsed()
            self.worst = max(self.worst, now - self.last - TICK_MS)
            if self.written_at and self.last >= self.written_at:
                self.after_write = max(self.after_write, now - self.last - TICK_MS)
            self.last = now

        def phase(self) -> None:
            self.last = self.clock.elapsed()
            self.worst = self.written_at = self.after_write = 0
            self.repaints = []

        def write(self, write: Callable[[], object]) -> None:
            self.phase()
            write()
            self.written_at = self.clock.elapsed()

        def repaint(self, window: object) -> None:
            started = time.perf_counter()
            window.repaint()  # type: ignore[attr-defined]
            self.repaints.append((time.perf_counter() - started) * 1000)
            self.last = self.clock.elapsed()  # the probe's own paint is not a stall

    watch = Watch()
    from tracker.ui.reminders import scheduler as scheduler_module

    original_start = scheduler_module.RuleScheduler.start
    steps: list[object] = []

    def start(self: scheduler_module.RuleScheduler) -> None:
        steps.append(self)
        self.ran.connect(lambda *_: QTimer.singleShot(SETTLE_MS, next_step))
        window = next(w for w in app.topLevelWidgets() if type(w).__name__ == "MainWindow")
        painter = QTimer(window)
        painter.setInterval(REPAINT_EVERY_MS)
        painter.timeout.connect(lambda: watch.repaint(window))
        steps.append(painter)
        painter.start()
        watch.phase()
        original_start(self)

    scheduler_module.RuleScheduler.start = start  # type: ignore[method-assign]
    state = {"step": 0}

    def next_step() -> None:
        from sqlalchemy import select

        from tracker.db.enums import Stage
        from tracker.db.models import Application
        from tracker.domain.applications import change_stage
        from tracker.ui.common.writes import run_write

        step = state["step"]
        state["step"] += 1
        window = next(w for w in app.topLevelWidgets() if type(w).__name__ == "MainWindow")
        store, events = window._store, window._events

        def change(app_id: int) -> object:
            return change_stage(store, app_id, Stage.SCREENING)

        if step == 0:
            steps[1].stop()  # type: ignore[attr-defined]
            repaints = sorted(watch.repaints) or [0.0]
            print(f"catch_up_stall_ms: {watch.worst}")
            print(f"catch_up_repaints: {len(watch.repaints)}")
            print(f"catch_up_repaint_worst_ms: {repaints[-1]:.0f}")
            print(f"catch_up_repaint_median_ms: {repaints[len(repaints) // 2]:.0f}", flush=True)
        elif step == 1:
            print(f"write_stall_ms: {watch.worst}")
            print(f"after_write_stall_ms: {watch.after_write}", flush=True)
        with store.reading() as session:
            ids = session.scalars(
                select(Application.id)
                .where(Application.stage == Stage.APPLIED, Application.archived.is_(False))
                .order_by(Application.updated_at.desc())
                .limit(2)
            ).all()
        if step == 0:  # one write with the rules watching
            watch.write(lambda: run_write(window, events, lambda: change(ids[0])))
        elif step == 1:  # the same kind of write with the reminders stopped
            window.reminders.stop()
            watch.write(lambda: run_write(window, events, lambda: change(ids[1])))
            QTimer.singleShot(SETTLE_MS * 2, next_step)
        else:
            print(f"write_without_rules_stall_ms: {watch.worst}")
            print(f"after_write_without_rules_stall_ms: {watch.after_write}", flush=True)
            watch.phase()
            for _ in range(5):
                watch.repaint(window)
            repaints = sorted(watch.repaints)
            print(f"idle_repaint_median_ms: {repaints[len(repaints) // 2]:.0f}", flush=True)
            app.exit(0)

    from tracker.app import main

    sys.exit(main(["--data-dir", data_dir]))


def launch(data_dir: Path) -> dict[str, str]:
    result = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child", str(data_dir)],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(data_dir)},
        capture_output=True,
        text=True,
        check=False,
        timeout=TIMEOUT_S,
    )
    if result.returncode != 0:
        raise SystemExit(f"the app failed on {data_dir}:\n{result.stderr}")
    return dict(line.split(": ", 1) for line in result.stdout.splitlines() if ": " in line)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--child", metavar="DATA_DIR")
    parser.add_argument("--cache", type=Path, default=CACHE)
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    sys.path.insert(0, str(HERE))
    from generate import cached

    for size in (int(s) for s in args.sizes.split(",")):
        source = cached(args.cache, size).parent
        label = f"{size // 1000}k"
        runs: list[dict[str, str]] = []
        started = time.perf_counter()
        for _ in range(args.runs):
            with tempfile.TemporaryDirectory(prefix="job-tracker-bench-") as tmp:
                copy = Path(tmp) / "data"
                shutil.copytree(source, copy, ignore=shutil.ignore_patterns("*.before-upgrade-*"))
                runs.append(launch(copy))
        took = time.perf_counter() - started
        print(f"# {size:,} applications: median of {args.runs} runs (each run's figure)")
        print(f"# ({took:.0f} s in all; a fresh copy of the database for each run)")
        for name in runs[0]:
            values = sorted(float(run[name]) for run in runs)
            each = " ".join(run[name] for run in runs)
            print(f"{name}_{label}: {statistics.median(values):.0f} ({each})", flush=True)


if __name__ == "__main__":
    main()
