"""A person's own words are shown as typed: never as markup, never losing an "&"."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from tests.fixtures import rejection_playbook
from tracker.db.enums import ContactRole, DebriefPath, InterviewKind, Stage
from tracker.db.models import (
    Application,
    ApplicationContact,
    Company,
    Contact,
    Interview,
    InterviewParticipant,
    StageChange,
)
from tracker.ui.detail.dialog import ApplicationDetailDialog
from tracker.ui.rejection.panel import RejectionPanel

COMPANY = "<b>Kestrel</b> Maps A&B"
ROLE = "<script>alert(1)</script> Engineer"
PERSON = "Ann <i>Lee</i> & Co"


def make(store) -> int:
    with store.transaction() as s:
        app = Application(company=Company(name=COMPANY), role=ROLE, stage=Stage.REJECTED)
        s.add(app)
        s.add(StageChange(application=app, to_stage=Stage.REJECTED))
        ann = Contact(name=PERSON, title="R&D lead", company=app.company)
        interview = Interview(
            application=app,
            round=1,
            kind=InterviewKind.TECHNICAL,
            starts_at=datetime.now(UTC) - timedelta(days=3),
        )
        interview.participants.append(InterviewParticipant(contact=ann, topics="<u>APIs</u>"))
        s.add(interview)
        s.add(ApplicationContact(application=app, contact=ann, role=ContactRole.INTERVIEWER))
        s.flush()
        return app.id


def check_widgets(root: QWidget) -> int:
    """Every label or button showing the user's text shows it exactly; returns how many."""
    seen = 0
    for label in root.findChildren(QLabel):
        text = label.text()
        if not any(word in text for word in ("Kestrel", "<script>", "Ann <i>", "APIs")):
            continue
        seen += 1
        assert label.textFormat() is Qt.TextFormat.PlainText, text
    for button in root.findChildren(QAbstractButton):
        text = button.text()
        if "Ann" in text or "Kestrel" in text:
            seen += 1
            assert "&& Co" in text or "A&&B" in text, text
    return seen


def test_the_rejection_panel_shows_names_as_typed(qtbot, store, events):
    app_id = make(store)
    panel = RejectionPanel(store, events, app_id, user_name="Sam", playbook=rejection_playbook())
    qtbot.addWidget(panel)
    panel.show()
    assert panel.know.greeting.text() == f"{COMPANY} went with someone else."
    assert "&lt;u&gt;APIs&lt;/u&gt;" in panel.know.record.text()  # the record escapes
    qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.questions.flight_button, Qt.MouseButton.LeftButton)
    assert panel.stack.currentWidget() is panel.plan
    panel.plan.select_row(0)
    panel.know.record.setText("")  # the one rich label, checked above
    assert check_widgets(panel) >= 4


def test_the_detail_dialog_shows_names_as_typed(qtbot, store, events):
    app_id = make(store)
    dialog = ApplicationDetailDialog(store, events, app_id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert check_widgets(dialog) >= 1


def test_plain_text_helpers():
    from tracker.ui.common.text import no_mnemonic, plain_label

    assert no_mnemonic("A&B && C") == "A&&B &&&& C"
    assert plain_label("<b>x</b>").textFormat() is Qt.TextFormat.PlainText


def test_planning_from_a_path_keeps_the_ampersand_in_check_boxes(qtbot, store, events):
    app_id = make(store)
    panel = RejectionPanel(store, events, app_id, user_name="Sam", playbook=rejection_playbook())
    qtbot.addWidget(panel)
    panel.choose(DebriefPath.FIGHT)
    boxes = [b.text() for b in panel.questions.findChildren(QAbstractButton) if "Ann" in b.text()]
    assert boxes == ["Ann <i>Lee</i> && Co · R&&D lead"]
