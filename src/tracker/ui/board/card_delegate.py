"""Paints one board card: company, role, days in stage and next task, in the palette's colours."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from tracker.db.enums import Stage
from tracker.domain.board_rows import BoardCard
from tracker.ui.board.model import days_text, due_text, short_days_text
from tracker.ui.common.roles import ItemRole
from tracker.ui.common.theme import blend, is_dark, late_red, stage_colour

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


class CardDelegate(QStyledItemDelegate):
    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont]:
        bold = QFont(option.font)
        bold.setWeight(QFont.Weight.DemiBold)
        bold.setPointSizeF(bold.pointSizeF() * 1.05)
        plain = QFont(option.font)
        small = QFont(option.font)
        small.setPointSizeF(small.pointSizeF() * 0.92)
        return bold, plain, small

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        bold, plain, small = self._fonts(option)
        height = (
            QFontMetrics(bold).height()
            + QFontMetrics(plain).height()
            + 2 * QFontMetrics(small).height()
            + 3 * LINE_GAP
            + 6  # a little air between the title block and the details
            + 2 * PAD
            + 2 * MARGIN_Y
        )
        # Every card has the same height (the task line is always there), so the list can use
        # uniform item sizes and stays quick with thousands of cards.
        return QSize(200, height)

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
        palette: QPalette = option.palette
        state: QStyle.StateFlag = option.state
        rect: QRect = option.rect
        selected = bool(state & QStyle.StateFlag.State_Selected)
        hovered = bool(state & QStyle.StateFlag.State_MouseOver)
        focused = bool(state & QStyle.StateFlag.State_HasFocus)

        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = QRectF(rect.adjusted(MARGIN_X, MARGIN_Y, -MARGIN_X, -MARGIN_Y)).adjusted(
            0.5, 0.5, -0.5, -0.5
        )
        self._paint_box(painter, palette, box, card.stage, selected, hovered, focused)

        bold, plain, small = self._fonts(option)
        text_left = int(box.left()) + PAD + STRIPE
        width = int(box.right()) - PAD - text_left
        y = int(box.top()) + PAD
        text = palette.color(QPalette.ColorRole.Text)
        muted = muted_text(palette)
        y = self._line(painter, bold, text, text_left, y, width, card.company)
        y = self._line(painter, plain, text, text_left, y, width, card.role) + 6
        task = card.next_task
        if task is None:
            y = self._line(painter, small, muted, text_left, y, width, "No next step yet")
        else:
            y = self._line(painter, small, text, text_left, y, width, f"Next: {task.title}")
        self._status_line(painter, small, palette, card, text_left, y, width)
        painter.restore()

    @staticmethod
    def _paint_box(
        painter: QPainter,
        palette: QPalette,
        box: QRectF,
        stage: Stage,
        selected: bool,
        hovered: bool,
        focused: bool,
    ) -> None:
        background = card_background(palette)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        border = blend(background, palette.color(QPalette.ColorRole.Text), 0.16)
        if selected:
            background = blend(background, highlight, 0.14)
            border = highlight
        elif hovered:
            border = blend(background, palette.color(QPalette.ColorRole.Text), 0.3)
        painter.setPen(QPen(border, 2.0 if selected and focused else 1.0))
        painter.setBrush(background)
        painter.drawRoundedRect(box, RADIUS, RADIUS)
        # The stage colour as a short stripe inside the left edge: a glance says where it is.
        stripe = QRectF(box.left() + 4, box.top() + 8, STRIPE, box.height() - 16)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(stage_colour(stage))
        painter.drawRoundedRect(stripe, 1.5, 1.5)

    @staticmethod
    def _line(
        painter: QPainter, font: QFont, colour: QColor, x: int, y: int, width: int, text: str
    ) -> int:
        metrics = QFontMetrics(font)
        painter.setFont(font)
        painter.setPen(colour)
        elided = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
        painter.drawText(QRect(x, y, width, metrics.height()), Qt.AlignmentFlag.AlignLeft, elided)
        return y + metrics.height() + LINE_GAP

    @staticmethod
    def _status_line(
        painter: QPainter,
        font: QFont,
        palette: QPalette,
        card: BoardCard,
        x: int,
        y: int,
        width: int,
    ) -> None:
        """The task's due date on the left (red when overdue), days in stage on the right."""
        muted = muted_text(palette)
        due_font = QFont(font)
        if card.overdue:
            due_font.setWeight(QFont.Weight.DemiBold)
        task = card.next_task
        due = due_text(task.due_on) if task and task.due_on else ""
        due = due[:1].upper() + due[1:]
        due_width = QFontMetrics(due_font).horizontalAdvance(due)
        height = QFontMetrics(font).height()
        if due:
            painter.setFont(due_font)
            painter.setPen(late_red(palette) if card.overdue else muted)
            painter.drawText(QRect(x, y, due_width, height), 0, due)
        # Days in stage give way first: the due date is what the person acts on.
        room = width - due_width - (12 if due else 0)
        metrics = QFontMetrics(font)
        days = days_text(card)
        if metrics.horizontalAdvance(days) > room:
            days = short_days_text(card)
        days = metrics.elidedText(days, Qt.TextElideMode.ElideRight, room)
        painter.setFont(font)
        painter.setPen(muted)
        align = Qt.AlignmentFlag.AlignRight if due else Qt.AlignmentFlag.AlignLeft
        painter.drawText(QRect(x + width - room, y, room, height), align, days)
