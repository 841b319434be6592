from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.domain.reading import table_rows
from tracker.db.enums import Stage
from tracker.domain.applications import delete_application
from tracker.domain.changes import Kind
from tracker.domain.detail import history
from tracker.ui.applications.add_dialog import ApplicationDialog
from tracker.ui.applications.model import Column
from tracker.ui.applications.view import EMPTY_TEXT, ApplicationsView
from tracker.ui.detail.dialog import ApplicationDetailDialog


@pytest.fixture
def view(qtbot, store, events) -> ApplicationsView:
    widget = ApplicationsView(store, events)
    qtbot.addWidget(widget)
    widget.resize(900, 500)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def shown(view: ApplicationsView, column: Column = Column.COMPANY) -> list[str]:
    model = view.model
    return [model.index(r, column).data() for r in range(model.rowCount())]


def answer_dialogs(monkeypatch, qtbot, fill) -> list[ApplicationDialog]:
    """Replace the modal loop: show the dialog, let *fill* type into it, press Save."""
    opened: list[ApplicationDialog] = []

    def exec_(dialog: ApplicationDialog) -> int:
        opened.append(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        fill(dialog)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(ApplicationDialog, "exec", exec_)
    return opened


def test_new_application_from_the_view_is_listed_and_selected(view, monkeypatch, qtbot):
    def fill(dialog: ApplicationDialog) -> None:
        qtbot.keyClicks(dialog.company, "Northwind")
        qtbot.keyClicks(dialog.role, "Backend Engineer")

    answer_dialogs(monkeypatch, qtbot, fill)
    new_id = view.new_application()
    assert new_id is not None
    assert shown(view) == ["Northwind"]
    assert view.selected_id() == new_id
    assert view.stack.currentWidget() is view.table


def answer_detail(monkeypatch, qtbot, fill) -> list[ApplicationDetailDialog]:
    """Replace the detail's modal loop: let *fill* type, press Save, then Close."""
    opened: list[ApplicationDetailDialog] = []

    def exec_(dialog: ApplicationDetailDialog) -> int:
        opened.append(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        fill(dialog)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(ApplicationDetailDialog, "exec", exec_)
    return opened


def test_enter_on_a_row_opens_its_detail(view, add, monkeypatch, qtbot):
    app_id = add("Northwind", "Backend Engineer")
    view.model.reload()
    view.select_id(app_id)

    def fill(dialog: ApplicationDetailDialog) -> None:
        dialog.form.role.clear()
        qtbot.keyClicks(dialog.form.role, "Staff Engineer")

    opened = answer_detail(monkeypatch, qtbot, fill)
    view.table.setFocus()
    qtbot.keyPress(view.table, Qt.Key.Key_Return)
    assert len(opened) == 1
    assert shown(view, Column.ROLE) == ["Staff Engineer"]
    assert view.selected_id() == app_id


def test_double_click_opens_the_detail(view, add, monkeypatch, qtbot):
    add("Northwind", "Backend Engineer")
    view.model.reload()
    opened = answer_detail(monkeypatch, qtbot, lambda dialog: None)
    rect = view.table.visualRect(view.model.index(0, Column.ROLE))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert len(opened) == 1


def test_move_to_records_the_stage_change(view, add, qtbot):
    app_id = add("Northwind", "Backend Engineer", Stage.APPLIED)
    view.model.reload()
    view.select_id(app_id)
    menu = view.build_context_menu()
    assert [a.text() for a in menu.actions() if a.text()] == [
        "&Edit…",
        "&Move to",
        "&Archive",
        "&Delete…",
    ]
    menu.deleteLater()
    assert view.commands.move_actions[Stage.APPLIED].isChecked()
    with qtbot.waitSignal(view.stage_moved) as moved:
        view.commands.move_actions[Stage.INTERVIEWING].trigger()
    assert moved.args[0].to_stage is Stage.INTERVIEWING
    latest = history(view._store, app_id)[0]
    assert (latest.from_stage, latest.to_stage) == (
        Stage.APPLIED,
        Stage.INTERVIEWING,
    )
    assert shown(view, Column.STAGE) == ["Interviewing"]
    assert view.commands.move_actions[Stage.INTERVIEWING].isChecked()


def test_delete_asks_first(view, add, store, monkeypatch):
    app_id = add("Northwind", "Backend Engineer")
    view.model.reload()
    view.select_id(app_id)
    asked: list[str] = []
    answer = QMessageBox.StandardButton.No

    def question(parent, title, text, buttons, default):
        asked.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    assert view.delete_selected() is False
    assert shown(view) == ["Northwind"]
    assert asked == [
        "<p>Delete Backend Engineer at Northwind? Its interviews, tasks and history go with it. "
        "This cannot be undone. (Archive keeps it out of sight instead.)</p>"
    ]
    answer = QMessageBox.StandardButton.Yes
    assert view.delete_selected() is True
    assert table_rows(store) == []
    assert view.stack.currentWidget() is view.empty_page


def test_action_on_a_vanished_row_warns_instead_of_crashing(view, add, store, monkeypatch):
    app_id = add("Northwind", "Backend Engineer")
    view.model.reload()
    view.select_id(app_id)
    delete_application(store, app_id)  # e.g. deleted from another window
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(text))
    assert view.move_selected(Stage.OFFER) is None
    assert warnings == ["That application no longer exists (it may have been deleted)."]
    assert view.stack.currentWidget() is view.empty_page


def test_search_and_stage_filter_narrow_the_table(view, add, qtbot):
    add("Northwind", "Backend Engineer", Stage.APPLIED, "Berlin")
    add("Contoso", "Platform Engineer", Stage.REJECTED, "Amsterdam")
    add("Fabrikam", "Data Engineer", Stage.APPLIED, notes="Referred by Ana from Berlin meetup")
    view.model.reload()
    assert len(shown(view)) == 3

    qtbot.keyClicks(view.search, "berlin")
    qtbot.waitUntil(lambda: len(shown(view)) == 2)  # after the debounce
    assert sorted(shown(view)) == ["Fabrikam", "Northwind"]

    view.stage_filter.setCurrentIndex(view.stage_filter.findData(Stage.REJECTED.value))
    assert shown(view) == []
    assert view.stack.currentWidget() is view.no_match_page
    qtbot.mouseClick(view.no_match_page.button, Qt.MouseButton.LeftButton)  # "Clear search"
    assert len(shown(view)) == 3
    assert view.search.text() == ""

    view.stage_filter.setCurrentIndex(view.stage_filter.findData(Stage.REJECTED.value))
    assert shown(view) == ["Contoso"]


def test_empty_state_until_the_first_application(view, add, events):
    assert view.stack.currentWidget() is view.empty_page
    assert view.empty_page.label.text() == EMPTY_TEXT
    assert not view.filter_bar.isVisible()
    assert not view.commands.edit_action.isEnabled()
    add("Northwind", "Backend Engineer")
    events.publish({Kind.APPLICATIONS})
    assert view.stack.currentWidget() is view.table
    assert view.filter_bar.isVisible()


def test_clicking_a_header_sorts_and_is_remembered(qtbot, store, events, add):
    from PySide6.QtCore import QPoint

    from tracker.ui.applications.model import Column
    from tracker.ui.applications.view import ApplicationsView

    add("Contoso", "Platform Engineer")
    add("Adventure Works", "Data Engineer")
    add("Northwind", "Backend Engineer")
    view = ApplicationsView(store, events)
    qtbot.addWidget(view)
    view.show()
    header = view.table.horizontalHeader()
    x = header.sectionViewportPosition(Column.COMPANY) + 5
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    companies = [view.model.index(r, Column.COMPANY).data() for r in range(3)]
    assert companies in (
        ["Adventure Works", "Contoso", "Northwind"],
        ["Northwind", "Contoso", "Adventure Works"],
    )
    again = ApplicationsView(store, events)  # a new start reads the remembered sort
    qtbot.addWidget(again)
    assert [again.model.index(r, Column.COMPANY).data() for r in range(3)] == companies


def test_archive_hides_and_undo_brings_it_back(qtbot, store, events, add):
    from tracker.ui.applications.view import ApplicationsView

    kept = add("Contoso", "Platform Engineer")
    put_away = add("Northwind", "Backend Engineer")
    view = ApplicationsView(store, events)
    qtbot.addWidget(view)
    view.show()
    assert view.select_id(put_away)
    assert view.archive_selected()
    assert view.model.row_for_id(put_away) is None
    assert [r.id for r in table_rows(store)] == [kept]
    assert {r.id: r.archived for r in table_rows(store, include_archived=True)}[put_away]
    view.commands.show_archived_action.setChecked(True)  # still findable when asked for
    row = view.model.row_for_id(put_away)
    assert row is not None
    assert view.model.index(row, Column.STAGE).data() == "Wishlist (archived)"
    view.commands.show_archived_action.setChecked(False)
    view.undo_stack.undo()
    assert view.model.row_for_id(put_away) is not None
    assert not any(r.archived for r in table_rows(store, include_archived=True))


def test_delete_shows_a_name_with_markup_and_ampersand_as_typed(view, add, monkeypatch):
    from PySide6.QtGui import QTextDocument

    app_id = add("<b>A&B</b>", "<script>x</script> Dev")
    view.model.reload()
    view.select_id(app_id)
    asked: list[str] = []

    def question(parent, title, text, buttons, default):
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", question)
    view.delete_selected()
    document = QTextDocument()
    document.setHtml(asked[0])  # as the box renders it: its text is rich
    assert document.toPlainText().startswith("Delete <script>x</script> Dev at <b>A&B</b>?")
