"""One signal that says which kinds of rows changed, so views refresh without knowing each other."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

# The kinds of rows a write can change; views listen for the kinds they show.
APPLICATIONS = "applications"
CONTACTS = "contacts"
INTERVIEWS = "interviews"
TASKS = "tasks"


class DataEvents(QObject):
    """Shared by every view of one database. Emit after a write; listen to refresh."""

    # A set[str] of row kinds, e.g. {"applications"}; `object` keeps it a plain Python set.
    changed = Signal(object)

    def notify(self, *kinds: str) -> None:
        self.changed.emit(set(kinds))
