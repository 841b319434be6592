"""The entry point run as a person would: a separate process against a prepared data folder."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tracker import __version__
from tracker.db.migrate import open_database
from tracker.domain.applications import ApplicationInput, create_application
from tracker.domain.store import Store


def run_app(
    *args: str, env_extra: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env_extra or {})}
    return subprocess.run(
        [sys.executable, "-m", "tracker", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def make_database(folder: Path, applications: int = 1) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "tracker.db"
    opened = open_database(path)
    store = Store(opened.engine)
    for i in range(applications):
        create_application(store, ApplicationInput(company=f"Company {i}", role="Engineer"))
    opened.engine.dispose()
    return path


def test_version_prints_and_exits() -> None:
    result = run_app("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"Job Tracker {__version__}"


def test_data_dir_that_is_a_file_is_refused(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("my notes")
    result = run_app("--data-dir", str(blocker))
    assert result.returncode == 2
    assert "The data folder cannot be used" in result.stderr
    assert "--data-dir" in result.stderr
    assert blocker.read_text() == "my notes"


def test_data_dir_below_a_file_is_refused(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run_app("--data-dir", str(blocker / "data"))
    assert result.returncode == 2
    assert "The data folder cannot be used" in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to any folder")
def test_read_only_data_dir_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o500)
    result = run_app("--data-dir", str(folder))
    assert result.returncode == 2
    assert "cannot be used" in result.stderr


def test_newer_database_is_refused_and_untouched(tmp_path: Path) -> None:
    path = make_database(tmp_path / "data")
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffff_from_the_future'")
    conn.close()
    before = path.read_bytes()
    result = run_app("--data-dir", str(path.parent))
    assert result.returncode == 2
    assert result.stderr.count("newer version of Job Tracker") == 1  # said once, not twice
    assert path.read_bytes() == before
    assert not list(path.parent.glob("tracker.db.before-*"))


def test_file_that_is_not_a_database_is_refused_and_untouched(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "tracker.db"
    path.write_bytes(b"Dear diary, today I applied to three jobs.\n" * 100)
    before = path.read_bytes()
    result = run_app("--data-dir", str(folder))
    assert result.returncode == 2
    assert "not a Job Tracker database" in result.stderr
    assert path.read_bytes() == before


def test_damaged_database_is_refused_and_untouched(tmp_path: Path) -> None:
    path = make_database(tmp_path / "data", applications=200)
    data = bytearray(path.read_bytes())
    page = 4096
    assert len(data) > 4 * page
    data[3 * page + 100 : 3 * page + 900] = b"\xff" * 800  # scribble over a b-tree page
    path.write_bytes(bytes(data))
    result = run_app("--data-dir", str(path.parent))
    assert result.returncode == 2
    assert "damaged" in result.stderr or "cannot be read" in result.stderr
    assert path.read_bytes() == bytes(data)


def test_demo_on_a_database_with_data_refuses(tmp_path: Path) -> None:
    path = make_database(tmp_path / "data", applications=2)
    result = run_app("--data-dir", str(path.parent), "--demo", "--self-test")
    assert result.returncode == 3
    assert "already holds data" in result.stderr
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM applications").fetchone() == (2,)
        assert conn.execute("SELECT count(*) FROM contacts").fetchone() == (0,)
    conn.close()


def test_demo_self_test_on_a_new_folder(tmp_path: Path) -> None:
    folder = tmp_path / "fresh" / "data"
    home = tmp_path / "home"
    config = tmp_path / "config"
    config.mkdir()
    result = run_app(
        "--data-dir",
        str(folder),
        "--demo",
        "--self-test",
        env_extra={"HOME": str(home), "XDG_CONFIG_HOME": str(config)},
    )
    assert result.returncode == 0, result.stderr
    # Nothing is written outside the data folder: not the user's config, not ~/.config.
    assert list(config.iterdir()) == []
    assert not (home / ".config").exists()
    # The window kept its geometry in an INI file inside the data folder instead.
    (ini,) = (folder / "settings").rglob("*.ini")
    assert "geometry" in ini.read_text(encoding="utf-8")
    assert "all is well" in result.stdout
    assert "15 applications shown" in result.stdout
    assert (folder.stat().st_mode & 0o777) == 0o700
    assert ((folder / "tracker.db").stat().st_mode & 0o777) == 0o600
    assert ((folder / "logs" / "job-tracker.log").stat().st_mode & 0o777) == 0o600


def test_environment_variable_chooses_the_data_dir(tmp_path: Path) -> None:
    folder = tmp_path / "from-env"
    config = tmp_path / "config"
    result = run_app(
        "--self-test",
        env_extra={"JOB_TRACKER_DATA_DIR": str(folder), "XDG_CONFIG_HOME": str(config)},
    )
    assert result.returncode == 0, result.stderr
    assert str(folder / "tracker.db") in result.stdout
    assert (folder / "tracker.db").exists()
    assert [p.name for p in (folder / "settings").rglob("*.ini")] == ["Job Tracker.ini"]
    assert not config.exists()
