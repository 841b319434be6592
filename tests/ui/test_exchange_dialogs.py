"""File > Import… and File > Export…, driven through their real widgets."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QMainWindow, QMessageBox

from tests.domain.reading import table_rows
from tracker.db.enums import Stage
from tracker.domain.applications import get_application
from tracker.domain.demo import load_demo
from tracker.domain.exchange.document import export_json
from tracker.domain.store import Store
from tracker.ui.events import DataEvents
from tracker.ui.exchange.export_dialog import ExportDialog
from tracker.ui.exchange.import_dialog import ImportDialog
from tracker.ui.exchange.mapping_page import CHOOSE
from tracker.ui.exchange.menu import add_file_menu, import_file

SAMPLES = Path(__file__).resolve().parents[1] / "domain" / "exchange" / "samples"


def _choose(box, data: str) -> None:
    index = box.findData(data)
    assert index >= 0, data
    box.setCurrentIndex(index)


@pytest.fixture
def open_dialog(qtbot, store: Store):
    def open_(path: Path) -> ImportDialog:
        dialog = ImportDialog(store, path)
        qtbot.addWidget(dialog)
        dialog.show()
        return dialog

    return open_


def test_mapping_step_with_a_semicolon_excel_file(qtbot, store: Store, open_dialog) -> None:
    dialog = open_dialog(SAMPLES / "excel_semicolon_bom.csv")
    page = dialog.mapping_page
    assert page is not None
    assert [box.currentData() for box in page.columns] == [
        "company",
        "role",
        "stage",
        "applied_on",
        "posting_url",
        "salary",
        "notes",
        "notes",
    ]
    assert page.date_box.currentData() == "dmy"
    assert page.preset_box.currentData() == "generic"
    waiting = page.stage_boxes["Waiting for feedback"]
    assert waiting.currentText() == CHOOSE
    assert page.stage_boxes["Interview scheduled"].currentData() == Stage.INTERVIEWING.value
    assert not dialog.next_button.isEnabled()
    assert "Choose a stage for: Waiting for feedback." in page.problem_label.text()

    _choose(waiting, Stage.APPLIED.value)
    assert dialog.next_button.isEnabled()
    preview = page.preview
    assert preview.rowCount() == 5
    assert preview.index(0, 1).data() == "Société Générale"
    assert preview.index(0, 3).data() == "Interviewing"
    assert preview.index(4, 3).data() == "Applied"

    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.on_summary()
    assert "applications: 5 to add" in dialog.summary.text()
    assert table_rows(store) == []  # the check changed nothing
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == ImportDialog.DialogCode.Accepted
    assert len(table_rows(store)) == 5


def test_changing_a_column_updates_the_preview(qtbot, store: Store, open_dialog) -> None:
    dialog = open_dialog(SAMPLES / "windows_1252.csv")
    page = dialog.mapping_page
    applied_before = page.preview.rows[0][1].application.applied_on
    assert applied_before == date(2024, 3, 11)
    _choose(page.date_box, "dmy")
    assert page.preview.rows[0][1].application.applied_on == date(2024, 11, 3)
    # Moving the role to the notes leaves no role: the step says so and waits.
    _choose(page.columns[1], "notes")
    assert "Choose the column that holds the role." in page.problem_label.text()
    assert not dialog.next_button.isEnabled()
    assert page.preview.rowCount() == 0
    _choose(page.columns[1], "role")
    assert dialog.next_button.isEnabled()


def test_a_preset_can_be_chosen_by_hand(qtbot, open_dialog) -> None:
    dialog = open_dialog(SAMPLES / "linkedin_saved_jobs.csv")
    page = dialog.mapping_page
    assert page.preset_box.currentData() == "linkedin-saved"
    assert page.default_stage_box.currentData() == Stage.WISHLIST.value
    _choose(page.preset_box, "generic")
    assert page.default_stage_box.currentData() == Stage.APPLIED.value


def test_problems_are_listed_and_can_be_skipped(
    qtbot, store: Store, open_dialog, tmp_path: Path
) -> None:
    path = tmp_path / "jobs.csv"
    path.write_text(
        "Company,Role,Remote\nAcme,Engineer,remote\nBeta,Designer,on the moon\n",
        encoding="utf-8",
    )
    dialog = open_dialog(path)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.problems.toPlainText() == (
        "line 3, Remote: 'on the moon' is not remote, hybrid or on-site."
    )
    assert "Nothing is imported while there are problems" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()
    dialog.skip_box.setChecked(True)
    assert dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert [r.company for r in table_rows(store)] == ["Acme"]


def test_cancel_during_the_check_changes_nothing(
    qtbot, store: Store, open_dialog, tmp_path: Path
) -> None:
    path = tmp_path / "big.csv"
    path.write_text(
        "Company,Role\n" + "".join(f"Company {i},Engineer\n" for i in range(3000)),
        encoding="utf-8",
    )
    dialog = open_dialog(path)
    QTimer.singleShot(0, lambda: dialog.progress.cancel())
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert not dialog.on_summary()
    assert dialog.mapping_page.problem_label.text() == (
        "The import was cancelled; nothing was changed."
    )
    assert table_rows(store) == []


def test_json_import_previews_then_adds(
    qtbot, store: Store, open_dialog, tmp_path: Path, db_path: Path
) -> None:
    from tracker.db.migrate import open_database

    source_dir = tmp_path / "source"
    source_dir.mkdir()
    opened = open_database(source_dir / "tracker.db")
    load_demo(Store(opened.engine), today=date(2026, 3, 2))
    export_json(Store(opened.engine), tmp_path / "export.json")
    opened.engine.dispose()

    dialog = open_dialog(tmp_path / "export.json")
    assert dialog.mapping_page is None
    assert dialog.on_summary()
    assert "applications: 15 to add" in dialog.summary.text()
    assert not dialog.back_button.isVisible()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert len(table_rows(store)) == 15

    again = open_dialog(tmp_path / "export.json")
    assert "Everything in this file is already here." in again.summary.text()
    assert not again.import_button.isEnabled()


def test_export_dialog_writes_csv_files_for_excel(qtbot, store: Store, tmp_path: Path) -> None:
    load_demo(store, today=date(2026, 3, 2))
    dialog = ExportDialog(store)
    qtbot.addWidget(dialog)
    assert not dialog.bom.isEnabled()
    dialog.csv_button.setChecked(True)
    assert dialog.bom.isEnabled()
    dialog.bom.setChecked(True)
    dialog.extra["contacts"].setChecked(True)
    assert dialog.export_to(tmp_path / "jobs.csv")
    assert (tmp_path / "jobs.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert (tmp_path / "jobs-contacts.csv").exists()
    assert not (tmp_path / "jobs-tasks.csv").exists()
    assert dialog.result_text == f"Exported 2 CSV file(s) to {tmp_path}."


def test_file_menu_and_a_file_that_cannot_be_imported(
    qtbot, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    window.menuBar().addMenu("&Help")
    menu = add_file_menu(window, store, DataEvents())
    assert [a.text() for a in window.menuBar().actions()] == ["&File", "&Help"]
    assert [a.text() for a in menu.actions()] == ["&Import…", "&Export…"]
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: shown.append(text))
    picture = tmp_path / "photo.csv"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    assert not import_file(window, store, DataEvents(), str(picture))
    assert shown == ["photo.csv cannot be imported: it is an image. Nothing was changed."]


def test_imported_rows_keep_the_exact_text(qtbot, store: Store, open_dialog) -> None:
    dialog = open_dialog(SAMPLES / "huntr_board.csv")
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    meadow = next(r for r in table_rows(store) if r.company == "Meadow Learning")
    assert get_application(store, meadow.id).job_description == (
        "Lead a team of six.\nPython, Postgres, Vue."
    )


def test_import_from_the_main_window_refreshes_every_view(
    qtbot, store: Store, events: DataEvents, db_path: Path
) -> None:
    from PySide6.QtWidgets import QApplication

    from tracker.ui.main_window import MainWindow

    window = MainWindow(store, events, db_path=db_path)
    qtbot.addWidget(window)
    window.show()
    assert window.count_label.text() == "No applications yet"
    assert [a.text() for a in window.file_menu.actions()] == [
        "&Import…",
        "&Export…",
        "Export &calendar…",
        "",
        "&Back up now",
        "&Restore from backup…",
    ]

    def press_import() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ImportDialog)
        qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, press_import)
    assert import_file(window, store, events, str(SAMPLES / "huntr_board.csv"))
    assert window.count_label.text() == "5 applications"
    assert window.statusBar().currentMessage() == (
        "Imported huntr_board.csv: 5 applications added."
    )
