"""`make bench`: the time each Insights figure takes over 100,000 applications.

Builds (once, with a fixed seed, kept under .bench/) a database whose history looks like a
long search: applications from several sources over two years, each moved along its own
path through the stages, interviews for those that got that far, and debriefs for about a
third of the rejections. Printed for people, never asserted by the test suite.
"""

from __future__ import annotations

import json
import random
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from tracker.db.enums import DebriefPath, InterviewKind, Stage
from tracker.db.fileinfo import inspect_file
from tracker.db.migrate import open_database
from tracker.db.models import Application, Company, Interview, RejectionDebrief, StageChange
from tracker.domain.insights import (
    Scope,
    applications_sent,
    funnel,
    rejections_by_stage,
    response_by_role,
    response_by_source,
    sources,
    time_in_stage,
    weak_interview_kinds,
    weekly_activity,
)
from tracker.domain.store import Store

HERE = Path(__file__).resolve().parent
CACHE = HERE.parent / ".bench"
SIZE = 100_000
RUNS = 5
TODAY = date(2026, 11, 26)
SOURCES = ["Job board", "LinkedIn", "Referral", "Recruiter", "Company website", None]
ROLES = ["Backend Engineer", "Data Engineer", "Platform Engineer", "Frontend Developer",
         "Engineering Manager", "Staff Engineer", "Python Developer", "Analyst"]  # fmt: skip
S = Stage


def _path(rnd: random.Random) -> list[Stage]:
    """Where one application went: most stop early, a few go all the way."""
    path = [S.WISHLIST, S.APPLIED] if rnd.random() < 0.3 else [S.APPLIED]
    for step in (S.SCREENING, S.INTERVIEWING, S.OFFER, S.ACCEPTED):
        if rnd.random() < 0.45:
            path.append(step)
            continue
        ending = rnd.choices([S.REJECTED, S.GHOSTED, S.WITHDRAWN, None], [5, 4, 1, 2])[0]
        if ending is not None:
            path.append(ending)
        break
    return path


def generate(target: Path, size: int, seed: int = 20261202) -> None:
    rnd = random.Random(seed)
    opened = open_database(target)
    companies = max(10, size // 4)
    apps, changes, interviews, debriefs = [], [], [], []
    interview_id = 0
    for i in range(1, size + 1):
        path = _path(rnd)
        sent = TODAY - timedelta(days=rnd.randint(0, 730))
        moment = datetime.combine(sent, datetime.min.time(), UTC) + timedelta(hours=9)
        apps.append({
            "id": i, "company_id": rnd.randint(1, companies), "role": rnd.choice(ROLES),
            "source": rnd.choice(SOURCES), "stage": path[-1], "applied_on": sent,
            "found_on": sent - timedelta(days=2), "created_at": moment,
            "updated_at": moment, "stage_changed_at": moment,
        })  # fmt: skip
        previous: Stage | None = None
        mine: list[int] = []
        for stage in path:
            changes.append({"application_id": i, "from_stage": previous, "to_stage": stage,
                            "changed_at": moment})  # fmt: skip
            if stage in (S.SCREENING, S.INTERVIEWING):
                interview_id += 1
                mine.append(interview_id)
                interviews.append({
                    "id": interview_id, "application_id": i, "round": len(mine),
                    "kind": rnd.choice(list(InterviewKind)),
                    "starts_at": moment + timedelta(days=2),
                    "self_assessment": rnd.randint(1, 5),
                })  # fmt: skip
            previous = stage
            moment += timedelta(days=rnd.randint(1, 20), hours=rnd.randint(0, 8))
        if path[-1] is S.REJECTED and rnd.random() < 0.35:
            weak = [n for n in mine if rnd.random() < 0.4]
            debriefs.append({"application_id": i, "path": DebriefPath.FLIGHT,
                             "answers": json.dumps({"weak_interview_ids": weak})})  # fmt: skip
    with opened.engine.begin() as conn:
        conn.execute(
            insert(Company), [{"id": n, "name": f"Company {n}"} for n in range(1, companies + 1)]
        )
        conn.execute(insert(Application), apps)
        conn.execute(insert(StageChange), changes)
        conn.execute(insert(Interview), interviews)
        conn.execute(insert(RejectionDebrief), debriefs)
    opened.engine.dispose()


def cached(size: int) -> Path:
    target = CACHE / f"insights-{size}" / "tracker.db"
    if target.exists() and not inspect_file(target).current:
        # Made before a schema change: time the figures on today's tables and indexes.
        print(f"the stored database of {size:,} is from an older schema; building it again")
        shutil.rmtree(target.parent)
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        print(f"building a database of {size:,} applications (once)…", flush=True)
        generate(partial, size)
        partial.rename(target)
    return target


def main() -> None:
    size = int(sys.argv[1]) if len(sys.argv) > 1 else SIZE
    opened = open_database(cached(size))
    store = Store(opened.engine)
    every = Scope(TODAY)
    recent = Scope(TODAY, days=90)
    one = Scope(TODAY, days=90, source="Referral")
    figures: list[tuple[str, Callable[[], object]]] = [
        ("applications sent", lambda: applications_sent(store)),
        ("sources", lambda: sources(store)),
        ("funnel, all", lambda: funnel(store, every)),
        ("funnel, 90 days, one source", lambda: funnel(store, one)),
        ("response by source, all", lambda: response_by_source(store, every)),
        ("response by role, all", lambda: response_by_role(store, every)),
        ("time in stage, all", lambda: time_in_stage(store, every)),
        ("time in stage, 90 days", lambda: time_in_stage(store, recent)),
        ("rejections by stage, all", lambda: rejections_by_stage(store, every)),
        ("weak interview kinds, all", lambda: weak_interview_kinds(store, every)),
        ("weekly activity, all", lambda: weekly_activity(store, every)),
        ("weekly activity, 90 days", lambda: weekly_activity(store, recent)),
    ]
    print(f"Insights over {size:,} applications (median of {RUNS} runs, warm cache)")
    print("  (cpu: time this process spent computing; wall time grows when the machine is busy)")
    slowest = 0.0
    for name, figure in figures:
        figure()  # warm the page cache and SQLAlchemy's statement cache
        runs, cpu = [], []
        for _ in range(RUNS):
            started, started_cpu = time.perf_counter(), time.process_time()
            figure()
            runs.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
        median = statistics.median(runs) * 1000
        slowest = max(slowest, median)
        print(f"  {name:<30} {median:7.1f} ms   (cpu {statistics.median(cpu) * 1000:6.1f} ms)")
    print(f"  {'slowest':<30} {slowest:7.1f} ms   (goal: under 200 ms)")
    opened.engine.dispose()


if __name__ == "__main__":
    main()
