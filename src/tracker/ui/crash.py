"""Unexpected errors: written to the log file and shown to the person, never swallowed."""

from __future__ import annotations

import logging
import os
import sys
from contextlib import suppress
from pathlib import Path
from types import TracebackType

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from tracker.db.problems import problem_of, while_running
from tracker.paths import ensure_private_dir, private_log_handler

log = logging.getLogger("tracker.crash")

CRASH_TITLE = "Something went wrong"
HEADLESS_PLATFORMS = frozenset({"offscreen", "minimal"})

_showing = False  # an error raised while the crash dialog is open must not stack another


def can_show_dialogs() -> bool:
    """A dialog nobody can see (offscreen, minimal) would block forever, so do not show one."""
    app = QApplication.instance()
    return isinstance(app, QApplication) and QGuiApplication.platformName() not in (
        HEADLESS_PLATFORMS
    )


def crash_message(log_file: Path | None) -> str:
    details = (
        f"Details were written to {log_file}."
        if log_file is not None
        else "The details could not be written to the log file."
    )
    return (
        "Job Tracker hit an unexpected problem. Your saved data is safe; the last change may "
        f"not have been saved. {details}"
    )


def crash_dialog(error: BaseException, log_file: Path | None) -> tuple[str, str]:
    """The title and text shown for an error nobody caught: plain words for a full disk or
    a file another program holds, else the general message."""
    words = while_running(problem_of(error))
    if words is None:
        return CRASH_TITLE, crash_message(log_file)
    return words


def _log_to(
    log_file: Path, exc_info: tuple[type[BaseException], BaseException, TracebackType | None]
) -> bool:
    """Log the traceback so it lands in *log_file*, whether or not logging was set up for it."""
    wanted = os.path.abspath(log_file)
    logger: logging.Logger | None = log
    while logger is not None:
        for handler in logger.handlers:
            if isinstance(handler, logging.FileHandler) and handler.baseFilename == wanted:
                return _logged_through(handler, exc_info)
        logger = logger.parent if logger.propagate else None
    try:
        ensure_private_dir(log_file.parent)
        handler = private_log_handler(log_file)
    except OSError:
        log.critical("Unexpected error", exc_info=exc_info)  # reaches stderr at least
        return False
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    # Opened for this one record: crashes are rare and a lingering handle would leak.
    log.addHandler(handler)
    try:
        return _logged_through(handler, exc_info)
    finally:
        log.removeHandler(handler)
        with suppress(OSError):  # what a full disk refused is still waiting to be written
            handler.close()


def _logged_through(
    handler: logging.Handler,
    exc_info: tuple[type[BaseException], BaseException, TracebackType | None],
) -> bool:
    """Log the error; whether *handler* really wrote it (a full disk makes it fail quietly:
    logging reports a failed write to handleError and carries on)."""
    failed: list[logging.LogRecord] = []
    handler.handleError = failed.append  # type: ignore[method-assign,assignment]
    try:
        log.critical("Unexpected error", exc_info=exc_info)
    finally:
        del handler.handleError  # the class's own again
    return not failed


def install_excepthook(log_file: Path) -> None:
    """Route uncaught exceptions (including ones raised in Qt slots) to the log and a dialog."""

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        from PySide6.QtWidgets import QMessageBox  # loaded when there is something to say

        global _showing
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        written = _log_to(log_file, (kind, error, tb))
        if _showing or not can_show_dialogs() or getattr(error, "shown", False):
            return
        _showing = True
        try:
            QMessageBox.critical(
                QApplication.activeWindow(), *crash_dialog(error, log_file if written else None)
            )
        finally:
            _showing = False

    sys.excepthook = hook


def _display_possible() -> bool:
    # Without a display, creating a QApplication aborts the process on Linux.
    if not sys.platform.startswith("linux"):
        return True
    return any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def dialog_app_ready() -> bool:
    """Make the application object if there is none and a screen to show on; whether a
    dialog can be shown now (start-up asks before its window exists)."""
    if QApplication.instance() is None:
        if not _display_possible():
            return False
        QApplication(sys.argv[:1])
    return can_show_dialogs()


def show_startup_error(title: str, message: str) -> None:
    """Tell the person why the app cannot start (the caller has already printed it)."""
    from PySide6.QtWidgets import QMessageBox

    if dialog_app_ready():
        QMessageBox.critical(None, title, message)
