"""One stage on the board: a header with the count, and a list of cards that takes drops."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QDrag,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from tracker.db.enums import Stage
from tracker.ui.board.card_delegate import MARGIN_Y, CardDelegate, muted_text
from tracker.ui.board.model import BoardColumnModel, application_id_from, source_stage_from
from tracker.ui.common.roles import ItemRole
from tracker.ui.common.theme import blend, is_dark, stage_colour

if TYPE_CHECKING:
    from PySide6.QtGui import QHoverEvent

LANE_RADIUS = 8.0


def lane_colour(palette: QPalette) -> QColor:
    window = palette.color(QPalette.ColorRole.Window)
    if is_dark(palette):
        return window.darker(118)
    return blend(window, palette.color(QPalette.ColorRole.Text), 0.05)


class BoardList(QListView):
    """The cards of one column. A drop or a key press only reports; the board acts on it."""

    card_dropped = Signal(int, object)  # application id, the Stage it was dropped on
    move_requested = Signal(int)  # -1 / +1: the previous / next active stage
    delete_requested = Signal(int)  # application id

    def __init__(self, model: BoardColumnModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # A viewport of our own, the same plain QWidget Qt would make: asking PySide for Qt's
        # (self.viewport()) makes it load every QtWidgets class to name the object's type,
        # some 5 ms before the first paint.
        self.setViewport(QWidget())
        self.column_model = model
        self.placeholder = ""
        self._drop_hover = False
        self.setModel(model)
        self.setItemDelegate(CardDelegate(self, self))
        self._hovered = QPersistentModelIndex()  # the card under the mouse
        self.setUniformItemSizes(True)  # every card is as tall as the next: fast with thousands
        self.setAccessibleName(f"{model.stage.label} column")
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDropIndicatorShown(False)
        self.setMouseTracking(True)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_Hover)
        # The lane behind shows through; cards paint their own background.
        self.viewport().setAutoFillBackground(False)
        self.setAutoFillBackground(False)

    # What the card painter asks (CardStates): the same as Qt puts in option.state.
    def is_selected(self, index: QModelIndex | QPersistentModelIndex) -> bool:
        return self.selectionModel().isSelected(index)

    def is_hovered(self, index: QModelIndex | QPersistentModelIndex) -> bool:
        return index == self._hovered

    def has_focus_on(self, index: QModelIndex | QPersistentModelIndex) -> bool:
        return self.hasFocus() and index == self.currentIndex()

    def viewportEvent(self, event: QEvent) -> bool:
        # Track the card under the mouse as Qt does for its own hover state; Qt repaints both.
        kind = event.type()
        if kind in (QEvent.Type.HoverEnter, QEvent.Type.HoverMove):
            position = cast("QHoverEvent", event).position().toPoint()
            self._hovered = QPersistentModelIndex(self.indexAt(position))
        elif kind == QEvent.Type.HoverLeave:
            self._hovered = QPersistentModelIndex()
        return super().viewportEvent(event)

    @property
    def stage(self) -> Stage:
        return self.column_model.stage

    def selected_id(self) -> int | None:
        rows = self.selectionModel().selectedRows()
        return int(rows[0].data(ItemRole.APPLICATION_ID)) if rows else None

    # --- dragging out --------------------------------------------------------------------

    def startDrag(self, supportedActions: Qt.DropAction) -> None:
        indexes = self.selectionModel().selectedRows()
        if not indexes:
            return
        drag = self.make_drag(indexes[0])
        self.exec_drag(drag)

    def make_drag(self, index: QModelIndex) -> QDrag:
        """A drag carrying exactly what the model's mimeData gives, with the card as its image."""
        drag = QDrag(self)
        drag.setMimeData(self.column_model.mimeData([index]))
        rect = self.visualRect(index)
        drag.setPixmap(self.viewport().grab(rect))
        drag.setHotSpot(self.viewport().mapFromGlobal(self.cursor().pos()) - rect.topLeft())
        return drag

    def exec_drag(self, drag: QDrag) -> None:
        # The drop target changes the stage and the board reloads; nothing is removed here.
        drag.exec(Qt.DropAction.MoveAction)

    # --- dropping in ---------------------------------------------------------------------

    def _wanted(self, event: QDropEvent) -> int | None:
        """The dropped card's id when it comes from another column, else None.

        The drag says which column it left, so no lookup runs on every move of the mouse."""
        application_id = application_id_from(event.mimeData())
        source = source_stage_from(event.mimeData())
        if application_id is None or source is None or source is self.stage:
            return None
        return application_id

    def _answer(self, event: QDropEvent) -> bool:
        wanted = self._wanted(event) is not None
        if wanted:
            event.setDropAction(Qt.DropAction.MoveAction)
            event.accept()
        else:
            event.ignore()
        self._set_drop_hover(wanted)
        return wanted

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self._answer(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        super().dragMoveEvent(event)  # keeps auto-scrolling near the edges
        self._answer(event)

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._set_drop_hover(False)
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        application_id = self._wanted(event)
        self._set_drop_hover(False)
        if application_id is None:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.MoveAction)
        event.accept()
        self.card_dropped.emit(application_id, self.stage)

    def _set_drop_hover(self, on: bool) -> None:
        if on != self._drop_hover:
            self._drop_hover = on
            self.viewport().update()

    # --- keys and painting ---------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        selected = self.selected_id()
        ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if selected is not None and ctrl and event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            self.move_requested.emit(1 if event.key() == Qt.Key.Key_Right else -1)
            event.accept()
            return
        if selected is not None and event.key() == Qt.Key.Key_Delete:
            self.delete_requested.emit(selected)
            event.accept()
            return
        super().keyPressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not (self._drop_hover or (self.placeholder and self.model().rowCount() == 0)):
            return
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        area = self.viewport().rect().adjusted(8, 4, -8, -4)
        if self.placeholder and self.model().rowCount() == 0:
            painter.setPen(muted_text(self.palette()))
            text_area = QRect(area.left() + 8, area.top() + 12, area.width() - 16, area.height())
            flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
            painter.drawText(
                text_area, int(flags) | int(Qt.TextFlag.TextWordWrap), self.placeholder
            )
        if self._drop_hover:
            pen = QPen(self.palette().color(QPalette.ColorRole.Highlight), 2, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(area).adjusted(1, 1, -1, -1), 6, 6)
        painter.end()


class BoardColumn(QFrame):
    """A rounded lane: a coloured dot, "Applied · 12", and the cards."""

    def __init__(self, stage: Stage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = BoardColumnModel(stage, self)
        self.list = BoardList(self.model, self)
        self.dot = QLabel("●")
        dot = self.dot.palette()  # a palette, not a style sheet: that costs a style per label
        dot.setColor(QPalette.ColorRole.WindowText, stage_colour(stage))
        self.dot.setPalette(dot)
        self.dot.setAccessibleName(f"{stage.label} colour")
        self.header = QLabel()
        font = self.header.font()
        font.setWeight(font.Weight.DemiBold)
        self.header.setFont(font)
        self.header.setBuddy(self.list)
        top = QHBoxLayout()
        top.setContentsMargins(14, 10, 12, 2)
        top.setSpacing(6)
        top.addWidget(self.dot)
        top.addWidget(self.header, 1)
        self._layout = layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 6)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)
        self.set_count(0)

    @property
    def stage(self) -> Stage:
        return self.model.stage

    def set_count(self, count: int) -> None:
        self.header.setText(f"{self.stage.label} · {count}")
        self.header.setAccessibleName(f"{self.stage.label}, {count} applications")

    def fit_to_cards(self) -> None:
        """Never taller than the cards (an empty lane keeps a strip to drop on), so lanes
        stacked with this one share what it does not need."""
        chrome = self._layout.sizeHint().height() - self.list.sizeHint().height()
        rows = self.model.total
        if rows and not self.model.rowCount():
            return  # counted, none read yet (a folded lane): fitted once its cards are read
        if rows:
            cards = rows * self.list.sizeHintForRow(0) + MARGIN_Y
        else:
            cards = 3 * self.list.fontMetrics().height()  # "Drag a card here"
        self.setMaximumHeight(chrome + cards + 2 * self.list.frameWidth())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(lane_colour(self.palette()))
        painter.drawRoundedRect(QRectF(self.rect()), LANE_RADIUS, LANE_RADIUS)
        painter.end()


class ClosedToggle(QToolButton):
    """Shows or hides the closed stages. Holding a card over it opens them, to drop there."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCheckable(True)
        self.setAcceptDrops(True)
        self.setAutoRaise(True)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setAccessibleName("Show closed applications")
        self.toggled.connect(self._sync_arrow)
        self._sync_arrow(False)

    def _sync_arrow(self, on: bool) -> None:
        self.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.LeftArrow)
        self.setToolTip("Hide the closed stages" if on else "Show the closed stages")

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if application_id_from(event.mimeData()) is None:
            event.ignore()
            return
        self.setChecked(True)
        event.ignore()  # the drop itself belongs on one of the closed columns
