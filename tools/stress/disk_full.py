"""A full disk, at several amounts of space left: during a first start (plain and --demo), while
starting on an existing database, and while writing. Then the space comes back, and every later
start must work and every commit the writer got back must still be there.

The disk is a small tmpfs (Linux, as root: `mount -t tmpfs`), filled with a file that leaves
the chosen number of bytes free, so SQLite meets ENOSPC (SQLITE_FULL) as on a real full disk.
Freeing space is deleting that file. A start that fails must say so in words (exit code 2, no
traceback); it need not succeed while the disk is full.

    sudo QT_QPA_PLATFORM=offscreen .venv/bin/python tools/stress/disk_full.py
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ENV = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
APP = [sys.executable, "-m", "tracker"]
WRITER = Path(__file__).with_name("writer.py")
sys.path.insert(0, str(WRITER.parent))
from writer import committed, lost  # noqa: E402 (beside this script, not a package)

DISK = "32m"
FREE = (0, 4_096, 16_384, 65_536, 262_144, 1_048_576)  # bytes left when the start begins


@contextmanager
def small_disk() -> Iterator[Path]:
    mount = Path(tempfile.mkdtemp(prefix="jt-full-"))
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={DISK}", "tmpfs", str(mount)], check=True)
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=True)
        mount.rmdir()


def fill(mount: Path, free: int) -> Path:
    """Leave *free* bytes (rounded to pages) on the disk; the filler file, to delete later."""
    filler = mount / "filler"
    stat = os.statvfs(mount)
    size = max(0, stat.f_bavail * stat.f_frsize - free)
    with filler.open("wb") as out:
        chunk = b"\0" * 1_048_576
        while size > 0:
            try:
                size -= out.write(chunk[: min(size, len(chunk))])
            except OSError:
                break  # full already
    return filler


@dataclass
class Outcome:
    runs: int = 0
    refused: Counter[str] = field(default_factory=Counter)  # what a start said on a full disk
    tracebacks: int = 0
    failed_after: int = 0  # starts that failed once space was back: must be 0
    integrity: int = 0
    lost_rows: int = 0
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0


def start(data: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*APP, "--data-dir", str(data), "--self-test", *extra],
        env=ENV,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def said(result: subprocess.CompletedProcess[str]) -> str:
    """The start-up message's title (the line after "Job Tracker: "), or what ended it."""
    for line in result.stderr.splitlines():
        if line.startswith("Job Tracker: ") and "goes on without it" not in line:
            return line.removeprefix("Job Tracker: ")
    return f"exit {result.returncode}: {result.stderr.strip()[-200:]}"


def check_after(out: Outcome, data: Path, label: str, log: Path | None = None) -> None:
    """Space is back: the next start must work, the file pass its checks, no commit lost."""
    from tracker.db.backups import check_file

    again = start(data)
    if again.returncode != 0:
        out.failed_after += 1
        out.notes.append(f"{label}: the start after freeing space failed: {said(again)}")
    database = data / "tracker.db"
    if database.exists() and (problem := check_file(database)) is not None:
        out.integrity += 1
        out.notes.append(f"{label}: {problem}")
    if log is not None and database.exists():
        out.lost_rows += lost(database, log)


def note_start(out: Outcome, result: subprocess.CompletedProcess[str], label: str) -> None:
    out.runs += 1
    if "Traceback" in result.stderr:
        out.tracebacks += 1
        out.notes.append(f"{label}: a traceback: {result.stderr.strip()[-400:]}")
    out.refused["started" if result.returncode == 0 else said(result)] += 1


def starts(mount: Path, *, demo: bool = False, existing: bool = False) -> Outcome:
    """A start on a full disk: a first one (with --demo: filling the demo too), or one on a
    database made while there was room (the disk filled while the app was closed)."""
    out, began = Outcome(), time.monotonic()
    for free in FREE:
        data = mount / f"data-{free}"
        if existing:
            made = start(data, "--demo")
            assert made.returncode == 0, made.stderr
        filler = fill(mount, free)
        note_start(out, start(data, *(["--demo"] if demo else [])), f"free {free}")
        filler.unlink()
        check_after(out, data, f"free {free}")
        shutil.rmtree(data)
    out.seconds = time.monotonic() - began
    return out


def writing(mount: Path) -> Outcome:
    """The writer fills the disk itself (long notes), gets SQLITE_FULL 20 times, stops."""
    out, began = Outcome(), time.monotonic()
    for free in FREE[1:]:
        data, log = mount / f"used-{free}", mount.parent / f"{mount.name}-used-{free}.log"
        data.mkdir()
        log.touch()
        made = start(data, "--demo")
        assert made.returncode == 0, made.stderr
        filler = fill(mount, free)
        run = subprocess.run(
            [sys.executable, str(WRITER), str(data), str(log), "--until-full", "20"],
            env=ENV,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        out.runs += 1
        added, _ = committed(log)
        fulls = log.read_text().count("full\n")
        out.notes.append(f"free {free}: {len(added)} commits, then {fulls} refused on a full disk")
        if run.returncode != 0:  # the writer is this script's helper, not the app
            out.notes.append(f"free {free}: the writer ended: {run.stderr.strip()[-200:]}")
        filler.unlink()
        check_after(out, data, f"free {free}", log)
        log.unlink()
        shutil.rmtree(data)
    out.seconds = time.monotonic() - began
    return out


def report(name: str, out: Outcome) -> int:
    print(
        f"{name}: {out.runs} runs; after space came back: failed starts {out.failed_after}, "
        f"integrity failures {out.integrity}, lost committed rows {out.lost_rows}; "
        f"tracebacks {out.tracebacks} ({out.seconds:.0f} s)"
    )
    for what, count in sorted(out.refused.items()):
        print(f"  on the full disk: {what} x{count}")
    for note in out.notes:
        print(f"  {note}")
    return out.failed_after + out.integrity + out.lost_rows + out.tracebacks


def main() -> int:
    if os.geteuid() != 0:
        print("needs root (mount -t tmpfs)", file=sys.stderr)
        return 2
    print(f"disk: tmpfs of {DISK}, filled to leave {', '.join(map(str, FREE))} bytes free")
    with small_disk() as mount:
        bad = report("first start", starts(mount))
        bad += report("first start with --demo", starts(mount, demo=True))
        bad += report("start with a database already there", starts(mount, existing=True))
        bad += report("writing until the disk is full", writing(mount))
    print(f"problems: {bad}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
