"""The one way the UI writes: run a domain write, show its problems, say what changed.

Every dialog and view calls run_write() instead of catching the domain's errors and picking
which views to refresh itself:

- ValidationError: the problems go to `show_problems` (beside the fields), or a message box;
- NotFoundError (the row was deleted meanwhile): a warning (unless `warn_if_gone` is off),
  a refresh of that kind of row, then `on_gone` so a dialog can close;
- ConflictError (the row changed elsewhere since the form read it): nothing was written;
  `on_conflict` decides what to offer (reload, or save over it), else a warning;
- a full disk, or the file held by another program (with Retry): said in plain words,
  nothing was written;
- otherwise DataEvents.changed carries the kinds the domain reported, and the caller gets
  the Written result back.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import TypeVar

from PySide6.QtWidgets import QMessageBox, QWidget

from tracker.db.problems import Problem, problem_of, while_running
from tracker.domain.changes import EVERYTHING, Kind, Written
from tracker.domain.errors import ConflictError, NotFoundError, ValidationError
from tracker.ui.common.views import warn_error
from tracker.ui.events import DataEvents

T = TypeVar("T")
log = logging.getLogger(__name__)

# NotFoundError.what (the model's name) to the kind of row that went missing.
MISSING: Mapping[str, frozenset[Kind]] = {
    "application": frozenset({Kind.APPLICATIONS}),
    "contact": frozenset({Kind.CONTACTS}),
    "interview": frozenset({Kind.INTERVIEWS}),
    "task": frozenset({Kind.TASKS}),
}


def missing_kinds(exc: NotFoundError) -> frozenset[Kind]:
    """What to refresh after a row turned out to be gone (everything, when unsure)."""
    return MISSING.get(exc.what, EVERYTHING)


def run_write(
    parent: QWidget | None,
    events: DataEvents,
    write: Callable[[], Written[T]],
    *,
    title: str = "Could not save",
    show_problems: Callable[[dict[str, str]], object] | None = None,
    on_gone: Callable[[NotFoundError], object] | None = None,
    warn_if_gone: bool = True,
    on_conflict: Callable[[ConflictError], object] | None = None,
) -> Written[T] | None:
    """Run *write*; its result once saved and announced, or None when nothing was written."""
    try:
        result = _until_written(parent, write)
    except _NotWritten:
        return None
    except ValidationError as exc:
        if show_problems is not None:
            show_problems(exc.problems)
        else:
            warn_error(parent, title, exc)
        return None
    except NotFoundError as exc:
        if warn_if_gone:
            QMessageBox.warning(parent, title, str(exc))
        events.publish(missing_kinds(exc))
        if on_gone is not None:
            on_gone(exc)
        return None
    except ConflictError as exc:
        events.publish(MISSING.get(exc.what, EVERYTHING))  # show the newer data
        if on_conflict is not None:
            on_conflict(exc)
        else:
            QMessageBox.warning(parent, title, f"{exc} Nothing was saved.")
        return None
    events.publish(result.changed, result.touched)
    return result


class _NotWritten(Exception):
    """The person was told why (a full disk, another program) and chose not to retry."""


def _until_written(parent: QWidget | None, write: Callable[[], Written[T]]) -> Written[T]:
    """*write*, again while another program holds the file and the person asks to retry.

    A full disk or a file held elsewhere is said in plain words (the transaction was rolled
    back, so nothing half-saved remains), and the form stays open with what was typed.
    """
    while True:
        try:
            return write()
        except Exception as exc:
            problem = problem_of(exc)
            words = while_running(problem)
            if words is None:
                raise
            log.warning("A change was not saved: %s", problem)
            if problem is not Problem.LOCKED:
                QMessageBox.warning(parent, *words)
                raise _NotWritten from exc
            answer = QMessageBox.warning(
                parent,
                *words,
                QMessageBox.StandardButton.Retry | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Retry,
            )
            if answer != QMessageBox.StandardButton.Retry:
                raise _NotWritten from exc


def refresh_missing(events: DataEvents, exc: NotFoundError) -> None:
    """A row could not be opened because it is gone: let the views that show it catch up."""
    events.publish(missing_kinds(exc))
