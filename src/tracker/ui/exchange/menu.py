"""The File menu's Import… and Export…, added to a main window by one call."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

from tracker.domain.changes import EVERYTHING
from tracker.domain.store import Store
from tracker.ui.events import DataEvents

OPEN_FILTER = (
    "Job Tracker exports and spreadsheets (*.json *.csv *.tsv *.txt);;"
    "Job Tracker export (*.json);;CSV (*.csv *.tsv *.txt);;All files (*)"
)


def add_file_menu(
    window: QMainWindow,
    store: Store,
    events: DataEvents,
    before_import: Callable[[], bool] | None = None,
) -> QMenu:
    """A File menu with Import… and Export…, placed first in *window*'s menu bar.

    *before_import* runs once the person has confirmed an import and before it writes (the
    window takes a backup there); False stops the import.
    """
    menu = QMenu("&File", window)
    import_action = QAction("&Import…", window)
    import_action.setToolTip("Add applications from a Job Tracker export or a spreadsheet")
    import_action.triggered.connect(
        lambda: import_file(window, store, events, before_write=before_import)
    )
    export_action = QAction("&Export…", window)
    export_action.setToolTip("Save your data as JSON, CSV or vCard")
    export_action.triggered.connect(lambda: export_file(window, store))
    menu.addAction(import_action)
    menu.addAction(export_action)
    bar = window.menuBar()
    actions = bar.actions()
    if actions:
        bar.insertMenu(actions[0], menu)
    else:
        bar.addMenu(menu)
    return menu


def export_file(window: QMainWindow, store: Store) -> None:
    from tracker.ui.exchange.export_dialog import ExportDialog

    dialog = ExportDialog(store, window)
    try:
        if dialog.exec() == ExportDialog.DialogCode.Accepted:
            window.statusBar().showMessage(dialog.result_text, 8000)
    finally:
        dialog.deleteLater()


def import_file(
    window: QMainWindow,
    store: Store,
    events: DataEvents,
    path: str | None = None,
    before_write: Callable[[], bool] | None = None,
) -> bool:
    """Ask for a file (unless given), then run the import dialog; True when data was added."""
    from pathlib import Path

    from PySide6.QtWidgets import QFileDialog, QMessageBox  # dialogs load when used

    from tracker.domain.exchange.files import ExchangeError
    from tracker.ui.exchange.import_dialog import ImportDialog

    if path is None:
        path, _ = QFileDialog.getOpenFileName(window, "Import", str(Path.home()), OPEN_FILTER)
        if not path:
            return False
    try:
        dialog = ImportDialog(store, Path(path), window, before_write=before_write)
    except (ExchangeError, OSError) as exc:
        QMessageBox.warning(window, "Import", str(exc))
        return False
    try:
        if dialog.exec() != ImportDialog.DialogCode.Accepted:
            return False
        events.publish(EVERYTHING)
        window.statusBar().showMessage(dialog.result_text, 8000)
        return True
    finally:
        dialog.deleteLater()
