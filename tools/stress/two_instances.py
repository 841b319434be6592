"""Start two copies of the app at the same moment on a new data folder, ROUNDS times.

Each round must end with exactly one window and the other start saying so and exiting 0.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/stress/two_instances.py [ROUNDS]
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def one_round(data: Path) -> str | None:
    """None when the round went right, else what went wrong."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    command = [sys.executable, "-m", "tracker", "--data-dir", str(data)]
    starts = [
        subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
        )
        for _ in range(2)
    ]
    log = data / "logs" / "job-tracker.log"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (log.exists() and "Window shown" in log.read_text()):
        time.sleep(0.05)
    time.sleep(1.0)  # let the second start finish
    finished = [p for p in starts if p.poll() is not None]
    running = [p for p in starts if p.poll() is None]
    problem = None
    if len(running) != 1 or len(finished) != 1:
        problem = f"{len(running)} running, {len(finished)} finished"
    else:
        out, err = finished[0].communicate()
        if finished[0].returncode != 0 or "already open" not in out:
            problem = f"second start exited {finished[0].returncode}: {err.strip()[-300:]}"
    for process in running:
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=30)
        if process.returncode != 0 and problem is None:
            problem = f"the app exited {process.returncode} on SIGTERM"
    if log.read_text().count("Window shown") != 1 and problem is None:
        problem = "more than one window"
    return problem


def main(rounds: int) -> int:
    problems = []
    for number in range(rounds):
        with tempfile.TemporaryDirectory(prefix="jt-two-") as folder:
            problem = one_round(Path(folder) / "data")
            if problem:
                problems.append(f"round {number + 1}: {problem}")
    print(f"rounds: {rounds}")
    print(f"rounds_with_one_window_and_no_error: {rounds - len(problems)}")
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 20))
