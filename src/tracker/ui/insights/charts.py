"""Two small charts painted with QPainter: horizontal bars, and columns per week.

No charting library: Qt's own painter draws these few shapes in the palette's colours (light
or dark), costs nothing to import, and adds nothing to the installed app.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from tracker.ui.common.theme import blend

ROW = 26  # height of one bar's row
PAD = 8


@dataclass(frozen=True)
class Bar:
    label: str
    value: float  # the bar's length, in the chart's units
    text: str  # written after the bar: "3 of 4 · 75%"
    colour: str | None = None  # None: the palette's highlight
    faint: bool = False  # too few to read much into: drawn paler


@dataclass(frozen=True)
class Series:
    name: str
    colour: str


@dataclass(frozen=True)
class Column:
    label: str  # the week, "2 Mar"
    values: tuple[int, ...]  # one per series


class Chart(QWidget):
    """What both charts share: the palette's colours and a message when there is nothing."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.empty_text = ""

    def has_data(self) -> bool:
        raise NotImplementedError

    def ink(self, amount: float = 0.0) -> QColor:
        """The text colour, faded *amount* (0..1) towards the background."""
        palette = self.palette()
        return blend(
            palette.color(QPalette.ColorRole.WindowText),
            palette.color(QPalette.ColorRole.Window),
            amount,
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.has_data():
            self.paint(painter, QRectF(self.rect()))
        else:
            painter.setPen(self.ink(0.35))
            painter.drawText(
                QRectF(self.rect()).adjusted(PAD, PAD, -PAD, -PAD),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                self.empty_text,
            )
        painter.end()

    def paint(self, painter: QPainter, area: QRectF) -> None:
        raise NotImplementedError


class BarChart(Chart):
    """One horizontal bar per row: label at the left, the bar, then its numbers."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(name, parent)
        self.bars: list[Bar] = []
        self.maximum = 1.0

    def set_bars(self, bars: Sequence[Bar], maximum: float | None = None, empty: str = "") -> None:
        self.bars = list(bars)
        self.maximum = maximum or max((b.value for b in self.bars), default=1.0) or 1.0
        self.empty_text = empty
        self.updateGeometry()
        self.update()

    def has_data(self) -> bool:
        return bool(self.bars)

    def sizeHint(self) -> QSize:
        return QSize(420, max(3, len(self.bars)) * ROW + 2 * PAD)

    def minimumSizeHint(self) -> QSize:
        return QSize(240, self.sizeHint().height())

    def paint(self, painter: QPainter, area: QRectF) -> None:
        metrics = painter.fontMetrics()
        label_width = min(
            area.width() * 0.45,
            max(metrics.horizontalAdvance(b.label) for b in self.bars) + PAD + 4,
        )
        text_width = max(metrics.horizontalAdvance(b.text) for b in self.bars) + PAD
        left = area.left() + PAD + label_width
        room = max(1.0, area.right() - PAD - text_width - left)
        track = self.ink(0.9)
        accent = self.palette().color(QPalette.ColorRole.Highlight)
        for i, bar in enumerate(self.bars):
            top = area.top() + PAD + i * ROW
            row = QRectF(area.left() + PAD, top, label_width - PAD, ROW)
            painter.setPen(self.ink())
            label = metrics.elidedText(bar.label, Qt.TextElideMode.ElideRight, int(row.width()))
            painter.drawText(
                row, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, label
            )
            body = QRectF(left, top + 5, room, ROW - 10)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(track)
            painter.drawRoundedRect(body, 3, 3)
            colour = QColor(bar.colour) if bar.colour else accent
            if bar.faint:
                colour = blend(colour, self.ink(1.0), 0.45)
            length = room * max(0.0, min(1.0, bar.value / self.maximum))
            if length > 0:
                painter.setBrush(colour)
                painter.drawRoundedRect(QRectF(left, top + 5, max(length, 3.0), ROW - 10), 3, 3)
            painter.setPen(self.ink(0.45 if bar.faint else 0.0))
            painter.drawText(
                QRectF(left + room + PAD, top, text_width, ROW),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                bar.text,
            )


def nice_step(top: float) -> int:
    """A round gridline step for an axis up to *top*: 1, 2, 5, 10, 20, …"""
    if top <= 5:
        return 1
    magnitude = 10 ** math.floor(math.log10(top / 5))
    for factor in (1, 2, 5, 10):
        if top / (factor * magnitude) <= 6:
            return int(factor * magnitude)
    return int(10 * magnitude)


class ColumnChart(Chart):
    """Columns per week, side by side for each series, with an optional dashed goal line."""

    HEIGHT = 220

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(name, parent)
        self.series: list[Series] = []
        self.columns: list[Column] = []
        self.goal: int | None = None
        self.goal_text = ""

    def set_columns(
        self,
        series: Sequence[Series],
        columns: Sequence[Column],
        goal: int | None = None,
        goal_text: str = "",
        empty: str = "",
    ) -> None:
        self.series, self.columns = list(series), list(columns)
        self.goal, self.goal_text, self.empty_text = goal, goal_text, empty
        self.update()

    def has_data(self) -> bool:
        return any(any(c.values) for c in self.columns)

    def sizeHint(self) -> QSize:
        return QSize(520, self.HEIGHT)

    def minimumSizeHint(self) -> QSize:
        return QSize(260, self.HEIGHT)

    def paint(self, painter: QPainter, area: QRectF) -> None:
        metrics = painter.fontMetrics()
        line = metrics.height()
        top_value = max([*(max(c.values) for c in self.columns), self.goal or 0, 1])
        step = nice_step(top_value)
        top_value = math.ceil(top_value / step) * step
        axis_width = metrics.horizontalAdvance(str(top_value)) + PAD
        plot = QRectF(
            area.left() + PAD + axis_width,
            area.top() + PAD + line + 6,  # room for the legend
            area.width() - 2 * PAD - axis_width,
            area.height() - 2 * PAD - 2 * line - 10,
        )
        self._legend(painter, QRectF(plot.left(), area.top() + PAD, plot.width(), line))

        def y(value: float) -> float:
            return plot.bottom() - plot.height() * value / top_value

        for value in range(0, top_value + 1, step):
            painter.setPen(QPen(self.ink(0.85 if value else 0.6), 1))
            painter.drawLine(QPointF(plot.left(), y(value)), QPointF(plot.right(), y(value)))
            painter.setPen(self.ink(0.4))
            painter.drawText(
                QRectF(area.left() + PAD, y(value) - line / 2, axis_width - 4, line),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                str(value),
            )
        slot = plot.width() / len(self.columns)
        gap = min(8.0, slot * 0.25)
        width = max(1.0, (slot - gap) / max(1, len(self.series)))
        every = max(1, math.ceil((metrics.horizontalAdvance("00 MMM") + PAD) / slot))
        for i, column in enumerate(self.columns):
            x = plot.left() + i * slot + gap / 2
            for series, value in zip(self.series, column.values, strict=True):
                if value:
                    painter.setPen(Qt.PenStyle.NoPen)
                    painter.setBrush(QColor(series.colour))
                    painter.drawRect(QRectF(x, y(value), width, plot.bottom() - y(value)))
                x += width
            if (len(self.columns) - 1 - i) % every == 0:  # always label the latest week
                painter.setPen(self.ink(0.4))
                painter.drawText(
                    QRectF(plot.left() + i * slot - slot, plot.bottom() + 4, 3 * slot, line),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                    column.label,
                )
        if self.goal:
            pen = QPen(self.ink(0.15), 1.5, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawLine(
                QPointF(plot.left(), y(self.goal)), QPointF(plot.right(), y(self.goal))
            )
            painter.drawText(
                QRectF(plot.left() + 4, y(self.goal) - line - 2, plot.width() - 8, line),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
                self.goal_text,
            )

    def _legend(self, painter: QPainter, where: QRectF) -> None:
        x = where.left()
        for series in self.series:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(series.colour))
            side = where.height() * 0.6
            painter.drawRoundedRect(QRectF(x, where.center().y() - side / 2, side, side), 2, 2)
            x += side + 4
            painter.setPen(self.ink())
            advance = painter.fontMetrics().horizontalAdvance(series.name)
            painter.drawText(QRectF(x, where.top(), advance + 2, where.height()), series.name)
            x += advance + 16


def chart_image(chart: Chart, title: str, scale: float = 2.0) -> QImage:
    """The chart with its title above, on the palette's background, scaled up for sharpness."""
    title_font = QFont(chart.font())
    title_font.setBold(True)
    title_height = int(chart.fontMetrics().height() * 1.6) + PAD
    size = QSize(
        max(chart.width(), chart.sizeHint().width()), chart.height() or chart.sizeHint().height()
    )
    image = QImage(
        int(size.width() * scale),
        int((size.height() + title_height) * scale),
        QImage.Format.Format_ARGB32,
    )
    image.setDevicePixelRatio(scale)
    image.fill(chart.palette().color(QPalette.ColorRole.Window))
    painter = QPainter(image)
    painter.setFont(title_font)
    painter.setPen(chart.ink())
    painter.drawText(
        QRectF(PAD, PAD / 2, size.width() - 2 * PAD, title_height - PAD / 2),
        Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
        title,
    )
    painter.end()
    chart.resize(size)
    chart.render(image, QPointF(0, title_height).toPoint())
    return image
