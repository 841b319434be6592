from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox

from tracker import __version__
from tracker.db.enums import Stage
from tracker.domain.changes import Kind
from tracker.ui.applications.add_dialog import ApplicationDialog
from tracker.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, store, events, db_path) -> MainWindow:
    main = MainWindow(store, events, db_path=db_path)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()
    qtbot.waitActive(main)
    return main


def test_window_is_assembled(window, add, events):
    assert window.windowTitle() == "Job Tracker"
    assert (window.width(), window.height()) == (1100, 700)
    assert window.centralWidget() is window.tabs
    # The board comes first; Tasks and Contacts are built the first time they are shown.
    assert window.tabs.current_view() is window.board
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == [
        "Board",
        "Applications",
        "Tasks",
        "Contacts",
        "Lessons",
        "Insights",
    ]
    assert not window.tabs.is_built("tasks")
    window.tabs.show_view("tasks")
    assert window.tabs.is_built("tasks")
    window.tabs.show_view("applications")
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["&File", "&Application", "&Edit", "&View", "&Help"]
    assert window.count_label.text() == "No applications yet"
    add("Northwind", "Backend Engineer", Stage.APPLIED)
    add("Contoso", "Platform Engineer")
    events.publish({Kind.APPLICATIONS})
    assert window.count_label.text() == "2 applications"
    window.applications.stage_filter.setCurrentIndex(
        window.applications.stage_filter.findData(Stage.APPLIED.value)
    )
    assert window.count_label.text() == "Showing 1 of 2 applications"


def test_shortcuts(window):
    commands = window.applications.commands
    assert commands.new_action.shortcut() == QKeySequence(QKeySequence.StandardKey.New)
    assert commands.delete_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Delete)
    assert commands.edit_action.shortcut() == QKeySequence("F2")
    assert window.find_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Find)
    assert window.quit_action.shortcut() == QKeySequence("Ctrl+Q")


def test_ctrl_n_opens_the_new_application_dialog(window, qtbot, monkeypatch):
    opened: list[str] = []

    def exec_(dialog: ApplicationDialog) -> int:
        opened.append(dialog.windowTitle())
        return ApplicationDialog.DialogCode.Rejected

    monkeypatch.setattr(ApplicationDialog, "exec", exec_)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert opened == ["New application"]


def test_ctrl_f_focuses_search(window, add, events, qtbot):
    add("Northwind", "Backend Engineer")
    events.publish({Kind.APPLICATIONS})
    window.applications.table.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.applications.search.hasFocus())


def test_about_shows_version_and_database(window, db_path, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    window.about_action.trigger()
    assert len(shown) == 1
    assert __version__ in shown[0]
    assert str(db_path) in shown[0]


def test_quit_closes_the_window(window, qtbot):
    window.quit_action.trigger()
    qtbot.waitUntil(lambda: not window.isVisible())


def test_the_application_count_shows_only_with_the_applications(window, add, events, qtbot):
    add("Northwind", "Backend Engineer")
    events.publish({Kind.APPLICATIONS})
    assert window.count_label.isVisible()
    for key in ("tasks", "contacts", "lessons"):
        window.tabs.show_view(key)
        assert not window.count_label.isVisible(), key
    window.tabs.show_view("applications")
    assert window.count_label.isVisible()
    assert window.count_label.text() == "1 application"


def test_only_the_view_on_screen_is_built_before_the_first_paint(
    qtbot, store, events, add, db_path
):
    add("Northwind", "Backend Engineer")
    add("Kestrel Maps", "Data Engineer")
    main = window_from_first_paint(qtbot, store, events, db_path)
    assert main.tabs.current_key() == "board"
    assert main.tabs.is_built("board")
    assert not main.tabs.is_built("applications")  # not needed for the first paint
    assert main.count_label.text() == "2 applications"  # from what the first paint read
    main.show()
    qtbot.waitUntil(lambda: main.tabs.is_built("applications"))  # once the window is idle
    main.tabs.show_view("applications")
    assert main.applications.model.rowCount() == 2
    assert main.count_label.text() == "2 applications"


def test_a_change_before_the_table_is_built_is_read_from_the_database(
    qtbot, store, events, add, db_path
):
    add("Northwind", "Backend Engineer")
    main = window_from_first_paint(qtbot, store, events, db_path)
    add("Kestrel Maps", "Data Engineer")
    events.publish({Kind.APPLICATIONS})  # the first paint's rows are stale now
    main.tabs.show_view("applications")
    assert main.applications.model.rowCount() == 2
    assert main.count_label.text() == "2 applications"


def window_from_first_paint(qtbot, store, events, db_path) -> MainWindow:
    """A window built as start-up builds it: from the plain first read (not shown yet)."""
    from tracker.startup.first_paint import read_first_paint

    main = MainWindow(
        store,
        events,
        db_path=db_path,
        first_paint=lambda sort, view: read_first_paint(db_path, sort, view),
    )
    qtbot.addWidget(main)
    return main
