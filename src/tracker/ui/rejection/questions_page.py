"""Step 2 of the panel: a few honest questions, a suggestion, and the choice."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from tracker.db.enums import DebriefPath
from tracker.domain.rejection import KNOWS_WHY as KNOWS_WHY_VALUES
from tracker.domain.rejection import Answers, RejectionFacts, suggest_path
from tracker.ui.common.text import no_mnemonic
from tracker.ui.rejection.know_page import heading_label, hint_label

STILL_WANT: list[tuple[str, bool | None]] = [
    ("Yes, I still want it", True),
    ("I am not sure", None),
    ("No, not any more", False),
]
KNOWS_WHY = [
    ("It came down to me", "me"),
    ("The role changed", "role_changed"),
    ("The hiring process changed", "process_changed"),
    ("I don't know yet", "dont_know"),
]
REACH = [("Yes", True), ("No, or not sure", False)]
PATH_NAMES = {DebriefPath.FIGHT: "Fight", DebriefPath.FLIGHT: "Flight"}


class QuestionsPage(QWidget):
    """Emits chosen(path) when Fight or Flight is clicked; answers() reads the clicks."""

    chosen = Signal(object)

    def __init__(
        self, facts: RejectionFacts, answers: Answers, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._facts = facts
        self._weak_interviews: dict[int, QCheckBox] = {}
        self._weak_people: dict[int, QCheckBox] = {}
        decider = facts.decision_maker.name if facts.decision_maker else "the person who decides"

        self.still_want = self._group("Do you still want this job?", STILL_WANT, "Still want")
        self.knows_why = self._group(
            "Do you know why it went this way?", KNOWS_WHY, "Why it went this way"
        )
        self.reach = self._group(f"Can you reach {decider}?", REACH, "Can reach decision maker")
        left = QVBoxLayout()
        for question in (self.still_want, self.knows_why, self.reach):
            left.addWidget(question[0])
        left.addStretch(1)

        weak = QWidget()
        weak_layout = QVBoxLayout(weak)
        weak_layout.setContentsMargins(0, 0, 0, 0)
        weak_layout.addWidget(heading_label("Which interviews felt weaker than you wanted?", 1.0))
        for interview in facts.interviews:
            box = QCheckBox(no_mnemonic(interview.label))
            box.setAccessibleName(f"Weaker: {interview.label}")
            box.setChecked(interview.id in answers.weak_interview_ids)
            self._weak_interviews[interview.id] = box
            weak_layout.addWidget(box)
        if not facts.interviews:
            weak_layout.addWidget(hint_label("No interviews on record."))
        weak_layout.addSpacing(8)
        weak_layout.addWidget(heading_label("With whom was the connection not strong?", 1.0))
        for person in facts.interviewers:
            box = QCheckBox(no_mnemonic(person.label))
            box.setAccessibleName(f"Connection not strong: {person.name}")
            box.setChecked(person.contact_id in answers.weak_contact_ids)
            self._weak_people[person.contact_id] = box
            weak_layout.addWidget(box)
        if not facts.interviewers:
            weak_layout.addWidget(hint_label("No interviewers on record yet (add them in step 1)."))
        weak_layout.addWidget(hint_label("Ticked from your interview notes; change anything."))
        weak_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(weak)

        columns = QHBoxLayout()
        columns.setSpacing(24)
        columns.addLayout(left, 1)
        columns.addWidget(scroll, 1)

        self.suggestion = QLabel()
        self.suggestion.setWordWrap(True)
        self.suggestion.setAccessibleName("Suggested path")
        self.fight_button = QPushButton("Fight — go back in for it")
        self.fight_button.setAccessibleName("Fight: go back in for this job")
        self.fight_button.setToolTip(
            "Ask for feedback, write to the person who decides, thank everyone"
        )
        self.flight_button = QPushButton("Flight — move on, kindly")
        self.flight_button.setAccessibleName("Flight: move on and leave well")
        self.flight_button.setToolTip("Thank everyone, offer a referral, note what you learned")
        for button in (self.fight_button, self.flight_button):
            button.setMinimumHeight(44)
        self.fight_button.clicked.connect(lambda: self.chosen.emit(DebriefPath.FIGHT))
        self.flight_button.clicked.connect(lambda: self.chosen.emit(DebriefPath.FLIGHT))
        choice = QFrame()
        choice.setFrameShape(QFrame.Shape.StyledPanel)
        choice_layout = QVBoxLayout(choice)
        choice_layout.addWidget(self.suggestion)
        buttons = QHBoxLayout()
        buttons.addWidget(self.fight_button)
        buttons.addWidget(self.flight_button)
        choice_layout.addLayout(buttons)
        choice_layout.addWidget(
            hint_label("Either way is a good way. You can change every step next.")
        )

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading_label("A few honest questions", 1.2))
        layout.addWidget(hint_label("One click each. There are no wrong answers."))
        layout.addLayout(columns, 1)
        layout.addWidget(choice)
        self._preset(answers)
        for _, group in (self.still_want, self.knows_why, self.reach):
            group.buttonClicked.connect(self.update_suggestion)
        for tick in [*self._weak_interviews.values(), *self._weak_people.values()]:
            tick.toggled.connect(self.update_suggestion)
        self.update_suggestion()

    def _group(
        self, question: str, options: Sequence[tuple[str, object]], name: str
    ) -> tuple[QWidget, QButtonGroup]:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 8)
        column.addWidget(heading_label(question, 1.0))
        group = QButtonGroup(box)
        for number, (text, value) in enumerate(options):
            button = QRadioButton(text)
            button.setAccessibleName(f"{name}: {text}")
            button.setProperty("answer", value)
            group.addButton(button, number)
            column.addWidget(button)
        return box, group

    def _preset(self, answers: Answers) -> None:
        for (_, group), value in (
            (self.still_want, answers.still_want),
            (self.knows_why, answers.knows_why),
            (self.reach, answers.can_reach_decision_maker),
        ):
            for button in group.buttons():
                if value is not None and button.property("answer") == value:
                    button.setChecked(True)

    @staticmethod
    def _value(group: QButtonGroup) -> object:
        button = group.checkedButton()
        return button.property("answer") if button is not None else None

    def answers(self) -> Answers:
        still = self._value(self.still_want[1])
        why = self._value(self.knows_why[1])
        reach = self._value(self.reach[1])
        return Answers(
            still_want=still if isinstance(still, bool) else None,
            knows_why=why if why in KNOWS_WHY_VALUES else None,
            can_reach_decision_maker=reach if isinstance(reach, bool) else None,
            weak_interview_ids={i for i, box in self._weak_interviews.items() if box.isChecked()},
            weak_contact_ids={i for i, box in self._weak_people.items() if box.isChecked()},
        )

    def answer(self, question: str, text: str) -> None:
        """Click the option reading *text* ("still_want", "knows_why" or "reach"); for tests."""
        group: QButtonGroup = getattr(self, question)[1]
        for button in group.buttons():
            if button.text() == text:
                button.click()
                return
        raise KeyError(text)

    def update_suggestion(self) -> None:
        path, reason = suggest_path(self._facts, self.answers())
        self.suggested = path
        self.suggestion.setText(f"<b>Our suggestion: {PATH_NAMES[path]}.</b> {reason}")
        (self.fight_button if path is DebriefPath.FIGHT else self.flight_button).setDefault(True)
        (self.flight_button if path is DebriefPath.FIGHT else self.fight_button).setDefault(False)
