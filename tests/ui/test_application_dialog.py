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


# --- applied here before? -------------------------------------------------------------


def add_earlier(store, company, role, stage, applied_on=None, closed_on=None) -> int:
    from tracker.domain.applications import ApplicationInput, create_application

    data = ApplicationInput(
        company=company, role=role, stage=stage, applied_on=applied_on, closed_on=closed_on
    )
    return create_application(store, data).value


def test_a_company_applied_to_before_says_what_happened_and_still_saves(qtbot, store, events):
    from datetime import date

    add_earlier(
        store,
        "Kestrel Maps GmbH",
        "Data Engineer",
        Stage.REJECTED,
        date(2026, 3, 3),
        date(2026, 4, 2),
    )
    dialog = open_dialog(qtbot, store, events)
    notice = dialog.earlier
    qtbot.keyClicks(dialog.company, "Kestrel")
    assert not notice.isVisible()  # a name typed halfway is not a match
    qtbot.keyClicks(dialog.company, " maps, Inc.")
    assert notice.isVisible()
    qtbot.keyClicks(dialog.role, "Data Engineer")
    assert notice.label.text() == (
        "You applied to Kestrel Maps GmbH for Data Engineer on 3 Mar 2026 — rejected on 2 Apr 2026."
    )
    assert notice.label.textFormat() == Qt.TextFormat.PlainText
    label = notice.label  # wrapped in the narrow field, and never cut off
    qtbot.waitUntil(lambda: label.height() >= label.heightForWidth(label.width()) > 0)
    assert label.heightForWidth(label.width()) > 2 * label.fontMetrics().height()
    # Beside the company field, and it never stands in the way of saving.
    assert notice.geometry().top() >= dialog.company.geometry().bottom()
    with qtbot.waitSignal(events.changed):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == ApplicationDialog.DialogCode.Accepted
    assert len(table_rows(store)) == 2


def test_the_same_role_leads_and_the_others_are_counted(qtbot, store, events):
    add_earlier(store, "Northwind", "Data Engineer", Stage.GHOSTED, date_of(3, 1), date_of(5, 1))
    add_earlier(store, "Northwind Ltd", "Cartographer", Stage.INTERVIEWING, date_of(6, 1))
    dialog = open_dialog(qtbot, store, events)
    dialog.company.setText("NORTHWIND LLC")  # the latest leads
    assert dialog.earlier.label.text().startswith("You applied to Northwind Ltd for Cartographer")
    assert "still open (Interviewing). 1 more application there." in dialog.earlier.label.text()
    dialog.role.setText("data  engineer")
    assert dialog.earlier.label.text() == (
        "You applied to Northwind for Data Engineer on 1 Mar 2026"
        " — no reply; marked ghosted on 1 May 2026. 1 more application there."
    )


def date_of(month: int, day: int):
    from datetime import date

    return date(2026, month, day)


def test_open_it_shows_the_earlier_application_and_keeps_what_was_typed(qtbot, store, events):
    earlier = add_earlier(store, "Kestrel Maps", "Data Engineer", Stage.APPLIED, date_of(3, 3))
    opened: list[int] = []
    dialog = ApplicationDialog(store, events, None, None, opened.append)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.company, "Kestrel Maps")
    qtbot.keyClicks(dialog.role, "Data Engineer")
    qtbot.mouseClick(dialog.earlier.open_button, Qt.MouseButton.LeftButton)
    assert opened == [earlier]
    assert dialog.isVisible()
    assert (dialog.company.text(), dialog.role.text()) == ("Kestrel Maps", "Data Engineer")


def test_typing_a_name_reads_the_companies_once(qtbot, store, events):
    from sqlalchemy import event

    add_earlier(store, "Kestrel Maps", "Data Engineer", Stage.APPLIED)
    dialog = open_dialog(qtbot, store, events)
    statements: list[str] = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(store.engine, "before_cursor_execute", listener)
    try:
        qtbot.keyClicks(dialog.company, "Kestrel Maps Incorporated")
        qtbot.keyClicks(dialog.role, "Data Engineer")
    finally:
        event.remove(store.engine, "before_cursor_execute", listener)
    # The companies once, the applications once: "Kestrel Maps" matches, "Kestrel Maps I"
    # does not, "Kestrel Maps Inc" and "… Incorporated" match the same company again.
    assert len(statements) == 2
    assert "FROM companies" in statements[0]
    assert "company_id IN" in statements[1]


def test_editing_an_application_does_not_warn_about_itself(qtbot, store, events):
    app_id = add_earlier(store, "Kestrel Maps", "Data Engineer", Stage.APPLIED)
    dialog = open_dialog(qtbot, store, events, app_id)
    assert dialog.earlier is None


def test_new_application_from_the_table_opens_the_earlier_one_over_it(
    qtbot, store, events, monkeypatch
):
    from tracker.ui.applications.view import ApplicationsView
    from tracker.ui.detail.dialog import ApplicationDetailDialog

    earlier = add_earlier(store, "Kestrel Maps", "Data Engineer", Stage.REJECTED)
    view = ApplicationsView(store, events)
    qtbot.addWidget(view)
    shown: list[tuple[str, object]] = []

    def detail_exec(detail: ApplicationDetailDialog) -> int:
        shown.append((detail.windowTitle(), detail.parent()))
        return 0

    def add_exec(dialog: ApplicationDialog) -> int:
        qtbot.keyClicks(dialog.company, "kestrel maps")
        qtbot.mouseClick(dialog.earlier.open_button, Qt.MouseButton.LeftButton)
        shown.append(("typed", dialog.company.text()))
        return 0

    monkeypatch.setattr(ApplicationDetailDialog, "exec", detail_exec)
    monkeypatch.setattr(ApplicationDialog, "exec", add_exec)
    assert view.new_application() is None
    assert len(shown) == 2
    title, parent = shown[0]
    assert "Data Engineer" in title
    assert isinstance(parent, ApplicationDialog)  # over the new one, not instead of it
    assert shown[1] == ("typed", "kestrel maps")
    assert earlier
