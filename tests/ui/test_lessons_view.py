"""The Lessons view: every debrief, newest first, with an empty state that says what to do."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt

from tracker.db.enums import DebriefPath
from tracker.db.models import Application, Company, RejectionDebrief
from tracker.domain.changes import Kind
from tracker.ui.lessons.view import EMPTY_TEXT, LessonsModel, LessonsView


def add_debriefs(store) -> None:
    with store.transaction() as s:
        north = Application(company=Company(name="Northwind"), role="Backend Engineer")
        kestrel = Application(company=Company(name="Kestrel"), role="Data Engineer")
        s.add_all(
            [
                RejectionDebrief(
                    application=north,
                    path=DebriefPath.FIGHT,
                    went_well="Clear code",
                    do_differently="Ask more\nquestions",
                    created_at=datetime(2026, 3, 1, 12, tzinfo=UTC),
                ),
                RejectionDebrief(
                    application=kestrel,
                    path=DebriefPath.FLIGHT,
                    created_at=datetime(2026, 5, 1, 12, tzinfo=UTC),
                ),
            ]
        )


def test_model_lists_newest_first(qtmodeltester, store):
    add_debriefs(store)
    model = LessonsModel(store)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 1  # Kestrel's debrief has nothing written: no empty row
    assert model.index(0, 1).data() == "Northwind · Backend Engineer"
    assert model.index(0, 2).data() == "Fight"
    assert model.index(0, 4).data() == "Ask more questions"
    assert model.index(0, 0).data() == "1 Mar 2026"


def test_view_shows_empty_state_then_reloads_on_change(qtbot, store, events):
    view = LessonsView(store, events)
    qtbot.addWidget(view)
    view.show()
    assert view.stack.currentWidget() is view.empty
    assert view.empty.text() == EMPTY_TEXT
    add_debriefs(store)
    events.publish({Kind.DEBRIEFS})
    assert view.stack.currentWidget() is view.table
    assert view.model.rowCount() == 1


def test_view_shows_what_repeats(qtbot, store, events):
    from tracker.db.enums import Stage
    from tracker.db.models import StageChange

    view = LessonsView(store, events)
    qtbot.addWidget(view)
    view.show()
    assert not view.repeats.isVisibleTo(view)
    with store.transaction() as s:
        for name in ("A&B <b>Co</b>", "Kestrel"):
            app = Application(company=Company(name=name), role="Engineer")
            s.add(
                StageChange(application=app, from_stage=Stage.INTERVIEWING, to_stage=Stage.REJECTED)
            )
            s.add(
                RejectionDebrief(
                    application=app,
                    path=DebriefPath.FIGHT,
                    do_differently="Ask <b>more</b> questions",
                )
            )
    events.publish({Kind.DEBRIEFS})
    assert view.repeats.isVisibleTo(view)
    text = view.repeats.text()
    assert "Rejections came after: Interviewing (2)" in text
    assert "Keeps coming up (2 times): Ask <b>more</b> questions" in text
    assert view.repeats.textFormat() is Qt.TextFormat.PlainText
