"""`job-tracker backup`, `restore` and `check`: for scripts and for a window that will not open."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tracker.db.migrate import open_database
from tracker.domain.applications import ApplicationInput, create_application
from tracker.domain.store import Store


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tracker", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )


def companies(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return [r[0] for r in connection.execute("SELECT name FROM companies ORDER BY name")]
    finally:
        connection.close()


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    opened = open_database(folder / "tracker.db")
    create_application(Store(opened.engine), ApplicationInput(company="Northwind", role="Backend"))
    opened.engine.dispose()
    return folder


def test_backup_then_restore_brings_the_data_back(data: Path, tmp_path: Path) -> None:
    made = run_cli("backup", "--data-dir", str(data))
    assert made.returncode == 0, made.stderr
    backup = Path(made.stdout.strip().split(": ", 1)[1])
    assert backup.parent == data / "backups"
    opened = open_database(data / "tracker.db")
    create_application(Store(opened.engine), ApplicationInput(company="Kestrel", role="Backend"))
    opened.engine.dispose()
    restored = run_cli("restore", str(backup), "--data-dir", str(data))
    assert restored.returncode == 0, restored.stderr
    assert companies(data / "tracker.db") == ["Northwind"]
    assert "kept as" in restored.stdout
    kept = Path(restored.stdout.strip().rsplit("kept as ", 1)[1].rstrip("."))
    assert companies(kept) == ["Kestrel", "Northwind"]


def test_restore_waits_for_the_app_to_close(data: Path) -> None:
    (data / "job-tracker.lock").write_text(f"{os.getpid()}\npython\nhost\n")  # alive: this test
    backup = run_cli("backup", "--data-dir", str(data))
    path = backup.stdout.strip().split(": ", 1)[1]
    refused = run_cli("restore", path, "--data-dir", str(data))
    assert refused.returncode == 5
    assert "Close it first" in refused.stderr


def test_check_says_all_is_well_or_what_is_wrong(data: Path) -> None:
    good = run_cli("check", "--data-dir", str(data))
    assert good.returncode == 0
    assert "All is well" in good.stdout
    connection = sqlite3.connect(data / "tracker.db")
    connection.execute(
        "INSERT INTO stage_changes (application_id, to_stage, changed_at) "
        "VALUES (999, 'applied', '2026-01-01')"
    )
    connection.commit()
    connection.close()
    bad = run_cli("check", "--data-dir", str(data))
    assert bad.returncode == 1
    assert "job-tracker restore" in bad.stderr


def test_an_import_is_preceded_by_a_backup(data: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "jobs.csv"
    sheet.write_text("Company,Role\nAcme,Engineer\n", encoding="utf-8")
    done = run_cli("import", str(sheet), "--data-dir", str(data))
    assert done.returncode == 0, done.stderr
    made = list((data / "backups").glob("tracker-*-before-import.db"))
    assert len(made) == 1
    assert companies(made[0]) == ["Northwind"]
