"""A person's own words on screen: shown as typed, never as markup or shortcut marks.

A QLabel guesses whether its text is rich text, so a company called ``<b>x</b>`` would lose
its tags and ``<script>`` would vanish; a button or check box turns ``&`` into a shortcut
mark, so ``A&B`` shows as "AB". Labels that may show user text are made plain with
``plain()``; buttons and check boxes get their text through ``no_mnemonic()``; a message box
(which guesses the same way, and is asked through QMessageBox's static calls) gets its text
through ``message()``.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


def plain(label: QLabel) -> QLabel:
    """*label* shows its text exactly as set; returned for chaining."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def plain_label(text: str = "") -> QLabel:
    return plain(QLabel(text))


def no_mnemonic(text: str) -> str:
    """Text for a button, check box or menu entry: every "&" shown as typed."""
    return text.replace("&", "&&")


def message(text: str) -> str:
    """Text for a message box that may quote a person's words: shown exactly as typed.

    The whole text is escaped and marked as rich text, so the box's guess is always right.
    """
    return "<p>" + html.escape(text, quote=False).replace("\n", "<br>") + "</p>"
