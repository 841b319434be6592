"""A process that writes through the domain as the app does, logging each commit it got back.

    python tools/stress/writer.py DATA_DIR LOG [--until-full N]

It opens the folder the app's way (create, or check and upgrade), then adds applications (some
with long notes, which spill to new pages) and moves every third to Applied, forever. Each
line of LOG ("add ID", "move ID") is written only after that commit returned: a line whose row
is missing from the database afterwards is a lost committed row. With --until-full N it stops
after N writes in a row failed on a full disk (each one logged as "full").
"""

from __future__ import annotations

import os
import random
import sys
import time
from contextlib import suppress
from pathlib import Path


def write(data: Path, log: Path, until_full: int | None = None) -> None:
    from tracker.db.enums import Stage
    from tracker.db.migrate import open_database
    from tracker.db.problems import Problem, problem_of
    from tracker.domain.applications import ApplicationInput, change_stage, create_application
    from tracker.domain.store import Store

    store = Store(open_database(data / "tracker.db").engine)
    out = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    rng = random.Random(os.getpid())
    number, failed = 0, 0
    while until_full is None or failed < until_full:
        number += 1
        notes = "n" * rng.choice((0, 100, 3000, 15_000))
        try:
            made = create_application(
                store, ApplicationInput(company=f"C{os.getpid()}-{number}", role="R", notes=notes)
            ).value
            os.write(out, f"add {made}\n".encode())  # only once the commit has returned
            if number % 3 == 0:
                change_stage(store, made, Stage.APPLIED)
                os.write(out, f"move {made}\n".encode())
            failed = 0
        except Exception as exc:
            if until_full is None or problem_of(exc) is not Problem.DISK_FULL:
                raise
            failed += 1
            os.write(out, b"full\n")
            time.sleep(0.01)
    with suppress(Exception):  # folding the WAL back in needs space too: as on the app's quit
        store.close()


def committed(log: Path) -> tuple[set[int], set[int]]:
    """The ids the writer saw committed: added, and moved to Applied."""
    added: set[int] = set()
    moved: set[int] = set()
    for line in log.read_text().splitlines():
        kind, _, number = line.partition(" ")
        if number.isdigit():
            (added if kind == "add" else moved).add(int(number))
    return added, moved


def lost(database: Path, log: Path) -> int:
    """Commits the writer got back that the database no longer holds."""
    import sqlite3

    added, moved = committed(log)
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        stages = dict(connection.execute("SELECT id, stage FROM applications"))
    finally:
        connection.close()
    missing = {i for i in added if i not in stages}
    unmoved = {i for i in moved if stages.get(i) != "applied"}
    return len(missing | unmoved)


if __name__ == "__main__":
    until = int(sys.argv[4]) if sys.argv[3:4] == ["--until-full"] else None
    write(Path(sys.argv[1]), Path(sys.argv[2]), until)
