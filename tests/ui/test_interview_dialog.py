"""The interview editor, driven through its real widgets."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QDateTime, Qt
from sqlalchemy import func, select

from tests.domain.reading import people_on
from tracker.db.enums import Connection, ContactRole
from tracker.db.models import Contact, Interview, InterviewParticipant
from tracker.domain.contacts import ContactInput, create_contact
from tracker.domain.detail import participant_rows
from tracker.domain.interviews import get_interview
from tracker.ui.interviews.dialog import InterviewDialog

# The completer's popup opens while names are typed; the offscreen platform cannot raise it.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")


def count(store, model) -> int:
    with store.reading() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


@pytest.fixture
def app_id(add) -> int:
    return add("Northwind Analytics", "Backend Engineer")


@pytest.fixture
def priya(store) -> int:
    data = ContactInput("Priya Raman", "Senior Backend Engineer", "Northwind Analytics")
    return create_contact(store, data).value


def open_editor(qtbot, store, events, app_id, interview_id=None) -> InterviewDialog:
    dialog = InterviewDialog(store, events, app_id, interview_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def add_typed(qtbot, dialog, name, title=""):
    qtbot.keyClicks(dialog.picker.name, name)
    if title:
        qtbot.keyClicks(dialog.picker.title, title)
        qtbot.keyPress(dialog.picker.title, Qt.Key.Key_Return)
    else:
        qtbot.keyPress(dialog.picker.name, Qt.Key.Key_Return)


def test_two_interviewers_typed_in_are_saved_with_their_notes(qtbot, store, events, app_id, priya):
    dialog = open_editor(qtbot, store, events, app_id)
    dialog.kind.setCurrentIndex(dialog.kind.findData("technical"))
    dialog.starts_at.setDateTime(QDateTime.fromSecsSinceEpoch(1_741_096_800))  # 2025-03-04 14:00Z
    qtbot.keyClicks(dialog.duration, "60")

    # An existing contact, then someone new with a title: Enter adds, focus goes to topics.
    add_typed(qtbot, dialog, "priya raman")
    assert dialog.isVisible()
    assert len(dialog.rows) == 1
    assert dialog.focusWidget() is dialog.rows[0].topics
    qtbot.keyClicks(dialog.rows[0].topics, "Moving billing off the legacy system")
    qtbot.keyClicks(dialog.rows[0].connection, "S")  # Strong
    add_typed(qtbot, dialog, "Sam Ito", "Data Engineer")
    assert [r.person.contact_id for r in dialog.rows] == [priya, None]
    assert dialog.picker.name.text() == ""
    second = dialog.rows[1]
    assert dialog.focusWidget() is second.topics
    qtbot.keyClicks(second.topics, "Streaming ingestion")
    # Tab goes topics → connection → next person (the name field to add another).
    qtbot.keyClick(second.topics, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is second.connection
    qtbot.keyClicks(second.connection, "W")
    qtbot.keyClick(second.connection, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.picker.name

    with qtbot.waitSignal(events.changed) as changed:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert changed.args == [{"interviews", "contacts"}]
    assert dialog.result() == InterviewDialog.DialogCode.Accepted

    saved = get_interview(store, dialog.saved_id)
    assert (saved.kind, saved.duration_minutes) == ("technical", 60)
    assert saved.starts_at == datetime(2025, 3, 4, 14, 0, tzinfo=UTC)
    with store.reading() as session:
        sam = session.scalars(select(Contact).where(Contact.name == "Sam Ito")).one()
        assert (sam.title, sam.company.name) == ("Data Engineer", "Northwind Analytics")
        sam_id = sam.id
    assert [(p.contact_id, p.topics, p.connection) for p in saved.participants] == [
        (priya, "Moving billing off the legacy system", Connection.STRONG),
        (sam_id, "Streaming ingestion", Connection.WEAK),
    ]
    assert (sam_id, "Sam Ito", ContactRole.INTERVIEWER) in people_on(store, app_id)


def test_edit_shows_people_and_saves_changes(qtbot, store, events, app_id, priya):
    dialog = open_editor(qtbot, store, events, app_id)
    add_typed(qtbot, dialog, "Priya Raman")
    qtbot.keyClicks(dialog.rows[0].topics, "Billing")
    dialog.save()
    interview_id = dialog.saved_id

    again = open_editor(qtbot, store, events, app_id, interview_id)
    assert again.windowTitle().startswith("Interview")
    assert [r.person.name for r in again.rows] == ["Priya Raman"]
    assert again.rows[0].topics_text() == "Billing"
    qtbot.keyClicks(again.rows[0].topics, "; on-call")
    again.round.setValue(2)
    qtbot.mouseClick(again.save_button, Qt.MouseButton.LeftButton)
    assert again.result() == InterviewDialog.DialogCode.Accepted
    assert count(store, Interview) == 1
    assert get_interview(store, interview_id).round == 2
    assert [p.topics for p in participant_rows(store, interview_id)] == ["Billing; on-call"]


def test_removing_a_person_takes_them_off_the_interview(qtbot, store, events, app_id, priya):
    dialog = open_editor(qtbot, store, events, app_id)
    add_typed(qtbot, dialog, "Priya Raman")
    add_typed(qtbot, dialog, "Priya Raman")  # twice goes back to her row
    assert len(dialog.rows) == 1
    add_typed(qtbot, dialog, "Someone Else")
    qtbot.mouseClick(dialog.rows[1].remove, Qt.MouseButton.LeftButton)
    assert [r.person.name for r in dialog.rows] == ["Priya Raman"]
    dialog.save()
    assert count(store, InterviewParticipant) == 1
    assert count(store, Contact) == 1  # the removed new person was never created


def test_invalid_duration_writes_nothing(qtbot, store, events, app_id, priya):
    dialog = open_editor(qtbot, store, events, app_id)
    add_typed(qtbot, dialog, "Sam Ito")
    add_typed(qtbot, dialog, "Priya Raman")
    qtbot.keyClicks(dialog.duration, "2000")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.problem_text("duration_minutes") == "Duration must be between 1 and 1,440."
    assert dialog.focusWidget() is dialog.duration
    assert (count(store, Interview), count(store, Contact)) == (0, 1)  # Sam not created

    dialog.duration.clear()
    qtbot.keyClicks(dialog.duration, "ninety")
    dialog.save()
    assert dialog.problem_text("duration_minutes") == "Enter a whole number, such as 85000."

    dialog.duration.clear()
    qtbot.keyClicks(dialog.duration, "90")
    dialog.save()
    assert dialog.problem_text("duration_minutes") is None
    assert (count(store, Interview), count(store, Contact)) == (1, 2)


def test_completer_offers_contacts_as_you_type(qtbot, store, events, app_id, priya):
    create_contact(store, ContactInput("Tomás Ortega", "Engineering Manager"))
    dialog = open_editor(qtbot, store, events, app_id)
    completer = dialog.picker.name.completer()
    qtbot.keyClicks(dialog.picker.name, "orte")
    assert completer.completionCount() == 1
    assert completer.currentCompletion() == "Tomás Ortega"
    # Picking from the list adds that contact.
    completer.activated[type(completer.currentIndex())].emit(completer.currentIndex())
    qtbot.waitUntil(lambda: len(dialog.rows) == 1)
    assert dialog.rows[0].person.name == "Tomás Ortega"
    assert dialog.rows[0].person.contact_id is not None


def test_every_control_has_an_accessible_name(qtbot, store, events, app_id, priya):
    dialog = open_editor(qtbot, store, events, app_id)
    add_typed(qtbot, dialog, "Priya Raman")
    row = dialog.rows[0]
    for widget in (
        dialog.round,
        dialog.kind,
        dialog.starts_at,
        dialog.duration,
        dialog.location,
        dialog.self_assessment,
        dialog.notes,
        dialog.picker.name,
        dialog.picker.title,
        row.topics,
        row.connection,
        row.remove,
    ):
        assert widget.accessibleName()
    assert "Priya Raman" in row.topics.accessibleName()


def test_the_duration_says_its_unit(qtbot, store, events, app_id):
    from PySide6.QtWidgets import QLabel

    dialog = open_editor(qtbot, store, events, app_id)
    dialog.duration.setText("45")  # the placeholder is gone: the label still says minutes
    labels = [w.text() for w in dialog.findChildren(QLabel) if "Duration" in w.text()]
    assert labels == ["&Duration (minutes)"]
