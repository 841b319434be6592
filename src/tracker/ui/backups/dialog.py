"""File > Restore from backup…: pick a backup; the current data is set aside first."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tracker.db.backups import BackupError, list_backups, restore
from tracker.ui.backups.model import BackupsModel


class RestoreDialog(QDialog):
    """Lists the backups, newest first; Restore puts the chosen one in place."""

    def __init__(self, database: Path, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._database = database
        self._folder = folder
        self.restored: Path | None = None
        self.setWindowTitle("Restore from backup")
        self.model = BackupsModel(list_backups(folder))
        intro = QLabel(
            "Choose the copy to go back to. What is in the app now is saved as a backup "
            "first, so you can come back to it."
            if self.model.rowCount()
            else f"There are no backups yet. They are kept in {folder}."
        )
        intro.setWordWrap(True)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAccessibleName("Backups")
        self.table.doubleClicked.connect(lambda _index: self.restore_selected())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = buttons.addButton("&Restore", QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.clicked.connect(self.restore_selected)
        buttons.rejected.connect(self.reject)
        self.restore_button.setEnabled(False)
        self.table.selectionModel().selectionChanged.connect(
            lambda *_: self.restore_button.setEnabled(self.table.selectionModel().hasSelection())
        )
        if self.model.rowCount():
            self.table.selectRow(0)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(620, 380)

    def restore_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        backup = self.model.backup(rows[0].row())
        when = self.model.index(rows[0].row(), 0).data()
        answer = QMessageBox.question(
            self,
            "Restore from backup",
            f"Go back to the copy from {when}? What is in the app now is saved as a backup first.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            before = restore(backup.path, self._database, self._folder)
        except BackupError as exc:
            QMessageBox.warning(self, "Restore from backup", str(exc))
            return
        self.restored = before
        QMessageBox.information(
            self,
            "Restore from backup",
            f"Restored the copy from {when}. What was there before is kept as {before.name}.",
        )
        self.accept()
