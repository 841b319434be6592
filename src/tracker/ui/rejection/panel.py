"""The rejection response panel: what happened, a few questions, then a plan to confirm.

Nothing is written until "Create tasks" (one transaction, via confirm_plan), except people
the person adds to fill a gap, which are kept either way. "Not now" closes it, creating
nothing; the panel can be opened again from the application.
"""

from __future__ import annotations

from copy import copy
from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from tracker.db.enums import ContactRole, DebriefPath
from tracker.domain.drafts.business_days import add_business_days
from tracker.domain.errors import ValidationError
from tracker.domain.rejection import (
    PlannedTask,
    build_plan,
    confirm_plan,
    gather,
    prefill_answers,
    remind_to_plan,
)
from tracker.domain.rejection.existing import earlier_plan, mark_earlier
from tracker.domain.rejection.playbook import Audience, Playbook, default_playbook
from tracker.domain.settings import clean_signer_name, get_signer_name, set_signer_name
from tracker.domain.store import Store
from tracker.domain.tasks import open_tasks
from tracker.ui.common.dates import format_day
from tracker.ui.common.text import plain
from tracker.ui.common.writes import run_write
from tracker.ui.events import DataEvents
from tracker.ui.rejection.know_page import KnowPage
from tracker.ui.rejection.plan_page import PlanPage
from tracker.ui.rejection.questions_page import QuestionsPage

# Where the name was kept before it moved into the database (tracker.domain.settings):
# still read, so a name saved by an earlier version is offered until the next plan saves it.
LEGACY_USER_NAME_KEY = "user/name"
STEPS = ("What happened", "Your choice", "Your plan")
EDITABLE = ("title", "due_on", "subject", "body", "included")
ROLE_FOR = {
    Audience.RECRUITER: ContactRole.RECRUITER,
    Audience.DECISION_MAKER: ContactRole.DECISION_MAKER,
    Audience.DECISION_MAKER_VIA_RECRUITER: ContactRole.RECRUITER,
    Audience.HIRING_MANAGER_OR_RECRUITER: ContactRole.HIRING_MANAGER,
    Audience.EACH_INTERVIEWER: ContactRole.INTERVIEWER,
}


def saved_user_name(store: Store) -> str:
    """The name drafts were last signed with, kept with the data."""
    saved = get_signer_name(store)
    if saved:
        return saved
    legacy = QSettings().value(LEGACY_USER_NAME_KEY, "")
    return legacy if isinstance(legacy, str) else ""


def _keys(tasks: list[PlannedTask]) -> list[tuple[str, int]]:
    """Each task as (step id, its place among that step's tasks): stable across re-plans."""
    seen: dict[str, int] = {}
    keys = []
    for task in tasks:
        seen[task.step_id] = seen.get(task.step_id, -1) + 1
        keys.append((task.step_id, seen[task.step_id]))
    return keys


class RejectionPanel(QDialog):
    def __init__(
        self,
        store: Store,
        events: DataEvents,
        application_id: int,
        parent: QWidget | None = None,
        today: date | None = None,
        user_name: str | None = None,
        override_dir: Path | None = None,
        playbook: Playbook | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._events = events
        self._id = application_id
        self._today = today or date.today()
        self._override_dir = override_dir
        self._playbook = playbook or default_playbook()
        self.facts = gather(store, application_id)
        self.earlier = earlier_plan(store, application_id)  # planned before: shown, not redone
        self.path: DebriefPath | None = None
        self.confirmed = False
        self._rendered: list[PlannedTask] = []  # the plan as built, to tell edits apart
        self.stood_out: dict[int, str] = {}  # contact id -> the line edited in the plan
        self.setWindowTitle(f"Plan my response — {self.facts.company}")
        self.resize(1000, 720)

        self.know = KnowPage(store, events, self.facts)
        self.know.person_added.connect(self._person_added)
        self.know.interviews_cancelled.connect(lambda: self._person_added(None))
        self.questions = QuestionsPage(
            self.facts, self.earlier.answers if self.earlier else prefill_answers(self.facts)
        )
        self.questions.chosen.connect(self.choose)
        self.plan = PlanPage(store, events, self.facts)
        self.plan.person_added.connect(self._person_added)
        self.plan.editor.edited.connect(self._task_edited)
        # The reflection quotes the debrief typed beside it: drafted again after a pause.
        self._debrief_timer = QTimer(self)
        self._debrief_timer.setSingleShot(True)
        self._debrief_timer.setInterval(300)
        self._debrief_timer.timeout.connect(self.replan)
        for box in (self.plan.went_well, self.plan.do_differently):
            box.textChanged.connect(self._debrief_timer.start)
        self.plan.network_changed.connect(self.replan)
        self.plan.model.dataChanged.connect(self._sync_buttons)
        self.plan.model.modelReset.connect(self._sync_buttons)
        # Never the login name ("root"): with no name kept yet, the plan asks for it once.
        self.plan.user_name.setText(user_name or saved_user_name(store))
        self.plan.ask_name(not self.user_name())
        self.plan.user_name.editingFinished.connect(self._keep_name)
        earlier_ids = {t.id for t in self.earlier.tasks} if self.earlier else set()
        self.plan.show_open_tasks(
            [t for t in open_tasks(store, application_id) if t.id not in earlier_ids]
        )
        self.stack = QStackedWidget()
        for page in (self.know, self.questions, self.plan):
            self.stack.addWidget(page)

        self.steps = [QLabel(f"{n}  {text}") for n, text in enumerate(STEPS, start=1)]
        stepper = QHBoxLayout()
        subtitle = plain(QLabel(f"{self.facts.company} · {self.facts.role}"))
        subtitle.setStyleSheet("color: palette(placeholder-text);")
        stepper.addWidget(subtitle)
        stepper.addStretch(1)
        for label in self.steps:
            label.setAccessibleName(label.text())
            stepper.addWidget(label)

        self.not_now = QPushButton("Not now")
        self.not_now.setAccessibleName("Close without creating anything")
        self.not_now.setToolTip("No plan is made. You can plan this later from the application.")
        self.not_now.clicked.connect(self.not_now_clicked)
        self.not_now.setAutoDefault(False)  # Enter never dismisses the panel by surprise
        self.remind = QCheckBox("Remind me tomorrow")
        self.remind.setChecked(True)
        self.remind.setToolTip("Leaves a to-do to plan your response, due the next weekday")
        self.back_button = QPushButton("Back")
        self.back_button.setAccessibleName("Back to the previous step")
        self.back_button.clicked.connect(lambda: self.go(self.stack.currentIndex() - 1))
        self.next_button = QPushButton("Next: a few questions")
        self.next_button.setAccessibleName("Next step")
        self.next_button.clicked.connect(lambda: self.go(1))
        self.create_button = QPushButton("Create tasks")
        self.create_button.setAccessibleName("Create the ticked tasks and save the debrief")
        self.create_button.clicked.connect(self.confirm)
        buttons = QHBoxLayout()
        buttons.addWidget(self.not_now)
        buttons.addWidget(self.remind)
        buttons.addStretch(1)
        for button in (self.back_button, self.next_button, self.create_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 14)
        layout.addLayout(stepper)
        layout.addSpacing(6)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)
        self.go(0)
        if self.earlier is not None:
            self.remind.hide()  # a plan exists: nothing to be reminded of
            self._show_earlier()

    # --- moving between steps --------------------------------------------------------------

    def go(self, page: int) -> None:
        page = max(0, min(page, 2 if self.path is not None else 1))
        self.stack.setCurrentIndex(page)
        for number, label in enumerate(self.steps):
            if number == page:
                style = (
                    "background: palette(highlight); color: palette(highlighted-text);"
                    "border-radius: 10px; padding: 3px 10px; font-weight: bold;"
                )
            else:
                style = "color: palette(placeholder-text); padding: 3px 10px;"
            label.setStyleSheet(style)
        self.back_button.setVisible(page > 0)
        self.next_button.setVisible(page == 0)
        self.create_button.setVisible(page == 2)
        self.next_button.setDefault(page == 0)
        self.create_button.setDefault(page == 2)
        self._sync_buttons()

    def choose(self, path: object) -> None:
        self.path = DebriefPath(str(path))
        self._rendered = []
        self.replan()
        self.go(2)
        if self.plan.asking_name:
            self.plan.user_name.setFocus()  # the one thing the drafts still need

    def _show_earlier(self) -> None:
        """Opened again after a plan was made: show that plan, with its debrief."""
        earlier = self.earlier
        assert earlier is not None
        self.plan.went_well.setPlainText(earlier.went_well or "")
        self.plan.do_differently.setPlainText(earlier.do_differently or "")
        kept = sum(task.kept for task in earlier.tasks)
        count = len(earlier.tasks)
        self.plan.show_earlier(
            f"You planned this on {format_day(earlier.created_at.astimezone().date())}: "
            f"{count} task{'' if count == 1 else 's'}, {kept} done or sent. Saving again "
            "keeps those as they are, replaces drafts not sent yet and adds only what is "
            "missing."
        )
        self.choose(earlier.path)

    def _role_for(self, audience: Audience) -> ContactRole:
        """Whom "add someone" adds for a step: the letter needs a recruiter, then a decider."""
        if audience is Audience.DECISION_MAKER_VIA_RECRUITER and self.facts.recruiter:
            return ContactRole.DECISION_MAKER
        return ROLE_FOR[audience]

    # --- the plan --------------------------------------------------------------------------

    def replan(self) -> None:
        """Build the plan again (after a person or a pick changed), keeping what was edited."""
        if self.path is None:
            return
        self.plan.roles = {
            step.id: self._role_for(step.audience)
            for step in self._playbook.steps(self.path)
            if step.audience in ROLE_FOR
        }
        edits: dict[tuple[str, int], dict[str, object]] = {}
        old = self.plan.model.tasks()
        for key, now, was in zip(_keys(old), old, self._rendered, strict=False):
            changed = {f: getattr(now, f) for f in EDITABLE if getattr(now, f) != getattr(was, f)}
            if changed:
                edits[key] = changed
        tasks = build_plan(
            self.facts,
            self.questions.answers(),
            self.path,
            self._playbook,
            self._today,
            self.user_name(),
            self.plan.network.chosen_ids(),
            self._override_dir,
            self.stood_out,
            (self.plan.went_well.toPlainText(), self.plan.do_differently.toPlainText()),
        )
        mark_earlier(tasks, self.earlier)
        self._rendered = [copy(task) for task in tasks]
        for key, task in zip(_keys(tasks), tasks, strict=True):
            for field, value in edits.get(key, {}).items():
                setattr(task, field, value)
        self.plan.show_plan(self.path, tasks, self.facts)

    def _task_edited(self, field: str) -> None:
        """A new "what stood out" line: that person's thank-you notes are drafted again."""
        task = self.plan.editor.task
        if field == "stood_out" and task is not None and task.contact_id is not None:
            self.stood_out[task.contact_id] = task.stood_out or ""
            self.replan()

    def tasks(self) -> list[PlannedTask]:
        return self.plan.model.tasks()

    def user_name(self) -> str:
        return self.plan.user_name.text().strip()

    def _person_added(self, contact_id: int | None) -> None:
        """Someone was added (or booked interviews cancelled): gather the facts again."""
        answers = self.questions.answers()
        self.facts = gather(self._store, self._id)
        self.know.show_facts(self.facts)
        # The questions list the interviewers: rebuild them, keeping the answers so far.
        old = self.questions
        self.questions = QuestionsPage(self.facts, answers)
        self.questions.chosen.connect(self.choose)
        self.stack.insertWidget(1, self.questions)
        self.stack.removeWidget(old)
        old.deleteLater()
        if contact_id is not None and any(p.contact_id == contact_id for p in self.facts.network):
            self.plan.network.set_people(self.facts.network)
            self.plan.network.choose(contact_id)  # replans through network_changed
        self.replan()
        # The form that just closed had focus: hand it to the step's next move, not "Not now".
        current = self.stack.currentIndex()
        (self.next_button if current == 0 else self.plan.list).setFocus()

    def _keep_name(self) -> None:
        """The name typed for signing is kept with the data at once (editable any time)."""
        try:
            name = clean_signer_name(self.user_name())
        except ValidationError as exc:
            self.plan.show_problems(exc.problems)
            return
        if name and name != get_signer_name(self._store):
            run_write(self, self._events, lambda: set_signer_name(self._store, name))
            self.plan.ask_name(False)

    def _sync_buttons(self) -> None:
        count = self.plan.model.included_count()
        if self.earlier is not None:
            self.create_button.setText("Update the plan")
            return
        self.create_button.setText(
            f"Create {count} task{'' if count == 1 else 's'}" if count else "Save the debrief"
        )

    def not_now_clicked(self) -> None:
        """Close without a plan; unless told not to, leave a to-do for the next weekday."""
        if self.remind.isChecked() and self.earlier is None:
            due = add_business_days(self._today, 1)
            run_write(
                self,
                self._events,
                lambda: remind_to_plan(self._store, self._id, due),
                title="Could not leave the reminder",
            )
        self.reject()

    def confirm(self) -> bool:
        if self.path is None:
            return False
        if self._debrief_timer.isActive():  # typed just now: the reflection quotes it first
            self._debrief_timer.stop()
            self.replan()
        path = self.path
        try:
            name = clean_signer_name(self.user_name())
        except ValidationError as exc:
            self.plan.show_problems(exc.problems)
            return False
        confirmed = run_write(
            self,
            self._events,
            lambda: confirm_plan(
                self._store,
                self._id,
                path,
                self.questions.answers(),
                self.plan.went_well.toPlainText(),
                self.plan.do_differently.toPlainText(),
                self.tasks(),
                self.plan.tasks_to_close(),
            ),
            title="Could not save the plan",
            show_problems=self.plan.show_problems,
        )
        if confirmed is None:
            return False
        if name:
            set_signer_name(self._store, name)  # offered the next time
        self.confirmed = True
        self.accept()
        return True


def open_rejection_panel(
    store: Store,
    events: DataEvents,
    application_id: int,
    parent: QWidget | None = None,
    today: date | None = None,
    user_name: str | None = None,
    override_dir: Path | None = None,
) -> bool:
    """Show the panel modally; True when a plan was confirmed. Raises NotFoundError when the
    application is gone."""
    panel = RejectionPanel(store, events, application_id, parent, today, user_name, override_dir)
    panel.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    try:
        panel.exec()
        return panel.confirmed
    finally:
        panel.deleteLater()
