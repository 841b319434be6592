"""One way of writing days: the tables, the cards and every date edit, following the locale."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import QDate, QDateTime, QLocale, QTime

from tracker.ui.common import dates

DAY = date(2026, 11, 3)


@pytest.fixture
def locale() -> Iterator[None]:
    before = QLocale()
    yield
    QLocale.setDefault(before)


@pytest.mark.parametrize(
    ("name", "day", "day_and_month"),
    [
        ("C", "3 Nov 2026", "3 Nov"),
        ("en_GB", "3 Nov 2026", "3 Nov"),
        ("en_US", "Nov 3, 2026", "Nov 3"),
        ("de_DE", "3. Nov. 2026", "3. Nov."),
        ("es_ES", "3 de nov de 2026", "3 de nov"),
        ("ja_JP", "2026年11月3日", "11月3日"),  # the day's 日 stays, the year's 年 goes with it
        ("hu_HU", "2026. nov. 3.", "nov. 3."),
        ("ar_EG", "٣ نوفمبر ٢٠٢٦", "٣ نوفمبر"),
    ],
)
def test_days_follow_the_locale_with_the_month_as_a_word(locale, name, day, day_and_month):
    QLocale.setDefault(QLocale(name))
    assert dates.format_day(DAY) == day
    assert dates.day_and_month(DAY) == day_and_month
    assert "Tue" not in dates.format_day(DAY)  # no weekday in a plain day


def test_moments_use_the_locales_clock(locale):
    moment = datetime(2026, 11, 3, 14, 30).astimezone()  # half past two, here
    QLocale.setDefault(QLocale("en_US"))
    assert dates.format_moment(moment) == "Nov 3, 2026, 2:30\u202fPM"
    QLocale.setDefault(QLocale("de_DE"))
    assert dates.format_moment(moment.astimezone(UTC)) == "3. Nov. 2026, 14:30"


def test_every_date_edit_shows_days_as_the_tables_do(qtbot, store, events, add):
    from tracker.ui.applications.add_dialog import ApplicationDialog
    from tracker.ui.detail.tabs import TasksTab
    from tracker.ui.interviews.dialog import InterviewDialog
    from tracker.ui.rejection.editor import TaskEditor
    from tracker.ui.tasks.dialog import TaskDialog

    app_id = add("Northwind", "Backend Engineer")
    application = ApplicationDialog(store, events)
    task = TaskDialog(store, events)
    tab = TasksTab(store, events, app_id)
    editor = TaskEditor()
    interview = InterviewDialog(store, events, app_id)
    edits = [
        application.found_on,
        application.applied_on,
        application.closed_on,
        task.due_on,
        tab.due,
        editor.due_on,
    ]
    for widget in (application, task, tab, editor, interview):
        qtbot.addWidget(widget)
    for edit in edits:
        edit.setDate(QDate(2026, 11, 3))
        assert edit.text() == dates.format_day(DAY) == "3 Nov 2026"
        assert edit.calendarPopup()
    interview.starts_at.setDateTime(QDateTime(QDate(2026, 11, 3), QTime(14, 30)))
    assert interview.starts_at.text() == "3 Nov 2026, 14:30"
