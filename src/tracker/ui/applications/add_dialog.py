"""The dialog to add (or quickly edit) one application, built on the shared form."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QVBoxLayout,
    QWidget,
)

from tracker.domain.applications import (
    ApplicationInput,
    create_application,
    get_application,
    update_application,
)
from tracker.domain.rows import StageMove
from tracker.domain.store import Store
from tracker.ui.applications.earlier import EarlierNotice
from tracker.ui.applications.form import ApplicationForm
from tracker.ui.common.writes import run_write
from tracker.ui.events import DataEvents

# The form's inputs, reachable from the dialog as before (tests and callers use them).
FORM_WIDGETS = [
    "company",
    "role",
    "stage",
    "posting_url",
    "location",
    "remote_mode",
    "salary_min",
    "salary_max",
    "salary_currency",
    "source",
    "priority",
    "has_found",
    "found_on",
    "has_applied",
    "applied_on",
    "has_closed",
    "closed_on",
    "job_description",
    "notes",
]


class ApplicationDialog(QDialog):
    """Add (application_id None) or edit one application; saves through the domain layer.

    A new application at a company already on record says what happened there last time,
    and *open_application* (given an id) lets the person look at it before saving."""

    def __init__(
        self,
        store: Store,
        events: DataEvents,
        application_id: int | None = None,
        parent: QWidget | None = None,
        open_application: Callable[[int], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._events = events
        self._id = application_id
        self.stage_move: StageMove | None = None
        self.saved_id: int | None = None

        self.setWindowTitle("New application" if application_id is None else "Edit application")
        self.setMinimumWidth(820)
        self.form = ApplicationForm(self)
        for name in FORM_WIDGETS:
            setattr(self, name, getattr(self.form, name))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        self.setTabOrder(self.form.last_input(), self.save_button)
        self.setTabOrder(self.save_button, self.cancel_button)

        original = get_application(store, application_id) if application_id is not None else None
        self.form.fill(original or ApplicationInput(company="", role=""))
        self.earlier: EarlierNotice | None = None
        if application_id is None:
            self.earlier = EarlierNotice(store, self._open_earlier(open_application))
            self.form.below("company", self.earlier)
            self.form.company.textChanged.connect(self._check_earlier)
            self.form.role.textChanged.connect(self._check_earlier)

    def _open_earlier(
        self, open_application: Callable[[int], object] | None
    ) -> Callable[[int], object] | None:
        if open_application is None:
            return None

        def open_it(application_id: int) -> None:
            open_application(application_id)
            if self.earlier is not None:  # it may have changed while it was open
                self.earlier.forget()
                self._check_earlier()

        return open_it

    def _check_earlier(self) -> None:
        if self.earlier is not None:
            self.earlier.check(self.form.company.text(), self.form.role.text())

    def collect(self) -> tuple[ApplicationInput, dict[str, str]]:
        return self.form.collect()

    def save(self) -> None:
        """Save and close, or show every problem beside its field and stay open."""
        self.form.clear_problems()
        data, problems = self.form.collect()
        if problems:
            self.form.show_problems(problems)
            return
        show, gone = self.form.show_problems, lambda _exc: self.reject()
        if self._id is None:
            created = run_write(
                self,
                self._events,
                lambda: create_application(self._store, data),
                show_problems=show,
                on_gone=gone,
            )
            if created is None:
                return
            self.saved_id = created.value
        else:
            application_id = self._id
            updated = run_write(
                self,
                self._events,
                lambda: update_application(self._store, application_id, data),
                show_problems=show,
                on_gone=gone,
            )
            if updated is None:
                return
            self.stage_move = updated.value
            self.saved_id = self._id
        self.accept()

    def clear_problems(self) -> None:
        self.form.clear_problems()

    def show_problems(self, problems: dict[str, str]) -> None:
        self.form.show_problems(problems)

    def problem_text(self, name: str) -> str | None:
        return self.form.problem_text(name)
