"""The Insights tab: filters change the numbers, charts save as PNG, tables are sound models."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog, QMessageBox

from tracker.db.enums import Stage
from tracker.domain.applications import ApplicationInput, create_application
from tracker.domain.changes import Kind
from tracker.domain.demo import load_demo
from tracker.domain.store import Store
from tracker.ui.common.dates import day_format
from tracker.ui.events import DataEvents
from tracker.ui.insights.charts import (
    Bar,
    BarChart,
    Column,
    ColumnChart,
    Series,
    chart_image,
    nice_step,
)
from tracker.ui.insights.models import FigureTableModel
from tracker.ui.insights.view import InsightsView

TODAY = date(2025, 6, 10)


@pytest.fixture
def demo(store: Store) -> Store:
    load_demo(store, today=TODAY)
    return store


def make_view(qtbot, store: Store, events: DataEvents) -> InsightsView:
    view = InsightsView(store, events, today=lambda: TODAY)
    qtbot.addWidget(view)
    view.resize(1000, 800)
    view.show()
    qtbot.waitExposed(view)
    return view


def reached(view: InsightsView) -> list[str]:
    model = view.funnel.model
    return [model.index(row, 1).data() for row in range(model.rowCount())]


def choose(combo, text: str) -> None:
    index = combo.findText(text)
    assert index >= 0, f"{text!r} not offered"
    combo.setCurrentIndex(index)


def test_table_models_pass_the_model_tester(qtmodeltester) -> None:
    model = FigureTableModel(("Source", "Sent", "Answered"))
    qtmodeltester.check(model, force_py=True)
    model.set_rows([("Job board", "4", "3"), ("Referral", "2", "2")])
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 2
    assert model.columnCount() == 3
    assert model.index(0, 2).data() == "3"


@pytest.mark.parametrize(
    "key", ["funnel", "by_source", "by_role", "timing", "rejections", "weak", "weekly"]
)
def test_the_view_tables_pass_the_model_tester(qtbot, qtmodeltester, demo, events, key) -> None:
    # Not handed to qtbot: it would delete the view before the tester lets go of the model.
    view = InsightsView(demo, events, today=lambda: TODAY)
    view.reload()
    (section,) = [s for s in view.sections if s.key == key]
    assert section.model.rowCount() > 0
    qtmodeltester.check(section.model, force_py=True)
    view.deleteLater()


def test_few_applications_say_what_they_need(qtbot, store, events) -> None:
    for n in range(3):
        create_application(
            store, ApplicationInput(company=f"C{n}", role="Engineer", stage=Stage.APPLIED)
        )
    view = make_view(qtbot, store, events)
    assert view.stack.currentWidget() is view.not_enough
    text = view.not_enough.text()
    assert "Insights start after about 10 applications" in text
    assert "3 applications" in text


def test_an_empty_search_says_what_it_needs(qtbot, store, events) -> None:
    view = make_view(qtbot, store, events)
    assert view.stack.currentWidget() is view.not_enough
    assert "Nothing sent yet. Once a few are on their way" in view.not_enough.text()


def test_tables_are_as_wide_as_their_columns(qtbot, demo, events) -> None:
    view = make_view(qtbot, demo, events)
    view.resize(1280, 800)
    qtbot.waitUntil(lambda: view.funnel.table.width() > 0)
    for section in view.sections:
        table = section.table
        scroll = table.verticalScrollBar()
        columns = table.horizontalHeader().length() + 2 * table.frameWidth()
        columns += scroll.width() if scroll.isVisible() else 0
        assert columns - 2 <= table.width() <= columns + 2, section.key


def test_period_and_source_change_the_numbers(qtbot, demo, events) -> None:
    view = make_view(qtbot, demo, events)
    assert view.stack.currentWidget() is view.figures_area
    assert reached(view) == ["13", "9", "6", "2", "1"]
    choose(view.period, "Last 30 days")
    assert reached(view)[0] == "5"
    assert view.caution.isVisibleTo(view)
    assert "Only 5 applications in this view" in view.caution.text()
    choose(view.period, "All time")
    choose(view.source, "Job board")
    assert reached(view)[0] == "6"
    by_source = view.by_source.model
    assert by_source.rowCount() == 1
    assert by_source.index(0, 0).data() == "Job board"
    choose(view.source, "All sources")
    assert reached(view)[0] == "13"
    assert not view.caution.isVisibleTo(view)


def test_numbers_follow_new_data(qtbot, demo, events) -> None:
    view = make_view(qtbot, demo, events)
    create_application(demo, ApplicationInput(company="New", role="Engineer", stage=Stage.APPLIED))
    events.publish(frozenset({Kind.APPLICATIONS}))
    # The new one was sent today, after the demo's fixed day, so "all time" counts it.
    assert reached(view)[0] == "14"


def test_charts_match_their_tables(qtbot, demo, events) -> None:
    view = make_view(qtbot, demo, events)
    funnel = view.funnel.chart
    assert isinstance(funnel, BarChart)
    assert [b.label for b in funnel.bars] == [
        "Applied",
        "Screening",
        "Interviewing",
        "Offer",
        "Accepted",
    ]
    assert [int(b.value) for b in funnel.bars] == [13, 9, 6, 2, 1]
    weeks = view.weekly.chart
    assert isinstance(weeks, ColumnChart)
    assert len(weeks.columns) == view.weekly.model.rowCount()
    assert sum(c.values[0] for c in weeks.columns) == sum(
        int(view.weekly.model.index(r, 1).data()) for r in range(view.weekly.model.rowCount())
    )


def test_save_as_png_writes_an_image(qtbot, demo, events, tmp_path, monkeypatch) -> None:
    view = make_view(qtbot, demo, events)
    target = tmp_path / "funnel"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert view.funnel.save_png()
    written = Path(f"{target}.png")
    assert written.stat().st_size > 0
    image = QImage(str(written))
    assert not image.isNull()
    assert image.width() >= view.funnel.chart.width()


def test_save_as_png_can_be_cancelled_or_fail(qtbot, demo, events, tmp_path, monkeypatch) -> None:
    view = make_view(qtbot, demo, events)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    assert not view.weekly.save_png()
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warned.append(text))
    missing = tmp_path / "no-such-folder" / "chart.png"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(missing), ""))
    assert not view.weekly.save_png()
    assert warned
    assert "could not be saved" in warned[0]


def test_empty_charts_say_so(qtbot, demo, events) -> None:
    view = make_view(qtbot, demo, events)
    choose(view.period, "Last 30 days")
    choose(view.source, "Recruiter")  # Orchard, 30 days ago: in view, but no rejections
    assert view.rejections.model.rowCount() == 0
    assert not view.rejections.chart.has_data()
    assert view.rejections.chart.empty_text == "No rejections in this view."
    assert not view.rejections.save_button.isEnabled()


@pytest.mark.parametrize(("top", "step"), [(1, 1), (5, 1), (8, 2), (14, 5), (40, 10), (90, 20)])
def test_gridline_steps_are_round(top: int, step: int) -> None:
    assert nice_step(top) == step


@pytest.mark.parametrize(
    ("country", "weekday"),
    [(QLocale.Country.UnitedStates, 7), (QLocale.Country.UnitedKingdom, 1)],
)
def test_weeks_start_on_the_locales_first_day(qtbot, demo, events, country, weekday) -> None:
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, country))
    try:
        view = make_view(qtbot, demo, events)
        model = view.weekly.model
        for row in range(model.rowCount()):
            day = QLocale().toDate(model.index(row, 0).data(), day_format())  # the locale's
            assert day.isValid()
            assert day.dayOfWeek() == weekday
    finally:
        QLocale.setDefault(before)


def test_charts_paint_odd_data_without_trouble(qtbot) -> None:
    bars = BarChart("Bars")
    qtbot.addWidget(bars)
    bars.resize(300, 200)
    bars.set_bars(
        [
            Bar("A label far too long to fit beside a narrow chart at all", 0, "0 of 0 · —"),
            Bar("Faint", 3, "3 of 4", "#3f8ad8", faint=True),
            Bar("Over", 9, "9"),
        ],
        maximum=4,
    )
    columns = ColumnChart("Columns")
    qtbot.addWidget(columns)
    columns.resize(260, 220)
    weeks = [Column(f"{d} Jan", (d % 3, d % 2)) for d in range(1, 53)]
    columns.set_columns(
        [Series("Sent", "#3f8ad8"), Series("Held", "#d9962b")], weeks, goal=40, goal_text="Goal"
    )
    for chart in (bars, columns):
        image = QImage(chart.size(), QImage.Format.Format_ARGB32)
        image.fill(0)
        chart.render(image)
        assert not image.isNull()
        picture = chart_image(chart, "Title")
        assert picture.height() > chart.height()
    empty = BarChart("Empty")
    qtbot.addWidget(empty)
    empty.set_bars([], empty="Nothing yet.")
    assert not empty.has_data()
    empty.resize(200, 100)
    empty.render(QImage(empty.size(), QImage.Format.Format_ARGB32))
