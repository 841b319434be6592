"""End to end: a card dragged to Rejected on the board opens the panel; Fight plans the tasks.

The panel the window opens plans from the tests' own playbook (tests/fixtures/rejection).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from tests.domain.test_rejection import TOPICS, make_application
from tests.fixtures import rejection_playbook
from tests.ui.test_board import drop
from tracker.db.enums import Stage, TaskKind
from tracker.db.models import Task
from tracker.domain.applications import change_stage, get_application
from tracker.ui.main_window import MainWindow
from tracker.ui.rejection.panel import RejectionPanel


@pytest.fixture
def window(qtbot, store, events, db_path, monkeypatch) -> MainWindow:
    monkeypatch.setattr("tracker.ui.rejection.panel.default_playbook", rejection_playbook)
    main = MainWindow(store, events, db_path=db_path)
    qtbot.addWidget(main)
    main.resize(1200, 760)
    main.show()
    qtbot.waitExposed(main)
    return main


def answer_panel(monkeypatch, qtbot, action) -> list[RejectionPanel]:
    """Stand in for the panel's modal loop: show it, let *action* click through it."""
    opened: list[RejectionPanel] = []

    def exec_(panel: RejectionPanel) -> int:
        opened.append(panel)
        panel.show()
        qtbot.waitExposed(panel)
        action(panel)
        return panel.result()

    monkeypatch.setattr(RejectionPanel, "exec", exec_)
    return opened


def fight(qtbot, panel: RejectionPanel) -> None:
    qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.questions.fight_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.create_button, Qt.MouseButton.LeftButton)


def thank_yous(store) -> list[Task]:
    with store.reading() as session:
        query = select(Task).where(Task.kind == TaskKind.THANK_YOU).order_by(Task.id)
        return list(session.scalars(query))


def test_dragging_to_rejected_opens_the_panel_and_fight_plans_the_tasks(
    window, qtbot, store, monkeypatch
):
    ids = make_application(store)  # made rejected: reopen it, as if the interviews go on
    change_stage(store, ids["app"], Stage.INTERVIEWING)
    window.board.reload()
    source = window.board.columns[Stage.INTERVIEWING].model
    row = source.row_for_id(ids["app"])
    assert row is not None
    opened = answer_panel(monkeypatch, qtbot, lambda panel: fight(qtbot, panel))

    assert drop(window.board, source.mimeData([source.index(row, 0)]), Stage.REJECTED).isAccepted()
    qtbot.waitUntil(lambda: len(opened) == 1)  # opened after the drop has finished
    assert get_application(store, ids["app"]).stage == Stage.REJECTED
    assert opened[0].confirmed
    notes = {note.contact_id: (note.draft_body or "").lower() for note in thank_yous(store)}
    assert len(notes) == 3  # one per interviewer, each quoting only their own topics
    assert {note.title for note in thank_yous(store)} == {  # the tests' playbook was used
        "Thank Priya",
        "Thank Tomás",
        "Thank Morgan",
    }
    fragments = {
        "Priya Raman": "billing off the legacy system",
        "Tomás Ortega": "plans quarterly work",
        "Morgan Lee": "scaling the data team",
    }
    assert set(fragments) == set(TOPICS)
    for name, fragment in fragments.items():
        assert fragment in notes[ids[name]]
        others = [body for contact, body in notes.items() if contact != ids[name]]
        assert all(fragment not in body for body in others)

    # The same rejection does not open the panel twice; "Plan my response" still does.
    window._offer_response(ids["app"])
    assert len(opened) == 1
    opened.clear()
    monkeypatch.setattr(RejectionPanel, "exec", lambda panel: opened.append(panel) or 0)
    window.board.select_application(ids["app"])
    window.tabs.show_view("board")
    window.plan_action.trigger()
    assert len(opened) == 1


def test_not_now_creates_nothing(window, qtbot, store, monkeypatch):
    ids = make_application(store)
    change_stage(store, ids["app"], Stage.INTERVIEWING)
    window.board.reload()
    opened = answer_panel(monkeypatch, qtbot, lambda panel: panel.reject())
    move = window.board.move_application(ids["app"], Stage.REJECTED)
    assert move is not None
    assert move.rejected
    qtbot.waitUntil(lambda: len(opened) == 1)
    assert not opened[0].confirmed
    assert thank_yous(store) == []


def test_plan_my_response_is_offered_on_rejected_cards_and_rows(window, qtbot, store, monkeypatch):
    ids = make_application(store)  # rejected
    window.board.reload()
    window.applications.model.reload()
    opened: list[RejectionPanel] = []
    monkeypatch.setattr(RejectionPanel, "exec", lambda panel: opened.append(panel) or 0)
    menu = window.board.build_context_menu(ids["app"])
    plan = [a for a in menu.actions() if a.text() == "Plan my response…"]
    assert len(plan) == 1
    plan[0].trigger()
    assert len(opened) == 1
    assert window.applications.select_id(ids["app"])
    menu = window.applications.build_context_menu()
    [row_plan] = [a for a in menu.actions() if a.text() == "Plan my response…"]
    row_plan.trigger()
    assert len(opened) == 2
    change_stage(store, ids["app"], Stage.INTERVIEWING)  # not offered on an open application
    window.board.reload()
    menu = window.board.build_context_menu(ids["app"])
    assert "Plan my response…" not in [a.text() for a in menu.actions()]


def test_the_detail_of_a_rejected_application_offers_the_plan(window, qtbot, store, monkeypatch):
    from tracker.ui.detail.dialog import ApplicationDetailDialog

    ids = make_application(store)  # rejected
    opened: list[RejectionPanel] = []
    monkeypatch.setattr(RejectionPanel, "exec", lambda panel: opened.append(panel) or 0)
    shown: list[bool] = []

    def exec_(dialog: ApplicationDetailDialog) -> int:
        dialog.show()
        qtbot.waitExposed(dialog)
        shown.append(dialog.plan_button.isVisible())
        qtbot.mouseClick(dialog.plan_button, Qt.MouseButton.LeftButton)
        return 0

    monkeypatch.setattr(ApplicationDetailDialog, "exec", exec_)
    window.open_application(ids["app"])
    assert shown == [True]
    assert len(opened) == 1
    change_stage(store, ids["app"], Stage.INTERVIEWING)
    monkeypatch.setattr(
        ApplicationDetailDialog,
        "exec",
        lambda dialog: shown.append(dialog.plan_button.isVisibleTo(dialog)) or 0,
    )
    window.open_application(ids["app"])
    assert shown == [True, False]  # only offered after a rejection
