"""The stress scripts under tools/stress/ count what they claim to (their full runs are slow
and kept out of the suite; their figures are reported by hand)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tracker.db.enums import Stage
from tracker.domain.applications import ApplicationInput, change_stage, create_application
from tracker.domain.store import Store

STRESS = Path(__file__).resolve().parents[1] / "tools" / "stress"
sys.path.insert(0, str(STRESS))
from writer import lost  # noqa: E402 (a script folder, not a package)


def test_a_commit_missing_afterwards_is_counted_as_lost(
    store: Store, db_path: Path, tmp_path: Path
) -> None:
    first = create_application(store, ApplicationInput(company="A", role="R")).value
    second = create_application(store, ApplicationInput(company="B", role="R")).value
    change_stage(store, second, Stage.APPLIED)
    log = tmp_path / "writer.log"
    log.write_text(f"add {first}\nadd {second}\nmove {second}\nfull\n")
    assert lost(db_path, log) == 0
    with store.engine.begin() as connection:  # as if those commits had not survived
        connection.exec_driver_sql(
            f"UPDATE applications SET stage = 'wishlist' WHERE id = {second}"
        )
        connection.exec_driver_sql(f"DELETE FROM stage_changes WHERE application_id = {first}")
        connection.exec_driver_sql(f"DELETE FROM applications WHERE id = {first}")
    assert lost(db_path, log) == 2


def test_kill_nine_runs_and_reports_its_figures() -> None:
    result = subprocess.run(
        [
            sys.executable,
            str(STRESS / "kill_nine.py"),
            "--writer",
            "2",
            "--first-start",
            "0",
            "--demo",
            "0",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "writing process: kills 2, lost committed rows 0, bricked folders 0" in result.stdout
    assert "total: 2 kills, 0 problems" in result.stdout
