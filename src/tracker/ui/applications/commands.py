"""Changes to one application shared by every view: stage and archive (undoable), delete (asks)."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QMessageBox, QWidget

from tracker.db.enums import Stage
from tracker.domain.rows import StageMove
from tracker.domain.store import Store
from tracker.ui.common.text import message
from tracker.ui.common.writes import run_write
from tracker.ui.events import DataEvents


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

        result = run_write(  # deleted meanwhile: nothing left to undo
            None,
            self._events,
            lambda: set_archived(self._store, self._id, archived),
            warn_if_gone=False,
            on_gone=lambda _exc: self.setObsolete(True),
        )
        if result is not None:
            self.done = archived

    def redo(self) -> None:
        self._set(True)

    def undo(self) -> None:
        self._set(False)


def confirm_and_delete(
    parent: QWidget,
    store: Store,
    events: DataEvents,
    application_id: int,
    role: str,
    company: str,
) -> bool:
    """Ask first (deleting cannot be undone), then delete with everything that belongs to it."""
    answer = QMessageBox.question(
        parent,
        "Delete application",
        message(
            f"Delete {role} at {company}? Its interviews, tasks and history go with it. "
            "This cannot be undone. (Archive keeps it out of sight instead.)"
        ),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return False
    from tracker.domain.applications import delete_application

    run_write(  # already gone: the refresh shows exactly that
        parent,
        events,
        lambda: delete_application(store, application_id),
        warn_if_gone=False,
    )
    return True


def move_or_warn(
    parent: QWidget, store: Store, events: DataEvents, application_id: int, stage: Stage
) -> StageMove | None:
    """Change the stage; None, after a warning, when it cannot be done."""
    from tracker.domain.applications import change_stage

    result = run_write(
        parent,
        events,
        lambda: change_stage(store, application_id, stage),
        title="Could not change the stage",
    )
    return None if result is None else result.value


class StageMoveCommand(QUndoCommand):
    """A stage change already made (by a drag, a key, a menu or the detail dialog), recorded so
    Ctrl+Z moves it back. Undo and redo are stage changes too, through the domain's one stage
    rule, so the history shows them; nothing else (a plan made after a rejection) is undone."""

    def __init__(self, store: Store, events: DataEvents, move: StageMove) -> None:
        super().__init__(f"move to {move.to_stage.label}")
        self._store = store
        self._events = events
        self.move = move
        self._made = True  # the first redo(), from QUndoStack.push, has nothing left to do

    def _go(self, stage: Stage) -> None:
        from tracker.domain.applications import change_stage

        run_write(  # deleted meanwhile: nothing left to move
            None,
            self._events,
            lambda: change_stage(self._store, self.move.application_id, stage),
            title="Could not change the stage",
            warn_if_gone=False,
            on_gone=lambda _exc: self.setObsolete(True),
        )

    def redo(self) -> None:
        if self._made:
            self._made = False
            return
        self._go(self.move.to_stage)

    def undo(self) -> None:
        if self.move.from_stage is None:  # the first stage has nothing before it
            self.setObsolete(True)
            return
        self._go(self.move.from_stage)
