"""`make bench`: what a person feels at 10,000 and 100,000 applications, against a bare window.

Start-up is whole-process and launched the same way for all: bare_window.py (an empty
QMainWindow) and app_window.py (the real start-up, tracker.app.main) each print the seconds from
the launcher's clock to the main window painted and the event loop idle (probe.py), and the runs
interleave (bare, 10k, 100k, bare, ...) so a busy moment of the machine hits all alike. Search,
memory and the board run in the app too (use_window.py). Printed for people, never asserted by
the test suite.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = HERE.parent / ".bench"
RUNS = 15  # the median of many: one launch can be slowed by the rest of the machine
# Offscreen, and Qt's settings (sort, tab) in a folder of their own, not the person's. Python
# may keep compiled bytecode (in .bench/, not beside the sources), as an installed app has it:
# a PYTHONDONTWRITEBYTECODE=1 environment would otherwise compile the app's modules every launch.
SETTINGS = tempfile.mkdtemp(prefix="job-tracker-bench-")
ENV = {
    **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
    "QT_QPA_PLATFORM": "offscreen",
    "XDG_CONFIG_HOME": SETTINGS,
    "PYTHONPYCACHEPREFIX": str(CACHE / "pycache"),
}


def launch(script: str, *args: str) -> dict[str, str]:
    """Run one of the scripts beside this file; what it printed as `name: value` lines."""
    started = time.time()
    result = subprocess.run(
        [sys.executable, str(HERE / script), *args],
        env={**ENV, "JOB_TRACKER_BENCH_T0": repr(started)},
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )
    if result.returncode != 0:
        raise SystemExit(f"{script} {' '.join(args)} failed:\n{result.stderr}")
    return dict(line.split(": ", 1) for line in result.stdout.splitlines() if ": " in line)


def main() -> None:
    sys.path.insert(0, str(HERE))
    from generate import cached

    from tracker.db.enums import Stage

    dbs = {}
    for size, label in ((10_000, "10k"), (100_000, "100k")):
        t = time.perf_counter()
        dbs[label] = cached(CACHE, size)
        print(f"# database with {size:,} applications ready in {time.perf_counter() - t:.1f} s")
    one_column = cached(CACHE, 20_000, one_stage=Stage.WISHLIST)

    starts = {
        "bare": ("bare_window.py",),
        **{label: ("app_window.py", "--data-dir", str(db.parent)) for label, db in dbs.items()},
    }
    for args in starts.values():
        launch(*args)  # warm the disk cache and the .pyc files
    times: dict[str, list[float]] = {name: [] for name in starts}
    for _ in range(RUNS):
        for name, args in starts.items():
            times[name].append(float(launch(*args)["window_idle_s"]))
    bare = statistics.median(times["bare"])
    print(f"# start-up: launch to the main window painted and idle, median of {RUNS} runs")
    print(f"bare_window_s: {bare:.3f}")
    for label in dbs:
        shown = statistics.median(times[label])
        print(f"startup_s_{label}: {shown:.3f}")
        print(f"startup_ratio_{label}: {shown / bare:.2f}")
    print("# search: one keystroke to the table repainted and idle, median (and worst);")
    print("# memory: the app's peak, with the window idle after the searches")
    for label, db in dbs.items():
        used = launch("use_window.py", "search", "--data-dir", str(db.parent))
        print(f"search_keystroke_ms_{label}: {used['search_keystroke_ms']}")
        print(f"search_keystroke_worst_ms_{label}: {used['search_keystroke_worst_ms']}")
        print(f"rss_mb_{label}: {used['rss_mb']}")
    board = launch("use_window.py", "board", "--data-dir", str(one_column.parent))
    print("# the board's reload with a card selected, 20,000 cards in one column")
    print(f"board_reload_ms_20k_one_column: {board['board_reload_ms']}")
    print(f"# cards read in that column after the reload: {board['board_cards_loaded']}")


if __name__ == "__main__":
    main()
