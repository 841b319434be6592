from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tracker.db.models import Task
from tracker.domain.contacts import ContactInput, create_contact
from tracker.domain.tasks import TaskGroup, TaskInput, create_task
from tracker.ui.common.roles import ItemRole
from tracker.ui.tasks.dialog import TaskDialog
from tracker.ui.tasks.model import Column, TasksTreeModel
from tracker.ui.tasks.view import TasksView

TODAY = date(2026, 3, 11)  # a Wednesday


def load(store, task_id: int) -> Task:
    with store.reading() as session:
        task = session.get(Task, task_id)
        assert task is not None
        return task


def add_task(store, title: str, due: date | None = None, **links) -> int:
    return create_task(store, TaskInput(title=title, due_on=due, **links)).value


@pytest.fixture
def view(qtbot, store, events) -> TasksView:
    widget = TasksView(store, events, today_provider=lambda: TODAY)
    qtbot.addWidget(widget)
    widget.resize(1000, 500)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def titles(model: TasksTreeModel) -> dict[str, list[str]]:
    shown = {}
    for number in range(model.rowCount()):
        parent = model.index(number, 0)
        shown[str(parent.data())] = [
            model.index(r, 0, parent).data() for r in range(model.rowCount(parent))
        ]
    return shown


def test_model_passes_qtmodeltester(qtmodeltester, store, add):
    app_id = add("Northwind", "Backend Engineer")
    add_task(store, "Late", TODAY - timedelta(days=3), application_id=app_id)
    add_task(store, "Now", TODAY)
    add_task(store, "Undated")
    model = TasksTreeModel(store, lambda: TODAY)
    qtmodeltester.check(model, force_py=True)
    assert model.task_count() == 3


def test_tasks_are_grouped_against_today(store, add):
    app_id = add("Northwind", "Backend Engineer")
    ann = create_contact(store, ContactInput(name="Ann Archer")).value
    add_task(store, "Later one", TODAY + timedelta(days=5))  # next Monday
    add_task(store, "No date one")
    add_task(store, "Week one", TODAY + timedelta(days=4), application_id=app_id, contact_id=ann)
    add_task(store, "Today one", TODAY)
    add_task(store, "Overdue one", TODAY - timedelta(days=1))
    model = TasksTreeModel(store, lambda: TODAY)
    assert titles(model) == {
        "Overdue  (1)": ["Overdue one"],
        "Today  (1)": ["Today one"],
        "This week  (1)": ["Week one"],
        "Later  (1)": ["Later one"],
        "No date  (1)": ["No date one"],
    }
    week = model.group_index(TaskGroup.THIS_WEEK)
    assert model.index(0, Column.FOR, week).data() == "Northwind · Backend Engineer — Ann Archer"
    overdue = model.group_index(TaskGroup.OVERDUE)
    assert model.index(0, Column.DUE, overdue).data() == "Yesterday"
    assert model.index(0, Column.DUE, overdue).data(Qt.ItemDataRole.ForegroundRole) is not None


def select(view: TasksView, task_id: int, qtbot) -> None:
    index = view.model.index_of_task(task_id, Column.TITLE)
    rect = view.tree.visualRect(index)
    qtbot.mouseClick(view.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.selected_id() == task_id


def test_space_completes_and_ctrl_z_reopens(view, store, qtbot):
    first = add_task(store, "Thank Priya", TODAY)
    second = add_task(store, "Follow up", TODAY)
    view.reload()
    select(view, first, qtbot)
    view.tree.setFocus()
    qtbot.keyClick(view.tree, Qt.Key.Key_Space)
    assert load(store, first).done_at is not None
    assert view.model.index_of_task(first).isValid() is False
    assert view.selected_id() == second  # the neighbour is ready for the next key
    assert view.message.isVisible()
    assert "Thank Priya" in view.message_label.text()

    qtbot.keyClick(view.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert load(store, first).done is False
    assert view.model.index_of_task(first).isValid()


def test_complete_button_and_reopen_button(view, store, qtbot):
    task_id = add_task(store, "Send the letter")
    view.reload()
    select(view, task_id, qtbot)
    button = view.bar.widgetForAction(view.commands.complete_action)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert load(store, task_id).done
    assert view.stack.currentWidget() is view.empty_page
    qtbot.mouseClick(view.reopen_button, Qt.MouseButton.LeftButton)
    assert not load(store, task_id).done
    assert view.model.task_count() == 1


def test_ctrl_enter_completes(view, store, qtbot):
    task_id = add_task(store, "Prepare")
    view.reload()
    select(view, task_id, qtbot)
    qtbot.keyClick(view.tree, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert load(store, task_id).done


def test_snooze_tomorrow_hides_until_then(view, store, qtbot):
    task_id = add_task(store, "Ask for feedback", TODAY)
    view.reload()
    select(view, task_id, qtbot)
    tomorrow = view.commands.snooze_menu.actions()[0]
    assert tomorrow.text().startswith("Tomorrow")
    tomorrow.trigger()
    assert load(store, task_id).snoozed_until == TODAY + timedelta(days=1)
    assert view.model.task_count() == 0
    assert "1 snoozed task comes back later" in view.empty_page.label.text()
    qtbot.mouseClick(view.show_snoozed, Qt.MouseButton.LeftButton)
    assert view.model.index_of_task(task_id).isValid()


def test_pick_a_date_asks_for_one(view, store, qtbot, monkeypatch):
    task_id = add_task(store, "Ask for feedback", TODAY)
    view.reload()
    select(view, task_id, qtbot)
    monkeypatch.setattr(view, "ask_snooze_date", lambda today: today + timedelta(days=10))
    view.commands.pick_action.trigger()
    assert load(store, task_id).snoozed_until == TODAY + timedelta(days=10)


def answer_dialog(monkeypatch, qtbot, fill) -> None:
    def exec_(dialog: TaskDialog) -> int:
        dialog.show()
        qtbot.waitExposed(dialog)
        fill(dialog)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(TaskDialog, "exec", exec_)


def test_edit_title_by_double_click(view, store, qtbot, monkeypatch, add):
    app_id = add("Northwind", "Backend Engineer")
    task_id = add_task(store, "Old title", TODAY, application_id=app_id)
    view.reload()

    def fill(dialog: TaskDialog) -> None:
        assert dialog.linked.text() == "Backend Engineer at Northwind"
        dialog.title.clear()
        qtbot.keyClicks(dialog.title, "New title")

    answer_dialog(monkeypatch, qtbot, fill)
    select(view, task_id, qtbot)
    view.edit_selected()
    assert load(store, task_id).title == "New title"
    assert load(store, task_id).application_id == app_id
    index = view.model.index_of_task(task_id, Column.TITLE)
    assert index.data() == "New title"


def test_empty_title_is_shown_beside_the_field(view, store, qtbot, monkeypatch):
    seen = []
    answer_dialog(monkeypatch, qtbot, lambda dialog: seen.append(dialog))
    assert view.new_task() is None
    assert seen[0].problem_text("title") == "Title cannot be empty."


def test_ctrl_t_adds_a_task(view, store, qtbot, monkeypatch):
    def fill(dialog: TaskDialog) -> None:
        qtbot.keyClicks(dialog.title, "Update my CV")
        dialog.has_due.setChecked(True)

    answer_dialog(monkeypatch, qtbot, fill)
    view.tree.setFocus()
    qtbot.keyClick(view.tree, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert view.model.task_count() == 1
    task_id = view.selected_id()
    assert task_id is not None
    assert load(store, task_id).due_on == TODAY + timedelta(days=1)
    assert view.model.index_of_task(task_id).data(ItemRole.TASK_ID) == task_id


@pytest.mark.parametrize(("answer", "left"), [("No", 1), ("Yes", 0)])
def test_delete_asks_first(view, store, qtbot, monkeypatch, answer, left):
    task_id = add_task(store, "Throw away")
    view.reload()
    select(view, task_id, qtbot)
    reply = getattr(QMessageBox.StandardButton, answer)
    monkeypatch.setattr(QMessageBox, "question", lambda *args: reply)
    view.delete_selected()
    assert view.model.task_count() == left


def test_snoozing_three_days_never_lands_on_a_weekend():
    from tracker.ui.tasks.actions import snooze_choices

    wednesday = date(2026, 11, 25)
    choices = dict(snooze_choices(wednesday))
    assert choices["In 3 working days"] == date(2026, 11, 30)  # Monday, not Saturday
    for start in (wednesday + timedelta(days=n) for n in range(7)):
        assert all(day.weekday() < 5 for label, day in snooze_choices(start) if "working" in label)


def test_a_new_task_on_an_application_defaults_to_a_working_day(qtbot, store, events, add):
    from tracker.ui.detail.tabs import TasksTab

    tab = TasksTab(store, events, add("Northwind", "Backend Engineer"))
    qtbot.addWidget(tab)
    assert tab.due.date().toPython().weekday() < 5


@pytest.fixture
def sunday_first():
    """A locale whose weeks start on Sunday (en_US), for one test."""
    from PySide6.QtCore import QLocale

    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    yield
    QLocale.setDefault(before)


def test_this_week_follows_the_locales_first_day(store, sunday_first):
    add_task(store, "Saturday", TODAY + timedelta(days=3))
    add_task(store, "Sunday", TODAY + timedelta(days=4))  # a new week where weeks start on Sunday
    model = TasksTreeModel(store, lambda: TODAY)
    assert titles(model) == {"This week  (1)": ["Saturday"], "Later  (1)": ["Sunday"]}


def test_a_new_task_on_a_friday_is_due_on_monday(qtbot, store, events):
    friday = date(2026, 3, 13)
    dialog = TaskDialog(store, events, today=friday)
    qtbot.addWidget(dialog)
    dialog.has_due.setChecked(True)
    assert dialog.due_on.date().toPython() == date(2026, 3, 16)


def test_a_cut_off_snooze_is_whole_in_the_tooltip(view, store, qtbot):
    from tracker.domain.tasks import snooze_task

    task_id = add_task(store, "Ask for feedback", TODAY - timedelta(days=2))
    snooze_task(store, task_id, TODAY + timedelta(days=5), today=TODAY)
    qtbot.mouseClick(view.show_snoozed, Qt.MouseButton.LeftButton)
    due = view.model.index_of_task(task_id, Column.DUE)
    assert due.data() == "Mon 9 Mar · 2 days ago · snoozed to Mon 16 Mar"  # long for its column
    assert due.data(Qt.ItemDataRole.ToolTipRole) == (
        "Due Monday, 9 March 2026 (2 days ago); snoozed to Monday, 16 March 2026"
    )
