"""A rule's task in the list: "They replied" on a follow-up, "Move to Ghosted" on silence."""

from __future__ import annotations

from sqlalchemy import select

from tests.reminders import at, new_application, rule_tasks, run
from tracker.db.enums import Stage
from tracker.db.models import Application, RuleFiring
from tracker.ui.tasks.view import TasksView


def menu_texts(view: TasksView) -> list[str]:
    menu = view.build_context_menu()
    try:
        return [action.text() for action in menu.actions()]
    finally:
        menu.deleteLater()


def test_a_follow_up_offers_they_replied(qtbot, store, events):
    new_application(store)
    [task_id] = run(store, at(7))
    view = TasksView(store, events)
    qtbot.addWidget(view)
    assert view.select_id(task_id)
    texts = menu_texts(view)
    assert texts[0] == "They &replied"
    assert "Move to &Ghosted" not in texts
    with qtbot.waitSignal(events.changed):
        view.reminder_actions.replied_action.trigger()
    with store.reading() as session:
        assert session.scalar(select(RuleFiring.rule).where(RuleFiring.rule == "replied"))
    assert all(task.done for task in rule_tasks(store))


def test_a_silence_task_moves_the_application_to_ghosted_in_one_click(qtbot, store, events):
    app_id = new_application(store, stage=Stage.SCREENING)
    from tests.reminders import interview

    interview(store, app_id, at(1), {})
    [task_id] = run(store, at(15))
    view = TasksView(store, events)
    qtbot.addWidget(view)
    assert view.select_id(task_id)
    assert menu_texts(view)[0] == "Move to &Ghosted"
    with qtbot.waitSignal(view.reminder_actions.stage_moved) as moved:
        view.reminder_actions.ghost_action.trigger()
    assert moved.args[0].to_stage is Stage.GHOSTED
    with store.reading() as session:
        application = session.get(Application, app_id)
        assert application is not None
        assert application.stage is Stage.GHOSTED
    qtbot.waitUntil(lambda: view.selected_id() != task_id)


def test_an_ordinary_task_offers_neither(qtbot, store, events):
    from tracker.domain.tasks import TaskInput, create_task

    task_id = create_task(store, TaskInput(title="Call Ana")).value
    view = TasksView(store, events)
    qtbot.addWidget(view)
    assert view.select_id(task_id)
    texts = menu_texts(view)
    assert "They &replied" not in texts
    assert "Move to &Ghosted" not in texts
