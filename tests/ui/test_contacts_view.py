from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tracker.db.enums import ContactRole
from tracker.domain.changes import Kind
from tracker.domain.contacts import ContactInput, assign_role, create_contact, get_contact
from tracker.ui.contacts.model import Column, ContactRolesModel, ContactsTableModel
from tracker.ui.contacts.view import ContactsView


@pytest.fixture
def people(store) -> dict[str, int]:
    return {
        "ann": create_contact(
            store, ContactInput(name="Ann Archer", title="Recruiter", company="Acme")
        ).value,
        "bo": create_contact(
            store, ContactInput(name="Bo Berg", email="bo@fabrikam.example")
        ).value,
        "cy": create_contact(store, ContactInput(name="Cy 100%", in_network=True)).value,
    }


@pytest.fixture
def view(qtbot, store, events, people) -> ContactsView:
    widget = ContactsView(store, events)
    qtbot.addWidget(widget)
    widget.resize(1100, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def names(view: ContactsView) -> list[str]:
    return [view.model.index(r, Column.NAME).data() for r in range(view.model.rowCount())]


def click_row(view: ContactsView, name: str, qtbot) -> None:
    row = names(view).index(name)
    rect = view.table.visualRect(view.model.index(row, Column.NAME))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_models_pass_qtmodeltester(qtmodeltester, store, people, add):
    assign_role(store, add("Acme", "Engineer"), people["ann"], ContactRole.RECRUITER)
    qtmodeltester.check(ContactsTableModel(store), force_py=True)
    roles = ContactRolesModel(store)
    roles.set_contact(people["ann"])
    qtmodeltester.check(roles, force_py=True)
    assert roles.rowCount() == 1


def test_typing_narrows_the_list(view, qtbot):
    assert names(view) == ["Ann Archer", "Bo Berg", "Cy 100%"]
    qtbot.keyClicks(view.search, "fabrik")  # matches the email
    qtbot.waitUntil(lambda: names(view) == ["Bo Berg"])
    view.search.clear()
    qtbot.keyClicks(view.search, "%")  # a literal percent sign, not a wildcard
    qtbot.waitUntil(lambda: names(view) == ["Cy 100%"])
    qtbot.keyClicks(view.search, "zz")
    qtbot.waitUntil(lambda: view.list_stack.currentWidget() is view.no_match_page)


def test_network_filter(view, qtbot):
    qtbot.mouseClick(view.network_only, Qt.MouseButton.LeftButton)
    assert names(view) == ["Cy 100%"]


def test_edit_and_save(view, store, people, qtbot):
    click_row(view, "Bo Berg", qtbot)
    editor = view.editor
    assert editor.inputs["name"].text() == "Bo Berg"
    qtbot.keyClicks(editor.inputs["title"], "Hiring Manager")
    qtbot.mouseClick(editor.in_network, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    saved = get_contact(store, people["bo"])
    assert saved.title == "Hiring Manager"
    assert saved.in_network
    row = view.model.row_for_id(people["bo"])
    assert row is not None
    assert view.model.index(row, Column.TITLE).data() == "Hiring Manager"
    assert view.model.index(row, Column.NETWORK).data() == "✓ In my network"
    assert view.selected_id() == people["bo"]


def test_bad_email_is_shown_beside_the_field_and_nothing_saved(view, store, people, qtbot):
    click_row(view, "Ann Archer", qtbot)
    editor = view.editor
    qtbot.keyClicks(editor.inputs["email"], "ann-at-acme")
    editor.inputs["title"].clear()
    qtbot.keyClicks(editor.inputs["title"], "Changed")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.problem_text("email") == "That email address does not look right (it needs an @)."
    assert get_contact(store, people["ann"]).title == "Recruiter"


def test_new_contact(view, store, qtbot):
    qtbot.mouseClick(view.new_button, Qt.MouseButton.LeftButton)
    assert view.editor.inputs["name"].text() == ""
    qtbot.keyClicks(view.editor.inputs["name"], "Dee Dunn")
    qtbot.keyClick(view.editor.inputs["name"], Qt.Key.Key_Return)
    assert "Dee Dunn" in names(view)
    new_id = view.selected_id()
    assert new_id is not None
    assert get_contact(store, new_id).name == "Dee Dunn"


@pytest.mark.parametrize(("answer", "kept"), [("No", True), ("Yes", False)])
def test_delete_asks_and_names_the_applications(
    view, store, people, add, qtbot, monkeypatch, answer, kept
):
    assign_role(store, add("Acme", "Engineer"), people["ann"], ContactRole.RECRUITER)
    click_row(view, "Ann Archer", qtbot)
    asked: list[str] = []

    def question(parent, title, text, *args):
        asked.append(text)
        return getattr(QMessageBox.StandardButton, answer)

    monkeypatch.setattr(QMessageBox, "question", question)
    qtbot.mouseClick(view.editor.delete_button, Qt.MouseButton.LeftButton)
    assert "Recruiter · Engineer at Acme" in asked[0]
    assert ("Ann Archer" in names(view)) is kept
    if not kept:
        assert view.detail_stack.currentWidget() is view.pick_label


def test_roles_list_and_double_click_opens(view, store, people, add, qtbot):
    app_id = add("Northwind Analytics", "Backend Engineer")
    assign_role(store, app_id, people["ann"], ContactRole.RECRUITER)
    click_row(view, "Ann Archer", qtbot)
    roles = view.editor.roles
    assert roles.isVisible()
    index = roles.model().index(0, 0)
    assert index.data() == "Recruiter · Backend Engineer at Northwind Analytics"
    rect = roles.visualRect(index)
    qtbot.mouseClick(roles.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(view.open_application) as signal:
        qtbot.mouseDClick(roles.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert signal.args == [app_id]


def test_empty_state(qtbot, store, events):
    widget = ContactsView(store, events)
    qtbot.addWidget(widget)
    assert widget.list_stack.currentWidget() is widget.empty_page


def test_search_folds_case_like_the_applications_search(view, qtbot, store, events):
    create_contact(store, ContactInput(name="Jana Groß", company="Straßenbahn GmbH"))
    create_contact(store, ContactInput(name="Émile Zola"))
    events.publish({Kind.CONTACTS})
    qtbot.keyClicks(view.search, "GROSS")  # "ß" folds to "ss", as in the applications search
    qtbot.waitUntil(lambda: names(view) == ["Jana Groß"])
    view.search.clear()
    view.search.setText("ÉMILE")  # beyond ASCII (QTest types only ASCII): É folds to é
    qtbot.waitUntil(lambda: names(view) == ["Émile Zola"])
