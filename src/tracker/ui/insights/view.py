"""The Insights tab: a few pictures of where the search stands, each with its numbers.

Everything here is imported when the tab is first opened, never at start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QLocale, QSettings, Qt
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from tracker.domain import insights as figures
from tracker.domain.changes import Kind
from tracker.domain.store import Store
from tracker.ui.common.writes import run_write
from tracker.ui.events import DataEvents
from tracker.ui.insights import present
from tracker.ui.insights.charts import BarChart, ColumnChart
from tracker.ui.insights.section import Section, hint

# Where the weekly goal was kept before it moved into the database with the person's data:
# carried over once into a database that has none yet. QSettings itself is only read.
LEGACY_GOAL_KEY = "insights/weekly_goal"
PERIODS: tuple[tuple[str, int | None], ...] = (
    ("Last 30 days", 30),
    ("Last 90 days", 90),
    ("All time", None),
)
ALL_SOURCES = "All sources"


def not_enough_text(sent: int) -> str:
    if sent:
        so_far = f"So far: {present.plural(sent, 'application')}. With a few more"
    else:
        so_far = "Nothing sent yet. Once a few are on their way"
    return (
        f"Insights start after about {figures.ENOUGH_APPLICATIONS} applications.\n\n"
        f"{so_far}, this page shows how far your applications get, which sources reply, "
        "and how long each step takes."
    )


def load_goal(store: Store, events: DataEvents, parent: QWidget | None = None) -> int:
    """The goal kept with the data; an earlier version's goal in QSettings is moved there."""
    goal = figures.weekly_goal(store)
    if goal is not None:
        return goal
    try:
        legacy = int(str(QSettings().value(LEGACY_GOAL_KEY, 0) or 0))
    except ValueError:
        return 0
    if not 0 < legacy <= figures.MOST_A_WEEK:
        return 0
    written = run_write(parent, events, lambda: figures.set_weekly_goal(store, legacy))
    return legacy if written is not None else 0


# The rows the figures are counted from.
SHOWN = frozenset({Kind.APPLICATIONS, Kind.INTERVIEWS, Kind.DEBRIEFS})


class InsightsView(QWidget):
    def __init__(
        self,
        store: Store,
        events: DataEvents,
        parent: QWidget | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._events = events
        self._today = today
        self._stale = True
        self.period = QComboBox()
        self.period.setAccessibleName("Period")
        for text, days in PERIODS:
            self.period.addItem(text, days)
        self.period.setCurrentIndex(len(PERIODS) - 1)
        self.source = QComboBox()
        self.source.setAccessibleName("Source")
        self.source.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.goal = QSpinBox()
        self.goal.setAccessibleName("Weekly goal: applications a week")
        self.goal.setRange(0, figures.MOST_A_WEEK)
        self.goal.setSpecialValueText("None")
        self.goal.setSuffix(" a week")
        self.goal.setValue(load_goal(store, events, self))
        self.goal.setToolTip("Optional: a line on the weekly chart. Nothing counts against you.")
        bar = QHBoxLayout()
        for label, widget in (("&Period", self.period), ("&Source", self.source)):
            caption = QLabel(label)
            caption.setBuddy(widget)
            bar.addWidget(caption)
            bar.addWidget(widget)
            bar.addSpacing(12)
        bar.addStretch(1)
        goal_caption = QLabel("Weekly &goal")
        goal_caption.setBuddy(self.goal)
        bar.addWidget(goal_caption)
        bar.addWidget(self.goal)
        self.caution = hint()
        self._build_sections()
        self.not_enough = QLabel()
        self.not_enough.setTextFormat(Qt.TextFormat.PlainText)
        self.not_enough.setWordWrap(True)
        self.not_enough.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.not_enough.setAccessibleName("Not enough applications yet")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.figures_area)
        self.stack.addWidget(self.not_enough)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        self.period.currentIndexChanged.connect(self.reload)
        self.source.currentIndexChanged.connect(self.reload)
        self.goal.valueChanged.connect(self._goal_changed)
        events.changed.connect(self._on_changed)

    def _build_sections(self) -> None:
        self.funnel = Section(
            "funnel",
            "How far applications get",
            "Each step counts every application that reached it or went further, from its "
            "history, so one turned down after interviews still counts for getting there.",
            BarChart("Funnel"),
            ("Step", "Reached", "Went on from the step before"),
        )
        self.by_source = Section(
            "by_source",
            "Who replies, by source",
            "A reply means someone there engaged: a screening or an interview, even if a no "
            "came later. Silence or a no straight away is not one. "
            + present.PALER.format(few=present.FEW, what="applications"),
            BarChart("Replies by source"),
            ("Source", "Sent", "Replied", "Share"),
        )
        self.by_role = Section(
            "by_role",
            "Who replies, by kind of role",
            "Kinds come from the words in each role's title. "
            + present.PALER.format(few=present.FEW, what="applications"),
            BarChart("Replies by kind of role"),
            ("Kind of role", "Sent", "Replied", "Share"),
        )
        self.timing = Section(
            "timing",
            "How long things take",
            "Typical (median) days; a long wait is about their process, not about you. "
            + present.PALER.format(few=present.FEW, what="applications"),
            BarChart("Time in stage"),
            ("From → to", "Median", "Applications"),
        )
        self.rejections = Section(
            "rejections",
            "Where rejections came",
            "The step each application was at when the answer was no.",
            BarChart("Rejections by stage"),
            ("Came at", "Rejections", "Share"),
        )
        self.weak = Section(
            "weak",
            "Interviews that felt weaker",
            "From your debriefs: the interviews you marked weaker than you wanted, "
            "out of all of that kind on those applications. "
            + present.PALER.format(few=present.FEW_INTERVIEWS, what="interviews"),
            BarChart("Interview kinds marked weaker"),
            ("Interview", "Felt weaker", "Of", "Share"),
        )
        self.weekly = Section(
            "weekly",
            "Week by week",
            "Applications sent and interviews held each week.",
            ColumnChart("Weekly activity"),
            ("Week of", "Applications sent", "Interviews held"),
            most_rows=7,
        )
        self.sections = [
            self.funnel,
            self.by_source,
            self.by_role,
            self.timing,
            self.rejections,
            self.weak,
            self.weekly,
        ]
        page = QWidget()
        column = QVBoxLayout(page)
        column.addWidget(self.caution)
        for i, section in enumerate(self.sections):
            if i:
                line = QFrame()
                line.setFixedHeight(1)
                line.setStyleSheet("background: palette(mid);")
                column.addWidget(line)
            column.addWidget(section)
        column.addStretch(1)
        self.figures_area = QScrollArea()
        self.figures_area.setWidgetResizable(True)
        self.figures_area.setFrameShape(QFrame.Shape.NoFrame)
        self.figures_area.setWidget(page)

    # --- what is shown -------------------------------------------------------------------

    def scope(self) -> figures.Scope:
        days = self.period.currentData()
        source = self.source.currentData()
        return figures.Scope(self._today(), days, source if isinstance(source, str) else None)

    def reload(self) -> None:
        """Count again for the chosen period and source (a moment over a very long history)."""
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self._reload()
        finally:
            QGuiApplication.restoreOverrideCursor()

    def _reload(self) -> None:
        self._stale = False
        self._fill_sources()
        sent = figures.applications_sent(self._store)
        if sent < figures.ENOUGH_APPLICATIONS:
            self.not_enough.setText(not_enough_text(sent))
            self.stack.setCurrentWidget(self.not_enough)
            return
        self.stack.setCurrentWidget(self.figures_area)
        scope = self.scope()
        store = self._store
        steps = figures.funnel(store, scope)
        in_view = steps[0].reached
        self.caution.setVisible(in_view < figures.ENOUGH_APPLICATIONS)
        self.caution.setText(
            f"Only {present.plural(in_view, 'application')} in this view, so read these "
            "as hints rather than answers."
        )
        self._show(self.funnel, present.funnel_figure(steps))
        by_source = figures.response_by_source(store, scope)
        self._show(self.by_source, present.response_figure(by_source, "Source"))
        by_role = figures.response_by_role(store, scope)
        self._show(self.by_role, present.response_figure(by_role, "Kind of role"))
        self._show(self.timing, present.timing_figure(figures.time_in_stage(store, scope)))
        rejected = figures.rejections_by_stage(store, scope)
        self._show(self.rejections, present.rejections_figure(rejected))
        self._show(self.weak, present.weak_figure(figures.weak_interview_kinds(store, scope)))
        self._show_weeks(scope)

    def _show(self, section: Section, figure: present.Figure) -> None:
        chart = section.chart
        assert isinstance(chart, BarChart)
        chart.set_bars(figure.bars, figure.maximum, figure.empty)
        section.set_rows(list(figure.rows))

    def _show_weeks(self, scope: figures.Scope) -> None:
        first_day = QLocale().firstDayOfWeek().value
        weeks = figures.weekly_activity(self._store, scope, first_day)
        figure = present.weekly_figure(weeks)
        chart = self.weekly.chart
        assert isinstance(chart, ColumnChart)
        goal = self.goal.value() or None
        chart.set_columns(
            present.WEEK_SERIES,
            figure.columns,
            goal,
            present.goal_text(goal) if goal else "",
            figure.empty,
        )
        self.weekly.set_rows(list(figure.rows))

    def _fill_sources(self) -> None:
        chosen = self.source.currentData()
        self.source.blockSignals(True)
        try:
            self.source.clear()
            self.source.addItem(ALL_SOURCES, None)
            for source in figures.sources(self._store):
                self.source.addItem(present.source_label(source), source)
            found = self.source.findData(chosen) if isinstance(chosen, str) else 0
            self.source.setCurrentIndex(max(0, found))
        finally:
            self.source.blockSignals(False)

    # --- keeping up ----------------------------------------------------------------------

    def _goal_changed(self, value: int) -> None:
        run_write(self, self._events, lambda: figures.set_weekly_goal(self._store, value))
        if self.stack.currentWidget() is self.figures_area:
            self._show_weeks(self.scope())

    def _on_changed(self, kinds: frozenset[Kind]) -> None:
        """A write to what the figures count: recount now if shown, else when next shown."""
        if Kind.SETTINGS in kinds:  # a restored or imported database brings its own goal
            self.goal.blockSignals(True)
            self.goal.setValue(figures.weekly_goal(self._store) or 0)
            self.goal.blockSignals(False)
        if not kinds & SHOWN:
            return
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()
