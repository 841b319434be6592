"""`job-tracker backup [PATH]`, `job-tracker restore PATH`, `job-tracker check`.

For scripts, and for people whose window will not open: standard library only (no Qt, no
SQLAlchemy), so they work when nothing else does. Exit codes: 0 done or all is well; 1 the
check found problems; 3 a file cannot be used; 4 the database cannot be used; 5 the app is
running with this data folder (close it first).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from tracker import APP_NAME
from tracker.db.backups import BackupError, check_file, restore, take_backup
from tracker.paths import AppPaths

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_FILE = 3
EXIT_DATABASE = 4
EXIT_RUNNING = 5
LOCK_NAME = "job-tracker.lock"  # as tracker.ui.instance writes it


def _say(message: str) -> None:
    print(f"{APP_NAME}: {message}", file=sys.stderr)


def app_is_running(paths: AppPaths) -> bool:
    """Whether a live process holds the app's lock on this data folder (on this computer)."""
    try:
        pid = int((paths.data_dir / LOCK_NAME).read_text(encoding="utf-8").split()[0])
    except (OSError, ValueError, IndexError):
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False  # left by a process that is gone
    except PermissionError:
        return True  # it exists, under another user
    except OSError:
        return False
    return True


def backup(paths: AppPaths, folder: str | None) -> int:
    if not paths.database.exists():
        _say(f"There is no database in {paths.data_dir} yet, so there is nothing to back up.")
        return EXIT_DATABASE
    target = Path(folder).expanduser() if folder else paths.data_dir / "backups"
    try:
        made = take_backup(paths.database, target, reason="manual")
    except BackupError as exc:
        _say(str(exc))
        return EXIT_DATABASE
    except OSError as exc:
        _say(f"{target} cannot be used ({exc.strerror or exc}).")
        return EXIT_FILE
    print(f"Backed up and checked: {made.path}")
    return EXIT_OK


def restore_backup(paths: AppPaths, source: str) -> int:
    if app_is_running(paths):
        _say(f"Job Tracker is open with {paths.data_dir}. Close it first, then restore.")
        return EXIT_RUNNING
    backup_file = Path(source).expanduser()
    if not backup_file.is_file():
        _say(f"{backup_file} is not a file.")
        return EXIT_FILE
    try:
        kept = restore(backup_file, paths.database, paths.data_dir / "backups")
    except BackupError as exc:
        _say(str(exc))
        return EXIT_FILE
    print(f"Restored {backup_file.name}. What was there before is kept as {kept}.")
    return EXIT_OK


def check(paths: AppPaths) -> int:
    if not paths.database.exists():
        _say(f"There is no database in {paths.data_dir} yet.")
        return EXIT_DATABASE
    problem = check_file(paths.database)
    if problem is None:
        print(f"All is well: {paths.database} passed the integrity and link checks.")
        return EXIT_OK
    _say(
        f"{paths.database} has a problem: {problem}. Nothing was changed. Restore a backup "
        f"with `job-tracker restore PATH` (backups are in {paths.data_dir / 'backups'})."
    )
    return EXIT_PROBLEMS
