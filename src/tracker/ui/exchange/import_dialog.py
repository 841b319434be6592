"""File > Import…: a JSON export or a spreadsheet, previewed, then imported all or nothing.

A spreadsheet first goes through the mapping step. Then the whole file is checked with a
dry run (the real import, rolled back), so the summary says exactly what will be added,
skipped or updated, and lists every problem by line and column. Long files show a
progress bar with Cancel; cancelling changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from tracker.domain.exchange.files import ExchangeError
from tracker.domain.exchange.report import ImportCancelled, ImportRefused, ImportReport
from tracker.domain.store import Store
from tracker.ui.exchange.mapping_page import MappingPage


class ImportDialog(QDialog):
    """Raises ExchangeError on construction when *path* cannot be read as either kind."""

    def __init__(
        self,
        store: Store,
        path: Path,
        parent: QWidget | None = None,
        before_write: Callable[[], bool] | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._before_write = before_write  # the window's backup; False stops the import
        self.path = path
        self.result_text = ""
        self.report: ImportReport | None = None
        self.setWindowTitle(f"Import {path.name}")
        self.resize(860, 640)
        self.document: dict[str, Any] | None = None
        self.mapping_page: MappingPage | None = None
        self.pages = QStackedWidget()
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.problems = QPlainTextEdit()
        self.problems.setReadOnly(True)
        self.problems.setAccessibleName("Problems in the file")
        self.skip_box = QCheckBox("&Skip the rows with problems and import the rest")
        self.skip_box.toggled.connect(self._sync_buttons)
        summary_page = QWidget()
        column = QVBoxLayout(summary_page)
        column.addWidget(self.summary)
        column.addWidget(self.problems, 1)
        column.addWidget(self.skip_box)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.back_button = QPushButton("&Back")
        self.next_button = QPushButton("&Check the whole file")
        self.import_button = QPushButton("&Import")
        for button in (self.back_button, self.next_button, self.import_button):
            self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button.setDefault(True)
        self.back_button.clicked.connect(lambda: self.pages.setCurrentIndex(0))
        self.back_button.clicked.connect(self._sync_buttons)
        self.next_button.clicked.connect(self.check_file)
        self.import_button.clicked.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.buttons)

        if path.suffix.lower() == ".json":
            from tracker.domain.exchange.restore import read_document

            self.document = read_document(path)
            self.pages.addWidget(summary_page)
            self.check_file()
        else:
            from tracker.domain.exchange.sniff import sniff

            self.mapping_page = MappingPage(sniff(path))
            self.mapping_page.changed.connect(self._sync_buttons)
            self.pages.addWidget(self.mapping_page)
            self.pages.addWidget(summary_page)
            self.mapping_page.refresh()
        self._sync_buttons()

    # --- the steps ---------------------------------------------------------------------

    def on_summary(self) -> bool:
        return self.pages.currentIndex() == self.pages.count() - 1 and self.report is not None

    def _sync_buttons(self) -> None:
        on_mapping = self.mapping_page is not None and self.pages.currentIndex() == 0
        self.back_button.setVisible(self.mapping_page is not None and not on_mapping)
        self.next_button.setVisible(on_mapping)
        self.next_button.setEnabled(
            on_mapping and self.mapping_page is not None and self.mapping_page.ready()
        )
        self.import_button.setVisible(not on_mapping)
        report = self.report
        can_import = (
            report is not None
            and any(c.added or c.updated for c in report.counts.values())
            and (not report.problem_count or self.skip_box.isChecked())
        )
        self.import_button.setEnabled(bool(can_import))

    def _run(self, *, dry_run: bool) -> ImportReport:
        """The import (or its dry run), with a progress bar for spreadsheets."""
        skip = self.skip_box.isChecked()
        if self.document is not None:
            from tracker.domain.exchange.restore import import_document

            return import_document(self._store, self.document, dry_run=dry_run, skip_problems=skip)
        from tracker.domain.exchange.table_import import import_table

        assert self.mapping_page is not None
        progress = QProgressDialog(
            "Checking the file…" if dry_run else "Importing…", "Cancel", 0, 1000, self
        )
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)
        progress.setAutoReset(False)

        def step(done: int, total: int) -> bool:
            progress.setValue(int(done * 1000 / max(total, 1)))
            QApplication.processEvents()
            return not progress.wasCanceled()

        self.progress = progress  # tests press its Cancel
        try:
            return import_table(
                self._store,
                self.mapping_page.sniffed,
                self.mapping_page.mapping(),
                dry_run=dry_run,
                skip_problems=skip,
                progress=step,
            )
        finally:
            progress.close()
            progress.deleteLater()

    def check_file(self) -> None:
        """The dry run: what the import will do, and every problem."""
        try:
            report = self._run(dry_run=True)
        except ImportCancelled as exc:
            self._show_message(str(exc))
            return
        except (ExchangeError, ValueError) as exc:
            self._show_message(str(exc))
            return
        self.report = report
        listed = "\n".join(str(p) for p in report.problems)
        hidden = report.problem_count - len(report.problems)
        if hidden > 0:
            listed += f"\n… and {hidden:,} more."
        self.problems.setPlainText(listed)
        self.problems.setVisible(bool(report.problem_count))
        self.skip_box.setVisible(bool(report.problem_count))
        text = f"What importing {self.path.name} will do:\n\n{report.summary()}"
        if report.problem_count:
            text += (
                "\n\nNothing is imported while there are problems, unless you skip those "
                "rows. You can also cancel, fix the file and import it again."
            )
        elif not any(c.added or c.updated for c in report.counts.values()):
            text += "\n\nEverything in this file is already here."
        self.summary.setText(text)
        self.pages.setCurrentIndex(self.pages.count() - 1)
        self._sync_buttons()

    def _show_message(self, text: str) -> None:
        if self.mapping_page is not None and self.pages.currentIndex() == 0:
            self.mapping_page.problem_label.setText(text)
            self.mapping_page.problem_label.setVisible(True)
        else:
            self.summary.setText(text)
            self.problems.setVisible(False)
            self.skip_box.setVisible(False)

    def run_import(self) -> None:
        if self._before_write is not None and not self._before_write():
            self._show_message("Nothing was imported: a backup could not be taken first.")
            return
        try:
            report = self._run(dry_run=False)
        except ImportRefused as exc:  # the file changed since it was checked
            self._show_message(str(exc))
            return
        except (ImportCancelled, ExchangeError, ValueError) as exc:
            self._show_message(str(exc))
            return
        self.report = report
        added = report.counts.get("applications")
        self.result_text = (
            f"Imported {self.path.name}: {added.added if added else 0} applications added."
        )
        self.accept()
