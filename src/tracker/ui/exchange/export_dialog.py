"""File > Export…: everything as JSON, a spreadsheet's CSV, or contacts as vCard."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from tracker.domain.store import Store

SUFFIX = {"json": ".json", "csv": ".csv", "vcard": ".vcf"}
FILTERS = {
    "json": "Job Tracker export (*.json)",
    "csv": "CSV for spreadsheets (*.csv)",
    "vcard": "vCard contacts (*.vcf)",
}


class ExportDialog(QDialog):
    """Choose what to export; Export… asks where and writes the file (or files)."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.result_text = ""
        self.setWindowTitle("Export")
        self.json_button = QRadioButton("&Everything, to keep as a backup or move (JSON)")
        self.csv_button = QRadioButton("&Applications for a spreadsheet (CSV)")
        self.vcard_button = QRadioButton("&Contacts for an address book (vCard)")
        self.json_button.setChecked(True)
        self.kinds = QButtonGroup(self)
        for button in (self.json_button, self.csv_button, self.vcard_button):
            self.kinds.addButton(button)
        self.extra = {
            "interviews": QCheckBox("Also &interviews, in a file of their own"),
            "contacts": QCheckBox("Also c&ontacts, in a file of their own"),
            "tasks": QCheckBox("Also &tasks, in a file of their own"),
        }
        self.bom = QCheckBox("For &Excel (starts the file with a byte order mark)")
        note = QLabel(
            "Files are readable by you only. In the CSV, text that a spreadsheet would run "
            "as a formula starts with an apostrophe; the JSON keeps your exact text."
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = buttons.addButton("E&xport…", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self._choose_and_export)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.json_button)
        layout.addWidget(self.csv_button)
        options = QVBoxLayout()
        options.setContentsMargins(24, 0, 0, 0)  # under the CSV choice they belong to
        for box in (*self.extra.values(), self.bom):
            options.addWidget(box)
        layout.addLayout(options)
        layout.addWidget(self.vcard_button)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.kinds.buttonToggled.connect(self._sync)
        self._sync()

    def kind(self) -> str:
        if self.csv_button.isChecked():
            return "csv"
        return "vcard" if self.vcard_button.isChecked() else "json"

    def _sync(self) -> None:
        for box in (*self.extra.values(), self.bom):
            box.setEnabled(self.kind() == "csv")

    def _choose_and_export(self) -> None:
        kind = self.kind()
        start = str(Path.home() / f"job-tracker{SUFFIX[kind]}")
        chosen, _ = QFileDialog.getSaveFileName(self, "Export to", start, FILTERS[kind])
        if chosen:
            path = Path(chosen)
            self.export_to(path if path.suffix else path.with_suffix(SUFFIX[kind]))

    def export_to(self, path: Path) -> bool:
        """Write the chosen export to *path*; on success say what was written and close."""
        from tracker.domain.exchange.document import export_json
        from tracker.domain.exchange.files import ExchangeError
        from tracker.domain.exchange.sheets import export_csv
        from tracker.domain.exchange.vcard import export_vcard
        from tracker.ui.common.views import warn_error

        try:
            if self.kind() == "json":
                counts = export_json(self._store, path)
                self.result_text = (
                    f"Exported {counts['applications']} applications and "
                    f"{counts['contacts']} contacts to {path}."
                )
            elif self.kind() == "csv":
                tables = ["applications", *(t for t, box in self.extra.items() if box.isChecked())]
                written = export_csv(self._store, path, tables, bom=self.bom.isChecked())
                self.result_text = f"Exported {len(written)} CSV file(s) to {path.parent}."
            else:
                self.result_text = f"Exported {export_vcard(self._store, path)} contacts to {path}."
        except (ExchangeError, OSError) as exc:
            warn_error(self, "Export", exc)
            return False
        self.accept()
        return True
