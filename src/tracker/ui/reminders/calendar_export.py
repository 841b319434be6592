"""File > Export calendar…, and the calendar file kept up to date in the data folder."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from tracker.domain.store import Store
from tracker.ui.reminders.scheduler import utc_now

log = logging.getLogger(__name__)

AskPath = Callable[[QWidget | None, Path], Path | None]


def ask_path(parent: QWidget | None, suggested: Path) -> Path | None:
    chosen, _ = QFileDialog.getSaveFileName(
        parent, "Export calendar", str(suggested), "Calendar files (*.ics)"
    )
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == ".ics" else path.with_name(path.name + ".ics")


def export_calendar(
    store: Store,
    parent: QWidget | None,
    *,
    ask: AskPath | None = None,
    clock: Callable[[], datetime] = utc_now,
) -> Path | None:
    """Ask where, then write every upcoming interview and dated open task there."""
    from tracker.domain.reminders.ics import FEED_NAME, write_calendar

    path = (ask or ask_path)(parent, Path.home() / FEED_NAME)
    if path is None:
        return None
    try:
        return write_calendar(store, path, clock())
    except OSError as exc:
        QMessageBox.warning(
            parent, "Could not export the calendar", f"{path} could not be written ({exc})."
        )
        return None


def keep_feed(store: Store, data_dir: Path, now: datetime) -> Path | None:
    """Keep the data folder's calendar file in step with the person's choice: written when
    the option is on, removed when it is off."""
    from tracker.domain.reminders.ics import feed_path, write_calendar
    from tracker.domain.reminders.prefs import keeps_calendar_feed

    path = feed_path(data_dir)
    try:
        if keeps_calendar_feed(store):
            return write_calendar(store, path, now)
        path.unlink(missing_ok=True)
    except OSError:
        log.exception("Could not keep the calendar file %s", path)
    return None
