"""Where the app keeps its files: resolved once, created only when asked."""

from __future__ import annotations

import io
import logging
import os
import stat
import sys
from pathlib import Path
from typing import NamedTuple

from tracker import APP_ID

DATA_DIR_ENV = "JOB_TRACKER_DATA_DIR"
DATABASE_NAME = "tracker.db"
PRIVATE_DIR = 0o700
O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)  # not on Windows, where links need privileges


class AppPaths(NamedTuple):
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
    """Create *path* (and parents) user-only; raise OSError when it cannot be written.

    An existing folder that others can read is tightened to user-only, and that is logged
    once (the next start finds it private).
    """
    if not path.exists():
        path.mkdir(parents=True, mode=PRIVATE_DIR)
        os.chmod(path, PRIVATE_DIR)  # mkdir's mode is filtered by the umask
    if not path.is_dir():
        raise NotADirectoryError(f"{path} is not a folder")
    if not os.access(path, os.W_OK | os.X_OK):
        raise PermissionError(f"{path} is not writable")
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        os.chmod(path, PRIVATE_DIR)
        logging.getLogger("tracker").warning(
            "%s could be read by other users of this computer; it is now private to you.", path
        )


class PrivateLogHandler(logging.FileHandler):
    """Appends to the log, created readable by the user only (it may quote data).

    The file is opened without following a symbolic link, so a link planted in its place
    cannot send the log somewhere else (opening then fails with OSError).
    """

    said_full = False  # a log that cannot be written is said once, not with a traceback

    def handleError(self, record: logging.LogRecord) -> None:
        if not isinstance(sys.exc_info()[1], OSError):
            super().handleError(record)
            return
        if not self.said_full:
            self.said_full = True
            print(
                f"Job Tracker: the log {self.baseFilename} cannot be written "
                f"({sys.exc_info()[1]}); the app goes on without it.",
                file=sys.stderr,
            )

    def _open(self) -> io.TextIOWrapper:
        flags = os.O_CREAT | os.O_APPEND | os.O_WRONLY | O_NOFOLLOW
        fd = os.open(self.baseFilename, flags, 0o600)
        try:
            if hasattr(os, "fchmod"):  # Unix; on Windows the mode above is all there is
                os.fchmod(fd, 0o600)
            return os.fdopen(fd, "a", encoding=self.encoding, errors=self.errors)
        except BaseException:
            os.close(fd)
            raise


def private_log_handler(log_file: Path) -> logging.FileHandler:
    """A handler appending to *log_file* (see PrivateLogHandler); opens it now."""
    return PrivateLogHandler(log_file, encoding="utf-8")
