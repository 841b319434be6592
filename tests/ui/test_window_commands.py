"""The window's commands act on the view on screen, every stage move can be undone, and
every view refreshes from the one signal."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QMenu

from tests.domain.reading import table_rows
from tests.domain.test_rejection import make_application
from tests.ui.test_board import card, drop, ids
from tests.ui.test_rejection_flow import answer_panel, fight
from tracker.db.enums import Stage
from tracker.domain.applications import change_stage, get_application
from tracker.domain.changes import Kind
from tracker.domain.detail import history
from tracker.domain.rejection import debrief_exists
from tracker.domain.tasks import TaskInput, create_task, open_tasks
from tracker.ui.applications.model import Column
from tracker.ui.detail.dialog import ApplicationDetailDialog
from tracker.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, store, events, db_path) -> MainWindow:
    main = MainWindow(store, events, db_path=db_path)
    qtbot.addWidget(main)
    main.resize(1200, 760)
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()
    qtbot.waitActive(main)
    return main


def click_row(qtbot, view: QAbstractItemView, row: int) -> None:
    rect = view.visualRect(view.model().index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def click_card(qtbot, window: MainWindow, stage: Stage, application_id: int) -> None:
    column = window.board.columns[stage]
    row = column.model.row_for_id(application_id)
    assert row is not None
    click_row(qtbot, column.list, row)
    assert window.board.selected_id() == application_id


def choose_from_menu(qtbot, window: MainWindow, title: str, text: str) -> None:
    """Open a menu of the menu bar and click one of its entries, as a person would."""
    bar = window.menuBar()
    entry = next(a for a in bar.actions() if a.text() == title)
    menu = entry.menu()
    assert isinstance(menu, QMenu)
    menu.popup(bar.mapToGlobal(bar.actionGeometry(entry).bottomLeft()))
    qtbot.waitExposed(menu)
    item = next(a for a in menu.actions() if a.text() == text)
    assert item.isEnabled()
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(item).center())
    qtbot.waitUntil(lambda: not menu.isVisible())


def undo(qtbot, window: MainWindow) -> None:
    focus = window.focusWidget() or window
    qtbot.keyClick(focus, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def moves(store, application_id: int) -> list[tuple[Stage | None, Stage]]:
    return [(c.from_stage, c.to_stage) for c in reversed(history(store, application_id))]


# --- acting on the view on screen ---------------------------------------------------------


def test_archive_acts_on_the_boards_card_not_the_tables_row(window, qtbot, store, add, events):
    in_table = add("Northwind", "Backend Engineer", Stage.APPLIED)
    on_board = add("Contoso", "Platform Engineer", Stage.SCREENING)
    events.publish({Kind.APPLICATIONS})
    window.tabs.show_view("applications")
    table = window.applications.table
    click_row(qtbot, table, window.applications.model.row_for_id(in_table))
    assert window.applications.selected_id() == in_table
    window.tabs.show_view("board")
    click_card(qtbot, window, Stage.SCREENING, on_board)

    choose_from_menu(qtbot, window, "&Application", "&Archive")

    archived = [r.id for r in table_rows(store, include_archived=True) if r.archived]
    assert archived == [on_board]
    assert ids(window.board, Stage.SCREENING) == []
    assert ids(window.board, Stage.APPLIED) == [in_table]
    undo(qtbot, window)
    assert not any(r.archived for r in table_rows(store, include_archived=True))


def test_row_actions_follow_the_selection_of_the_view_on_screen(window, qtbot, add, events):
    app_id = add("Northwind", "Backend Engineer", Stage.APPLIED)
    events.publish({Kind.APPLICATIONS})
    actions = window.commands.actions
    window.tabs.show_view("applications")
    click_row(qtbot, window.applications.table, 0)
    assert actions.archive_action.isEnabled()
    assert actions.move_actions[Stage.APPLIED].isChecked()
    window.tabs.show_view("board")  # nothing selected there
    assert not actions.archive_action.isEnabled()
    click_card(qtbot, window, Stage.APPLIED, app_id)
    assert actions.archive_action.isEnabled()
    window.tabs.show_view("tasks")
    assert not actions.archive_action.isEnabled()


def test_delete_from_the_menu_deletes_the_boards_card(window, qtbot, store, add, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    keep = add("Northwind", "Backend Engineer", Stage.APPLIED)
    gone = add("Contoso", "Platform Engineer", Stage.OFFER)
    window.board.reload()
    window.applications.model.reload()
    window.tabs.show_view("applications")
    click_row(qtbot, window.applications.table, window.applications.model.row_for_id(keep))
    window.tabs.show_view("board")
    click_card(qtbot, window, Stage.OFFER, gone)
    asked: list[str] = []

    def yes(_parent, _title, text, *_args):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)
    choose_from_menu(qtbot, window, "&Application", "&Delete…")
    assert len(asked) == 1
    assert "Platform Engineer at Contoso" in asked[0]
    assert [r.id for r in table_rows(store)] == [keep]


# --- undoing stage moves ------------------------------------------------------------------


def test_ctrl_z_puts_a_card_back_after_ctrl_right(window, qtbot, store, add):
    app_id = add("Northwind", "Backend Engineer", Stage.APPLIED)
    window.board.reload()
    click_card(qtbot, window, Stage.APPLIED, app_id)
    applied = window.board.columns[Stage.APPLIED].list
    qtbot.keyClick(applied, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert get_application(store, app_id).stage is Stage.SCREENING
    assert window.undo_action.isEnabled()

    undo(qtbot, window)

    assert get_application(store, app_id).stage is Stage.APPLIED
    assert ids(window.board, Stage.APPLIED) == [app_id]
    assert ids(window.board, Stage.SCREENING) == []
    assert moves(store, app_id)[-2:] == [
        (Stage.APPLIED, Stage.SCREENING),
        (Stage.SCREENING, Stage.APPLIED),
    ]
    window.redo_action.trigger()
    assert get_application(store, app_id).stage is Stage.SCREENING
    assert moves(store, app_id)[-1] == (Stage.APPLIED, Stage.SCREENING)


def test_ctrl_z_puts_a_card_back_after_move_to(window, qtbot, store, add):
    app_id = add("Northwind", "Backend Engineer", Stage.APPLIED)
    window.board.reload()
    click_card(qtbot, window, Stage.APPLIED, app_id)
    window.commands.actions.move_actions[Stage.OFFER].trigger()  # Application > Move to > Offer
    assert ids(window.board, Stage.OFFER) == [app_id]
    assert window.board.selected_id() == app_id

    undo(qtbot, window)

    assert ids(window.board, Stage.APPLIED) == [app_id]
    assert moves(store, app_id)[-2:] == [(Stage.APPLIED, Stage.OFFER), (Stage.OFFER, Stage.APPLIED)]


def test_a_move_from_the_table_and_from_the_detail_dialog_can_be_undone(window, qtbot, store, add):
    app_id = add("Northwind", "Backend Engineer", Stage.APPLIED)
    window.applications.model.reload()
    window.tabs.show_view("applications")
    click_row(qtbot, window.applications.table, 0)
    window.applications.commands.move_actions[Stage.SCREENING].trigger()  # the context menu's
    dialog = ApplicationDetailDialog(store, window._events, app_id, window)
    qtbot.addWidget(dialog)
    dialog.stage_moved.connect(window.on_stage_moved)
    dialog.form.stage.setCurrentIndex(dialog.form.stage.findData(Stage.INTERVIEWING.value))
    assert dialog.save()
    dialog.done(0)
    assert get_application(store, app_id).stage is Stage.INTERVIEWING

    undo(qtbot, window)
    assert get_application(store, app_id).stage is Stage.SCREENING
    undo(qtbot, window)
    assert get_application(store, app_id).stage is Stage.APPLIED
    assert [to for _, to in moves(store, app_id)] == [
        Stage.APPLIED,
        Stage.SCREENING,
        Stage.INTERVIEWING,
        Stage.SCREENING,
        Stage.APPLIED,
    ]


def test_undoing_a_rejection_keeps_the_plan_made_for_it(window, qtbot, store, monkeypatch):
    made = make_application(store)
    app_id = made["app"]
    change_stage(store, app_id, Stage.INTERVIEWING)
    window.board.reload()
    opened = answer_panel(monkeypatch, qtbot, lambda panel: fight(qtbot, panel))
    source = window.board.columns[Stage.INTERVIEWING].model
    row = source.row_for_id(app_id)
    assert row is not None
    assert drop(window.board, source.mimeData([source.index(row, 0)]), Stage.REJECTED).isAccepted()
    qtbot.waitUntil(lambda: len(opened) == 1)
    assert opened[0].confirmed
    planned = sorted(t.id for t in open_tasks(store, app_id))
    assert planned
    # The panel's stand-in modal loop leaves it the active window; a real one hands back.
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)

    undo(qtbot, window)

    assert get_application(store, app_id).stage is Stage.INTERVIEWING
    assert moves(store, app_id)[-1] == (Stage.REJECTED, Stage.INTERVIEWING)
    assert sorted(t.id for t in open_tasks(store, app_id)) == planned
    assert debrief_exists(store, app_id)
    assert ids(window.board, Stage.INTERVIEWING) == [app_id]


# --- one signal, each view listening for what it shows -----------------------------------


def test_a_task_completed_in_the_tasks_tab_updates_the_boards_card(window, qtbot, store, add):
    app_id = add("Northwind", "Backend Engineer", Stage.APPLIED)
    today = date.today()
    first = create_task(store, TaskInput("Send portfolio", due_on=today, application_id=app_id))
    create_task(
        store, TaskInput("Follow up", due_on=today + timedelta(days=3), application_id=app_id)
    )
    window.board.reload()
    assert card(window.board, Stage.APPLIED).next_task.title == "Send portfolio"
    window.tabs.show_view("tasks")
    tasks = window.tabs.current_view()
    assert tasks.select_id(first.value)
    tasks.tree.setFocus()

    with qtbot.waitSignal(window._events.changed) as changed:
        qtbot.keyClick(tasks.tree, Qt.Key.Key_Space)

    assert changed.args == [frozenset({Kind.TASKS})]
    assert card(window.board, Stage.APPLIED).next_task.title == "Follow up"


def test_an_edit_in_the_detail_dialog_updates_the_table_and_the_board(window, qtbot, store, add):
    app_id = add("Northwind", "Backend Engineer", Stage.APPLIED)
    window.applications.model.reload()
    window.board.reload()
    dialog = ApplicationDetailDialog(store, window._events, app_id, window)
    qtbot.addWidget(dialog)
    dialog.form.role.selectAll()
    qtbot.keyClicks(dialog.form.role, "Staff Engineer")

    with qtbot.waitSignal(window._events.changed) as changed:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert changed.args == [frozenset({Kind.APPLICATIONS})]
    model = window.applications.model
    assert model.index(0, Column.ROLE).data() == "Staff Engineer"
    assert card(window.board, Stage.APPLIED).role == "Staff Engineer"


def test_views_ignore_kinds_they_do_not_show(window, qtbot, add, events):
    add("Northwind", "Backend Engineer", Stage.APPLIED)
    assert window.applications.model.rowCount() == 0  # added behind the views' backs
    events.publish({Kind.CONTACTS, Kind.INTERVIEWS, Kind.DEBRIEFS})
    assert window.applications.model.rowCount() == 0
    assert ids(window.board, Stage.APPLIED) == []
    events.publish({Kind.TASKS})  # the board shows each card's next task
    assert len(ids(window.board, Stage.APPLIED)) == 1
    assert window.applications.model.rowCount() == 0
    events.publish({Kind.APPLICATIONS})
    assert window.applications.model.rowCount() == 1


def test_a_contact_renamed_in_the_contacts_tab_is_renamed_on_their_task(window, qtbot, store):
    from tracker.domain.contacts import ContactInput, create_contact
    from tracker.ui.tasks.model import Column as TaskColumn

    bo = create_contact(store, ContactInput(name="Bo Berg")).value
    task = create_task(store, TaskInput("Thank Bo", contact_id=bo)).value
    window.tabs.show_view("tasks")
    tasks = window.tabs.current_view()
    assert tasks.model.index_of_task(task, TaskColumn.FOR).data() == "Bo Berg"
    window.tabs.show_view("contacts")
    contacts = window.tabs.current_view()
    assert contacts.select_id(bo)
    name = contacts.editor.inputs["name"]
    name.selectAll()
    qtbot.keyClicks(name, "Bo Lindqvist")

    with qtbot.waitSignal(window._events.changed) as changed:
        qtbot.mouseClick(contacts.editor.save_button, Qt.MouseButton.LeftButton)

    assert changed.args == [frozenset({Kind.CONTACTS})]
    assert tasks.model.index_of_task(task, TaskColumn.FOR).data() == "Bo Lindqvist"


# --- Plan my response is for rejected applications ---------------------------------------


def test_plan_my_response_is_offered_only_for_a_rejected_card(window, qtbot, add, monkeypatch):
    applied = add("Kestrel Maps", "Cartographer", Stage.APPLIED)
    rejected = add("Northwind", "Backend Engineer", Stage.REJECTED)
    window.board.reload()
    opened = answer_panel(monkeypatch, qtbot, lambda panel: panel.reject())
    plan = window.commands.plan_action

    click_card(qtbot, window, Stage.APPLIED, applied)
    assert not plan.isEnabled()
    qtbot.keyClick(
        window.focusWidget() or window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier
    )
    assert opened == []

    click_card(qtbot, window, Stage.REJECTED, rejected)
    assert plan.isEnabled()
    qtbot.keyClick(
        window.focusWidget() or window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier
    )
    qtbot.waitUntil(lambda: len(opened) == 1)
    assert "Northwind went with someone else" in opened[0].know.greeting.text()


def test_plan_my_response_on_an_application_not_rejected_says_so(window, add, monkeypatch):
    applied = add("Kestrel Maps", "Cartographer", Stage.APPLIED)
    said: list[str] = []
    monkeypatch.setattr(
        "tracker.ui.rejection.entry.QMessageBox.information", lambda *a: said.append(a[2])
    )
    opened = answer_panel(monkeypatch, None, lambda panel: panel.reject())
    assert window.plan_response(applied) is False
    assert opened == []
    assert "not Rejected" in said[0]


def test_ctrl_r_with_nothing_selected_says_what_to_select(window, qtbot, monkeypatch):
    said: list[str] = []
    monkeypatch.setattr(
        "tracker.ui.rejection.entry.QMessageBox.information", lambda *a: said.append(a[2])
    )
    assert window.commands.plan_action.isEnabled()
    qtbot.keyClick(
        window.focusWidget() or window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier
    )
    assert said == ["Select an application on the board or in the table."]


def test_the_card_menu_archives_and_undo_brings_it_back(window, qtbot, add):
    app_id = add("Northwind", "Backend Engineer", Stage.APPLIED)
    window.board.reload()
    menu = window.board.build_context_menu(app_id)
    archive = next(a for a in menu.actions() if a.text() == "Archive")
    archive.trigger()
    menu.deleteLater()
    assert app_id not in ids(window.board, Stage.APPLIED)  # put away
    undo(qtbot, window)
    assert ids(window.board, Stage.APPLIED) == [app_id]
