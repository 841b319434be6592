"""The follow-up rules, run with a fixed clock: each default rule, no duplicates, closing."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from tests.reminders import (
    DAY,
    MONDAY,
    at,
    interview,
    move,
    new_application,
    person,
    rule_tasks,
    run,
    stage_time,
)
from tracker.db.enums import ContactRole, DebriefPath, Stage, TaskKind, TaskOrigin
from tracker.db.models import Application, RejectionDebrief, StageChange, Task
from tracker.domain.applications import change_stage
from tracker.domain.errors import ValidationError
from tracker.domain.reminders.actions import mark_replied, move_to_ghosted, offers_ghosting
from tracker.domain.reminders.engine import run_rules
from tracker.domain.reminders.prefs import RuleChoice, rules_for, save_rule_choices
from tracker.domain.reminders.rules import default_rules
from tracker.domain.settings import set_signer_name
from tracker.domain.store import Store
from tracker.domain.tasks import complete_task, delete_task

# -- applied, no reply ---------------------------------------------------------------------


def test_a_follow_up_comes_seven_days_after_applying_addressed_to_the_recruiter(
    store: Store,
) -> None:
    set_signer_name(store, "Sam")
    app_id = new_application(store)
    person(store, "Jordan Lee", app_id, ContactRole.RECRUITER)
    assert run(store, at(6)) == []
    result = run_rules(store, at(7))
    assert len(result.value.created) == 1
    assert "tasks" in result.changed
    [task] = rule_tasks(store)
    assert task.rule == "applied_no_reply"
    assert task.kind is TaskKind.FOLLOW_UP
    assert task.origin is TaskOrigin.RULE
    assert task.due_on == date(2026, 3, 9)
    assert task.title == "Follow up with Jordan about the Backend Engineer role"
    assert task.draft_body is not None
    assert task.draft_body.startswith("Hi Jordan,")
    assert task.draft_body.rstrip().endswith("Sam")
    assert not task.needs_name
    assert run(store, at(8)) == []  # never twice


def test_without_a_recruiter_the_hiring_manager_then_a_named_gap(store: Store) -> None:
    manager_app = new_application(store)
    person(store, "Morgan Diaz", manager_app, ContactRole.HIRING_MANAGER)
    nobody_app = new_application(store, company="Contoso")
    run(store, at(7))
    by_app = {task.application_id: task for task in rule_tasks(store)}
    assert by_app[manager_app].title.startswith("Follow up with Morgan")
    gap = by_app[nobody_app]
    assert gap.needs_name
    assert gap.contact_id is None
    assert "[recruiter's name]" in gap.title
    assert "[recruiter's name]" in (gap.draft_body or "")


def test_unanswered_follow_ups_chain_then_suggest_ghosted(store: Store) -> None:
    app_id = new_application(store)
    run(store, at(7))
    [first] = rule_tasks(store)
    complete_task(store, first.id)
    with store.transaction() as session:
        done = session.get(Task, first.id)
        assert done is not None
        done.done_at = at(8)
    assert run(store, at(14)) == []  # seven days after the follow-up went out, not before
    [second_id] = run(store, at(15))
    complete_task(store, second_id)
    with store.transaction() as session:
        done = session.get(Task, second_id)
        assert done is not None
        done.done_at = at(15)
    [silence_id] = run(store, at(22))
    [silence] = [t for t in rule_tasks(store) if t.id == silence_id]
    assert silence.rule == "silence"
    assert "Ghosted" in silence.title
    assert offers_ghosting(store, silence_id)
    moved = move_to_ghosted(store, silence_id)
    assert moved.value.to_stage is Stage.GHOSTED
    assert {"applications", "tasks"} <= moved.changed
    with store.reading() as session:
        application = session.get(Application, app_id)
        assert application is not None
        assert application.stage is Stage.GHOSTED
    assert all(task.done for task in rule_tasks(store))
    assert run(store, at(40)) == []


def test_they_replied_stops_the_chain(store: Store) -> None:
    new_application(store)
    [first_id] = run(store, at(7))
    mark_replied(store, first_id, at(8))
    assert run(store, at(60)) == []
    [task] = rule_tasks(store)
    assert task.done


def test_only_a_follow_up_can_be_marked_as_answered(store: Store) -> None:
    app_id = new_application(store, stage=Stage.INTERVIEWING)
    interview(store, app_id, MONDAY, {person(store, "Priya Raman"): "billing"})
    [thanks_id] = run(store, MONDAY + timedelta(hours=1))
    with pytest.raises(ValidationError):
        mark_replied(store, thanks_id, at(1))


def test_a_deleted_or_completed_follow_up_is_not_made_again(store: Store) -> None:
    deleted_app = new_application(store)
    completed_app = new_application(store, company="Contoso")
    run(store, at(7))
    by_app = {task.application_id: task.id for task in rule_tasks(store)}
    delete_task(store, by_app[deleted_app])
    complete_task(store, by_app[completed_app])
    assert run(store, at(7.5)) == []
    # A deleted follow-up means the person wants no more for that application.
    assert all(task.application_id != deleted_app for task in rule_tasks(store))


def test_a_later_stage_change_means_no_follow_up(store: Store) -> None:
    app_id = new_application(store)
    move(store, app_id, Stage.SCREENING, at(3))
    assert run(store, at(30)) == []


# -- interviews ----------------------------------------------------------------------------


def test_one_thank_you_per_interviewer_citing_what_was_discussed(store: Store) -> None:
    app_id = new_application(store, stage=Stage.INTERVIEWING)
    priya = person(store, "Priya Raman")
    lee = person(store, "Lee Chen")
    friday = at(4) - timedelta(hours=2)
    interview_id = interview(
        store, app_id, friday, {priya: "Moving billing off the legacy system\non-call", lee: None}
    )
    assert run(store, friday - timedelta(hours=1)) != []  # only the prepare task before it
    assert rule_tasks(store, "thank_you") == []
    created = run(store, friday + timedelta(hours=2))
    assert len(created) == 2
    thanks = {task.contact_id: task for task in rule_tasks(store, "thank_you")}
    assert thanks[priya].due_on == date(2026, 3, 9)  # Friday's next business day: Monday
    assert thanks[priya].interview_id == interview_id
    assert thanks[priya].title == "Thank Priya for the interview"
    body = thanks[priya].draft_body or ""
    assert "moving billing off the legacy system and on-call" in body
    assert "[what you discussed]" in (thanks[lee].draft_body or "")

    # Editing the interview, or running again, makes no second thank-you.
    interview(
        store,
        app_id,
        friday,
        {priya: "Billing\non-call", lee: "Kafka"},
        interview_id=interview_id,
        notes="Went well",
    )
    assert run(store, friday + timedelta(hours=3)) == []
    complete_task(store, thanks[priya].id)
    delete_task(store, thanks[lee].id)
    assert run(store, at(6)) == []
    assert len(rule_tasks(store, "thank_you")) == 1


def test_a_thank_you_the_person_wrote_down_is_not_planned_again(store: Store) -> None:
    from tracker.domain.tasks import TaskInput, create_task

    app_id = new_application(store, stage=Stage.INTERVIEWING)
    priya = person(store, "Priya Raman")
    lee = person(store, "Lee Chen")
    friday = at(4) - timedelta(hours=2)
    interview(store, app_id, friday, {priya: "billing", lee: "Kafka"})
    # Written down on the day, not linked to the interview (as the demo's "Thank Ken ...").
    create_task(
        store,
        TaskInput(
            "Send Priya a note", kind=TaskKind.THANK_YOU, application_id=app_id, contact_id=priya
        ),
    )
    run(store, friday + timedelta(hours=2))
    assert [task.contact_id for task in rule_tasks(store, "thank_you")] == [lee]


def test_a_preparation_the_person_has_open_is_not_planned_again(store: Store) -> None:
    from tracker.domain.tasks import TaskInput, create_task

    app_id = new_application(store, stage=Stage.INTERVIEWING)
    later = at(3) + timedelta(hours=2)
    interview(store, app_id, later, {person(store, "Priya Raman"): None})
    own = create_task(
        store,
        TaskInput("Questions for the screen", kind=TaskKind.PREP, application_id=app_id),
    )
    run(store, MONDAY)
    assert rule_tasks(store, "prepare") == []
    complete_task(store, own.value)
    run(store, MONDAY)  # done early: the day before still gets its own reminder
    assert len(rule_tasks(store, "prepare")) == 1


def test_a_thank_you_for_an_old_interview_is_not_planned(store: Store) -> None:
    app_id = new_application(store, stage=Stage.INTERVIEWING)
    interview(store, app_id, MONDAY, {person(store, "Priya Raman"): "billing"})
    assert len(run(store, at(20))) == 1  # the silence suggestion only
    assert rule_tasks(store, "thank_you") == []


def test_prepare_gathers_the_panel_earlier_rounds_and_lessons(store: Store) -> None:
    old_app = new_application(store, stage=Stage.REJECTED, company="Fabrikam")
    with store.transaction() as session:
        session.add(
            RejectionDebrief(
                application_id=old_app,
                path=DebriefPath.FLIGHT,
                do_differently="Ask about the team's on-call load\nBring a system design example",
            )
        )
    app_id = new_application(store, stage=Stage.INTERVIEWING)
    priya = person(store, "Priya Raman")
    lee = person(store, "Lee Chen")
    interview(store, app_id, at(-10), {priya: "Billing migration; Postgres"})
    later = at(3) + timedelta(hours=2)  # Thursday 14:00 UTC
    interview_id = interview(store, app_id, later, {priya: None, lee: None})
    run(store, MONDAY)
    [prepare] = rule_tasks(store, "prepare")
    assert prepare.kind is TaskKind.PREP
    assert prepare.interview_id == interview_id
    assert prepare.due_on == date(2026, 3, 4)  # the day before
    body = prepare.draft_body or ""
    assert "- Priya Raman, Engineer" in body
    assert "- Lee Chen, Engineer" in body
    assert "Billing migration; Postgres" in body
    assert "- Ask about the team's on-call load" in body
    assert "Video call: https://meet.example/abc" in body

    # Moving the interview moves the preparation; it is not made twice.
    interview(store, app_id, later + 2 * DAY, {priya: None, lee: None}, interview_id)
    assert run(store, at(1)) == []
    [moved] = rule_tasks(store, "prepare")
    assert moved.due_on == date(2026, 3, 6)


def test_silence_after_the_last_interview_with_no_stage_change(store: Store) -> None:
    app_id = new_application(store, stage=Stage.INTERVIEWING)
    interview(store, app_id, at(1), {})
    assert run(store, at(14)) == []
    [silence_id] = run(store, at(15))
    [task] = rule_tasks(store, "silence")
    assert task.id == silence_id
    assert task.due_on == date(2026, 3, 17)


def test_a_stage_change_after_the_interview_means_no_silence(store: Store) -> None:
    app_id = new_application(store, stage=Stage.SCREENING)
    interview(store, app_id, at(1), {})
    move(store, app_id, Stage.INTERVIEWING, at(2))
    assert run(store, at(30)) == []


# -- offers --------------------------------------------------------------------------------


def test_an_offer_with_a_deadline_gets_a_decision_before_it(store: Store) -> None:
    app_id = new_application(store, stage=Stage.OFFER)
    assert run(store, MONDAY) == []  # no deadline yet
    with store.transaction() as session:
        application = session.get(Application, app_id)
        assert application is not None
        application.offer_deadline = date(2026, 3, 16)  # a Monday
    run(store, MONDAY)
    [task] = rule_tasks(store, "offer_decision")
    assert task.due_on == date(2026, 3, 12)  # two business days before: Thursday
    assert "Monday 16 March 2026" in (task.draft_body or "")
    with store.transaction() as session:
        application = session.get(Application, app_id)
        assert application is not None
        application.offer_deadline = date(2026, 3, 20)
    assert run(store, MONDAY) == []
    [task] = rule_tasks(store, "offer_decision")
    assert task.due_on == date(2026, 3, 18)


# -- closing -------------------------------------------------------------------------------


@pytest.mark.parametrize("stage", [Stage.REJECTED, Stage.WITHDRAWN, Stage.ACCEPTED])
def test_a_closing_stage_change_closes_open_rule_tasks_and_says_so(
    store: Store, stage: Stage
) -> None:
    app_id = new_application(store)
    run(store, at(7))
    manual = create_manual(store, app_id)
    change_stage(store, app_id, stage, note="Heard back")
    report = run_rules(store, at(8)).value
    [task] = rule_tasks(store)
    assert report.closed == (task.id,)
    assert task.done
    with store.reading() as session:
        note = session.scalars(
            select(StageChange.note)
            .where(StageChange.application_id == app_id)
            .order_by(StageChange.id.desc())
        ).first()
        manual_task = session.get(Task, manual)
        assert manual_task is not None
        assert not manual_task.done  # the person's own tasks are theirs to close
    assert note is not None
    assert note.startswith("Heard back\nReminders closed by the move to")
    assert task.title in note
    assert run_rules(store, at(9)).value.closed == ()


def create_manual(store: Store, app_id: int) -> int:
    from tracker.domain.tasks import TaskInput, create_task

    return create_task(store, TaskInput(title="Call Ana", application_id=app_id)).value


# -- settings ------------------------------------------------------------------------------


def test_a_rule_switched_off_or_with_other_numbers(store: Store) -> None:
    save_rule_choices(
        store,
        {
            "applied_no_reply": RuleChoice(True, {"days": 3}),
            "thank_you": RuleChoice(False, {"business_days": 1}),
        },
    )
    rules = rules_for(store)
    assert rules.get("applied_no_reply").number("days") == 3
    assert not rules.get("thank_you").enabled
    assert "3 days" in rules.get("applied_no_reply").sentence()
    app_id = new_application(store)
    assert len(run(store, at(3))) == 1
    other = new_application(store, stage=Stage.INTERVIEWING, company="Contoso")
    interview(store, other, at(3), {person(store, "Priya Raman"): "billing"})
    assert rule_tasks(store, "thank_you") == []
    run(store, at(3.5))
    assert rule_tasks(store, "thank_you") == []
    assert app_id


def test_a_number_out_of_range_is_refused(store: Store) -> None:
    with pytest.raises(ValidationError) as caught:
        save_rule_choices(store, {"applied_no_reply": RuleChoice(True, {"days": 0})})
    assert "applied_no_reply.days" in caught.value.problems
    assert rules_for(store) == default_rules()


def test_the_clock_must_know_its_time_zone(store: Store) -> None:
    with pytest.raises(ValueError, match="aware"):
        run_rules(store, datetime(2026, 3, 2, 12, 0))


def _quiet_since(store: Store, app_id: int, when: datetime) -> None:
    """Nothing has happened to the application since *when* (its stage change included)."""
    stage_time(store, app_id, when)
    with store.transaction() as session:
        application = session.get(Application, app_id)
        assert application is not None
        application.updated_at = when


def test_an_application_quiet_for_months_owes_no_reminder(store: Store) -> None:
    quiet = new_application(store, company="Quiet Co")
    _quiet_since(store, quiet, at(-100))
    recent = new_application(store, company="Recent Co")
    _quiet_since(store, recent, at(0))
    run(store, at(10))
    assert [task.application_id for task in rule_tasks(store, "applied_no_reply")] == [recent]
