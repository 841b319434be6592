"""The interview editor: when, what kind, and what was discussed with each person."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from tracker.db.enums import InterviewKind
from tracker.domain.detail import company_of, headline, interview_rows, participant_rows
from tracker.domain.interviews import (
    InterviewInput,
    NewPerson,
    ParticipantInput,
    get_interview,
    save_interview,
)
from tracker.domain.store import Store
from tracker.ui.common.forms import (
    WHOLE_NUMBER_PROBLEM,
    error_label,
    moment_edit,
    parse_whole,
    show_field_problems,
    shown_problem,
    with_problem,
)
from tracker.ui.common.writes import run_write
from tracker.ui.detail.models import ContactsModel
from tracker.ui.events import DataEvents
from tracker.ui.interviews.people import ParticipantEditor, Person, PersonPicker

ASSESSMENTS = {
    1: "1 — went badly",
    2: "2 — weaker than I wanted",
    3: "3 — fine",
    4: "4 — went well",
    5: "5 — went really well",
}


def next_full_hour(now: datetime | None = None) -> datetime:
    now = (now or datetime.now(UTC)).replace(minute=0, second=0, microsecond=0)
    return now + timedelta(hours=1)


class InterviewDialog(QDialog):
    """Add (interview_id None) or edit one interview; saves everything in one transaction."""

    def __init__(
        self,
        store: Store,
        events: DataEvents,
        application_id: int,
        interview_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._events = events
        self._application_id = application_id
        self._interview_id = interview_id
        self.saved_id: int | None = None
        self.rows: list[ParticipantEditor] = []
        self._errors: dict[str, QLabel] = {}
        self._inputs: dict[str, QWidget] = {}
        company, role, _stage = headline(store, application_id)
        self._contacts = ContactsModel(store, company_of(store, application_id), self)
        self.setWindowTitle(
            f"{'New interview' if interview_id is None else 'Interview'} — {role} at {company}"
        )
        self.resize(980, 620)
        self._build()
        self._load()

    # --- building ----------------------------------------------------------------------

    def _build(self) -> None:
        self.round = QSpinBox()
        self.round.setRange(1, 50)
        self.kind = QComboBox()
        for kind in InterviewKind:
            self.kind.addItem(kind.label, kind.value)
        self.starts_at = moment_edit()
        self.duration = QLineEdit()
        self.duration.setPlaceholderText("Minutes, e.g. 45")
        self.location = QLineEdit()
        self.location.setPlaceholderText("Office address or video link")
        self.self_assessment = QComboBox()
        self.self_assessment.addItem("Not rated yet", None)
        for value, label in ASSESSMENTS.items():
            self.self_assessment.addItem(label, value)
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setPlaceholderText("What you would tell a friend about how it went")

        form = QFormLayout()
        for name, label, widget in (
            ("round", "&Round", self.round),
            ("kind", "&Kind", self.kind),
            ("starts_at", "&When", self.starts_at),
            ("duration_minutes", "&Duration (minutes)", self.duration),
            ("location", "&Place or link", self.location),
            ("self_assessment", "How it &went", self.self_assessment),
            ("notes", "Your &notes", self.notes),
        ):
            form.addRow(label, self._field(name, label.replace("&", ""), widget))

        self.people_box = QGroupBox("Who took part")
        self.people_problem = error_label(self)
        self.empty = QLabel(
            "Nobody noted yet. Type an interviewer's name below and press Enter; "
            "your notes on each person go into the thank-you notes later."
        )
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: palette(placeholder-text);")
        self._rows_widget = QWidget()
        self._rows_layout = QVBoxLayout(self._rows_widget)
        self._rows_layout.setContentsMargins(0, 0, 0, 0)
        self._rows_layout.addWidget(self.empty)
        self._rows_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self._rows_widget)
        self.picker = PersonPicker(self._contacts)
        self.picker.picked.connect(self.add_person)
        people = QVBoxLayout(self.people_box)
        people.addWidget(self.people_problem)
        people.addWidget(scroll, 1)
        people.addWidget(self.picker)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)

        columns = QHBoxLayout()
        columns.addLayout(form, 2)
        columns.addWidget(self.people_box, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(buttons)

    def _field(self, name: str, label: str, widget: QWidget) -> QWidget:
        widget.setAccessibleName(label)
        self._inputs[name] = widget
        error = error_label(self)
        self._errors[name] = error
        return with_problem(widget, error)

    def _load(self) -> None:
        if self._interview_id is None:
            # A new interview is most likely the next round.
            self.round.setValue(len(interview_rows(self._store, self._application_id)) + 1)
            self._set_start(next_full_hour())
            self._retab()
            return
        data = get_interview(self._store, self._interview_id)
        self.round.setValue(data.round)
        self.kind.setCurrentIndex(max(0, self.kind.findData(str(data.kind))))
        self._set_start(data.starts_at or next_full_hour())
        self.duration.setText("" if data.duration_minutes is None else str(data.duration_minutes))
        self.location.setText(data.location or "")
        found = self.self_assessment.findData(data.self_assessment)
        self.self_assessment.setCurrentIndex(max(0, found) if data.self_assessment else 0)
        self.notes.setPlainText(data.notes or "")
        for row in participant_rows(self._store, self._interview_id):
            editor = self.add_person(Person(row.name, row.title, row.contact_id), focus=False)
            editor.set_values(row.topics, row.connection)

    def _set_start(self, moment: datetime) -> None:
        # Seconds since the epoch carry no zone, so local display and UTC storage agree.
        self.starts_at.setDateTime(QDateTime.fromSecsSinceEpoch(int(moment.timestamp())))

    # --- people --------------------------------------------------------------------------

    def add_person(self, person: Person, focus: bool = True) -> ParticipantEditor:
        """Add a row for *person* (or go to their row when they are already here)."""
        for row in self.rows:
            same = (
                row.person.contact_id == person.contact_id
                if person.contact_id is not None
                else row.person.contact_id is None
                and row.person.name.casefold() == person.name.casefold()
            )
            if same:
                row.topics.setFocus()
                return row
        editor = ParticipantEditor(person)
        editor.remove_requested.connect(self.remove_person)
        self._rows_layout.insertWidget(len(self.rows), editor)
        editor.show()  # at once (not after the next event), so Tab can reach it straight away
        self.rows.append(editor)
        self.empty.setVisible(False)
        self._retab()
        if focus:
            editor.topics.setFocus()
        return editor

    def remove_person(self, editor: ParticipantEditor) -> None:
        self.rows.remove(editor)
        editor.setParent(None)
        editor.deleteLater()
        self.empty.setVisible(not self.rows)
        self._retab()

    def _retab(self) -> None:
        order: list[QWidget] = [
            self.round, self.kind, self.starts_at, self.duration, self.location,
        ]  # fmt: skip
        for row in self.rows:
            order += [row.topics, row.connection]
        order += [self.picker.name, self.picker.title, self.picker.add_button]
        order += [self.self_assessment, self.notes, self.save_button, self.cancel_button]
        for first, second in itertools.pairwise(order):
            self.setTabOrder(first, second)

    # --- saving --------------------------------------------------------------------------

    def collect(self) -> tuple[InterviewInput, list[NewPerson], dict[str, str]]:
        problems: dict[str, str] = {}
        try:
            duration = parse_whole(self.duration.text())
        except ValueError:
            duration, problems["duration_minutes"] = None, WHOLE_NUMBER_PROBLEM
        secs = self.starts_at.dateTime().toSecsSinceEpoch()
        known = tuple(
            ParticipantInput(r.person.contact_id, r.topics_text(), r.connection_value())
            for r in self.rows
            if r.person.contact_id is not None
        )
        new = [
            NewPerson(r.person.name, r.person.title, r.topics_text(), r.connection_value())
            for r in self.rows
            if r.person.contact_id is None
        ]
        data = InterviewInput(
            kind=str(self.kind.currentData()),
            round=self.round.value(),
            starts_at=datetime.fromtimestamp(secs, UTC),
            duration_minutes=duration,
            location=self.location.text(),
            notes=self.notes.toPlainText(),
            self_assessment=self.self_assessment.currentData(),
            participants=known,
        )
        return data, new, problems

    def save(self) -> None:
        """Save and close, or show what is wrong and keep everything typed."""
        self.clear_problems()
        data, new, problems = self.collect()
        if problems:
            self.show_problems(problems)
            return
        saved = run_write(
            self,
            self._events,
            lambda: save_interview(
                self._store, self._application_id, self._interview_id, data, new
            ),
            show_problems=self.show_problems,
            on_gone=lambda _exc: self.reject(),
        )
        if saved is None:
            return
        self.saved_id = saved.value
        self.accept()

    def clear_problems(self) -> None:
        for name, error in self._errors.items():
            error.clear()
            error.setVisible(False)
            self._inputs[name].setAccessibleDescription("")
        self.people_problem.clear()
        self.people_problem.setVisible(False)

    def show_problems(self, problems: dict[str, str]) -> None:
        first = show_field_problems(problems, self._errors, self._inputs)
        people = [self._person_problem(name, text) for name, text in problems.items()]
        people_text = "\n".join(text for text in people if text)
        if people_text:
            self.people_problem.setText(people_text)
            self.people_problem.setVisible(True)
        if first is not None:
            first.setFocus()

    def _person_problem(self, name: str, message: str) -> str | None:
        """'participants.1.topics' and 'new_people.0.name' name a row; say whose it is."""
        group, _, rest = name.partition(".")
        if group not in ("participants", "new_people"):
            return None
        wanted_new = group == "new_people"
        rows = [r for r in self.rows if (r.person.contact_id is None) == wanted_new]
        index = rest.split(".")[0]
        if index.isdigit() and int(index) < len(rows):
            return f"{rows[int(index)].person.name}: {message}"
        return message

    def problem_text(self, name: str) -> str | None:
        return shown_problem(self._errors[name])
