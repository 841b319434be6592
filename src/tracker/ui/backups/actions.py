"""Back up now, Restore from backup, Check database, and automatic backups while running.

Automatic backups: one soon after start-up when the data changed since the last backup, then
every 30 minutes while there are changes. Each is verified and the folder thinned, on a thread
of its own: copying and checking a big file takes seconds the window must not freeze for.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from tracker.db.backups import Backup

log = logging.getLogger(__name__)

EVERY_MS = 30 * 60 * 1000
FIRST_DELAY_MS = 10_000  # after start-up has settled


class BackupActions(QObject):
    automatic_done = Signal(object)  # the Backup an automatic run made, or None

    def __init__(
        self,
        database: Path,
        parent: QWidget,
        restored: Callable[[], object],
        automatic: bool = True,
    ) -> None:
        super().__init__(parent)
        self._database = database
        self._window = parent
        self._restored = restored
        self.folder = database.parent / "backups"
        self.backup_action = QAction("&Back up now", self)
        self.backup_action.setToolTip("Save a checked copy of your data now")
        self.backup_action.triggered.connect(self.backup_now)
        self.restore_action = QAction("&Restore from backup…", self)
        self.restore_action.triggered.connect(self.restore)
        self.check_action = QAction("&Check database", self)
        self.check_action.triggered.connect(self.check)
        self._thread: threading.Thread | None = None
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.start_automatic)
        if automatic:
            QTimer.singleShot(FIRST_DELAY_MS, self.start_automatic)
            self.timer.start(EVERY_MS)

    def start_automatic(self) -> bool:
        """An automatic backup beside the window; False when one is still running."""
        if self._thread is not None and self._thread.is_alive():
            return False
        # Not a daemon: quitting lets a backup that has started finish its copy and check.
        self._thread = threading.Thread(target=self._automatic_run, name="automatic-backup")
        self._thread.start()
        return True

    def _automatic_run(self) -> None:
        backup = self.automatic_backup()
        # Queued to the window's thread; a window closed meanwhile needs no news.
        with contextlib.suppress(RuntimeError):
            self.automatic_done.emit(backup)

    def wait(self) -> None:
        """Let a running automatic backup finish first (before a restore or an import)."""
        if self._thread is not None:
            self._thread.join()

    def _last(self) -> Backup | None:
        from tracker.db.backups import list_backups

        found = list_backups(self.folder)
        return found[0] if found else None

    def automatic_backup(self) -> Backup | None:
        """A backup when the data changed since the last one; thins the folder. Touches no
        widget, so it runs on the backup thread."""
        from tracker.db.backups import BackupError, changed_since, take_backup, thin

        if not self._database.exists() or not changed_since(self._database, self._last()):
            return None
        try:
            backup = take_backup(self._database, self.folder)
            thin(self.folder, datetime.now(UTC))
        except (BackupError, OSError) as exc:
            log.warning("Automatic backup failed: %s", exc)
            return None
        return backup

    def backup_now(self) -> Backup | None:
        from PySide6.QtWidgets import QMessageBox  # its dialogs load when used

        from tracker.db.backups import BackupError, take_backup

        self.wait()
        try:
            backup = take_backup(self._database, self.folder, reason="manual")
        except (BackupError, OSError) as exc:
            QMessageBox.warning(self._window, "Back up now", f"No backup was made: {exc}")
            return None
        QMessageBox.information(
            self._window,
            "Back up now",
            f"Your data is backed up and checked: {backup.path.name}, in {self.folder}.",
        )
        return backup

    def before_import(self) -> bool:
        """A backup before an import writes; False (after saying why) when none could be made."""
        from PySide6.QtWidgets import QMessageBox

        from tracker.db.backups import BackupError, take_backup

        self.wait()
        try:
            take_backup(self._database, self.folder, reason="before-import")
        except (BackupError, OSError) as exc:
            QMessageBox.warning(self._window, "Import", f"No backup could be taken first: {exc}")
            return False
        return True

    def restore(self) -> bool:
        from tracker.ui.backups.dialog import RestoreDialog

        self.wait()  # the list should show it, and the file must not change under it
        dialog = RestoreDialog(self._database, self.folder, self._window)
        try:
            dialog.exec()
            restored = dialog.restored is not None
        finally:
            dialog.deleteLater()
        if restored:
            self._restored()
        return restored

    def check(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from tracker.db.backups import check_file

        problem = check_file(self._database)
        if problem is None:
            QMessageBox.information(
                self._window,
                "Check database",
                "All is well: every page of the database reads back, and every link between "
                "applications, people, interviews and tasks points at something that exists.",
            )
        else:
            QMessageBox.warning(
                self._window,
                "Check database",
                f"The check found a problem: {problem}. Nothing was changed. Back up now to "
                "keep a copy of this state, then use File > Restore from backup… to go back "
                "to a copy from before the problem.",
            )
