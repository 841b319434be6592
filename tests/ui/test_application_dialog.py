from __future__ import annotations

from PySide6.QtCore import Qt

from tests.domain.reading import table_rows
from tracker.db.enums import Stage
from tracker.domain.applications import get_application
from tracker.ui.applications.add_dialog import ApplicationDialog
from tracker.ui.applications.model import ApplicationsTableModel
from tracker.ui.common.forms import WHOLE_NUMBER_PROBLEM


def open_dialog(qtbot, store, events, application_id=None) -> ApplicationDialog:
    dialog = ApplicationDialog(store, events, application_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_add_through_the_dialog_shows_in_the_table(qtbot, store, events):
    model = ApplicationsTableModel(store)
    events.changed.connect(lambda kinds: model.reload())
    dialog = open_dialog(qtbot, store, events)
    assert dialog.windowTitle() == "New application"
    qtbot.keyClicks(dialog.company, "Northwind")
    qtbot.keyClicks(dialog.role, "Backend Engineer")
    with qtbot.waitSignal(events.changed) as changed:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert changed.args == [{"applications"}]
    assert dialog.result() == ApplicationDialog.DialogCode.Accepted
    assert model.rowCount() == 1
    assert [model.index(0, c).data() for c in range(3)] == [
        "Northwind",
        "Backend Engineer",
        "Wishlist",
    ]


def test_problems_show_beside_fields_and_nothing_is_saved(qtbot, store, events):
    dialog = open_dialog(qtbot, store, events)
    qtbot.keyClicks(dialog.role, "Backend Engineer")
    qtbot.keyClicks(dialog.salary_min, "90000")
    qtbot.keyClicks(dialog.salary_max, "80000")
    qtbot.keyClicks(dialog.notes, "Met them at PyCon.")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.isVisible()
    assert table_rows(store) == []
    assert dialog.problem_text("company") == "Company cannot be empty."
    assert dialog.problem_text("salary_max") == "The maximum salary is below the minimum."
    assert dialog.problem_text("role") is None
    assert dialog.company.accessibleDescription() == "Company cannot be empty."
    assert dialog.focusWidget() is dialog.company
    # What was typed stays.
    assert dialog.role.text() == "Backend Engineer"
    assert dialog.salary_min.text() == "90000"
    assert dialog.notes.toPlainText() == "Met them at PyCon."

    qtbot.keyClicks(dialog.company, "Northwind")
    dialog.salary_max.clear()
    qtbot.keyClicks(dialog.salary_max, "120,000")
    qtbot.keyPress(dialog.salary_max, Qt.Key.Key_Return)  # Enter presses Save
    assert dialog.result() == ApplicationDialog.DialogCode.Accepted
    assert dialog.problem_text("company") is None
    saved = get_application(store, dialog.saved_id)
    assert (saved.company, saved.salary_min, saved.salary_max) == ("Northwind", 90000, 120000)


def test_non_numeric_salary_gets_a_message(qtbot, store, events):
    dialog = open_dialog(qtbot, store, events)
    qtbot.keyClicks(dialog.company, "Northwind")
    qtbot.keyClicks(dialog.role, "Backend Engineer")
    qtbot.keyClicks(dialog.salary_min, "eighty k")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.problem_text("salary_min") == WHOLE_NUMBER_PROBLEM
    assert dialog.salary_min.text() == "eighty k"
    assert table_rows(store) == []


def test_edit_keeps_fields_and_reports_the_stage_move(qtbot, store, events, add):
    app_id = add("Northwind", "Backend Engineer", Stage.APPLIED, "Berlin")
    dialog = open_dialog(qtbot, store, events, app_id)
    assert dialog.windowTitle() == "Edit application"
    assert dialog.location.text() == "Berlin"
    dialog.role.clear()
    qtbot.keyClicks(dialog.role, "Staff Engineer")
    dialog.stage.setCurrentIndex(dialog.stage.findData(Stage.REJECTED.value))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == ApplicationDialog.DialogCode.Accepted
    assert dialog.stage_move is not None
    assert dialog.stage_move.rejected
    saved = get_application(store, app_id)
    assert (saved.role, saved.location, saved.stage) == ("Staff Engineer", "Berlin", "rejected")


def test_every_input_has_an_accessible_name(qtbot, store, events):
    dialog = open_dialog(qtbot, store, events)
    for widget in (dialog.company, dialog.salary_min, dialog.applied_on, dialog.notes):
        assert widget.accessibleName()
    assert dialog.has_applied.accessibleName()


def test_new_dialog_has_found_and_closed_dates_and_description(qtbot, store, events):
    dialog = open_dialog(qtbot, store, events)
    qtbot.keyClicks(dialog.company, "Northwind")
    qtbot.keyClicks(dialog.role, "Backend Engineer")
    assert not dialog.found_on.isEnabled()
    qtbot.mouseClick(dialog.has_found, Qt.MouseButton.LeftButton)
    assert dialog.found_on.isEnabled()
    qtbot.keyClicks(dialog.job_description, "Own the billing service.")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == ApplicationDialog.DialogCode.Accepted
    saved = get_application(store, dialog.saved_id)
    assert saved.found_on == dialog.found_on.date().toPython()
    assert saved.job_description == "Own the billing service."
    assert saved.closed_on is None
    for widget in (dialog.has_found, dialog.found_on, dialog.has_closed, dialog.job_description):
        assert widget.accessibleName()


def test_tab_goes_from_each_date_box_to_its_date(qtbot, store, events):
    dialog = open_dialog(qtbot, store, events)
    qtbot.mouseClick(dialog.has_found, Qt.MouseButton.LeftButton)
    dialog.has_found.setFocus()
    qtbot.keyClick(dialog.has_found, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.found_on
    # (Inside a date, Tab steps through day, month and year before moving on, as Qt does.)
    assert dialog.found_on.nextInFocusChain().nextInFocusChain() is dialog.has_applied
