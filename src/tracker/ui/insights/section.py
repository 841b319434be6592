"""One figure on the Insights tab: its title, a line on how to read it, the chart, the same
numbers as a table, and a way to save the chart as a picture."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tracker.ui.common.views import row_table
from tracker.ui.insights.charts import Chart, chart_image
from tracker.ui.insights.models import FigureTableModel


def heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.15)
    font.setBold(True)
    label.setFont(font)
    return label


def hint(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setStyleSheet("color: palette(placeholder-text);")
    return label


def fit_rows(table: QTableView, most: int) -> None:
    """Tall enough for every row up to *most*, so short tables never scroll."""
    table.resizeColumnsToContents()
    table.resizeRowsToContents()
    rows = min(table.model().rowCount(), most)
    height = table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth()
    height += sum(table.rowHeight(r) for r in range(rows))
    table.setFixedHeight(height)
    scrolls = table.model().rowCount() > most
    table.setVerticalScrollBarPolicy(
        Qt.ScrollBarPolicy.ScrollBarAsNeeded if scrolls else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    )
    if scrolls:
        table.scrollToBottom()  # the latest rows matter most


class Section(QWidget):
    def __init__(
        self,
        key: str,
        title: str,
        note: str,
        chart: Chart,
        headers: tuple[str, ...],
        parent: QWidget | None = None,
        most_rows: int = 12,
    ) -> None:
        super().__init__(parent)
        self.most_rows = most_rows
        self.key = key
        self.title = title
        self.chart = chart
        self.model = FigureTableModel(headers, self)
        self.table = row_table(self.model, f"{title}: the numbers")
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        # As wide as its columns: no empty panel beside the numbers.
        self.table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.save_button = QPushButton("Save as PNG…")
        self.save_button.setToolTip(f"Save the “{title}” chart as a picture")
        self.save_button.clicked.connect(self.save_png)
        self.note = hint(note)
        top = QHBoxLayout()
        top.addWidget(heading(title), 1)
        top.addWidget(self.save_button)
        body = QHBoxLayout()
        body.addWidget(chart, 3, Qt.AlignmentFlag.AlignTop)
        body.addWidget(self.table, 2, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 8)
        layout.addLayout(top)
        layout.addWidget(self.note)
        layout.addLayout(body)

    def set_rows(self, rows: list[tuple[str, ...]] | tuple[tuple[str, ...], ...]) -> None:
        self.model.set_rows(list(rows))
        self.table.setVisible(bool(rows))
        self.save_button.setEnabled(self.chart.has_data())
        fit_rows(self.table, self.most_rows)

    def default_path(self) -> Path:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
        slug = re.sub(r"[^a-z0-9]+", "-", self.title.lower()).strip("-")
        return Path(folder or Path.home()) / f"{slug}.png"

    def save_png(self) -> bool:
        """Ask where, then write the chart (with its title) as a PNG; True when written."""
        path, _ = QFileDialog.getSaveFileName(
            self, "Save chart as PNG", str(self.default_path()), "PNG image (*.png)"
        )
        if not path:
            return False
        target = Path(path)
        if target.suffix.lower() != ".png":
            target = target.with_name(target.name + ".png")
        if chart_image(self.chart, self.title).save(str(target)):
            return True
        QMessageBox.warning(
            self,
            "Save as PNG",
            f"The picture could not be saved to {target}. Try another folder.",
        )
        return False
