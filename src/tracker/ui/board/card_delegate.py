"""Paints one board card: company, role, days in stage and next task, in the palette's colours."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from tracker.db.enums import Stage
from tracker.domain.board_rows import BoardCard
from tracker.ui.board.model import days_text, due_text, short_days_text
from tracker.ui.common.roles import ItemRole
from tracker.ui.common.theme import blend, is_dark, late_red, stage_colour

if TYPE_CHECKING:
    from typing import Protocol

    Index = QModelIndex | QPersistentModelIndex

    class CardStates(Protocol):
        """What the painter asks the list it paints in, instead of reading option.state:
        PySide would load all of QStyle's enums to give that (~10 ms before the first paint)."""

        def is_selected(self, index: Index) -> bool: ...
        def is_hovered(self, index: Index) -> bool: ...
        def has_focus_on(self, index: Index) -> bool: ...


MARGIN_X = 8  # space around a card inside its column
MARGIN_Y = 4
PAD = 10  # space inside the card
RADIUS = 6.0
STRIPE = 3  # the stage colour along the card's left edge
LINE_GAP = 2


def card_background(palette: QPalette) -> QColor:
    # Dark palettes often make Base darker than Window; a card should still stand out.
    if is_dark(palette):
        return palette.color(QPalette.ColorRole.Window).lighter(125)
    return palette.color(QPalette.ColorRole.Base)


def muted_text(palette: QPalette) -> QColor:
    text = palette.color(QPalette.ColorRole.Text)
    return blend(text, card_background(palette), 0.38)


class CardLook(NamedTuple):
    """Fonts, metrics and colours for one font and palette: worked out once, not per card,
    because a board paints dozens of cards on every scroll step."""

    bold: QFont
    plain: QFont
    small: QFont
    small_bold: QFont
    bold_metrics: QFontMetrics
    plain_metrics: QFontMetrics
    small_metrics: QFontMetrics
    small_bold_metrics: QFontMetrics
    background: QColor
    border: QColor
    hover_border: QColor
    selected_background: QColor
    highlight: QColor
    text: QColor
    muted: QColor
    late: QColor

    @classmethod
    def of(cls, font: QFont, palette: QPalette) -> CardLook:
        bold = QFont(font)
        bold.setWeight(QFont.Weight.DemiBold)
        bold.setPointSizeF(bold.pointSizeF() * 1.05)
        plain = QFont(font)
        small = QFont(font)
        small.setPointSizeF(small.pointSizeF() * 0.92)
        small_bold = QFont(small)
        small_bold.setWeight(QFont.Weight.DemiBold)
        background = card_background(palette)
        text = palette.color(QPalette.ColorRole.Text)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        return cls(
            bold,
            plain,
            small,
            small_bold,
            QFontMetrics(bold),
            QFontMetrics(plain),
            QFontMetrics(small),
            QFontMetrics(small_bold),
            background,
            blend(background, text, 0.16),
            blend(background, text, 0.3),
            blend(background, highlight, 0.14),
            highlight,
            text,
            muted_text(palette),
            late_red(palette),
        )

    @property
    def height(self) -> int:
        return (
            self.bold_metrics.height()
            + self.plain_metrics.height()
            + 2 * self.small_metrics.height()
            + 3 * LINE_GAP
            + 6  # a little air between the title block and the details
            + 2 * PAD
            + 2 * MARGIN_Y
        )


class CardDelegate(QStyledItemDelegate):
    def __init__(self, view: CardStates, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._view = view
        self._looks: dict[tuple[str, int], CardLook] = {}

    def look(self, option: QStyleOptionViewItem) -> CardLook:
        font: QFont = option.font
        palette: QPalette = option.palette
        key = (font.key(), palette.cacheKey())
        found = self._looks.get(key)
        if found is None:
            if len(self._looks) > 16:  # themes and fonts changed many times: start afresh
                self._looks.clear()
            found = self._looks[key] = CardLook.of(font, palette)
        return found

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        # Every card has the same height (the task line is always there), so the list can use
        # uniform item sizes and stays quick with thousands of cards.
        return QSize(200, self.look(option).height)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        card = index.data(ItemRole.CARD)
        if not isinstance(card, BoardCard):
            super().paint(painter, option, index)
            return
        look = self.look(option)
        rect: QRect = option.rect
        view = self._view
        selected = view.is_selected(index)
        hovered = view.is_hovered(index)
        focused = view.has_focus_on(index)

        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = QRectF(rect.adjusted(MARGIN_X, MARGIN_Y, -MARGIN_X, -MARGIN_Y)).adjusted(
            0.5, 0.5, -0.5, -0.5
        )
        self._paint_box(painter, look, box, card.stage, selected, hovered, focused)

        text_left = int(box.left()) + PAD + STRIPE
        width = int(box.right()) - PAD - text_left
        y = int(box.top()) + PAD
        y = _line(
            painter, look.bold, look.bold_metrics, look.text, text_left, y, width, card.company
        )
        y = _line(
            painter, look.plain, look.plain_metrics, look.text, text_left, y, width, card.role
        )
        y += 6
        task = card.next_task
        small, metrics = look.small, look.small_metrics
        if task is None:
            y = _line(painter, small, metrics, look.muted, text_left, y, width, "No next step yet")
        else:
            next_step = f"Next: {task.title}"
            y = _line(painter, small, metrics, look.text, text_left, y, width, next_step)
        self._status_line(painter, look, card, text_left, y, width)
        painter.restore()

    @staticmethod
    def _paint_box(
        painter: QPainter,
        look: CardLook,
        box: QRectF,
        stage: Stage,
        selected: bool,
        hovered: bool,
        focused: bool,
    ) -> None:
        background, border = look.background, look.border
        if selected:
            background, border = look.selected_background, look.highlight
        elif hovered:
            border = look.hover_border
        painter.setPen(QPen(border, 2.0 if selected and focused else 1.0))
        painter.setBrush(background)
        painter.drawRoundedRect(box, RADIUS, RADIUS)
        # The stage colour as a short stripe inside the left edge: a glance says where it is.
        stripe = QRectF(box.left() + 4, box.top() + 8, STRIPE, box.height() - 16)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(stage_colour(stage))
        painter.drawRoundedRect(stripe, 1.5, 1.5)

    @staticmethod
    def _status_line(
        painter: QPainter, look: CardLook, card: BoardCard, x: int, y: int, width: int
    ) -> None:
        """The task's due date on the left (red when overdue), days in stage on the right."""
        due_font = look.small_bold if card.overdue else look.small
        due_metrics = look.small_bold_metrics if card.overdue else look.small_metrics
        task = card.next_task
        due = due_text(task.due_on) if task and task.due_on else ""
        due = due[:1].upper() + due[1:]
        due_width = due_metrics.horizontalAdvance(due)
        metrics = look.small_metrics
        height = metrics.height()
        if due:
            painter.setFont(due_font)
            painter.setPen(look.late if card.overdue else look.muted)
            painter.drawText(QRect(x, y, due_width, height), 0, due)
        # Days in stage give way first: the due date is what the person acts on.
        room = width - due_width - (12 if due else 0)
        days = days_text(card)
        if metrics.horizontalAdvance(days) > room:
            days = short_days_text(card)
        days = metrics.elidedText(days, Qt.TextElideMode.ElideRight, room)
        painter.setFont(look.small)
        painter.setPen(look.muted)
        align = Qt.AlignmentFlag.AlignRight if due else Qt.AlignmentFlag.AlignLeft
        painter.drawText(QRect(x + width - room, y, room, height), align, days)


def _line(
    painter: QPainter,
    font: QFont,
    metrics: QFontMetrics,
    colour: QColor,
    x: int,
    y: int,
    width: int,
    text: str,
) -> int:
    painter.setFont(font)
    painter.setPen(colour)
    elided = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
    painter.drawText(QRect(x, y, width, metrics.height()), Qt.AlignmentFlag.AlignLeft, elided)
    return y + metrics.height() + LINE_GAP
