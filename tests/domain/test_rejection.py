"""The rejection plan: facts, the suggestion, the plan's tasks and drafts, and saving it."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tracker.db.enums import (
    Connection,
    ContactRole,
    DebriefPath,
    InterviewKind,
    Stage,
    TaskKind,
    TaskOrigin,
)
from tracker.db.models import (
    Application,
    ApplicationContact,
    Company,
    Contact,
    Interview,
    InterviewParticipant,
    RejectionDebrief,
    StageChange,
    Task,
)
from tracker.domain.applications import change_stage
from tracker.domain.demo import load_demo
from tracker.domain.drafts.templates import save_template_override
from tracker.domain.errors import NotFoundError, ValidationError
from tracker.domain.rejection import (
    Answers,
    PlannedTask,
    add_person_inline,
    build_plan,
    confirm_plan,
    debrief_exists,
    gather,
    needs_panel,
    prefill_answers,
    suggest_path,
)
from tracker.domain.rejection.playbook import default_playbook, load_playbook
from tracker.domain.store import Store

THURSDAY = date(2026, 11, 26)
FRIDAY = date(2026, 11, 27)
SATURDAY = date(2026, 11, 28)
MONDAY = date(2026, 11, 30)
TUESDAY = date(2026, 12, 1)
WEDNESDAY = date(2026, 12, 2)

TOPICS = {
    "Priya Raman": "Moving billing off the legacy system; on-call rotation",
    "Tomás Ortega": "How the team plans quarterly work",
    "Morgan Lee": "Scaling the data team",
}


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 10, tzinfo=UTC)


def make_application(
    store: Store, *, recruiter: bool = True, decision_maker: bool = True, interviewers: bool = True
) -> dict[str, int]:
    """Two interviews, three interviewers with topics, a recruiter, a decision maker and
    three people in the user's network; returns ids by name."""
    with store.transaction() as s:
        company = Company(name="Northwind")
        app = Application(company=company, role="Backend Engineer", stage=Stage.REJECTED)
        s.add(app)
        for i, stage in enumerate([Stage.APPLIED, Stage.INTERVIEWING, Stage.REJECTED]):
            s.add(
                StageChange(
                    application=app,
                    to_stage=stage,
                    changed_at=_at(THURSDAY - timedelta(days=30 - 15 * i)),
                )
            )

        def person(name: str, title: str, network: bool = False) -> Contact:
            contact = Contact(
                name=name,
                title=title,
                company=None if network else company,
                email=f"{name.split()[0].lower()}@x.example",
                in_network=network,
            )
            s.add(contact)
            return contact

        people = {
            "Priya Raman": person("Priya Raman", "Senior Backend Engineer"),
            "Tomás Ortega": person("Tomás Ortega", "Engineering Manager"),
            "Morgan Lee": person("Morgan Lee", "Head of Engineering"),
            "Jordan Blake": person("Jordan Blake", "Recruiter"),
            "Ana Ruiz": person("Ana Ruiz", "Payments Engineer", True),
            "Lee Chen": person("Lee Chen", "Backend Developer", True),
            "Rita Osei": person("Rita Osei", "", True),
        }
        first = Interview(
            application=app,
            round=1,
            kind=InterviewKind.TECHNICAL,
            starts_at=_at(THURSDAY - timedelta(days=12)),
            self_assessment=4,
        )
        second = Interview(
            application=app,
            round=2,
            kind=InterviewKind.BEHAVIOURAL,
            starts_at=_at(THURSDAY - timedelta(days=6)),
            self_assessment=2,
        )
        s.add_all([first, second])
        if interviewers:
            plan = [
                (first, "Priya Raman", Connection.STRONG),
                (second, "Tomás Ortega", Connection.WEAK),
                (second, "Morgan Lee", Connection.OKAY),
            ]
            for interview, name, connection in plan:
                interview.participants.append(
                    InterviewParticipant(
                        contact=people[name], topics=TOPICS[name], connection=connection
                    )
                )
        if recruiter:
            s.add(
                ApplicationContact(
                    application=app, contact=people["Jordan Blake"], role=ContactRole.RECRUITER
                )
            )
        if decision_maker:
            s.add(
                ApplicationContact(
                    application=app, contact=people["Morgan Lee"], role=ContactRole.DECISION_MAKER
                )
            )
        s.flush()
        ids = {name: c.id for name, c in people.items()}
        ids |= {"app": app.id, "first": first.id, "second": second.id}
        return ids


def fight_plan(store: Store, ids: dict[str, int], today: date = THURSDAY) -> list[PlannedTask]:
    facts = gather(store, ids["app"])
    answers = prefill_answers(facts)
    answers.still_want = True
    return build_plan(facts, answers, DebriefPath.FIGHT, default_playbook(), today, "Sam", [])


def count(store: Store, model: type[Task] | type[RejectionDebrief]) -> int:
    with store.reading() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def test_gather_collects_the_facts(store: Store) -> None:
    ids = make_application(store)
    facts = gather(store, ids["app"])
    assert (facts.company, facts.role, facts.process_days) == ("Northwind", "Backend Engineer", 30)
    assert [i.round for i in facts.interviews] == [1, 2]
    assert [p.person.name for p in facts.interviews[1].participants] == [
        "Tomás Ortega",
        "Morgan Lee",
    ]
    assert [p.name for p in facts.interviewers] == ["Priya Raman", "Tomás Ortega", "Morgan Lee"]
    assert facts.recruiter is not None
    assert facts.recruiter.name == "Jordan Blake"
    assert facts.decision_maker is not None
    assert facts.decision_maker.first_name == "Morgan"
    assert facts.hiring_manager is None
    assert [p.name for p in facts.network] == ["Ana Ruiz", "Lee Chen", "Rita Osei"]
    assert facts.topics_with(ids["Priya Raman"]) == [
        "Moving billing off the legacy system",
        "on-call rotation",
    ]
    assert facts.interviews[0].label.startswith("Round 1 · Technical · ")
    with pytest.raises(NotFoundError):
        gather(store, 999)


def test_prefilled_weak_spots_come_from_the_notes(store: Store) -> None:
    ids = make_application(store)
    answers = prefill_answers(gather(store, ids["app"]))
    assert answers.weak_interview_ids == {ids["second"]}  # self-assessment 2
    assert answers.weak_contact_ids == {ids["Tomás Ortega"]}


def test_suggestion_follows_the_answers(store: Store) -> None:
    facts = gather(store, make_application(store)["app"])
    assert suggest_path(facts, Answers(still_want=False))[0] is DebriefPath.FLIGHT
    assert suggest_path(facts, Answers(still_want=True))[0] is DebriefPath.FIGHT
    changed = suggest_path(facts, Answers(still_want=True, knows_why="role_changed"))
    assert changed[0] is DebriefPath.FLIGHT
    assert "role" in changed[1]
    no_decider = replace(facts, decision_maker=None)
    path, reason = suggest_path(no_decider, Answers(still_want=True))
    assert path is DebriefPath.FIGHT
    assert "recruiter" in reason
    for answers in (Answers(), Answers(still_want=True), Answers(still_want=False)):
        reason = suggest_path(facts, answers)[1]
        assert reason.endswith(".")
        assert reason.count(".") == 1
        assert "!" not in reason


def test_fight_plan_has_exactly_the_expected_steps(store: Store) -> None:
    ids = make_application(store)
    plan = fight_plan(store, ids)
    summary = [(t.step_id, t.kind, t.contact_id, t.due_on) for t in plan]
    assert summary == [
        ("feedback_request", TaskKind.FEEDBACK_REQUEST, ids["Jordan Blake"], THURSDAY),
        ("thank_you", TaskKind.THANK_YOU, ids["Priya Raman"], FRIDAY),
        ("thank_you", TaskKind.THANK_YOU, ids["Tomás Ortega"], FRIDAY),
        ("thank_you", TaskKind.THANK_YOU, ids["Morgan Lee"], FRIDAY),
        ("reflection", TaskKind.REFLECTION, None, FRIDAY),
        ("letter", TaskKind.LETTER, ids["Morgan Lee"], MONDAY),
        ("pass_letter", TaskKind.LETTER, ids["Jordan Blake"], MONDAY),
        ("follow_up", TaskKind.FOLLOW_UP, ids["Jordan Blake"], TUESDAY),
        ("meeting_request", TaskKind.MEETING_REQUEST, ids["Morgan Lee"], TUESDAY),
    ]
    assert all(t.included and t.note is None for t in plan)
    feedback = plan[0]
    assert feedback.audience == "Jordan Blake · Recruiter"
    assert feedback.email == "jordan@x.example"
    assert "differently" in feedback.body
    assert feedback.body.startswith("Hi Jordan,")
    reflection = plan[4]
    assert reflection.audience == "You"
    assert "Tomás Ortega (Engineering Manager)" in reflection.body
    assert "Round 2 · Behavioural" in reflection.body  # the interview marked weak
    assert "How the team plans quarterly work: [what you would add now]" in plan[5].body
    assert plan[6].title == "Ask Jordan to pass your letter to Morgan"
    for task in plan:
        assert "!" not in task.body
        assert "{" not in task.body + task.subject + task.title


def test_each_thank_you_quotes_only_that_interviewers_topics(store: Store) -> None:
    ids = make_application(store)
    thanks = [t for t in fight_plan(store, ids) if t.step_id == "thank_you"]
    expected = {
        "Priya Raman": ("moving billing off the legacy system and on-call rotation", "first"),
        "Tomás Ortega": ("how the team plans quarterly work", "second"),
        "Morgan Lee": ("scaling the data team", "second"),
    }
    for task, (name, (topics, interview)) in zip(thanks, expected.items(), strict=True):
        first = name.split()[0]
        assert task.title == f"Send {first} a thank-you note"
        assert task.body.startswith(f"Hi {first},")
        assert first in task.subject
        assert topics in task.body
        assert "still very much like to join" in task.body
        assert "feedback" in task.body
        assert task.interview_id == ids[interview]
        for other, (other_topics, _) in expected.items():
            if other != name:
                assert other_topics not in task.body
                assert other.split()[0] not in task.body


def test_due_dates_from_a_friday_skip_the_weekend(store: Store) -> None:
    plan = fight_plan(store, make_application(store), today=FRIDAY)
    assert [t.due_on for t in plan][:2] == [FRIDAY, MONDAY]
    assert plan[-1].due_on == WEDNESDAY  # three business days after Friday


def test_flight_with_two_network_contacts(store: Store) -> None:
    ids = make_application(store)
    facts = gather(store, ids["app"])
    chosen = [ids["Ana Ruiz"], ids["Lee Chen"]]
    plan = build_plan(
        facts, Answers(), DebriefPath.FLIGHT, default_playbook(), THURSDAY, "Sam", chosen
    )
    assert [(t.step_id, t.kind, t.due_on) for t in plan] == [
        ("thank_you", TaskKind.THANK_YOU, FRIDAY),
        ("thank_you", TaskKind.THANK_YOU, FRIDAY),
        ("thank_you", TaskKind.THANK_YOU, FRIDAY),
        ("referral", TaskKind.REFERRAL, MONDAY),
        ("reflection", TaskKind.REFLECTION, MONDAY),
    ]
    referral = plan[3]
    assert referral.contact_id == ids["Jordan Blake"]  # no hiring manager: the recruiter
    assert "Ana Ruiz (Payments Engineer) and Lee Chen (Backend Developer)" in referral.body
    assert "two people" in referral.subject
    assert "Rita" not in referral.body
    assert referral.note is None
    assert "Round 1 · Technical" in plan[4].body


def test_referral_without_network_picks_says_so(store: Store) -> None:
    ids = make_application(store)
    facts = gather(store, ids["app"])
    plan = build_plan(facts, Answers(), DebriefPath.FLIGHT, default_playbook(), THURSDAY, "", [])
    referral = next(t for t in plan if t.step_id == "referral")
    assert "[names from your network]" in referral.body
    assert referral.note is not None
    assert "network" in referral.note
    assert referral.body.endswith("[your name]")


def test_missing_recruiter_and_decision_maker_show_placeholders(store: Store) -> None:
    ids = make_application(store, recruiter=False, decision_maker=False)
    plan = fight_plan(store, ids)
    feedback = plan[0]
    assert feedback.contact_id is None
    assert feedback.email is None
    assert feedback.audience == "[recruiter's name]"
    assert feedback.title == "Ask [recruiter's name] what would have made the difference"
    assert feedback.body.startswith("Hi [recruiter's name],")
    assert feedback.note is not None
    assert "recruiter" in feedback.note
    letter = next(t for t in plan if t.step_id == "letter")
    assert letter.body.startswith("Dear [decision maker's name],")
    passing = next(t for t in plan if t.step_id == "pass_letter")
    assert "letter to [decision maker's name]" in passing.body


def test_no_interviewers_becomes_one_task_to_find_them(store: Store) -> None:
    ids = make_application(store, interviewers=False)
    plan = fight_plan(store, ids)
    found = [t for t in plan if t.step_id == "thank_you"]
    assert len(found) == 1
    assert found[0].kind is TaskKind.TODO
    assert found[0].title == "Find the names of the people who interviewed you"
    assert found[0].note is not None
    assert found[0].contact_id is None


def test_confirm_creates_exactly_the_ticked_tasks_and_a_debrief(store: Store) -> None:
    ids = make_application(store)
    plan = fight_plan(store, ids)
    plan[-1].included = False  # unticked: not created
    plan[1].title = "Thank Priya properly"  # edited in the panel
    answers = Answers(True, "me", True, {ids["second"]}, {ids["Tomás Ortega"]})
    result = confirm_plan(
        store, ids["app"], DebriefPath.FIGHT, answers, "Clear code", "Talk about planning", plan
    ).value
    assert len(result.task_ids) == len(plan) - 1
    with store.reading() as s:
        tasks = list(s.scalars(select(Task).where(Task.id.in_(result.task_ids)).order_by(Task.id)))
        debrief = s.get(RejectionDebrief, result.debrief_id)
    assert [t.title for t in tasks] == [t.title for t in plan[:-1]]
    assert tasks[1].title == "Thank Priya properly"
    assert all(t.origin is TaskOrigin.PLAYBOOK and t.application_id == ids["app"] for t in tasks)
    assert [(t.kind, t.due_on, t.contact_id) for t in tasks] == [
        (p.kind, p.due_on, p.contact_id) for p in plan[:-1]
    ]
    assert tasks[1].draft_body == plan[1].body
    assert tasks[1].draft_subject == plan[1].subject
    assert debrief is not None
    assert debrief.path is DebriefPath.FIGHT
    assert (debrief.went_well, debrief.do_differently) == ("Clear code", "Talk about planning")
    assert json.loads(debrief.answers or "") == {
        "still_want": True,
        "knows_why": "me",
        "can_reach_decision_maker": True,
        "weak_interview_ids": [ids["second"]],
        "weak_contact_ids": [ids["Tomás Ortega"]],
    }


def test_a_failing_confirm_writes_nothing(store: Store) -> None:
    ids = make_application(store)
    plan = fight_plan(store, ids)
    plan[3].title = "   "
    plan[4].due_on = date(1900, 1, 1)
    with pytest.raises(ValidationError) as caught:
        confirm_plan(store, ids["app"], DebriefPath.FIGHT, Answers(), None, None, plan)
    assert set(caught.value.problems) == {"tasks.3.title", "tasks.4.due_on"}
    plan[3].included = False  # an unticked task is not checked
    plan[4].due_on = None
    plan[5].contact_id = 99_999  # deleted while the panel was open
    with pytest.raises(ValidationError) as caught:
        confirm_plan(store, ids["app"], "fight", Answers(), None, None, plan)
    assert caught.value.field == "tasks.5.contact_id"
    with pytest.raises(ValidationError, match="path"):
        confirm_plan(store, ids["app"], "freeze", Answers(), None, None, [])
    assert count(store, Task) == 0
    assert count(store, RejectionDebrief) == 0


def test_the_panel_opens_once_per_rejection(store: Store) -> None:
    ids = make_application(store)
    app = ids["app"]
    assert needs_panel(store, app)
    assert not debrief_exists(store, app)
    confirm_plan(store, app, DebriefPath.FLIGHT, Answers(), None, None, [])
    assert debrief_exists(store, app)
    assert not needs_panel(store, app)
    change_stage(store, app, Stage.INTERVIEWING)
    assert not needs_panel(store, app)
    change_stage(store, app, Stage.REJECTED)  # rejected again: a new response is due
    assert needs_panel(store, app)


def test_gather_runs_a_fixed_number_of_queries(store: Store) -> None:
    from sqlalchemy import event

    ids = make_application(store)
    statements: list[str] = []

    def seen(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(store.engine, "before_cursor_execute", seen)
    try:
        gather(store, ids["app"])
    finally:
        event.remove(store.engine, "before_cursor_execute", seen)
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 5


def test_add_person_inline_fills_the_gaps(store: Store) -> None:
    ids = make_application(store, recruiter=False, interviewers=False)
    app = ids["app"]
    recruiter = add_person_inline(store, app, " Jo Park ", "Recruiter", ContactRole.RECRUITER).value
    interviewer = add_person_inline(
        store,
        app,
        "Ken Ito",
        None,
        "interviewer",
        "Kafka; testing",
        ids["first"],
        email="ken@x.example",
    ).value
    facts = gather(store, app)
    assert facts.recruiter is not None
    assert facts.recruiter.contact_id == recruiter
    assert facts.recruiter.name == "Jo Park"
    assert [p.contact_id for p in facts.interviewers] == [interviewer]
    assert facts.topics_with(interviewer) == ["Kafka", "testing"]
    assert facts.last_interview_with(interviewer) == ids["first"]
    with store.reading() as s:
        companies = set(
            s.scalars(select(Contact.company_id).where(Contact.id.in_([recruiter, interviewer])))
        )
        app_company = s.scalar(select(Application.company_id).where(Application.id == app))
    assert companies == {app_company}
    plan = fight_plan(store, ids)
    assert plan[0].body.startswith("Hi Jo,")
    assert "about Kafka and testing" in plan[1].body


def test_add_person_inline_checks_its_input(store: Store) -> None:
    ids = make_application(store)
    other = make_application_elsewhere(store)
    with pytest.raises(ValidationError) as caught:
        add_person_inline(store, ids["app"], " ", None, "boss")
    assert set(caught.value.problems) == {"name", "role"}
    with pytest.raises(ValidationError, match="another application"):
        add_person_inline(store, ids["app"], "Ken", None, "interviewer", None, other)
    with pytest.raises(NotFoundError):
        add_person_inline(store, 999, "Ken", None, "recruiter")
    with store.reading() as s:
        assert s.scalar(select(func.count()).where(Contact.name == "Ken")) == 0


def make_application_elsewhere(store: Store) -> int:
    """An interview on another application."""
    with store.transaction() as s:
        app = Application(company=Company(name="Elsewhere"), role="Dev")
        interview = Interview(application=app)
        s.add(interview)
        s.flush()
        return interview.id


def test_network_audience_and_edited_templates(store: Store, tmp_path: Path) -> None:
    ids = make_application(store)
    book = load_playbook(
        """
        [[fight]]
        id = "ask"
        kind = "todo"
        audience = "network_contacts"
        due_business_days = 0
        template = "flight_referral"
        title = "Check with {first_name} before you name them"
        [[flight]]
        id = "note"
        kind = "reflection"
        audience = "self"
        due_business_days = 0
        template = "flight_reflection"
        title = "Note"
        """
    )
    save_template_override("flight_referral", "Subject: Hi {first_name}\n\n{x.__class__}", tmp_path)
    facts = gather(store, ids["app"])
    chosen = [ids["Lee Chen"], ids["Rita Osei"]]
    plan = build_plan(facts, Answers(), DebriefPath.FIGHT, book, SATURDAY, "Sam", chosen, tmp_path)
    assert [(t.title, t.contact_id, t.due_on) for t in plan] == [
        ("Check with Lee before you name them", ids["Lee Chen"], MONDAY),
        ("Check with Rita before you name them", ids["Rita Osei"], MONDAY),
    ]
    assert [(t.subject, t.body) for t in plan] == [
        ("Hi Lee", "{x.__class__}"),
        ("Hi Rita", "{x.__class__}"),
    ]
    assert plan[1].audience == "Rita Osei"  # no title: the name alone
    nobody = build_plan(facts, Answers(), DebriefPath.FIGHT, book, THURSDAY, "Sam", [])
    assert [t.audience for t in nobody] == ["[name from your network]"]
    assert nobody[0].note is not None


def test_demo_application_plans_cleanly(store: Store) -> None:
    load_demo(store, THURSDAY)
    with store.reading() as s:
        app = s.scalar(
            select(Application.id).join(Company).where(Company.name == "Northwind Analytics")
        )
    assert app is not None
    facts = gather(store, app)
    picked = [p.contact_id for p in facts.network if p.name in ("Ana Ruiz", "Lee Chen")]
    for path in DebriefPath:
        plan = build_plan(
            facts, prefill_answers(facts), path, default_playbook(), THURSDAY, "Sam", picked
        )
        for task in plan:
            assert "[" not in task.title, (path, task.step_id)
            assert "{" not in task.body, (path, task.step_id)
            assert task.note is None, (path, task.step_id)
