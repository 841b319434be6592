"""Plan my response, as the window offers it: only for a rejected application, and a plain
word when nothing (or something else) is selected."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from tracker.domain.store import Store
from tracker.ui.events import DataEvents

TITLE = "Plan my response"


def plan_response(
    store: Store,
    events: DataEvents,
    application_id: int | None,
    parent: QWidget,
    override_dir: Path | None,
) -> bool:
    """Open the rejection panel for *application_id*; True when a plan was confirmed."""
    from tracker.domain.errors import NotFoundError
    from tracker.ui.rejection.panel import open_rejection_panel

    if application_id is None:
        QMessageBox.information(
            parent, TITLE, "Select an application on the board or in the table."
        )
        return False
    try:
        if not is_rejected(store, application_id, parent):
            return False
        return open_rejection_panel(
            store, events, application_id, parent, override_dir=override_dir
        )
    except NotFoundError as exc:
        QMessageBox.warning(parent, TITLE, str(exc))
        return False


def is_rejected(store: Store, application_id: int, parent: QWidget) -> bool:
    """Plan my response is for rejected applications; say so for any other."""
    from tracker.db.enums import Stage
    from tracker.domain.applications import get_application

    data = get_application(store, application_id)
    if Stage(data.stage) is Stage.REJECTED:
        return True
    what = escape(f"{data.role} at {data.company}")  # shown as typed, never as markup
    QMessageBox.information(
        parent,
        TITLE,
        f"<p>{what} is in {Stage(data.stage).label}, not Rejected. "
        "Plan my response is for applications that were turned down.</p>",
    )
    return False
