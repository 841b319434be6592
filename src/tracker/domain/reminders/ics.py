"""A calendar of what is coming: every upcoming interview and every open task with a due day,
as an iCalendar (.ics) file any calendar app imports or subscribes to.

Each event has a stable UID (interview-<id>@…, task-<id>@…), so importing the file again, or
a calendar app reading the kept file again, updates events instead of adding copies. Each
has an alarm: an hour before an interview, the morning of a task's day (DAY_STARTS).
"""

from __future__ import annotations

import os
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from icalendar import Alarm, Calendar, Event
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker import APP_NAME, __version__
from tracker.db.models import Application, Interview, InterviewParticipant, Task
from tracker.domain.reminders.context import describe
from tracker.domain.reminders.due import DAY_STARTS
from tracker.domain.store import Store

UID_DOMAIN = "job-tracker.invalid"  # a name that is never anyone's real domain
FEED_NAME = "job-tracker.ics"
DEFAULT_INTERVIEW = timedelta(hours=1)
INTERVIEW_ALARM = timedelta(hours=-1)
TASK_ALARM = timedelta(hours=DAY_STARTS.hour, minutes=DAY_STARTS.minute)  # from midnight


def _is_link(text: str) -> bool:
    return text.startswith(("http://", "https://"))


def _alarm(trigger: timedelta, text: str) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", trigger)
    alarm.add("description", text)
    return alarm


def _interview_event(interview: Interview, now: datetime) -> Event:
    application = interview.application
    assert interview.starts_at is not None
    what = f"{interview.kind.label} interview: {application.role} at {application.company.name}"
    event = Event()
    event.add("uid", f"interview-{interview.id}@{UID_DOMAIN}")
    event.add("dtstamp", now)
    event.add("summary", what)
    event.add("dtstart", interview.starts_at)
    length = (
        timedelta(minutes=interview.duration_minutes)
        if interview.duration_minutes
        else DEFAULT_INTERVIEW
    )
    event.add("dtend", interview.starts_at + length)
    lines = [describe(interview)]
    people = [
        f"- {p.contact.name}, {p.contact.title}" if p.contact.title else f"- {p.contact.name}"
        for p in interview.participants
    ]
    if people:
        lines += ["", "Interviewers:", *people]
    if interview.location:
        place = interview.location.strip()
        event.add("location", place)
        if _is_link(place):
            event.add("url", place)
    event.add("description", "\n".join(lines))
    event.add_component(_alarm(INTERVIEW_ALARM, what))
    return event


def _task_event(task: Task, now: datetime) -> Event:
    assert task.due_on is not None
    event = Event()
    event.add("uid", f"task-{task.id}@{UID_DOMAIN}")
    event.add("dtstamp", now)
    event.add("summary", task.title)
    event.add("dtstart", task.due_on)
    event.add("dtend", task.due_on + timedelta(days=1))
    event.add("transp", "TRANSPARENT")  # a to-do for the day, not a meeting
    lines = []
    if task.application is not None:
        lines.append(f"For: {task.application.company.name} — {task.application.role}")
    if task.draft_body:
        lines += ["", task.draft_body]
    if lines:
        event.add("description", "\n".join(lines))
    event.add_component(_alarm(TASK_ALARM, task.title))
    return event


def calendar_ics(store: Store, now: datetime) -> bytes:
    """The calendar as .ics bytes: interviews from *now* on, and open tasks with a due day."""
    calendar = Calendar()
    calendar.add("prodid", f"-//{APP_NAME}//{__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", APP_NAME)
    interviews = (
        select(Interview)
        .where(Interview.starts_at.is_not(None), Interview.starts_at >= now)
        .options(
            selectinload(Interview.application).selectinload(Application.company),
            selectinload(Interview.participants).selectinload(InterviewParticipant.contact),
        )
        .order_by(Interview.starts_at, Interview.id)
    )
    tasks = (
        select(Task)
        .where(Task.done.is_(False), Task.due_on.is_not(None))
        .options(selectinload(Task.application).selectinload(Application.company))
        .order_by(Task.due_on, Task.id)
    )
    with store.reading() as session:
        for interview in session.scalars(interviews):
            calendar.add_component(_interview_event(interview, now))
        for task in session.scalars(tasks):
            calendar.add_component(_task_event(task, now))
    return bytes(calendar.to_ical())


def write_calendar(store: Store, path: Path, now: datetime) -> Path:
    """Write the calendar to *path*, whole or not at all (temp file, then rename); the file
    is readable by its owner only, like the database."""
    data = calendar_ics(store, now)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return path


def feed_path(data_dir: Path) -> Path:
    """Where the kept-up-to-date calendar lives, for a calendar app to subscribe to."""
    return data_dir / FEED_NAME
