"""Step 1 of the panel: a kind word, and what the app knows about this application."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from tracker.db.enums import ContactRole
from tracker.domain.drafts.templates import count_words, topic_items
from tracker.domain.rejection import Person, RejectionFacts, cancel_interviews
from tracker.domain.store import Store
from tracker.ui.common.text import plain
from tracker.ui.common.writes import run_write
from tracker.ui.events import DataEvents
from tracker.ui.rejection.people import PersonForm


def hint_label(text: str = "") -> QLabel:
    label = plain(QLabel(text))
    label.setWordWrap(True)
    label.setStyleSheet("color: palette(placeholder-text);")
    return label


def heading_label(text: str, scale: float = 1.25) -> QLabel:
    label = plain(QLabel(text))
    label.setWordWrap(True)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    return label


def _who(person: Person | None, missing: str) -> str:
    if person is None:
        return f"<i>{escape(missing)}</i>"
    return escape(person.label)


def facts_html(facts: RejectionFacts) -> str:
    """The record, as short readable lines (every value escaped: it is the person's text)."""
    parts = []
    if facts.interviews:
        parts.append("<p><b>Your interviews</b></p><ul style='margin-left: -18px'>")
        for interview in facts.interviews:
            people = []
            for part in interview.participants:
                topics = "; ".join(topic_items(part.topics))
                about = f" — <i>{escape(topics)}</i>" if topics else ""
                people.append(f"{escape(part.person.label)}{about}")
            met = "<br>".join(people) or "<i>No one recorded for this interview</i>"
            parts.append(f"<li><b>{escape(interview.label)}</b><br>{met}</li>")
        parts.append("</ul>")
    else:
        parts.append("<p><i>No interviews on record.</i></p>")
    lines = [
        f"Recruiter: {_who(facts.recruiter, 'not on record yet')}",
        f"Decision maker: {_who(facts.decision_maker, 'not on record yet')}",
    ]
    if facts.hiring_manager and facts.hiring_manager != facts.decision_maker:
        lines.insert(1, f"Hiring manager: {escape(facts.hiring_manager.label)}")
    parts.append("<p>" + "<br>".join(lines) + "</p>")
    return "".join(parts)


def summary_text(facts: RejectionFacts) -> str:
    days = facts.process_days
    people = count_words(len(facts.interviewers), "person", "people")
    talks = count_words(len(facts.interviews), "interview", "interviews")
    if days is None:
        return f"You had {talks} and met {people}."
    span = "a day" if days == 1 else f"{days} days"
    return f"The process ran {span}, with {talks} and {people} you met."


class KnowPage(QWidget):
    """Emits person_added(contact id) after someone missing is added right here."""

    person_added = Signal(int)
    interviews_cancelled = Signal()

    def __init__(
        self,
        store: Store,
        events: DataEvents,
        facts: RejectionFacts,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._facts = facts
        self._store = store
        self._events = events
        self.greeting = heading_label(f"{facts.company} went with someone else.", 1.35)
        self.greeting.setAccessibleName("Acknowledgement")
        self.comfort = QLabel(
            "That stings, and it is allowed to. It does not undo the work you put in. "
            "Take a moment; when you are ready, we will turn what you know into a few "
            "clear next steps."
        )
        self.comfort.setWordWrap(True)
        self.summary = plain(QLabel())
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("How the process went")
        self.record = QLabel()
        self.record.setWordWrap(True)
        self.record.setTextFormat(Qt.TextFormat.RichText)
        self.record.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.record.setAccessibleName("What the app knows about this application")
        self.record.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.setContentsMargins(0, 0, 8, 0)
        column.addWidget(self.record)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)

        left = QVBoxLayout()
        left.setSpacing(8)
        left.addWidget(self.greeting)
        left.addWidget(self.comfort)
        left.addWidget(self.summary)
        left.addWidget(scroll, 1)
        self.upcoming = hint_label()
        self.upcoming.setAccessibleName("Interviews still booked")
        self.cancel_upcoming = QPushButton("Cancel them")
        self.cancel_upcoming.setAccessibleName("Cancel the interviews still booked")
        self.cancel_upcoming.setToolTip(
            "Removes them from your record; let the company know too if they still expect you"
        )
        self.cancel_upcoming.clicked.connect(self.cancel_booked)
        booked = QHBoxLayout()
        booked.addWidget(self.upcoming, 1)
        booked.addWidget(self.cancel_upcoming)
        left.addLayout(booked)

        self.form = PersonForm(store, events, facts.application_id, facts.company)
        self.form.added.connect(self.person_added)
        self.missing_title = heading_label("Anyone missing?", 1.0)
        self.missing_hint = hint_label()
        self.add_interviewer = QPushButton("Add an interviewer…")
        self.add_interviewer.setAccessibleName("Add someone who interviewed you")
        self.add_interviewer.clicked.connect(
            lambda: self.form.open_for(ContactRole.INTERVIEWER, self._facts.interviews)
        )
        self.add_recruiter = QPushButton("Add the recruiter…")
        self.add_recruiter.setAccessibleName("Pick or add the recruiter")
        self.add_recruiter.clicked.connect(lambda: self.form.open_for(ContactRole.RECRUITER))
        self.add_decider = QPushButton("Add the decision maker…")
        self.add_decider.setAccessibleName("Pick or add the decision maker")
        self.add_decider.clicked.connect(lambda: self.form.open_for(ContactRole.DECISION_MAKER))
        side = QFrame()
        side.setFixedWidth(340)
        right = QVBoxLayout(side)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.missing_title)
        right.addWidget(self.missing_hint)
        for button in (self.add_interviewer, self.add_recruiter, self.add_decider):
            right.addWidget(button)
        right.addWidget(self.form)
        right.addStretch(1)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(24)
        layout.addLayout(left, 1)
        layout.addWidget(side)
        self.show_facts(facts)

    def show_facts(self, facts: RejectionFacts) -> None:
        self._facts = facts
        self.summary.setText(summary_text(facts))
        self.record.setText(facts_html(facts))
        gaps = []
        if not facts.interviewers:
            gaps.append("No interviewers yet: add them to get a thank-you note for each.")
        if facts.recruiter is None:
            gaps.append("No recruiter yet: their drafts will show a placeholder until you add one.")
        if facts.decision_maker is None:
            gaps.append("No decision maker yet: add them if you know who made the call.")
        self.missing_hint.setText(
            "\n\n".join(gaps)
            or "Everyone is on record. If someone else interviewed you, add them here so they "
            "get a thank-you note too."
        )
        later = [i.label for i in facts.upcoming]
        self.upcoming.setText(
            f"Still booked: {'; '.join(later)}. Not counted here, and no one is thanked for it."
            if later
            else ""
        )
        self.upcoming.setVisible(bool(later))
        self.cancel_upcoming.setVisible(bool(later))
        self.add_recruiter.setVisible(facts.recruiter is None)
        self.add_decider.setVisible(facts.decision_maker is None)

    def cancel_booked(self) -> None:
        """Interviews booked after the rejection will not happen: take them off the record."""
        ids = [i.id for i in self._facts.upcoming]
        if not ids:
            return
        done = run_write(
            self,
            self._events,
            lambda: cancel_interviews(self._store, self._facts.application_id, ids),
            title="Could not cancel the interviews",
        )
        if done is not None:
            self.interviews_cancelled.emit()
