"""The mapping step: which field each column goes to, what each stage name means, and a
preview of the first rows as they will be saved."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from tracker.db.enums import Stage
from tracker.domain.exchange.presets import PRESETS, TARGETS, Preset, recognise
from tracker.domain.exchange.sniff import Sniffed
from tracker.domain.exchange.table_import import (
    ColumnMapping,
    check_mapping,
    distinct_values,
    preview_rows,
    stage_column,
    suggest_mapping,
)
from tracker.domain.exchange.values import DMY, MDY, stage_key
from tracker.ui.common.views import row_table
from tracker.ui.exchange.preview_model import PreviewModel

CHOOSE = "(choose a stage)"
STAGE_SCAN_ROWS = 50_000  # stage names come from these rows; later new ones show as problems


def _plain(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def _example(sniffed: Sniffed, column: int) -> str:
    text = next((row[column] for row in sniffed.sample if row[column].strip()), "")
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:39] + "…"


class MappingPage(QWidget):
    """Suggests a mapping from the file's kind; every choice can be changed."""

    changed = Signal()

    def __init__(self, sniffed: Sniffed, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sniffed = sniffed
        self._source: str | None = None
        self.preset_box = QComboBox()
        self.preset_box.setAccessibleName("Kind of file")
        for preset in PRESETS:
            self.preset_box.addItem(preset.label, preset.name)
        self.date_box = QComboBox()
        self.date_box.setAccessibleName("Dates like 11/3/24")
        self.date_box.addItem("month first (11/3/24 is 3 November 2024)", MDY)
        self.date_box.addItem("day first (11/3/24 is 11 March 2024)", DMY)
        self.default_stage_box = QComboBox()
        self.default_stage_box.setAccessibleName("Rows without a stage")
        for stage in Stage:
            self.default_stage_box.addItem(stage.label, stage.value)
        about = _plain(
            f"{sniffed.path.name}: {sniffed.encoding_label}, {sniffed.delimiter_label}-separated, "
            f"{len(sniffed.headers)} columns."
        )
        form = QFormLayout()
        form.addRow("Kind of &file:", self.preset_box)
        form.addRow("&Dates like 11/3/24 are:", self.date_box)
        form.addRow("Rows without a &stage go to:", self.default_stage_box)

        self.columns: list[QComboBox] = []
        columns = QGroupBox("Columns")
        grid = QGridLayout(columns)
        for i, title in enumerate(("Column in the file", "Example", "Goes to")):
            heading = _plain(title)
            heading.setStyleSheet("font-weight: bold;")
            grid.addWidget(heading, 0, i)
        for i, header in enumerate(sniffed.headers):
            box = QComboBox()
            box.setAccessibleName(f"Field for column {header}")
            for target, label in TARGETS.items():
                box.addItem(label, target)
            grid.addWidget(_plain(header), i + 1, 0)
            grid.addWidget(_plain(_example(sniffed, i)), i + 1, 1)
            grid.addWidget(box, i + 1, 2)
            box.currentIndexChanged.connect(self._columns_changed)
            self.columns.append(box)
        self.stages_group = QGroupBox("Stage names in the file")
        self.stages_grid = QGridLayout(self.stages_group)
        self.stage_boxes: dict[str, QComboBox] = {}
        self.problem_label = _plain("")
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet("color: #b3261e;")
        self.preview = PreviewModel()
        self.preview_table = row_table(self.preview, "Preview of the first rows")
        self.preview_table.setMinimumHeight(160)

        inner = QWidget()
        column = QVBoxLayout(inner)
        column.addWidget(columns)
        column.addWidget(self.stages_group)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(scroll, 2)
        layout.addWidget(_plain("The first rows as they will be saved:"))
        layout.addWidget(self.preview_table, 1)
        layout.addWidget(self.problem_label)

        preset = recognise(sniffed.headers)
        self.preset_box.setCurrentIndex(self.preset_box.findData(preset.name))
        self._apply(suggest_mapping(sniffed, preset))
        self.preset_box.currentIndexChanged.connect(self._preset_changed)
        self.date_box.currentIndexChanged.connect(self.refresh)
        self.default_stage_box.currentIndexChanged.connect(self.refresh)

    # --- reading and writing the choices ---------------------------------------------------

    def _preset(self) -> Preset:
        name = self.preset_box.currentData()
        return next(p for p in PRESETS if p.name == name)

    def _apply(self, mapping: ColumnMapping) -> None:
        for box, target in zip(self.columns, mapping.targets, strict=True):
            box.blockSignals(True)
            box.setCurrentIndex(box.findData(target))
            box.blockSignals(False)
        self.date_box.setCurrentIndex(self.date_box.findData(mapping.date_order))
        self.default_stage_box.setCurrentIndex(
            self.default_stage_box.findData(mapping.default_stage.value)
        )
        self._source = mapping.source
        self._rebuild_stages(dict(mapping.stages))

    def mapping(self) -> ColumnMapping:
        stages = {
            stage_key(name): Stage(box.currentData())
            for name, box in self.stage_boxes.items()
            if box.currentData()
        }
        return ColumnMapping(
            targets=tuple(str(box.currentData()) for box in self.columns),
            stages=stages,
            default_stage=Stage(self.default_stage_box.currentData()),
            date_order=str(self.date_box.currentData()),
            source=self._source,
        )

    def _preset_changed(self) -> None:
        self._apply(suggest_mapping(self.sniffed, self._preset()))
        self.refresh()

    def _columns_changed(self) -> None:
        known = {
            stage_key(name): Stage(box.currentData())
            for name, box in self.stage_boxes.items()
            if box.currentData()
        }
        self._rebuild_stages(known)
        self.refresh()

    def _rebuild_stages(self, known: dict[str, Stage]) -> None:
        from tracker.domain.exchange.values import suggest_stage

        while self.stages_grid.count():
            item = self.stages_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.stage_boxes = {}
        column = stage_column(ColumnMapping(tuple(str(b.currentData()) for b in self.columns)))
        names = (
            distinct_values(self.sniffed, column, max_rows=STAGE_SCAN_ROWS)
            if column is not None
            else []
        )
        for row, name in enumerate(names):
            box = QComboBox()
            box.setAccessibleName(f"Stage for {name}")
            box.addItem(CHOOSE, "")
            for stage in Stage:
                box.addItem(stage.label, stage.value)
            chosen = known.get(stage_key(name)) or suggest_stage(name)
            box.setCurrentIndex(box.findData(chosen.value) if chosen else 0)
            box.currentIndexChanged.connect(self.refresh)
            self.stages_grid.addWidget(_plain(name), row, 0)
            self.stages_grid.addWidget(box, row, 1)
            self.stage_boxes[name] = box
        self.stages_group.setVisible(bool(names))

    def refresh(self) -> None:
        """Check the mapping and redraw the preview; say what still needs a choice."""
        mapping = self.mapping()
        problems = check_mapping(mapping, len(self.sniffed.headers))
        unchosen = [name for name, box in self.stage_boxes.items() if not box.currentData()]
        if unchosen:
            problems.append(f"Choose a stage for: {', '.join(unchosen)}.")
        if not check_mapping(mapping, len(self.sniffed.headers)):
            self.preview.set_rows(preview_rows(self.sniffed, mapping))
        else:
            self.preview.set_rows([])
        self.problem_label.setText(" ".join(problems))
        self.problem_label.setVisible(bool(problems))
        self.changed.emit()

    def ready(self) -> bool:
        """True when every column and stage name has what the import needs."""
        return not self.problem_label.text()
