"""Start-up trouble a person can resolve from a dialog instead of being turned away.

A damaged file: the newest backup that passes its check is offered; restoring it keeps the
damaged file whole under a new name and start-up carries on with the backup. A file another
program holds, or a full disk: "Try again" once they have dealt with it. Anything else, or no
screen to ask on, is said as before (stderr, a dialog, exit code 2).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from enum import Enum
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from tracker.db.backups import (
    Backup,
    BackupError,
    application_count,
    aside_name,
    newest_sound_backup,
    restore_damaged,
)
from tracker.db.fileinfo import StartupError
from tracker.db.problems import Problem
from tracker.ui.common.dates import format_moment
from tracker.ui.common.text import plain
from tracker.ui.crash import dialog_app_ready

log = logging.getLogger(__name__)

DAMAGED_TITLE = "Your data file is damaged"


class Outcome(Enum):
    AGAIN = "again"  # start again: a backup is in place, or the person dealt with it
    QUIT = "quit"  # they saw the problem in a dialog and chose Quit


class ChoiceDialog(QDialog):
    """One paragraph and two buttons: go ahead (the default) or quit."""

    def __init__(
        self, title: str, text: str, go: str, parent: QWidget | None = None, stop: str = "Quit"
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size)
        )
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.text = plain(QLabel(text))  # paths may hold anything: shown as they are
        self.text.setWordWrap(True)
        self.text.setMinimumWidth(480)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox()
        self.go_button = buttons.addButton(go, QDialogButtonBox.ButtonRole.AcceptRole)
        self.stop_button = buttons.addButton(stop, QDialogButtonBox.ButtonRole.RejectRole)
        self.go_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.setSpacing(16)
        row.addWidget(icon)
        row.addWidget(self.text, 1)
        layout = QVBoxLayout(self)
        layout.setSpacing(16)
        layout.addLayout(row)
        layout.addWidget(buttons)


def damaged_text(database: Path, backup: Backup, applications: int | None, aside: Path) -> str:
    """The one paragraph: what happened, what is kept where, and which backup comes back."""
    holds = (
        "your applications"
        if applications is None
        else f"{applications} application{'' if applications == 1 else 's'}"
    )
    return (
        f"Job Tracker could not open your data: the file {database.name} is damaged, which "
        "can happen after a crash or a problem with the disk. Your newest backup that passes "
        f"its check was taken on {format_moment(backup.taken_at)} and holds {holds}. "
        f"Restoring it puts that copy in place and keeps the damaged file, untouched, as "
        f"{aside.name} in {database.parent}. Anything saved after that backup stays only in "
        "the damaged file."
    )


def offer_restore(database: Path, parent: QWidget | None = None) -> Outcome | None:
    """Offer the newest sound backup; None when there is none (say the problem as before)."""
    backup = newest_sound_backup(database)
    if backup is None:
        return None
    now = datetime.now(UTC)
    aside = aside_name(database, "damaged", now)
    text = damaged_text(database, backup, application_count(backup.path), aside)
    dialog = ChoiceDialog(DAMAGED_TITLE, text, "Restore this backup", parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return Outcome.QUIT
    finally:
        dialog.deleteLater()
    try:
        kept = restore_damaged(backup.path, database, now=now)
    except (BackupError, OSError) as exc:
        log.error("Restoring %s over a damaged file failed: %s", backup.path, exc)
        QMessageBox.warning(
            parent,
            DAMAGED_TITLE,
            f"The backup could not be put in place ({exc}). Your damaged file is still where "
            "it was, untouched.",
        )
        return Outcome.QUIT
    log.info("Restored %s; the damaged file is kept as %s", backup.path, kept)
    return Outcome.AGAIN


def offer_retry(error: StartupError, parent: QWidget | None = None) -> Outcome:
    dialog = ChoiceDialog(error.title, error.message, "Try again", parent)
    try:
        return Outcome.AGAIN if dialog.exec() == QDialog.DialogCode.Accepted else Outcome.QUIT
    finally:
        dialog.deleteLater()


def resolve(error: StartupError, database: Path, parent: QWidget | None = None) -> Outcome | None:
    """What the person chose about *error*; None when nothing could be offered."""
    if not dialog_app_ready():
        return None  # no screen to ask on: the message on stderr, as before
    if error.problem is Problem.DAMAGED:
        return offer_restore(database, parent)
    if error.problem in (Problem.LOCKED, Problem.DISK_FULL, Problem.DISK):
        return offer_retry(error, parent)
    return None
