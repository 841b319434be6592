"""Everything about one application: its fields, history, people, interviews and tasks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields, replace
from typing import Any
from urllib.parse import urlsplit

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFont, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tracker.db.enums import Stage
from tracker.domain.applications import (
    ApplicationInput,
    get_application_version,
    update_application,
)
from tracker.domain.changes import Kind
from tracker.domain.detail import headline
from tracker.domain.errors import ConflictError, NotFoundError, UnreadableError
from tracker.domain.rows import StageMove
from tracker.domain.store import Store
from tracker.ui.applications.form import ApplicationForm
from tracker.ui.common.icons import themed_icon
from tracker.ui.common.text import plain
from tracker.ui.common.writes import refresh_missing, run_write
from tracker.ui.detail.people import PeopleTab
from tracker.ui.detail.tabs import HistoryTab, InterviewsTab, TasksTab
from tracker.ui.events import DataEvents

# The labels and history show the application; the tabs its people, interviews and tasks.
SHOWN = frozenset({Kind.APPLICATIONS, Kind.CONTACTS, Kind.INTERVIEWS, Kind.TASKS})


def is_web_address(text: str) -> bool:
    parts = urlsplit(text.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


class ApplicationDetailDialog(QDialog):
    """Opened from the table or the board; tabs save at once, the Details tab on Save."""

    stage_moved = Signal(object)  # a StageMove that changed the stage
    plan_requested = Signal(int)  # "Plan my response…" on a rejected application

    def __init__(
        self,
        store: Store,
        events: DataEvents,
        application_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._events = events
        self._id = application_id
        self.stage_move: StageMove | None = None
        self._saved, self._version = get_application_version(store, application_id)

        self.title = plain(QLabel())
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        self.subtitle = plain(QLabel())
        self.subtitle.setStyleSheet("color: palette(placeholder-text);")
        self.open_posting = QPushButton("Open posting")
        self.open_posting.setIcon(themed_icon("internet-web-browser"))
        self.open_posting.setAccessibleName("Open the job posting in your browser")
        self.open_posting.clicked.connect(self.open_posting_url)

        self.form = ApplicationForm()
        self.form.fill(self._saved)
        self.form.posting_url.textChanged.connect(self._sync_posting)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.addWidget(self.form)
        inner_layout.addStretch(1)
        scroll.setWidget(inner)

        self.history = HistoryTab(store, application_id)
        self.people = PeopleTab(store, events, application_id)
        self.interviews = InterviewsTab(store, events, application_id)
        self.tasks = TasksTab(store, events, application_id)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Parts of this application")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(scroll, "&Details")
        self.tabs.addTab(self.history, "")
        self.tabs.addTab(self.people, "")
        self.tabs.addTab(self.interviews, "")
        self.tabs.addTab(self.tasks, "")

        self.status = plain(QLabel())
        self.status.setAccessibleName("Save status")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.reject)

        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        header.addLayout(titles, 1)
        self.plan_button = QPushButton("Plan my response…")
        self.plan_button.setToolTip("Fight for the role or move on well, with drafts ready")
        self.plan_button.clicked.connect(lambda: self.plan_requested.emit(self._id))
        header.addWidget(self.plan_button)
        header.addWidget(self.open_posting)
        footer = QHBoxLayout()
        footer.addWidget(self.status, 1)
        footer.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(footer)
        self.resize(980, 680)

        events.changed.connect(self._on_changed)
        self._refresh_labels()
        self._sync_posting()

    # --- reacting ------------------------------------------------------------------------

    def _on_changed(self, kinds: frozenset[Kind]) -> None:
        if not kinds & SHOWN:
            return
        try:
            self.history.reload()
            self.people.reload()
            self.interviews.reload()
            self.tasks.reload()
            self._refresh_labels()
        except NotFoundError:
            self.reject()  # the application was deleted elsewhere

    def _refresh_labels(self) -> None:
        company, role, stage = headline(self._store, self._id)
        self.title.setText(role)
        self.subtitle.setText(f"{company} · {stage.label}")
        self.plan_button.setVisible(stage is Stage.REJECTED)
        self.setWindowTitle(f"{role} at {company}")
        for tab, name in (
            (self.history, "&History"),
            (self.people, "&People"),
            (self.interviews, "&Interviews"),
            (self.tasks, "&Tasks"),
        ):
            count = tab.model.rowCount()
            self.tabs.setTabText(self.tabs.indexOf(tab), f"{name} ({count})" if count else name)

    def _sync_posting(self) -> None:
        ok = is_web_address(self.form.posting_url.text())
        self.open_posting.setEnabled(ok)
        self.open_posting.setToolTip(
            self.form.posting_url.text().strip() if ok else "Add a web link to the posting first"
        )

    def open_posting_url(self) -> None:
        text = self.form.posting_url.text().strip()
        if is_web_address(text):
            QDesktopServices.openUrl(QUrl(text))

    # --- saving --------------------------------------------------------------------------

    def is_dirty(self) -> bool:
        data, problems = self.form.collect()
        return bool(problems) or _comparable(data) != _comparable(self._saved)

    def save(self) -> bool:
        """Save the Details tab; problems show beside their fields and nothing is written."""
        self.form.clear_problems()
        self.status.clear()
        data, problems = self.form.collect()
        if problems:
            self._show_problems(problems)
            return False
        saved = run_write(
            self,
            self._events,
            lambda: update_application(self._store, self._id, data, self._version),
            show_problems=self._show_problems,
            on_gone=lambda _exc: QDialog.reject(self),  # gone: nothing left to ask about
            on_conflict=lambda exc: self._resolve_conflict(exc, data),
        )
        if saved is None:
            return False
        move = saved.value
        self._saved, self._version = get_application_version(self._store, self._id)
        self.form.fill(self._saved)  # dates the stage rule set show at once
        self.stage_move = move
        self.status.setText("Saved.")
        if move.changed:
            self.stage_moved.emit(move)
        return True

    def _resolve_conflict(self, exc: ConflictError, mine: ApplicationInput) -> None:
        """Changed elsewhere since this dialog read it: the person chooses, nothing is lost."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Changed elsewhere")
        box.setText(str(exc))
        box.setInformativeText(
            "Nothing was saved yet, and what you typed is still here. You can save your "
            "version over the other one, or look at the newer version first (what you typed "
            "is then copied to the clipboard)."
        )
        overwrite = box.addButton("Save mine", QMessageBox.ButtonRole.DestructiveRole)
        reload = box.addButton("Show the newer version", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Keep editing", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        clicked = box.clickedButton()
        box.deleteLater()
        if clicked is overwrite:
            self._version = get_application_version(self._store, self._id)[1]
            self.form.fill(mine)
            self.save()
        elif clicked is reload:
            QGuiApplication.clipboard().setText(as_text(mine))
            self._saved, self._version = get_application_version(self._store, self._id)
            self.form.fill(self._saved)
            self._refresh_labels()
            self.status.setText("Showing the newer version; what you typed is on the clipboard.")

    def _show_problems(self, problems: dict[str, str]) -> None:
        self.tabs.setCurrentIndex(0)
        self.form.show_problems(problems)

    def reject(self) -> None:
        """Closing with unsaved details asks first; the other tabs have saved already."""
        if self.is_dirty():
            answer = QMessageBox.question(
                self,
                "Save your changes?",
                "You changed some details of this application.",
                QMessageBox.StandardButton.Save
                | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel,
            )
            if answer == QMessageBox.StandardButton.Cancel:
                return
            if answer == QMessageBox.StandardButton.Save and not self.save():
                return
        super().reject()


def _comparable(data: ApplicationInput) -> ApplicationInput:
    """The form says "" where the database says None; neither is a change."""
    blanks: dict[str, Any] = {
        f.name: None
        for f in fields(data)
        if isinstance(getattr(data, f.name), str) and not getattr(data, f.name).strip()
    }
    return replace(data, **blanks, stage=Stage(data.stage))


def open_detail(
    store: Store,
    events: DataEvents,
    application_id: int,
    parent: QWidget,
    on_stage_moved: Callable[[StageMove], None],
    on_plan: Callable[[int], object] | None = None,
) -> bool:
    """Show one application's detail modally; False when it no longer exists."""
    try:
        dialog = ApplicationDetailDialog(store, events, application_id, parent)
    except NotFoundError as exc:
        QMessageBox.warning(parent, "Could not open the application", str(exc))
        refresh_missing(events, exc)  # it was deleted elsewhere: let the lists catch up
        return False
    except UnreadableError as exc:
        QMessageBox.warning(parent, "Could not open the application", str(exc))
        return False
    dialog.stage_moved.connect(on_stage_moved)
    if on_plan is None:
        dialog.plan_button.hide()
    else:
        dialog.plan_requested.connect(on_plan)
    try:
        dialog.exec()
        return True
    finally:
        dialog.deleteLater()


def as_text(data: ApplicationInput) -> str:
    """The fields as plain lines, for the clipboard: nothing typed is lost."""
    lines = []
    for f in fields(ApplicationInput):
        value = getattr(data, f.name)
        if value not in (None, ""):
            lines.append(f"{f.name.replace('_', ' ').capitalize()}: {value}")
    return "\n".join(lines)
