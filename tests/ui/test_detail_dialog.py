"""The application detail: every field, its history, people, interviews and tasks."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

from tests.domain.reading import people_on
from tracker.db.enums import ContactRole, Stage
from tracker.domain.applications import get_application
from tracker.domain.contacts import ContactInput, create_contact
from tracker.domain.detail import interview_rows
from tracker.domain.interviews import InterviewInput, save_interview
from tracker.domain.tasks import open_tasks
from tracker.ui.detail.dialog import ApplicationDetailDialog
from tracker.ui.interviews.dialog import InterviewDialog

# The contact pickers' popups open while typing; the offscreen platform cannot raise them.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")


@pytest.fixture(autouse=True)
def _discard_on_close(monkeypatch):
    """Closing with unsaved edits asks; tests that do not care answer Discard."""
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)


@pytest.fixture
def app_id(add) -> int:
    return add("Northwind Analytics", "Backend Engineer", Stage.APPLIED, "Utrecht")


def open_detail(qtbot, store, events, app_id) -> ApplicationDetailDialog:
    dialog = ApplicationDetailDialog(store, events, app_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_edit_with_a_problem_then_fix_and_save(qtbot, store, events, app_id):
    dialog = open_detail(qtbot, store, events, app_id)
    form = dialog.form
    assert dialog.title.text() == "Backend Engineer"
    assert dialog.subtitle.text() == "Northwind Analytics · Applied"
    assert form.location.text() == "Utrecht"

    qtbot.keyClicks(form.posting_url, "jobs.example.com/1")
    qtbot.keyClicks(form.job_description, "Own the billing service.")
    form.stage.setCurrentIndex(form.stage.findData(Stage.INTERVIEWING.value))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert form.problem_text("posting_url") == (
        "Posting link must be a web address starting with http:// or https://."
    )
    assert dialog.focusWidget() is form.posting_url
    assert get_application(store, app_id).stage == Stage.APPLIED  # nothing written
    assert not dialog.open_posting.isEnabled()

    form.posting_url.clear()
    qtbot.keyClicks(form.posting_url, "https://jobs.example.com/1")
    assert dialog.open_posting.isEnabled()
    with qtbot.waitSignal(dialog.stage_moved) as moved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert moved.args[0].to_stage is Stage.INTERVIEWING
    assert dialog.stage_move is moved.args[0]
    assert form.problem_text("posting_url") is None
    assert dialog.status.text() == "Saved."
    assert dialog.isVisible()
    saved = get_application(store, app_id)
    assert (saved.posting_url, saved.job_description, saved.stage) == (
        "https://jobs.example.com/1",
        "Own the billing service.",
        Stage.INTERVIEWING,
    )
    # The history shows the change at the top, and the header follows.
    history = dialog.history.model
    assert history.index(0, 1).data() == "Applied → Interviewing"
    assert history.rowCount() == 2
    assert dialog.subtitle.text() == "Northwind Analytics · Interviewing"
    assert dialog.tabs.tabText(1) == "&History (2)"


def test_found_and_closed_dates_and_description_are_editable(qtbot, store, events, app_id):
    dialog = open_detail(qtbot, store, events, app_id)
    form = dialog.form
    qtbot.mouseClick(form.has_found, Qt.MouseButton.LeftButton)
    assert form.found_on.isEnabled()
    form.found_on.setDate(form.applied_on.date().addDays(5))  # after the application date
    dialog.save()
    assert form.problem_text("applied_on") == (
        "The application date is before the date you found the job."
    )
    form.found_on.setDate(form.applied_on.date().addDays(-2))
    assert dialog.save()
    saved = get_application(store, app_id)
    assert (saved.applied_on - saved.found_on).days == 2


def test_open_posting_only_for_web_links(qtbot, store, events, app_id, monkeypatch):
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    dialog = open_detail(qtbot, store, events, app_id)
    qtbot.keyClicks(dialog.form.posting_url, "javascript:alert(1)")
    assert not dialog.open_posting.isEnabled()
    dialog.open_posting_url()
    assert opened == []
    dialog.form.posting_url.clear()
    qtbot.keyClicks(dialog.form.posting_url, "https://jobs.example.com/7")
    qtbot.mouseClick(dialog.open_posting, Qt.MouseButton.LeftButton)
    assert [url.toString() for url in opened] == ["https://jobs.example.com/7"]


def test_people_add_existing_as_recruiter_and_someone_new(qtbot, store, events, app_id):
    jordan = create_contact(
        store, ContactInput("Jordan Blake", "Recruiter", "Northwind Analytics")
    ).value
    dialog = open_detail(qtbot, store, events, app_id)
    tab = dialog.people
    dialog.tabs.setCurrentWidget(tab)
    assert tab.empty.isVisible()

    qtbot.keyClicks(tab.existing, "Jordan Blake")
    tab.existing_role.setCurrentIndex(tab.existing_role.findData(ContactRole.RECRUITER.value))
    qtbot.mouseClick(tab.add_existing, Qt.MouseButton.LeftButton)
    assert people_on(store, app_id) == [(jordan, "Jordan Blake", ContactRole.RECRUITER)]
    assert tab.model.rowCount() == 1
    assert not tab.empty.isVisible()

    tab.new_role.setCurrentIndex(tab.new_role.findData(ContactRole.HIRING_MANAGER.value))
    qtbot.keyClicks(tab.new_name, "Morgan Lee")
    qtbot.keyClicks(tab.new_title, "Head of Engineering")
    qtbot.keyClicks(tab.new_email, "morgan@northwind.example")
    with qtbot.waitSignal(events.changed):
        qtbot.keyPress(tab.new_email, Qt.Key.Key_Return)
    assert dialog.isVisible()  # Enter added the person; it did not save or close
    assert tab.new_name.text() == ""
    roles = {(name, role) for _, name, role in people_on(store, app_id)}
    assert roles == {
        ("Jordan Blake", ContactRole.RECRUITER),
        ("Morgan Lee", ContactRole.HIRING_MANAGER),
    }
    assert dialog.tabs.tabText(2) == "&People (2)"


def test_people_problems_show_and_remove_asks(qtbot, store, events, app_id, monkeypatch):
    dialog = open_detail(qtbot, store, events, app_id)
    tab = dialog.people
    qtbot.keyClicks(tab.new_email, "not-an-email")
    qtbot.keyPress(tab.new_email, Qt.Key.Key_Return)
    assert tab.problem.text() == "Name cannot be empty."
    qtbot.keyClicks(tab.new_name, "Ana Ruiz")
    tab.new_email.clear()
    qtbot.keyPress(tab.new_name, Qt.Key.Key_Return)
    assert tab.model.rowCount() == 1

    asked: list[str] = []

    def answer(*args, **kwargs):
        asked.append(args[1])
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    tab.table.selectRow(0)
    qtbot.mouseClick(tab.remove_button, Qt.MouseButton.LeftButton)
    assert asked == ["Take off this application?"]
    assert people_on(store, app_id) == []


def test_interviews_add_edit_and_delete(qtbot, store, events, app_id, monkeypatch):
    priya = create_contact(store, ContactInput("Priya Raman")).value
    dialog = open_detail(qtbot, store, events, app_id)
    tab = dialog.interviews
    assert not tab.empty.isHidden()
    seen: list[InterviewDialog] = []

    def fill_and_save(editor: InterviewDialog) -> int:
        seen.append(editor)
        if editor.rows:  # editing: change the round
            editor.round.setValue(3)
        else:
            qtbot.keyClicks(editor.picker.name, "Priya Raman")
            qtbot.keyPress(editor.picker.name, Qt.Key.Key_Return)
            qtbot.keyClicks(editor.rows[0].topics, "Billing")
        editor.save()
        return editor.result()

    monkeypatch.setattr(InterviewDialog, "exec", fill_and_save)
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    assert tab.model.rowCount() == 1
    assert tab.model.index(0, 3).data() == "Priya Raman"
    assert (priya, "Priya Raman", ContactRole.INTERVIEWER) in people_on(store, app_id)

    tab.table.selectRow(0)
    qtbot.mouseClick(tab.edit_button, Qt.MouseButton.LeftButton)
    assert seen[1].rows[0].topics_text() == "Billing"
    assert tab.model.index(0, 2).data() == "3"

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    tab.table.selectRow(0)
    assert not tab.delete_selected()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert tab.delete_selected()
    assert interview_rows(store, app_id) == []
    assert not tab.empty.isHidden()


def test_tasks_add_and_complete(qtbot, store, events, app_id):
    dialog = open_detail(qtbot, store, events, app_id)
    tab = dialog.tasks
    qtbot.keyClicks(tab.title, "Follow up with Jordan")
    qtbot.keyPress(tab.title, Qt.Key.Key_Return)
    assert dialog.isVisible()
    [task] = open_tasks(store, app_id)
    assert task.title == "Follow up with Jordan"
    assert task.due_on == tab.due.date().toPython()
    assert tab.model.rowCount() == 1
    assert dialog.tabs.tabText(4) == "&Tasks (1)"
    tab.table.selectRow(0)
    qtbot.mouseClick(tab.complete_button, Qt.MouseButton.LeftButton)
    assert open_tasks(store, app_id) == []
    assert tab.model.rowCount() == 0
    qtbot.keyPress(tab.title, Qt.Key.Key_Return)
    assert tab.problem.text() == "Title cannot be empty."


def test_closing_with_unsaved_details_asks(qtbot, store, events, app_id, monkeypatch):
    save_interview(store, app_id, None, InterviewInput())
    dialog = open_detail(qtbot, store, events, app_id)
    assert dialog.tabs.tabText(3) == "&Interviews (1)"
    qtbot.keyClicks(dialog.form.role, " II")
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: answers.pop(0))
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert get_application(store, app_id).role == "Backend Engineer II"


def test_a_fresh_application_is_not_dirty_before_or_after_saving(qtbot, store, events, add):
    from tracker.ui.detail.dialog import ApplicationDetailDialog

    app_id = add("Northwind", "Backend Engineer")  # most fields empty
    dialog = ApplicationDetailDialog(store, events, app_id)
    qtbot.addWidget(dialog)
    assert not dialog.is_dirty()
    dialog.form.role.clear()
    qtbot.keyClicks(dialog.form.role, "Staff Engineer")
    assert dialog.is_dirty()
    assert dialog.save()
    assert not dialog.is_dirty()
