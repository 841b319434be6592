"""The rejection panel, end to end through its widgets: facts, questions, plan, confirm.

The panel plans from the tests' own playbook (tests/fixtures/rejection); tasks are found by
step id.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog
from sqlalchemy import select

from tests.domain.test_rejection import (
    FRIDAY,
    MONDAY,
    THURSDAY,
    TOPICS,
    TUESDAY,
    make_application,
)
from tests.fixtures import rejection_playbook
from tracker.db.enums import DebriefPath, InterviewKind, Stage, TaskKind, TaskOrigin
from tracker.db.models import Contact, Interview, InterviewParticipant, RejectionDebrief, Task
from tracker.domain.changes import Kind
from tracker.domain.settings import SIGNER_NAME, get_signer_name, set_signer_name
from tracker.domain.tasks import TaskInput, complete_task, create_task, open_tasks
from tracker.ui.rejection.panel import LEGACY_USER_NAME_KEY, RejectionPanel


def open_panel(qtbot, store, events, app_id: int, **kwargs) -> RejectionPanel:
    kwargs.setdefault("playbook", rejection_playbook())
    kwargs.setdefault("user_name", "Sam")
    panel = RejectionPanel(store, events, app_id, today=THURSDAY, **kwargs)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def choose(qtbot, panel: RejectionPanel, path: DebriefPath) -> None:
    qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)
    assert panel.stack.currentWidget() is panel.questions
    button = (
        panel.questions.fight_button if path is DebriefPath.FIGHT else panel.questions.flight_button
    )
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert panel.stack.currentWidget() is panel.plan


def confirm(qtbot, panel: RejectionPanel, events) -> None:
    with qtbot.waitSignal(events.changed) as signal:
        qtbot.mouseClick(panel.create_button, Qt.MouseButton.LeftButton)
    assert signal.args[0] == {Kind.TASKS, Kind.DEBRIEFS}


def saved(store) -> tuple[list[Task], list[RejectionDebrief]]:
    with store.reading() as s:
        tasks = list(s.scalars(select(Task).order_by(Task.id)))
        debriefs = list(s.scalars(select(RejectionDebrief)))
        return tasks, debriefs


def row_of(panel: RejectionPanel, step_id: str) -> int:
    """The row of a step's first task in the plan list."""
    return [t.step_id for t in panel.tasks()].index(step_id)


def toggle_row(qtbot, view, row: int) -> None:
    view.setCurrentIndex(view.model().index(row, 0))
    qtbot.keyClick(view, Qt.Key.Key_Space)


def test_fight_creates_the_expected_tasks_and_a_debrief(qtbot, store, events):
    ids = make_application(store)
    panel = open_panel(qtbot, store, events, ids["app"])
    assert "Northwind went with someone else" in panel.know.greeting.text()
    assert "Priya Raman" in panel.know.record.text()
    assert "on-call rotation" in panel.know.record.text()
    qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)
    panel.questions.answer("still_want", "Yes, I still want it")
    assert "Fight" in panel.questions.suggestion.text()
    qtbot.mouseClick(panel.questions.fight_button, Qt.MouseButton.LeftButton)
    assert panel.create_button.text() == "Create 8 tasks"
    qtbot.keyClicks(panel.plan.went_well, "Clear answers on billing")
    confirm(qtbot, panel, events)

    assert panel.result() == QDialog.DialogCode.Accepted
    assert panel.confirmed
    tasks, debriefs = saved(store)
    kinds = [t.kind for t in tasks]
    assert kinds.count(TaskKind.THANK_YOU) == 3
    assert sorted(k.value for k in kinds if k is not TaskKind.THANK_YOU) == sorted(
        ["feedback_request", "reflection", "letter", "follow_up", "meeting_request"]
    )
    assert {t.origin for t in tasks} == {TaskOrigin.PLAYBOOK}
    for name, topics in TOPICS.items():
        (note,) = [t for t in tasks if t.kind is TaskKind.THANK_YOU and t.contact_id == ids[name]]
        assert note.due_on == FRIDAY
        first_topic = topics.split(";")[0].strip()
        assert first_topic[1:] in note.draft_body
        others = [t.split(";")[0].strip()[1:] for n, t in TOPICS.items() if n != name]
        assert not any(other in note.draft_body for other in others)
    by_kind = {t.kind: t for t in tasks}
    assert by_kind[TaskKind.FEEDBACK_REQUEST].due_on == THURSDAY
    assert by_kind[TaskKind.FEEDBACK_REQUEST].contact_id == ids["Jordan Blake"]
    assert by_kind[TaskKind.FOLLOW_UP].due_on == TUESDAY
    assert all(t.due_on == MONDAY for t in tasks if t.kind is TaskKind.LETTER)
    (debrief,) = debriefs
    assert debrief.path is DebriefPath.FIGHT
    assert debrief.went_well == "Clear answers on billing"
    assert get_signer_name(store) == "Sam"  # remembered with the data
    assert QSettings().allKeys() == []  # and not in the machine's settings


def test_flight_with_two_network_contacts(qtbot, store, events):
    ids = make_application(store)
    panel = open_panel(qtbot, store, events, ids["app"])
    choose(qtbot, panel, DebriefPath.FLIGHT)
    names = [p.name for p in panel.facts.network]
    toggle_row(qtbot, panel.plan.network_list, names.index("Ana Ruiz"))
    toggle_row(qtbot, panel.plan.network_list, names.index("Lee Chen"))
    confirm(qtbot, panel, events)

    tasks, debriefs = saved(store)
    assert sorted(t.kind.value for t in tasks) == sorted(
        ["thank_you"] * 3 + ["referral", "reflection"]
    )
    (referral,) = [t for t in tasks if t.kind is TaskKind.REFERRAL]
    assert "Ana Ruiz" in referral.draft_body
    assert "Lee Chen" in referral.draft_body
    assert "Rita Osei" not in referral.draft_body
    assert debriefs[0].path is DebriefPath.FLIGHT


def test_not_now_leaves_a_reminder_for_the_next_weekday(qtbot, store, events):
    ids = make_application(store)
    panel = open_panel(qtbot, store, events, ids["app"])  # a Thursday
    choose(qtbot, panel, DebriefPath.FIGHT)
    assert panel.remind.isChecked()
    with qtbot.waitSignal(events.changed):
        qtbot.mouseClick(panel.not_now, Qt.MouseButton.LeftButton)
    assert panel.result() == QDialog.DialogCode.Rejected
    assert not panel.confirmed
    tasks, debriefs = saved(store)
    assert debriefs == []
    assert [(t.title, t.due_on, t.done) for t in tasks] == [
        ("Plan your response to Backend Engineer at Northwind", FRIDAY, False)
    ]
    again = open_panel(qtbot, store, events, ids["app"])
    qtbot.mouseClick(again.not_now, Qt.MouseButton.LeftButton)
    assert len(saved(store)[0]) == 1  # never twice
    planned = open_panel(qtbot, store, events, ids["app"])
    choose(qtbot, planned, DebriefPath.FLIGHT)
    confirm(qtbot, planned, events)
    reminder = saved(store)[0][0]
    assert reminder.done  # planning ticks the reminder off


def test_not_now_without_the_reminder_creates_nothing(qtbot, store, events):
    ids = make_application(store)
    panel = open_panel(qtbot, store, events, ids["app"])
    panel.remind.click()
    with qtbot.assertNotEmitted(events.changed):
        qtbot.mouseClick(panel.not_now, Qt.MouseButton.LeftButton)
    assert saved(store) == ([], [])


def test_missing_recruiter_shows_a_placeholder_until_one_is_picked(qtbot, store, events):
    ids = make_application(store, recruiter=False)
    panel = open_panel(qtbot, store, events, ids["app"])
    assert panel.know.add_recruiter.isVisibleTo(panel.know)
    choose(qtbot, panel, DebriefPath.FIGHT)
    panel.plan.select_row(row_of(panel, "ask"))
    editor = panel.plan.editor
    assert editor.task is not None
    assert editor.task.step_id == "ask"
    assert "[recruiter's name]" in editor.body.toPlainText()
    assert editor.fix_button.isVisibleTo(panel)
    assert editor.note.isVisibleTo(panel)

    qtbot.mouseClick(editor.fix_button, Qt.MouseButton.LeftButton)
    form = panel.plan.form
    form.pick.setCurrentIndex(form.pick.findText("Jordan Blake", Qt.MatchFlag.MatchStartsWith))
    qtbot.mouseClick(form.use_button, Qt.MouseButton.LeftButton)
    assert panel.facts.recruiter is not None
    assert panel.facts.recruiter.name == "Jordan Blake"
    assert panel.tasks()[row_of(panel, "ask")].body.startswith("Hi Jordan,")
    assert "[recruiter's name]" not in panel.plan.editor.body.toPlainText()


def test_edited_draft_and_unticked_step_are_honoured(qtbot, store, events):
    ids = make_application(store)
    panel = open_panel(qtbot, store, events, ids["app"])
    choose(qtbot, panel, DebriefPath.FIGHT)
    panel.plan.select_row(row_of(panel, "thanks"))  # Priya's, the first
    body = panel.plan.editor.body
    body.setFocus()
    qtbot.keyClick(body, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(body, Qt.Key.Key_Return)
    qtbot.keyClicks(body, "P.S. The billing diagram is attached.")
    toggle_row(qtbot, panel.plan.list, row_of(panel, "nudge"))
    assert panel.create_button.text() == "Create 7 tasks"
    confirm(qtbot, panel, events)

    tasks, _ = saved(store)
    assert TaskKind.FOLLOW_UP not in {t.kind for t in tasks}
    (priya,) = [t for t in tasks if t.contact_id == ids["Priya Raman"]]
    assert priya.draft_body.endswith("P.S. The billing diagram is attached.")


def test_an_empty_title_is_shown_beside_its_task_and_nothing_is_written(qtbot, store, events):
    ids = make_application(store)
    panel = open_panel(qtbot, store, events, ids["app"])
    choose(qtbot, panel, DebriefPath.FLIGHT)
    offer = row_of(panel, "offer")
    panel.plan.select_row(offer)
    title = panel.plan.editor.title
    title.selectAll()
    qtbot.keyClick(title, Qt.Key.Key_Delete)
    panel.plan.select_row(0)
    with qtbot.assertNotEmitted(events.changed):
        qtbot.mouseClick(panel.create_button, Qt.MouseButton.LeftButton)
    assert saved(store) == ([], [])
    assert not panel.confirmed
    assert panel.isVisible()
    assert panel.plan.list.currentIndex().row() == offer  # the task with the problem
    error = panel.plan.editor.errors["title"]
    assert error.isVisibleTo(panel)
    assert error.text()
    assert panel.plan.model.problem(offer)


def test_a_missing_interviewer_can_be_added_inline(qtbot, store, events):
    ids = make_application(store, interviewers=False)
    panel = open_panel(qtbot, store, events, ids["app"])
    assert "No interviewers yet" in panel.know.missing_hint.text()
    qtbot.mouseClick(panel.know.add_interviewer, Qt.MouseButton.LeftButton)
    form = panel.know.form
    assert form.isVisibleTo(panel)
    qtbot.keyClicks(form.name, "Dana Wu")
    qtbot.keyClicks(form.title, "Staff Engineer")
    form.interview.setCurrentIndex(1)
    qtbot.keyClicks(form.topics, "Event sourcing")
    qtbot.mouseClick(form.add_button, Qt.MouseButton.LeftButton)
    assert [p.name for p in panel.facts.interviewers] == ["Dana Wu"]
    assert "Event sourcing" in panel.know.record.text()

    choose(qtbot, panel, DebriefPath.FIGHT)
    (thanks,) = [t for t in panel.tasks() if t.step_id == "thanks"]
    assert thanks.body == "Hi Dana. Topics: Event sourcing.\nSam"
    assert thanks.interview_id == ids["second"]


def test_without_interviewers_the_thank_you_step_is_finding_their_names(qtbot, store, events):
    ids = make_application(store, interviewers=False)
    panel = open_panel(qtbot, store, events, ids["app"])
    choose(qtbot, panel, DebriefPath.FLIGHT)
    (find,) = [t for t in panel.tasks() if t.step_id == "thanks"]
    assert find.title.startswith("Find the names")
    assert find.contact_id is None


def test_plan_models_pass_the_model_tester(qtbot, qtmodeltester, store, events):
    ids = make_application(store)
    panel = open_panel(qtbot, store, events, ids["app"])
    choose(qtbot, panel, DebriefPath.FLIGHT)
    qtmodeltester.check(panel.plan.model, force_py=True)
    qtmodeltester.check(panel.plan.network, force_py=True)


def test_the_name_drafts_are_signed_with_is_remembered_with_the_data(qtbot, store, events):
    ids = make_application(store)
    panel = open_panel(qtbot, store, events, ids["app"], user_name=None)
    assert panel.plan.user_name.text() == ""  # never the login name ("root")
    choose(qtbot, panel, DebriefPath.FLIGHT)
    assert panel.plan.name_prompt.isVisibleTo(panel)  # asked for, once
    assert all(t.body.endswith("[your name]") for t in panel.tasks() if t.step_id == "thanks")
    panel.plan.user_name.setText("Zoë Müller-Ł")  # QTest cannot type beyond Latin-1
    qtbot.keyClicks(panel.plan.user_name, "ukasz")
    qtbot.keyClick(panel.plan.user_name, Qt.Key.Key_Return)  # editing finished: re-planned
    assert not panel.confirmed  # Enter in the name field applies the name, saves nothing
    assert get_signer_name(store) == "Zoë Müller-Łukasz"  # kept with the data at once
    assert not panel.plan.name_prompt.isVisibleTo(panel)
    assert all(t.body.endswith("Zoë Müller-Łukasz") for t in panel.tasks() if t.step_id == "thanks")
    confirm(qtbot, panel, events)
    assert get_signer_name(store) == "Zoë Müller-Łukasz"

    again = open_panel(qtbot, store, events, ids["app"], user_name=None)
    assert again.plan.user_name.text() == "Zoë Müller-Łukasz"
    assert not again.plan.asking_name  # asked once, not every time


def test_a_name_saved_by_an_earlier_version_is_offered_until_saved_anew(qtbot, store, events):
    QSettings().setValue(LEGACY_USER_NAME_KEY, "Old Name")
    ids = make_application(store)
    panel = open_panel(qtbot, store, events, ids["app"], user_name=None)
    assert panel.plan.user_name.text() == "Old Name"
    set_signer_name(store, "New Name")  # the database wins once it has one
    panel = open_panel(qtbot, store, events, ids["app"], user_name=None)
    assert panel.plan.user_name.text() == "New Name"


def test_a_name_that_cannot_be_saved_is_shown_and_nothing_is_written(qtbot, store, events):
    ids = make_application(store)
    set_signer_name(store, "Sam")
    panel = open_panel(qtbot, store, events, ids["app"])
    choose(qtbot, panel, DebriefPath.FLIGHT)
    panel.plan.user_name.setText("Sam\tGreen")  # pasted with a tab in it
    with qtbot.assertNotEmitted(events.changed):
        qtbot.mouseClick(panel.create_button, Qt.MouseButton.LeftButton)
    error = panel.plan.debrief_errors[SIGNER_NAME]
    assert error.isVisibleTo(panel)
    assert "single line" in error.text()
    assert not panel.confirmed
    assert saved(store) == ([], [])
    assert get_signer_name(store) == "Sam"
    panel.plan.user_name.setText("Sam Green")
    confirm(qtbot, panel, events)
    assert panel.confirmed
    assert get_signer_name(store) == "Sam Green"


# --- planning again ------------------------------------------------------------------------


def test_planning_again_shows_the_plan_and_never_duplicates_it(qtbot, store, events):
    ids = make_application(store)
    panel = open_panel(qtbot, store, events, ids["app"])
    choose(qtbot, panel, DebriefPath.FIGHT)
    panel.plan.went_well.setPlainText("The system design round")
    confirm(qtbot, panel, events)
    first, _ = saved(store)
    thank_priya = next(
        t for t in first if t.kind is TaskKind.THANK_YOU and t.contact_id == ids["Priya Raman"]
    )
    complete_task(store, thank_priya.id)
    unsent = next(t for t in first if t.kind is TaskKind.FEEDBACK_REQUEST)

    again = open_panel(qtbot, store, events, ids["app"])
    assert again.stack.currentWidget() is again.plan  # the plan made before, not step 1
    assert "You planned this on" in again.plan.earlier_note.text()
    assert again.plan.went_well.toPlainText() == "The system design round"
    assert again.create_button.text() == "Update the plan"
    planned_priya = next(
        t for t in again.tasks() if t.step_id == "thanks" and t.contact_id == ids["Priya Raman"]
    )
    assert not planned_priya.included
    assert "Already done" in (planned_priya.note or "")
    ask = again.tasks()[row_of(again, "ask")]
    assert "replaces this draft" in (ask.note or "")
    ask.body = "A better question."
    again.plan.do_differently.setPlainText("Ask about the team earlier")
    confirm(qtbot, again, events)

    tasks, debriefs = saved(store)
    assert [t.id for t in tasks] == [t.id for t in first]  # nothing created twice
    assert len(debriefs) == 1
    assert debriefs[0].went_well == "The system design round"
    assert debriefs[0].do_differently == "Ask about the team earlier"
    done = next(t for t in tasks if t.id == thank_priya.id)
    assert done.done
    assert next(t for t in tasks if t.id == unsent.id).draft_body == "A better question."


def test_planning_again_adds_only_what_is_missing(qtbot, store, events):
    ids = make_application(store)
    panel = open_panel(qtbot, store, events, ids["app"])
    choose(qtbot, panel, DebriefPath.FIGHT)
    toggle_row(qtbot, panel.plan.list, row_of(panel, "nudge"))
    confirm(qtbot, panel, events)
    before, _ = saved(store)
    assert not any(t.kind is TaskKind.FOLLOW_UP for t in before)

    again = open_panel(qtbot, store, events, ids["app"])
    with qtbot.waitSignal(events.changed) as signal:
        qtbot.mouseClick(again.create_button, Qt.MouseButton.LeftButton)
    assert signal.args[0] == {Kind.TASKS}  # the debrief is as it was
    after, debriefs = saved(store)
    assert len(after) == len(before) + 1
    assert [t.kind for t in after[len(before) :]] == [TaskKind.FOLLOW_UP]
    assert len(debriefs) == 1


# --- reaching the person who decides ------------------------------------------------------


def test_not_able_to_reach_the_decision_maker_goes_through_the_recruiter(qtbot, store, events):
    ids = make_application(store)
    panel = open_panel(qtbot, store, events, ids["app"])
    qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)
    panel.questions.answer("still_want", "Yes, I still want it")
    panel.questions.answer("reach", "No, or not sure")
    qtbot.mouseClick(panel.questions.fight_button, Qt.MouseButton.LeftButton)
    steps = [t.step_id for t in panel.tasks()]
    assert "meet" not in steps  # nothing goes straight to Morgan
    letter = panel.tasks()[row_of(panel, "letter")]
    assert letter.contact_id == ids["Jordan Blake"]  # Open in mail goes to the recruiter
    assert "Dear Morgan," in letter.body  # and carries the letter itself
    confirm(qtbot, panel, events)
    tasks, _ = saved(store)
    assert TaskKind.MEETING_REQUEST not in {t.kind for t in tasks}
    assert {t.contact_id for t in tasks if t.kind is TaskKind.LETTER} == {ids["Jordan Blake"]}
    assert not any(t.needs_name for t in tasks)


def test_no_decision_maker_on_record_asks_the_recruiter_who_decided(qtbot, store, events):
    ids = make_application(store, decision_maker=False)
    panel = open_panel(qtbot, store, events, ids["app"])
    qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)
    panel.questions.answer("still_want", "Yes, I still want it")
    panel.questions.answer("reach", "No, or not sure")
    qtbot.mouseClick(panel.questions.fight_button, Qt.MouseButton.LeftButton)
    assert "meet" not in [t.step_id for t in panel.tasks()]
    ask = panel.tasks()[row_of(panel, "ask")]
    assert "who made the final decision" in ask.body
    confirm(qtbot, panel, events)
    tasks, _ = saved(store)
    flagged = {t.kind for t in tasks if t.needs_name}
    assert flagged == {TaskKind.LETTER}  # "Dear [decision maker's name]" until named
    for task in tasks:
        holds_gap = "name]" in f"{task.title} {task.draft_body}"
        assert task.needs_name == holds_gap, task.title


def test_what_stood_out_is_edited_in_the_plan_for_one_person(qtbot, store, events):
    ids = make_application(store)
    panel = open_panel(qtbot, store, events, ids["app"])
    choose(qtbot, panel, DebriefPath.FLIGHT)
    panel.plan.select_row(row_of(panel, "thanks"))  # Priya's
    line = panel.plan.editor.stood_out
    assert line.isVisibleTo(panel)
    assert panel.plan.editor.stood_out_label.text() == "What stood out with Priya"
    assert line.text() == "moving billing off the legacy system; on-call rotation"
    line.selectAll()
    qtbot.keyClicks(line, "the billing migration")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert not panel.confirmed
    thanks = {t.contact_id: t.body for t in panel.tasks() if t.step_id == "thanks"}
    assert thanks[ids["Priya Raman"]] == "Hi Priya. Topics: the billing migration.\nSam"
    assert "quarterly work" in thanks[ids["Tomás Ortega"]]
    assert panel.plan.editor.body.toPlainText() == thanks[ids["Priya Raman"]]
    panel.plan.select_row(row_of(panel, "offer"))
    assert not panel.plan.editor.stood_out.isVisibleTo(panel)  # only on thank-you notes


# --- interviews still to come ----------------------------------------------------------------


def test_interviews_not_held_yet_are_not_thanked_for_and_can_be_cancelled(qtbot, store, events):
    ids = make_application(store)
    with store.transaction() as s:
        ken = Contact(name="Ken Ito", title="Staff Engineer")
        s.add(ken)
        screen = Interview(
            application_id=ids["app"],
            round=3,
            kind=InterviewKind.PHONE_SCREEN,
            starts_at=datetime.now(UTC) + timedelta(days=2),
        )
        screen.participants.append(InterviewParticipant(contact=ken, topics="Kafka"))
        s.add(screen)
        s.flush()
        ken_id, screen_id = ken.id, screen.id
    panel = open_panel(qtbot, store, events, ids["app"])
    assert "Still booked: Round 3 · Phone screen" in panel.know.upcoming.text()
    assert "Ken Ito" not in panel.know.record.text()
    assert "two interviews" in panel.know.summary.text()
    choose(qtbot, panel, DebriefPath.FLIGHT)
    assert ken_id not in {t.contact_id for t in panel.tasks()}  # no thank-you for Ken

    panel.go(0)
    with qtbot.waitSignal(events.changed):
        qtbot.mouseClick(panel.know.cancel_upcoming, Qt.MouseButton.LeftButton)
    with store.reading() as s:
        assert s.get(Interview, screen_id) is None
        assert s.get(Interview, ids["second"]) is not None  # held ones stay
    assert not panel.know.upcoming.isVisibleTo(panel)
    assert panel.facts.upcoming == ()


# --- tasks the rejection made moot -----------------------------------------------------------


def test_open_tasks_of_the_application_are_offered_for_closing(qtbot, store, events):
    ids = make_application(store)
    prep = create_task(
        store, TaskInput(title="Prepare questions for the screen", application_id=ids["app"])
    ).value
    keep = create_task(
        store, TaskInput(title="Ask Priya for coffee anyway", application_id=ids["app"])
    ).value
    panel = open_panel(qtbot, store, events, ids["app"])
    choose(qtbot, panel, DebriefPath.FLIGHT)
    old = panel.plan.old_list
    assert panel.plan.old_box.isVisibleTo(panel)
    titles = [old.model().index(r, 0).data() for r in range(old.model().rowCount())]
    assert titles == ["Prepare questions for the screen", "Ask Priya for coffee anyway"]
    toggle_row(qtbot, old, 1)  # this one still makes sense
    confirm(qtbot, panel, events)
    with store.reading() as s:
        assert s.get(Task, prep).done
        assert not s.get(Task, keep).done
    assert [t.id for t in open_tasks(store, ids["app"]) if t.id in (prep, keep)] == [keep]


# --- the longest values the app accepts --------------------------------------------------


def test_the_longest_accepted_values_plan_into_tasks_that_save(qtbot, store, events):
    from tracker.domain.applications import ApplicationInput, create_application
    from tracker.domain.rejection import add_person_inline, remind_to_plan

    long_name = "Wolfeschlegelsteinhausen " * 8  # 200 characters
    app_id = create_application(
        store,
        ApplicationInput(company=long_name[:200], role=long_name[:200], stage=Stage.REJECTED),
    ).value
    with store.transaction() as s:
        s.add(
            Interview(
                application_id=app_id,
                round=1,
                kind=InterviewKind.TECHNICAL,
                starts_at=datetime.now(UTC) - timedelta(days=2),
                self_assessment=1,
            )
        )
    with store.reading() as s:
        interview_id = s.scalar(select(Interview.id).where(Interview.application_id == app_id))
    for role in ("recruiter", "decision_maker"):
        add_person_inline(store, app_id, long_name[:200], long_name[:200], role)
    topic = ("idempotency keys and retries " * 700)[:20_000]
    add_person_inline(store, app_id, long_name[:200], None, "interviewer", topic, interview_id)
    for path in DebriefPath:
        with store.transaction() as s:  # plan each path afresh
            for debrief in s.scalars(select(RejectionDebrief)):
                s.delete(debrief)
            for task in s.scalars(select(Task)):
                s.delete(task)
        panel = open_panel(qtbot, store, events, app_id, user_name="Sam " * 50)
        choose(qtbot, panel, path)
        for task in panel.tasks():
            assert len(task.title) <= 300
            assert len(task.subject) <= 300
            assert len(task.body) <= 20_000
        assert panel.confirm(), path
        tasks, _ = saved(store)
        assert len(tasks) == len([t for t in panel.tasks() if t.included])
    remind_to_plan(store, app_id, FRIDAY)
    assert max(len(t.title) for t in saved(store)[0]) <= 300


def test_the_reflection_quotes_what_was_typed_beside_it(qtbot, store, events):
    ids = make_application(store)
    panel = open_panel(qtbot, store, events, ids["app"])
    choose(qtbot, panel, DebriefPath.FIGHT)
    qtbot.keyClicks(panel.plan.went_well, "The billing walkthrough")
    qtbot.keyClicks(panel.plan.do_differently, "Ask about planning")
    confirm(qtbot, panel, events)  # straight away: nothing typed is lost
    tasks, _ = saved(store)
    (reflection,) = [t for t in tasks if t.kind is TaskKind.REFLECTION]
    assert "Well:\nThe billing walkthrough\n" in (reflection.draft_body or "")
    assert "Differently:\nAsk about planning" in (reflection.draft_body or "")
    assert "[your notes]" not in (reflection.draft_body or "")


def test_the_reflection_follows_the_typing_after_a_pause(qtbot, store, events):
    ids = make_application(store)
    panel = open_panel(qtbot, store, events, ids["app"])
    choose(qtbot, panel, DebriefPath.FLIGHT)
    close = row_of(panel, "close")
    assert "Well: [your notes]" in panel.tasks()[close].body
    qtbot.keyClicks(panel.plan.went_well, "Clear answers")
    qtbot.waitUntil(lambda: "Well: Clear answers" in panel.tasks()[close].body)


def test_an_interviewer_added_with_no_interview_on_record_keeps_their_topics(
    qtbot, store, events, add
):
    app_id = add("Kestrel Maps", "Cartographer", Stage.REJECTED)
    panel = open_panel(qtbot, store, events, app_id)
    qtbot.mouseClick(panel.know.add_interviewer, Qt.MouseButton.LeftButton)
    form = panel.know.form
    qtbot.keyClicks(form.name, "Ken Ito")
    qtbot.keyClicks(form.topics, "Tile rendering at scale")
    with qtbot.waitSignal(events.changed):
        qtbot.mouseClick(form.add_button, Qt.MouseButton.LeftButton)
    (ken,) = panel.facts.interviewers
    assert panel.facts.topics_with(ken.contact_id) == ["Tile rendering at scale"]
    assert "Tile rendering at scale" in panel.know.record.text()
    choose(qtbot, panel, DebriefPath.FLIGHT)
    thanks = panel.tasks()[row_of(panel, "thanks")]
    assert thanks.body == "Hi Ken. Topics: Tile rendering at scale.\nSam"


def test_after_adding_someone_enter_moves_on_and_never_dismisses_the_panel(
    qtbot, store, events, add
):
    app_id = add("Kestrel Maps", "Cartographer", Stage.REJECTED)
    panel = open_panel(qtbot, store, events, app_id)
    panel.activateWindow()
    qtbot.waitActive(panel)
    qtbot.mouseClick(panel.know.add_interviewer, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(panel.know.form.name, "Ken Ito")
    with qtbot.waitSignal(events.changed):
        qtbot.mouseClick(panel.know.form.add_button, Qt.MouseButton.LeftButton)
    assert panel.focusWidget() is not panel.not_now
    qtbot.keyClick(panel.focusWidget(), Qt.Key.Key_Return)
    assert panel.isVisible()
    assert panel.stack.currentWidget() is panel.questions  # Enter took the next step


def test_the_pick_row_is_never_cut_off(qtbot, store, events):
    ids = make_application(store, recruiter=False)
    panel = open_panel(qtbot, store, events, ids["app"])
    qtbot.mouseClick(panel.know.add_recruiter, Qt.MouseButton.LeftButton)
    form = panel.know.form
    qtbot.waitUntil(lambda: form.pick_row.isVisible())
    assert form.pick_label.width() >= form.pick_label.sizeHint().width()
    assert form.use_button.width() >= form.use_button.sizeHint().width()
    assert form.pick.toolTip() == form.pick.currentText()  # the whole entry, however long
