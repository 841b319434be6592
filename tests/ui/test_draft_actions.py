"""Copy draft and Open in mail, from the task list and the application's Tasks tab."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QWidget

from tracker.domain.contacts import ContactInput, create_contact
from tracker.domain.drafts.mailto import build_mailto
from tracker.domain.tasks import TaskInput, create_task
from tracker.ui.detail.tabs import TasksTab
from tracker.ui.drafts.actions import NO_DRAFT, DraftActions
from tracker.ui.tasks.view import TasksView

SUBJECT = "Thank you, Priya — R&D?"
BODY = "Hi Priya,\n\n100% worth it: #1 & more, café.\n\nSam"


@pytest.fixture
def opened(monkeypatch) -> list[str]:
    urls: list[str] = []

    def record(url) -> bool:
        urls.append(url.toString(url.ComponentFormattingOption.FullyEncoded))
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", record)
    return urls


def drafted(store, add) -> tuple[int, int]:
    app_id = add("Northwind", "Backend Engineer")
    who = create_contact(
        store, ContactInput(name="Priya Raman", email="priya@northwind.example")
    ).value
    task = TaskInput(
        title="Thank Priya",
        due_on=date(2026, 11, 27),
        draft_subject=SUBJECT,
        draft_body=BODY,
        application_id=app_id,
        contact_id=who,
    )
    return app_id, create_task(store, task).value


def test_open_in_mail_builds_the_right_url(qtbot, store, add, opened):
    _, task_id = drafted(store, add)
    host = QWidget()
    qtbot.addWidget(host)
    actions = DraftActions(store, host)
    actions.set_task(task_id)
    assert actions.mail_action.isEnabled()
    actions.mail_action.trigger()
    (url,) = opened
    parts = urlsplit(url)
    assert parts.scheme == "mailto"
    assert parts.path == "priya@northwind.example"
    query = parse_qs(parts.query, keep_blank_values=True)
    assert query["subject"] == [SUBJECT]
    assert query["body"] == [BODY.replace("\n", "\r\n")]
    assert url == build_mailto("priya@northwind.example", SUBJECT, BODY)  # not encoded twice


def test_copy_puts_subject_and_body_on_the_clipboard(qtbot, store, add):
    _, task_id = drafted(store, add)
    host = QWidget()
    qtbot.addWidget(host)
    actions = DraftActions(store, host)
    actions.set_task(task_id)
    actions.copy_action.trigger()
    assert QGuiApplication.clipboard().text() == f"Subject: {SUBJECT}\n\n{BODY}"


def test_no_draft_disables_both_with_a_reason(qtbot, store, add):
    task_id = create_task(store, TaskInput(title="Call Jordan")).value
    host = QWidget()
    qtbot.addWidget(host)
    actions = DraftActions(store, host)
    actions.set_task(task_id)
    assert not actions.copy_action.isEnabled()
    assert not actions.mail_action.isEnabled()
    assert actions.mail_action.toolTip() == NO_DRAFT


def test_task_list_offers_the_draft_actions_for_the_selected_task(
    qtbot, store, add, events, opened
):
    _, task_id = drafted(store, add)
    view = TasksView(store, events, today_provider=lambda: date(2026, 11, 26))
    qtbot.addWidget(view)
    view.show()
    assert not view.drafts.mail_action.isEnabled()
    assert view.select_id(task_id)
    menu = view.build_context_menu()
    assert view.drafts.mail_action in menu.actions()
    assert view.drafts.copy_action in menu.actions()
    menu.deleteLater()
    view.drafts.mail_action.trigger()
    assert opened
    assert opened[0].startswith("mailto:priya@northwind.example?subject=")


def test_tasks_tab_copies_opens_and_snoozes(qtbot, store, add, events, opened):
    app_id, task_id = drafted(store, add)
    tab = TasksTab(store, events, app_id)
    qtbot.addWidget(tab)
    tab.show()
    assert not tab.mail_button.isEnabled()
    tab.table.selectRow(0)
    assert tab.selected_id() == task_id
    assert tab.mail_button.isEnabled()
    tab.copy_button.click()
    assert QGuiApplication.clipboard().text().startswith(f"Subject: {SUBJECT}")
    tab.mail_button.click()
    assert len(opened) == 1
    with qtbot.waitSignal(events.changed):
        assert tab.snooze_selected(date(2099, 1, 1))


def test_a_draft_still_missing_a_name_warns_before_it_goes_out(
    qtbot, store, add, opened, monkeypatch
):
    from PySide6.QtWidgets import QMessageBox

    app_id = add("Northwind", "Backend Engineer")
    task_id = create_task(
        store,
        TaskInput(
            title="Ask [recruiter's name] what would have made the difference",
            draft_subject="A question",
            draft_body="Hi [recruiter's name],\n\nMay I ask one thing?\n\nSam",
            application_id=app_id,
        ),
    ).value
    asked: list[str] = []
    answer = [QMessageBox.StandardButton.No]

    def question(parent, title, text, *rest):
        asked.append(text)
        return answer[0]

    monkeypatch.setattr(QMessageBox, "question", question)
    host = QWidget()
    qtbot.addWidget(host)
    actions = DraftActions(store, host)
    actions.set_task(task_id)
    QGuiApplication.clipboard().setText("before")
    actions.copy_action.trigger()
    actions.mail_action.trigger()
    assert len(asked) == 2
    assert "[recruiter's name]" in asked[0]
    assert QGuiApplication.clipboard().text() == "before"  # nothing copied
    assert opened == []  # nothing opened
    answer[0] = QMessageBox.StandardButton.Yes
    actions.copy_action.trigger()
    assert "Hi [recruiter's name]" in QGuiApplication.clipboard().text()


def test_open_in_mail_without_a_mail_program_says_so_and_copies(qtbot, store, add, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from tracker.ui.drafts.actions import NO_MAIL_APP

    _, task_id = drafted(store, add)
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)  # as Qt does then
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: said.append(text))
    host = QWidget()
    qtbot.addWidget(host)
    actions = DraftActions(store, host)
    actions.set_task(task_id)
    QGuiApplication.clipboard().setText("")
    actions.mail_action.trigger()
    assert said == [NO_MAIL_APP]
    assert "mail app" in said[0]  # and how to set one
    assert QGuiApplication.clipboard().text().startswith(f"Subject: {SUBJECT}")


def test_copy_draft_says_it_worked(qtbot, store, add, events):
    from tracker.ui.main_window import MainWindow

    _, task_id = drafted(store, add)
    window = MainWindow(store, events)
    qtbot.addWidget(window)
    window.show()
    view = TasksView(store, events, window, today_provider=lambda: date(2026, 11, 26))
    window.setCentralWidget(view)
    assert view.select_id(task_id)
    view.drafts.copy_action.trigger()
    assert window.statusBar().currentMessage().startswith("Draft copied")


def test_mark_sent_records_the_time_and_keeps_the_draft_as_sent(qtbot, store, add, events):
    from tracker.db.models import Task
    from tracker.domain.tasks import get_task, update_task
    from tracker.ui.tasks.dialog import TaskDialog

    app_id, task_id = drafted(store, add)
    tab = TasksTab(store, events, app_id)
    qtbot.addWidget(tab)
    tab.show()
    tab.table.selectRow(0)
    assert tab.sent_button.isEnabled()
    with qtbot.waitSignal(events.changed):
        tab.sent_button.click()
    with store.reading() as s:
        task = s.get(Task, task_id)
        assert task.sent_at is not None
        assert task.done
    dialog = TaskDialog(store, events, task_id)
    qtbot.addWidget(dialog)
    assert dialog.draft_body.isReadOnly()
    assert dialog.draft_subject.isReadOnly()
    assert dialog.draft_body.toPlainText() == BODY
    # Even a write that tries: the draft stays as it was sent.
    update_task(store, task_id, replace(get_task(store, task_id), draft_body="changed"))
    assert get_task(store, task_id).draft_body == BODY
