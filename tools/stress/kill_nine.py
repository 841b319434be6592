"""kill -9 at random moments: of a process writing through the domain, and of the app itself
during its first start and during `--demo`. After every kill the next start must work and the
file must pass SQLite's checks; the writer's every commit it got back must still be there.

The writer logs each commit only after the commit has returned, so a row in the log and not
in the database is a lost committed row. "Bricked" means the next start failed: for the
writer, the app's own way of opening a folder (inspect, check, open or create, upgrade); for
the app, a real `--self-test` start.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/stress/kill_nine.py \
        [--writer N] [--first-start N] [--demo N] [--seed S]
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ENV = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
APP = [sys.executable, "-m", "tracker"]
WRITER = Path(__file__).with_name("writer.py")
sys.path.insert(0, str(WRITER.parent))
from writer import committed, lost  # noqa: E402 (beside this script, not a package)


@dataclass
class Tally:
    kills: int = 0
    lost_rows: int = 0
    bricked: int = 0
    integrity_failures: int = 0
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    moments: Counter[str] = field(default_factory=Counter)  # how far a start had got

    def line(self, name: str) -> str:
        return (
            f"{name}: kills {self.kills}, lost committed rows {self.lost_rows}, bricked folders "
            f"{self.bricked}, integrity failures {self.integrity_failures} "
            f"({self.seconds:.0f} s)"
        )


def next_start_in_process(data: Path) -> str | None:
    """Open the folder as start-up does; None when it works, else why not."""
    from tracker.db.fileinfo import StartupError
    from tracker.db.migrate import open_database

    try:
        opened = open_database(data / "tracker.db")
    except StartupError as exc:
        return f"{exc.title}: {exc.message}"
    opened.engine.dispose()
    return None


def integrity(database: Path) -> str | None:
    from tracker.db.backups import check_file

    return check_file(database) if database.exists() else None


def kill_writer(rounds: int, rng: random.Random, base: Path) -> Tally:
    tally = Tally()
    data, log = base / "writer", base / "writer.log"
    data.mkdir()
    log.touch()
    started = time.monotonic()
    for number in range(rounds):
        process = subprocess.Popen(
            [sys.executable, str(WRITER), str(data), str(log)],
            env=ENV,
            stderr=subprocess.PIPE,
        )
        # Early kills land in the first start (the new file); later ones among commits.
        time.sleep(rng.uniform(0.0, 3.0) if number else 0.3)
        process.send_signal(signal.SIGKILL)
        _, err = process.communicate()
        if process.returncode != -signal.SIGKILL:
            tally.notes.append(f"writer {number}: ended by itself: {err.decode()[-300:]}")
        tally.kills += 1
        problem = next_start_in_process(data)
        if problem is not None:
            tally.bricked += 1
            tally.notes.append(f"writer {number}: next start failed: {problem}")
            continue
        damage = integrity(data / "tracker.db")
        if damage is not None:
            tally.integrity_failures += 1
            tally.notes.append(f"writer {number}: {damage}")
        tally.lost_rows = lost(data / "tracker.db", log)  # cumulative: every commit so far
    tally.seconds = time.monotonic() - started
    added, _ = committed(log)
    tally.notes.append(f"writer: {len(added)} committed applications checked after every kill")
    return tally


def time_to_window(data: Path, demo: bool) -> float:
    """Seconds from launch to the window shown, for one start like the ones to be killed."""
    began = time.monotonic()
    process = subprocess.Popen(
        [*APP, "--data-dir", str(data), *(["--demo"] if demo else [])],
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    log = data / "logs" / "job-tracker.log"
    while not (log.exists() and "Window shown" in log.read_text(errors="replace")):
        time.sleep(0.02)
        if time.monotonic() - began > 60:
            break
    took = time.monotonic() - began
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=60)
    return took


def moment(data: Path, demo: bool) -> str:
    """How far the start had got when it was killed."""
    import sqlite3

    log = data / "logs" / "job-tracker.log"
    if log.exists() and "Window shown" in log.read_text(errors="replace"):
        return "window shown"
    database = data / "tracker.db"
    if not database.exists():
        building = data / "tracker.db.new"
        return "building the new file" if building.exists() else "before the database"
    if not demo:
        return "database made, window not yet shown"
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        count = connection.execute("SELECT count(*) FROM applications").fetchone()[0]
    finally:
        connection.close()
    return "demo added, window not yet shown" if count else "database made, demo not yet added"


def kill_app(rounds: int, rng: random.Random, base: Path, *, demo: bool) -> Tally:
    """Kill the app at a random moment of a first start (with --demo: of filling the demo)."""
    import sqlite3

    tally = Tally()
    started = time.monotonic()
    kind = "demo" if demo else "first"
    if not rounds:
        return tally
    timed = sorted(time_to_window(base / f"{kind}-timed-{n}", demo) for n in range(3))
    span = timed[1]  # the median start: kills land all through one, a few just after
    took = ", ".join(f"{t:.1f}" for t in timed)
    tally.notes.append(f"kills spread over {span:.1f} s (3 starts took {took} s)")
    for number in range(rounds):
        data = base / f"{'demo' if demo else 'first'}-{number}"
        process = subprocess.Popen(
            [*APP, "--data-dir", str(data), *(["--demo"] if demo else [])],
            env=ENV,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.0, span))
        process.send_signal(signal.SIGKILL)
        process.wait()
        tally.kills += 1
        tally.moments[moment(data, demo)] += 1
        again = subprocess.run(
            [*APP, "--data-dir", str(data), "--self-test"],
            env=ENV,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        if again.returncode != 0:
            tally.bricked += 1
            tally.notes.append(
                f"app {number}: next start exited {again.returncode}: {again.stderr.strip()[-300:]}"
            )
        damage = integrity(data / "tracker.db")
        if damage is not None:
            tally.integrity_failures += 1
            tally.notes.append(f"app {number}: {damage}")
        if demo and (data / "tracker.db").exists():
            connection = sqlite3.connect(data / "tracker.db")
            count = connection.execute("SELECT count(*) FROM applications").fetchone()[0]
            connection.close()
            if count not in (0, 15):  # the demo is one transaction: all of it or none
                tally.lost_rows += 1
                tally.notes.append(f"app {number}: a demo half there ({count} applications)")
    tally.seconds = time.monotonic() - started
    return tally


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--writer", type=int, default=110, help="kills of the writing process")
    parser.add_argument("--first-start", type=int, default=50, help="kills of a first start")
    parser.add_argument("--demo", type=int, default=50, help="kills during --demo")
    parser.add_argument("--seed", type=int, default=10)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="jt-kill-") as folder:
        base = Path(folder)
        tallies = {
            "writing process": kill_writer(args.writer, rng, base),
            "app, first start": kill_app(args.first_start, rng, base, demo=False),
            "app, --demo": kill_app(args.demo, rng, base, demo=True),
        }
    bad = 0
    for name, tally in tallies.items():
        print(tally.line(name))
        for where, count in tally.moments.most_common():
            print(f"  killed {where}: {count}")
        for note in tally.notes:
            print(f"  {note}")
        bad += tally.lost_rows + tally.bricked + tally.integrity_failures
    total = sum(t.kills for t in tallies.values())
    print(f"total: {total} kills, {bad} problems, seed {args.seed}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
