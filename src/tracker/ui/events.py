"""One signal that says which kinds of rows changed, so views refresh without knowing each other."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, Signal

from tracker.domain.changes import Kind


class DataEvents(QObject):
    """Shared by every view of one database. Writes go through tracker.ui.common.writes, which
    emits `changed` with the kinds the domain reported; each view listens for the kinds it
    shows."""

    # A frozenset[Kind]; `object` keeps it a plain Python value.
    changed = Signal(object)

    def publish(self, kinds: Iterable[Kind]) -> None:
        """Emit `changed` with these kinds; a write that changed nothing says nothing."""
        changed = frozenset(kinds)
        if changed:
            self.changed.emit(changed)
