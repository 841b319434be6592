"""Changes that can be undone from Edit > Undo (Ctrl+Z)."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from tracker.domain.errors import NotFoundError
from tracker.domain.store import Store
from tracker.ui.events import APPLICATIONS, DataEvents


class ArchiveCommand(QUndoCommand):
    """Archiving is undoable; the application keeps everything while archived."""

    def __init__(self, store: Store, events: DataEvents, application_id: int, name: str) -> None:
        super().__init__(f"archive {name}")
        self._store = store
        self._events = events
        self._id = application_id
        self.done = False

    def _set(self, archived: bool) -> None:
        from tracker.domain.applications import set_archived

        try:
            set_archived(self._store, self._id, archived)
            self.done = archived
        except NotFoundError:
            self.setObsolete(True)  # deleted meanwhile: nothing left to undo
        self._events.notify(APPLICATIONS)

    def redo(self) -> None:
        self._set(True)

    def undo(self) -> None:
        self._set(False)
