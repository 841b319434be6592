"""The calendar file: upcoming interviews and open tasks, stable UIDs, hostile text intact."""

from __future__ import annotations

import stat
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from icalendar import Calendar

from tracker.db.enums import Stage
from tracker.domain.applications import ApplicationInput, create_application
from tracker.domain.contacts import ContactInput, create_contact
from tracker.domain.interviews import InterviewInput, ParticipantInput, save_interview
from tracker.domain.reminders.ics import calendar_ics, feed_path, write_calendar
from tracker.domain.store import Store
from tracker.domain.tasks import TaskInput, complete_task, create_task

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
HOSTILE = 'Ørsted, Inc.; "R&D" \\ team\nsecond line — 面接 ✓'


def parse(data: bytes) -> dict[str, object]:
    calendar = Calendar.from_ical(data)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def setup(store: Store) -> tuple[int, int, int]:
    app_id = create_application(
        store, ApplicationInput(company=HOSTILE, role="Backend; Engineer, II", stage=Stage.APPLIED)
    ).value
    priya = create_contact(store, ContactInput(name="Priya, Raman", title="Lead; SRE")).value
    upcoming = save_interview(
        store,
        app_id,
        None,
        InterviewInput(
            starts_at=NOW + timedelta(days=2),
            duration_minutes=45,
            location="https://meet.example/a,b;c",
            participants=(ParticipantInput(priya, "billing"),),
        ),
    ).value
    save_interview(store, app_id, None, InterviewInput(starts_at=NOW - timedelta(days=2)))
    task_id = create_task(
        store,
        TaskInput(
            title=f"Thank {HOSTILE}",
            due_on=date(2026, 3, 4),
            draft_body="Hi,\n\nThanks; really, thanks.",
            application_id=app_id,
        ),
    ).value
    done = create_task(store, TaskInput(title="Done already", due_on=date(2026, 3, 3))).value
    complete_task(store, done)
    create_task(store, TaskInput(title="No date"))
    return upcoming, task_id, app_id


def test_upcoming_interviews_and_dated_open_tasks_round_trip(store: Store) -> None:
    interview_id, task_id, _ = setup(store)
    events = parse(calendar_ics(store, NOW))
    assert set(events) == {
        f"interview-{interview_id}@job-tracker.invalid",
        f"task-{task_id}@job-tracker.invalid",
    }
    interview = events[f"interview-{interview_id}@job-tracker.invalid"]
    assert str(interview["SUMMARY"]) == f"Other interview: Backend; Engineer, II at {HOSTILE}"
    assert str(interview["LOCATION"]) == "https://meet.example/a,b;c"
    assert interview.decoded("DTSTART") == NOW + timedelta(days=2)
    assert interview.decoded("DTEND") == NOW + timedelta(days=2, minutes=45)
    assert "- Priya, Raman, Lead; SRE" in str(interview["DESCRIPTION"])
    [alarm] = interview.walk("VALARM")
    assert alarm.decoded("TRIGGER") == timedelta(hours=-1)
    task = events[f"task-{task_id}@job-tracker.invalid"]
    assert str(task["SUMMARY"]) == f"Thank {HOSTILE}"
    assert task.decoded("DTSTART") == date(2026, 3, 4)
    assert "Hi,\n\nThanks; really, thanks." in str(task["DESCRIPTION"])
    assert f"For: {HOSTILE} — Backend; Engineer, II" in str(task["DESCRIPTION"])
    [alarm] = task.walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY"


def test_the_uids_stay_the_same_from_one_export_to_the_next(store: Store) -> None:
    setup(store)
    first = set(parse(calendar_ics(store, NOW)))
    second = set(parse(calendar_ics(store, NOW + timedelta(hours=1))))
    assert first == second


def test_the_file_is_written_whole_and_private(store: Store, tmp_path: Path) -> None:
    setup(store)
    path = write_calendar(store, feed_path(tmp_path / "data"), NOW)
    assert path.name == "job-tracker.ics"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(parse(path.read_bytes())) == 2
    assert [p.name for p in path.parent.iterdir()] == ["job-tracker.ics"]  # no temp left
