"""Acting on a task's draft, from any list of tasks: copy it, open it in the mail client, or
mark it sent (kept as it was sent)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QAction, QCursor, QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QMainWindow, QMessageBox, QToolTip, QWidget

from tracker.domain.contacts import get_contact
from tracker.domain.drafts.mailto import build_mailto
from tracker.domain.drafts.sent import mark_sent, sent_at
from tracker.domain.drafts.templates import natural_list, unfilled_names
from tracker.domain.errors import NotFoundError
from tracker.domain.store import Store
from tracker.domain.tasks import get_task
from tracker.ui.common.dates import format_moment
from tracker.ui.common.icons import themed_icon
from tracker.ui.common.text import message
from tracker.ui.common.writes import run_write
from tracker.ui.events import DataEvents

NO_DRAFT = "This task has no draft. Edit it to write one."
COPIED = "Draft copied: paste it into your mail or a message."
NO_MAIL_APP = (
    "No mail program is set up to open it, so the draft is copied instead: paste it into "
    "your mail. To use Open in mail, choose a default mail app in your system settings "
    "(on Linux: Settings, Default Applications, Mail)."
)


@dataclass(frozen=True)
class TaskDraft:
    subject: str
    body: str
    email: str | None
    sent_at: datetime | None = None

    @property
    def empty(self) -> bool:
        return not (self.subject.strip() or self.body.strip())

    def text(self) -> str:
        """What Copy puts on the clipboard: the subject line, a blank line, the body."""
        return f"Subject: {self.subject}\n\n{self.body}" if self.subject.strip() else self.body


def task_draft(store: Store, task_id: int) -> TaskDraft:
    """The draft of one task and where it goes (the contact's email, when known)."""
    task = get_task(store, task_id)
    email = None
    if task.contact_id is not None:
        try:
            email = get_contact(store, task.contact_id).email
        except NotFoundError:
            email = None
    return TaskDraft(
        task.draft_subject or "", task.draft_body or "", email, sent_at(store, task_id)
    )


def mailto_url(draft: TaskDraft) -> QUrl:
    # StrictMode: the link is already percent-encoded; Qt must not encode it again.
    return QUrl(build_mailto(draft.email, draft.subject, draft.body), QUrl.ParsingMode.StrictMode)


class DraftActions(QObject):
    """Copy draft and Open in mail for the task set with set_task(); disabled without a draft."""

    def __init__(self, store: Store, parent: QWidget, events: DataEvents | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._events = events
        self.last_notice = ""  # the last thing said, for the status bar or a passing note
        self._task_id: int | None = None
        self.copy_action = QAction(themed_icon("edit-copy"), "C&opy draft", parent)
        self.copy_action.setToolTip("Copy the subject and the message, to paste anywhere")
        self.copy_action.triggered.connect(self.copy)
        self.mail_action = QAction(themed_icon("mail-message-new"), "Open in &mail", parent)
        self.mail_action.triggered.connect(self.open_in_mail)
        self.sent_action = QAction(themed_icon("mail-send"), "Mark &sent", parent)
        self.sent_action.setToolTip("You sent it: keep the draft as sent, with the time")
        self.sent_action.triggered.connect(self.mark_sent)
        self.set_task(None)

    def set_task(self, task_id: int | None) -> None:
        self._task_id = task_id
        draft = self._draft()
        has = draft is not None and not draft.empty
        self.copy_action.setEnabled(has)
        self.mail_action.setEnabled(has)
        sent = draft.sent_at if draft is not None else None
        self.sent_action.setEnabled(has and sent is None and self._events is not None)
        self.sent_action.setToolTip(
            f"Sent {format_moment(sent)}; kept as it was sent"
            if sent is not None
            else "You sent it: keep the draft as sent, with the time"
        )
        if task_id is not None and not has:
            self.mail_action.setToolTip(NO_DRAFT)
        elif draft is not None and not draft.email:
            self.mail_action.setToolTip("Open the draft in your mail app; add who it goes to there")
        else:
            self.mail_action.setToolTip("Open the draft in your mail app, ready to send")

    def _draft(self) -> TaskDraft | None:
        if self._task_id is None:
            return None
        try:
            return task_draft(self._store, self._task_id)
        except NotFoundError:
            return None

    def _names_filled_or_go_ahead(self, draft: TaskDraft, verb: str) -> bool:
        """A draft that still says [someone's name]: warn before it can go out."""
        gaps = unfilled_names(draft.subject, draft.body)
        if not gaps:
            return True
        parent = self.parent()
        answer = QMessageBox.question(
            parent if isinstance(parent, QWidget) else None,
            "A name is missing",
            message(
                f"This draft still says {natural_list(gaps)} where a name belongs. "
                f"{verb} it anyway? (You can fill the name in after.)"
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def copy(self) -> bool:
        draft = self._draft()
        if draft is None or draft.empty:
            return False
        if not self._names_filled_or_go_ahead(draft, "Copy"):
            return False
        QGuiApplication.clipboard().setText(draft.text())
        self._say(COPIED)
        return True

    def open_in_mail(self) -> bool:
        draft = self._draft()
        if draft is None or draft.empty:
            return False
        if not self._names_filled_or_go_ahead(draft, "Open"):
            return False
        if QDesktopServices.openUrl(mailto_url(draft)):
            return True
        # Nothing opened (Qt only logs it): say so, and hand over the draft another way.
        QGuiApplication.clipboard().setText(draft.text())
        parent = self.parent()
        self.last_notice = NO_MAIL_APP
        QMessageBox.information(
            parent if isinstance(parent, QWidget) else None, "No mail program", NO_MAIL_APP
        )
        return False

    def mark_sent(self) -> bool:
        """The draft went out: record when, and keep it as sent (the task is done)."""
        if self._task_id is None or self._events is None:
            return False
        task_id = self._task_id
        parent = self.parent()
        done = run_write(
            parent if isinstance(parent, QWidget) else None,
            self._events,
            lambda: mark_sent(self._store, task_id),
            title="Could not mark it sent",
        )
        if done is None:
            return False
        self._say(f"Marked sent {format_moment(done.value)}.")
        self.set_task(task_id)
        return True

    def _say(self, text: str) -> None:
        """A passing word: in the window's status bar, or as a note by the pointer."""
        self.last_notice = text
        parent = self.parent()
        window = parent.window() if isinstance(parent, QWidget) else None
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, 4000)
        elif isinstance(parent, QWidget):
            QToolTip.showText(QCursor.pos(), text, parent)
