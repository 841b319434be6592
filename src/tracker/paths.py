"""Where the app keeps its files: resolved once, created only when asked."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from tracker import APP_ID

DATA_DIR_ENV = "JOB_TRACKER_DATA_DIR"
DATABASE_NAME = "tracker.db"
PRIVATE_DIR = 0o700


@dataclass(frozen=True)
class AppPaths:
    data_dir: Path
    log_dir: Path
    # Qt's settings (window geometry and the like) as an INI file here; None: the platform's
    # usual place. A chosen data folder keeps them inside it.
    settings_dir: Path | None = None

    @property
    def database(self) -> Path:
        return self.data_dir / DATABASE_NAME

    @property
    def log_file(self) -> Path:
        return self.log_dir / "job-tracker.log"


def resolve(data_dir: str | os.PathLike[str] | None = None) -> AppPaths:
    """The folders to use: --data-dir, else $JOB_TRACKER_DATA_DIR, else the platform's.

    A chosen data folder keeps its log and settings inside it, so tests, demos and portable
    set-ups never write into the real user folders.
    """
    chosen = data_dir or os.environ.get(DATA_DIR_ENV)
    if chosen:
        base = Path(chosen).expanduser().resolve()
        return AppPaths(data_dir=base, log_dir=base / "logs", settings_dir=base / "settings")
    import platformdirs

    return AppPaths(
        data_dir=Path(platformdirs.user_data_dir(APP_ID, appauthor=False)),
        log_dir=Path(platformdirs.user_log_dir(APP_ID, appauthor=False)),
    )


def ensure_private_dir(path: Path) -> None:
    """Create *path* (and parents) user-only; raise OSError when it cannot be written."""
    if not path.exists():
        path.mkdir(parents=True, mode=PRIVATE_DIR)
        os.chmod(path, PRIVATE_DIR)  # mkdir's mode is filtered by the umask
    if not path.is_dir():
        raise NotADirectoryError(f"{path} is not a folder")
    if not os.access(path, os.W_OK | os.X_OK):
        raise PermissionError(f"{path} is not writable")


def private_log_handler(log_file: Path) -> logging.FileHandler:
    """A handler appending to *log_file*, created readable by the user only (it may quote data)."""
    os.close(os.open(log_file, os.O_CREAT | os.O_APPEND | os.O_WRONLY, 0o600))
    os.chmod(log_file, 0o600)
    return logging.FileHandler(log_file, encoding="utf-8")
