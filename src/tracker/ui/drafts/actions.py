"""Acting on a task's draft, from any list of tasks: copy it, or open it in the mail client."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QMessageBox, QStyle, QWidget

from tracker.domain.contacts import get_contact
from tracker.domain.drafts.mailto import build_mailto
from tracker.domain.drafts.templates import natural_list, unfilled_names
from tracker.domain.errors import NotFoundError
from tracker.domain.store import Store
from tracker.domain.tasks import get_task
from tracker.ui.common.icons import themed_icon

NO_DRAFT = "This task has no draft. Edit it to write one."


@dataclass(frozen=True)
class TaskDraft:
    subject: str
    body: str
    email: str | None

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
    return TaskDraft(task.draft_subject or "", task.draft_body or "", email)


def mailto_url(draft: TaskDraft) -> QUrl:
    # StrictMode: the link is already percent-encoded; Qt must not encode it again.
    return QUrl(build_mailto(draft.email, draft.subject, draft.body), QUrl.ParsingMode.StrictMode)


class DraftActions(QObject):
    """Copy draft and Open in mail for the task set with set_task(); disabled without a draft."""

    def __init__(self, store: Store, parent: QWidget) -> None:
        super().__init__(parent)
        self._store = store
        self._task_id: int | None = None
        sp = QStyle.StandardPixmap
        self.copy_action = QAction(
            themed_icon("edit-copy", sp.SP_FileDialogContentsView, parent), "C&opy draft", parent
        )
        self.copy_action.setToolTip("Copy the subject and the message, to paste anywhere")
        self.copy_action.triggered.connect(self.copy)
        self.mail_action = QAction(
            themed_icon("mail-message-new", sp.SP_DialogOpenButton, parent), "Open in &mail", parent
        )
        self.mail_action.triggered.connect(self.open_in_mail)
        self.set_task(None)

    def set_task(self, task_id: int | None) -> None:
        self._task_id = task_id
        draft = self._draft()
        has = draft is not None and not draft.empty
        self.copy_action.setEnabled(has)
        self.mail_action.setEnabled(has)
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
            f"This draft still says {natural_list(gaps)} where a name belongs. "
            f"{verb} it anyway? (You can fill the name in after.)",
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
        return True

    def open_in_mail(self) -> bool:
        draft = self._draft()
        if draft is None or draft.empty:
            return False
        if not self._names_filled_or_go_ahead(draft, "Open"):
            return False
        return QDesktopServices.openUrl(mailto_url(draft))
