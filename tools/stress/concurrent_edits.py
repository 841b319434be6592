"""Two processes edit one application 500 times each; count the edits that were silently lost.

Each process reads the notes and their version, appends its own token, and saves with that
version (as the detail form does). A refused save (ConflictError) is re-read and retried. At
the end every token a process saw saved must be in the notes: a missing one is a lost update.

    .venv/bin/python tools/stress/concurrent_edits.py [ATTEMPTS_PER_PROCESS]
"""

from __future__ import annotations

import multiprocessing
import sys
import tempfile
from dataclasses import replace
from pathlib import Path


def worker(path: str, name: str, attempts: int, results: multiprocessing.Queue[object]) -> None:
    from tracker.db.engine import make_sqlite_engine
    from tracker.domain.applications import get_application_version, update_application
    from tracker.domain.errors import ConflictError
    from tracker.domain.store import Store

    store = Store(make_sqlite_engine(Path(path)))
    saved: list[str] = []
    conflicts = 0
    for i in range(attempts):
        token = f"{name}{i};"
        while True:
            data, version = get_application_version(store, 1)
            try:
                notes = (data.notes or "") + token
                update_application(store, 1, replace(data, notes=notes), version)
            except ConflictError:
                conflicts += 1
                continue
            saved.append(token)
            break
    results.put((name, saved, conflicts))


def main(attempts: int) -> int:
    from tracker.db.migrate import open_database
    from tracker.domain.applications import ApplicationInput, create_application, get_application
    from tracker.domain.store import Store

    folder = Path(tempfile.mkdtemp(prefix="jt-stress-"))
    path = folder / "tracker.db"
    opened = open_database(path)
    store = Store(opened.engine)
    create_application(store, ApplicationInput(company="Northwind", role="Backend"))
    results: multiprocessing.Queue[object] = multiprocessing.Queue()
    processes = [
        multiprocessing.Process(target=worker, args=(str(path), name, attempts, results))
        for name in ("a", "b")
    ]
    for process in processes:
        process.start()
    reports = [results.get() for _ in processes]
    for process in processes:
        process.join()
    notes = get_application(store, 1).notes or ""
    saved = [token for _, tokens, _ in reports for token in tokens]  # type: ignore[misc]
    conflicts = sum(c for _, _, c in reports)  # type: ignore[misc]
    lost = [token for token in saved if token not in notes]
    print(f"edit_attempts: {2 * attempts}")
    print(f"saves: {len(saved)}")
    print(f"refused_as_conflicts_then_retried: {conflicts}")
    print(f"silent_lost_updates: {len(lost)}")
    return 1 if lost else 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 500))
