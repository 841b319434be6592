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
    # Just before `changed`: the same kinds, and the ids of the applications the write
    # touched (a frozenset[int], or None when it may be any), for work that can be limited
    # to those (the follow-up rules).
    touched = Signal(object, object)

    def publish(self, kinds: Iterable[Kind], applications: frozenset[int] | None = None) -> None:
        """Emit `changed` with these kinds; a write that changed nothing says nothing.
        *applications*: the ids of the applications it touched; None when not known."""
        changed = frozenset(kinds)
        if changed:
            self.touched.emit(changed, applications)
            self.changed.emit(changed)
