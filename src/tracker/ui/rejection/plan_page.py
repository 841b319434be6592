"""Step 3 of the panel: the tasks the chosen path creates, each editable, and the debrief."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tracker.db.enums import ContactRole, DebriefPath
from tracker.domain.contacts import ContactInput, create_contact
from tracker.domain.rejection import PlannedTask, RejectionFacts
from tracker.domain.settings import SIGNER_NAME, SIGNER_NAME_LIMIT
from tracker.domain.store import Store
from tracker.domain.tasks import TaskRow
from tracker.ui.common.dates import short_day
from tracker.ui.common.forms import error_label
from tracker.ui.common.writes import run_write
from tracker.ui.events import DataEvents
from tracker.ui.rejection.editor import ApplyOnEnter, TaskEditor
from tracker.ui.rejection.know_page import heading_label, hint_label
from tracker.ui.rejection.models import NetworkModel, PlanModel
from tracker.ui.rejection.people import PersonForm

INTROS = {
    DebriefPath.FIGHT: "Your plan: go back in for it",
    DebriefPath.FLIGHT: "Your plan: move on, and leave well",
}
NO_NETWORK = "No one in your network yet. Add someone you would happily recommend:"


def _text_box(placeholder: str, name: str) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setPlaceholderText(placeholder)
    box.setAccessibleName(name)
    box.setTabChangesFocus(True)
    box.setFixedHeight(64)
    return box


class PlanPage(QWidget):
    network_changed = Signal()
    person_added = Signal(int)

    def __init__(
        self,
        store: Store,
        events: DataEvents,
        facts: RejectionFacts,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._events = events
        self.roles: dict[str, ContactRole] = {}  # step id -> whom a missing person would be
        self.task_problems: dict[int, dict[str, str]] = {}  # row -> field -> message
        self.heading = heading_label("", 1.2)
        self.intro = hint_label(
            "Every step is a draft. Change anything, and untick what you would rather skip. "
            "Nothing is saved until you create the tasks."
        )
        self.earlier_note = hint_label("")
        self.earlier_note.setAccessibleName("Planned before")
        self.earlier_note.hide()
        self.model = PlanModel(self)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setAccessibleName("Planned tasks")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setAlternatingRowColors(True)
        self.list.setSpacing(3)
        self.list.setWordWrap(True)
        self.list.selectionModel().currentChanged.connect(self._show_current)

        self.network = NetworkModel(self)
        self.network.set_people(facts.network)
        self.network.dataChanged.connect(lambda *_: self.network_changed.emit())
        self.network_list = QListView()
        self.network_list.setModel(self.network)
        self.network_list.setAccessibleName("People from your network to offer")
        self.network_list.setMaximumHeight(96)
        self.network_box = self._build_network()

        self.editor = TaskEditor()
        self.editor.edited.connect(self._edited)
        self.editor.fix_requested.connect(self._open_fix)
        self.form = PersonForm(store, events, facts.application_id, facts.company)
        self.form.added.connect(self.person_added)

        self.old_tasks = QStandardItemModel(self)
        self.old_list = QListView()
        self.old_list.setModel(self.old_tasks)
        self.old_list.setAccessibleName("Open tasks to close")
        self.old_list.setMaximumHeight(96)
        self.old_box = QWidget()
        old = QVBoxLayout(self.old_box)
        old.setContentsMargins(0, 6, 0, 0)
        old.addWidget(heading_label("Still open for this application", 1.0))
        old.addWidget(
            hint_label(
                "Ticked ones are marked done when you save. Untick any that still make sense."
            )
        )
        old.addWidget(self.old_list)
        self.old_box.hide()
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        left.addWidget(self.old_box)
        left.addWidget(self.network_box)
        side = QWidget()
        side.setFixedWidth(370)
        side.setLayout(left)
        left.setContentsMargins(0, 0, 0, 0)
        right = QVBoxLayout()
        right.addWidget(self.editor, 1)
        right.addWidget(self.form)
        main = QHBoxLayout()
        main.setSpacing(16)
        main.addWidget(side)
        main.addLayout(right, 1)

        self.went_well = _text_box(
            "A good answer, a good moment, a good question", "What went well"
        )
        self.do_differently = _text_box(
            "Prepare, ask or say differently next time", "What I'd do differently"
        )
        self.debrief_errors = {
            "went_well": error_label(self),
            "do_differently": error_label(self),
            SIGNER_NAME: error_label(self),
        }
        self.user_name = ApplyOnEnter()
        self.user_name.setAccessibleName("Your name, for signing drafts")
        self.user_name.setPlaceholderText("Your name")
        self.user_name.setMaximumWidth(240)
        self.user_name.setMaxLength(SIGNER_NAME_LIMIT)
        self.user_name.editingFinished.connect(self.network_changed.emit)
        debrief = QGridLayout()
        debrief.addWidget(QLabel("What went well"), 0, 0)
        debrief.addWidget(QLabel("What I'd do differently"), 0, 1)
        debrief.addWidget(self.went_well, 1, 0)
        debrief.addWidget(self.do_differently, 1, 1)
        debrief.addWidget(self.debrief_errors["went_well"], 2, 0)
        debrief.addWidget(self.debrief_errors["do_differently"], 2, 1)
        self.asking_name = False
        self.name_prompt = hint_label(
            "How should your drafts be signed? Type your name; it is kept with your data "
            "and you can change it here any time."
        )
        self.name_prompt.setAccessibleName("Your name is needed")
        self.name_prompt.hide()
        sign = QFormLayout()
        sign.addRow(self.name_prompt)
        sign.addRow("Sign drafts as", self.user_name)
        sign.addRow(self.debrief_errors[SIGNER_NAME])
        debrief.addLayout(sign, 1, 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addWidget(self.earlier_note)
        layout.addLayout(main, 1)
        layout.addLayout(debrief)

    def _build_network(self) -> QFrame:
        box = QFrame()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 6, 0, 0)
        column.addWidget(heading_label("People from your network to offer", 1.0))
        self.network_empty = hint_label(NO_NETWORK)
        self.new_name = QLineEdit()
        self.new_name.setPlaceholderText("Name")
        self.new_name.setAccessibleName("Name of someone from your network")
        self.new_title = QLineEdit()
        self.new_title.setPlaceholderText("What they do")
        self.new_title.setAccessibleName("Their title")
        self.add_network = QPushButton("Add")
        self.add_network.setAccessibleName("Add to your network")
        self.add_network.clicked.connect(self.add_network_contact)
        self.network_problem = error_label(self)
        self.adder = QWidget()
        row = QHBoxLayout(self.adder)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.new_name, 1)
        row.addWidget(self.new_title, 1)
        row.addWidget(self.add_network)
        column.addWidget(self.network_empty)
        column.addWidget(self.network_list)
        column.addWidget(self.adder)
        column.addWidget(self.network_problem)
        return box

    # --- showing ---------------------------------------------------------------------------

    def show_plan(self, path: DebriefPath, tasks: list[PlannedTask], facts: RejectionFacts) -> None:
        row = max(0, self.list.currentIndex().row())
        self.heading.setText(INTROS[path])
        self.network.set_people(facts.network)
        has_network = self.network.rowCount() > 0
        self.network_box.setVisible(path is DebriefPath.FLIGHT)
        self.network_empty.setVisible(not has_network)
        self.network_list.setVisible(has_network)
        self.adder.setVisible(not has_network)
        self.model.set_tasks(tasks)
        self.select_row(min(row, len(tasks) - 1))

    def show_open_tasks(self, tasks: list[TaskRow]) -> None:
        """The application's other open tasks, ticked to close: most no longer make sense."""
        self.old_tasks.clear()
        for task in tasks:
            due = f" · due {short_day(task.due_on)}" if task.due_on else ""
            item = QStandardItem(f"{task.title}{due}")
            item.setData(task.id, Qt.ItemDataRole.UserRole)
            item.setEditable(False)
            item.setCheckable(True)
            item.setCheckState(Qt.CheckState.Checked)
            self.old_tasks.appendRow(item)
        self.old_box.setVisible(bool(tasks))

    def tasks_to_close(self) -> list[int]:
        items = (self.old_tasks.item(row) for row in range(self.old_tasks.rowCount()))
        return [
            int(item.data(Qt.ItemDataRole.UserRole))
            for item in items
            if item.checkState() is Qt.CheckState.Checked
        ]

    def ask_name(self, asking: bool) -> None:
        """No name kept yet: say so beside the field, once, until one is given."""
        self.asking_name = asking
        self.name_prompt.setVisible(asking)

    def show_earlier(self, text: str) -> None:
        """Say that a plan was made before and what saving again does with it."""
        self.earlier_note.setText(text)
        self.earlier_note.show()

    def select_row(self, row: int) -> None:
        index = self.model.index(row)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        self.list.selectionModel().setCurrentIndex(index, flags)
        self._show_current(index)

    def row_of(self, task: PlannedTask) -> int:
        return next((i for i, t in enumerate(self.model.tasks()) if t is task), -1)

    def _show_current(self, index: QModelIndex) -> None:
        task = self.model.task(index.row())
        problems = self.task_problems.get(index.row(), {}) if task else {}
        self.editor.load(task, problems, self.roles.get(task.step_id) if task else None)

    def show_problems(self, problems: dict[str, str]) -> None:
        """Problems from confirm_plan: "tasks.<row>.<field>" beside the task, the rest below."""
        by_row: dict[int, dict[str, str]] = {}
        for key, message in problems.items():
            parts = key.split(".")
            if parts[0] == "tasks" and len(parts) == 3 and parts[1].isdigit():
                by_row.setdefault(int(parts[1]), {})[parts[2]] = message
        self.task_problems = by_row
        self.model.set_problems({row: " ".join(p.values()) for row, p in by_row.items()})
        for name, label in self.debrief_errors.items():
            label.setText(problems.get(name, ""))
            label.setVisible(name in problems)
        if by_row:
            self.select_row(min(by_row))

    def _edited(self, field: str) -> None:
        task = self.editor.task
        if task is not None:
            self.model.refresh(self.row_of(task))

    def _open_fix(self, role: object) -> None:
        if isinstance(role, ContactRole):
            self.form.open_for(role)

    def _show_network_problem(self, problems: dict[str, str]) -> None:
        self.network_problem.setText(next(iter(problems.values())))
        self.network_problem.show()

    def add_network_contact(self) -> None:
        data = ContactInput(name=self.new_name.text(), title=self.new_title.text(), in_network=True)
        created = run_write(
            self,
            self._events,
            lambda: create_contact(self._store, data),
            show_problems=self._show_network_problem,
        )
        if created is None:
            return
        contact_id = created.value
        self.network_problem.hide()
        self.new_name.clear()
        self.new_title.clear()
        self.person_added.emit(contact_id)
