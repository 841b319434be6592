"""`make bench`: start-up, search and memory figures at 10,000 and 100,000 applications.

Start-up is whole-process: the real app (`python -m tracker --self-test`) and a bare PySide6
window are launched the same way, and each prints the time from the moment it was launched
to its window being on screen (with the board and table filled). The search figure is
in-process: keystrokes typed into the real search box. Printed for people, never asserted by
the test suite.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = HERE.parent / ".bench"
RUNS = 7
ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def launch(args: list[str]) -> tuple[float, float]:
    """(seconds to window shown, seconds for the whole process) for one launch."""
    started = time.time()
    result = subprocess.run(
        [sys.executable, *args],
        env={**ENV, "JOB_TRACKER_BENCH_T0": repr(started)},
        capture_output=True,
        text=True,
        check=True,
    )
    whole = time.time() - started
    shown = next(
        float(line.split(":")[1])
        for line in result.stdout.splitlines()
        if line.startswith("window_shown_s:")
    )
    return shown, whole


def median_launch(args: list[str]) -> tuple[float, float]:
    launch(args)  # warm the disk cache and .pyc files
    runs = [launch(args) for _ in range(RUNS)]
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def peak_rss_mb(db: Path) -> float:
    """Peak memory of the app with that database open and SQLAlchemy warmed up."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run(
        [sys.executable, "-m", "tracker", "--data-dir", str(db.parent), "--self-test"],
        env=ENV,
        capture_output=True,
        check=True,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(after, before) / 1024


def search_ms(db: Path) -> float:
    """In a child process: median ms from one keystroke in the search box to the table updated."""
    code = f"""
import statistics, time
from pathlib import Path
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from tracker.db.migrate import open_database
from tracker.domain.store import Store
from tracker.ui.events import DataEvents
from tracker.ui.main_window import MainWindow
app = QApplication([])
window = MainWindow(Store(open_database(Path({str(db)!r})).engine), DataEvents())
window.show(); app.processEvents()
view = window.applications
times = []
for text in ["n", "no", "nor", "nort", "north", "x", "ber", "engineer", "note 1"]:
    view.search.clear(); view.apply_filter_now(); app.processEvents()
    for ch in text:
        start = time.perf_counter()
        QTest.keyClick(view.search, ch)
        view.apply_filter_now()  # what the debounce timer fires
        app.processEvents()
        times.append((time.perf_counter() - start) * 1000)
print(statistics.median(times))
"""
    out = subprocess.run(
        [sys.executable, "-c", code], env=ENV, capture_output=True, text=True, check=True
    ).stdout
    return float(out.strip().splitlines()[-1])


def main() -> None:
    sys.path.insert(0, str(HERE))
    from generate import cached

    bare_shown, bare_whole = median_launch([str(HERE / "bare_window.py")])
    print(f"bare_window_s: {bare_shown:.3f} (launch to exit {bare_whole:.3f})")
    for size, label in ((10_000, "10k"), (100_000, "100k")):
        t = time.perf_counter()
        db = cached(CACHE, size)
        print(f"# database with {size:,} applications ready in {time.perf_counter() - t:.1f} s")
        app_args = ["-m", "tracker", "--data-dir", str(db.parent), "--self-test"]
        shown, whole = median_launch(app_args)
        print(f"startup_s_{label}: {shown:.3f}")
        print(f"startup_ratio_{label}: {shown / bare_shown:.2f}")
        # Launch to exit: adds --self-test's full integrity check and the shutdown.
        print(f"self_test_whole_process_s_{label}: {whole:.3f}")
        print(f"search_keystroke_ms_{label}: {search_ms(db):.1f}")
        print(f"rss_mb_{label}: {peak_rss_mb(db):.0f}")


if __name__ == "__main__":
    main()
