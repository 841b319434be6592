"""Every model behind the application detail passes Qt's model checks and shows what it should."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt

from tracker.db.enums import ContactRole, Stage
from tracker.domain.applications import change_stage
from tracker.domain.contacts import ContactInput, assign_role, create_contact
from tracker.domain.interviews import InterviewInput, ParticipantInput, save_interview
from tracker.domain.tasks import TaskInput, create_task
from tracker.ui.common.roles import ItemRole
from tracker.ui.detail.models import (
    ContactsModel,
    HistoryModel,
    InterviewsModel,
    PeopleModel,
    TasksModel,
    format_due,
)


def texts(model, column):
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_models_over_a_filled_application(qtmodeltester, store, add):
    app_id = add("Northwind", "Backend Engineer", Stage.APPLIED)
    change_stage(store, app_id, Stage.SCREENING, "Recruiter called")
    jordan = create_contact(store, ContactInput("Jordan Blake", "Recruiter", "Northwind")).value
    priya = create_contact(store, ContactInput("Priya Raman")).value
    assign_role(store, app_id, jordan, ContactRole.RECRUITER)
    interview = save_interview(
        store,
        app_id,
        None,
        InterviewInput(kind="technical", participants=(ParticipantInput(priya),)),
    ).value
    create_task(store, TaskInput("Send thanks", due_on=date.today(), application_id=app_id))

    history = HistoryModel(store, app_id)
    people = PeopleModel(store, app_id)
    interviews = InterviewsModel(store, app_id)
    tasks = TasksModel(store, app_id)
    contacts = ContactsModel(store, "Northwind")
    for model in (history, people, interviews, tasks, contacts):
        qtmodeltester.check(model)

    assert texts(history, 1) == ["Applied → Screening", "Added as Applied"]
    assert texts(history, 2) == ["Recruiter called", ""]
    assert history.headerData(0, Qt.Orientation.Horizontal) == "When"
    assert sorted(zip(texts(people, 0), texts(people, 1), strict=True)) == [
        ("Jordan Blake", "Recruiter"),
        ("Priya Raman", "Interviewer"),
    ]
    assert texts(interviews, 0) == ["No date yet"]
    assert texts(interviews, 3) == ["Priya Raman"]
    assert interviews.index(0, 0).data(ItemRole.ROW_ID) == interview
    assert texts(tasks, 1) == ["Today"]
    assert texts(contacts, 0) == ["Jordan Blake — Recruiter, Northwind", "Priya Raman"]
    assert contacts.index(0, 0).data(Qt.ItemDataRole.EditRole) == "Jordan Blake"
    assert contacts.find_name("priya raman").id == priya


def test_due_dates_read_plainly():
    today = date(2025, 3, 4)
    assert format_due(None, today) == "Whenever suits"
    assert format_due(today, today) == "Today"
    assert format_due(today - timedelta(days=1), today).endswith("(overdue)")
