"""Beside the company of a new application: what happened the last time you applied there.

It only informs; saving is never held up. The companies are read once, on the first check; a
keystroke then costs a look-up in that index, and the applications are read only when the
name first matches a company.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from tracker.db.enums import ACTIVE_STAGES, Stage
from tracker.domain.earlier import (
    EarlierApplication,
    applications_at,
    company_index,
    company_key,
    most_relevant,
)
from tracker.domain.store import Store
from tracker.ui.common.dates import format_day
from tracker.ui.common.text import plain

OUTCOMES = {
    Stage.REJECTED: "rejected",
    Stage.GHOSTED: "no reply; marked ghosted",
    Stage.WITHDRAWN: "you withdrew",
    Stage.ACCEPTED: "you accepted their offer",
}


def earlier_text(row: EarlierApplication, others: int = 0) -> str:
    """ "You applied to Kestrel Maps for Data Engineer on 3 Mar 2026 — rejected on 2 Apr 2026." """
    if row.stage is Stage.WISHLIST:
        start = f"You saved {row.role} at {row.company} on {format_day(row.added_on)}"
        outcome = "not applied for yet"
    else:
        start = (
            f"You applied to {row.company} for {row.role} on {format_day(row.applied_on)}"
            if row.applied_on
            else f"You added {row.role} at {row.company} on {format_day(row.added_on)}"
        )
        outcome = OUTCOMES.get(row.stage, f"still open ({row.stage.label})")
        if row.stage not in ACTIVE_STAGES and row.closed_on is not None:
            outcome += f" on {format_day(row.closed_on)}"
    text = f"{start} — {outcome}."
    if row.archived:
        text += " It is archived."
    if others:
        text += f" {others} more {'application' if others == 1 else 'applications'} there."
    return text


class EarlierNotice(QFrame):
    """Hidden until the company typed is one already on record."""

    def __init__(
        self,
        store: Store,
        open_application: Callable[[int], object] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._open = open_application
        self._index: dict[str, tuple[int, ...]] | None = None
        self._read: dict[tuple[int, ...], list[EarlierApplication]] = {(): []}
        self._shown: EarlierApplication | None = None
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Applied here before")
        self.label = plain(QLabel())
        self.label.setWordWrap(True)
        self.open_button = QPushButton("Open it")
        self.open_button.setAccessibleName("Open the earlier application")
        self.open_button.setToolTip("Look at it now; what you typed here stays")
        self.open_button.setAutoDefault(False)  # Enter still saves the new application
        self.open_button.clicked.connect(self._open_shown)
        self.open_button.setVisible(open_application is not None)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 4, 4)
        row.addWidget(self.label, 1)
        row.addWidget(self.open_button)
        self.hide()

    @property
    def shown_id(self) -> int | None:
        return self._shown.id if self._shown is not None and not self.isHidden() else None

    def check(self, company: str, role: str) -> None:
        """Show what is on record at *company* (the same role first), or hide."""
        key = company_key(company)
        ids: tuple[int, ...] = ()
        if key:
            if self._index is None:
                self._index = company_index(self._store)
            ids = self._index.get(key, ())
        if ids not in self._read:  # "Acme" matches, "Acme I" does not, "Acme Inc" again
            self._read[ids] = applications_at(self._store, ids)
        rows = most_relevant(self._read[ids], role)
        self._shown = rows[0] if rows else None
        if self._shown is None:
            self.hide()
            return
        self.label.setText(earlier_text(self._shown, len(rows) - 1))
        self.setAccessibleDescription(self.label.text())
        self.show()
        self._fit()

    def forget(self) -> None:
        """Read the applications again at the next check (one may have changed meanwhile)."""
        self._index = None
        self._read = {(): []}

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        # A form row is as tall as its hint, which knows nothing of wrapping: ask for the
        # height the wrapped text needs at the width it was given.
        self.label.setMinimumHeight(self.label.heightForWidth(self.label.width()))

    def _open_shown(self) -> None:
        if self._open is not None and self._shown is not None:
            self._open(self._shown.id)
