"""The rejection plan: facts, the suggestion, the plan's tasks and drafts, and saving it.

Plans are built from the tests' own playbook and templates (tests/fixtures/rejection), and
tasks are picked by step id, so improving the shipped wording breaks nothing here.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.fixtures import TEMPLATES, rejection_playbook
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
    return build_plan(facts, answers, DebriefPath.FIGHT, rejection_playbook(), today, "Sam", [])


def at(plan: list[PlannedTask], step_id: str, nth: int = 0) -> int:
    """Where the *nth* task of one step sits in the plan."""
    rows = [row for row, task in enumerate(plan) if task.step_id == step_id]
    return rows[nth]


def step(plan: list[PlannedTask], step_id: str) -> PlannedTask:
    """The one task of a step that makes exactly one."""
    (task,) = [task for task in plan if task.step_id == step_id]
    return task


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
    assert facts.topics_with(ids["Priya Raman"]) == [  # as typed: a ";" stays inside
        "Moving billing off the legacy system; on-call rotation"
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
    assert summary == [  # the playbook's order; one thank-you per interviewer
        ("ask", TaskKind.FEEDBACK_REQUEST, ids["Jordan Blake"], THURSDAY),
        ("thanks", TaskKind.THANK_YOU, ids["Priya Raman"], FRIDAY),
        ("thanks", TaskKind.THANK_YOU, ids["Tomás Ortega"], FRIDAY),
        ("thanks", TaskKind.THANK_YOU, ids["Morgan Lee"], FRIDAY),
        ("reflect", TaskKind.REFLECTION, None, FRIDAY),
        ("letter", TaskKind.LETTER, ids["Jordan Blake"], MONDAY),  # through the recruiter
        ("nudge", TaskKind.FOLLOW_UP, ids["Jordan Blake"], TUESDAY),
        ("meet", TaskKind.MEETING_REQUEST, ids["Morgan Lee"], TUESDAY),
    ]
    assert all(t.included and t.note is None for t in plan)
    ask = step(plan, "ask")
    assert ask.audience == "Jordan Blake · Recruiter"
    assert ask.email == "jordan@x.example"
    assert ask.why == "Test reason for asking."
    assert (ask.title, ask.subject) == ("Ask Jordan", "Question for Jordan")
    assert ask.body == "Hi Jordan, what made the difference for Backend Engineer at Northwind?\nSam"
    reflection = step(plan, "reflect")
    assert reflection.audience == "You"
    assert reflection.title == "Reflect on Northwind"
    first, second = (i.label for i in gather(store, ids["app"]).interviews)
    assert second.startswith("Round 2 · Behavioural")
    assert reflection.body == (
        f"Interviews:\n- {first}, with Priya Raman\n- {second}, with Tomás Ortega and Morgan Lee"
        # the interview marked weak, then the weak connection
        f"\nWeaker:\n- {second} with Tomás Ortega and Morgan Lee: felt weaker than you wanted."
        "\n- Tomás Ortega (Engineering Manager): the connection was not as strong as you "
        "wanted. You talked about how the team plans quarterly work."
        "\nWell:\n[your notes]\nDifferently:\n[your notes]"  # until typed in the plan
    )
    letter = step(plan, "letter")
    # The letter goes to the recruiter, who passes it on; it carries the letter itself.
    assert letter.audience == "Jordan Blake · Recruiter"
    assert letter.email == "jordan@x.example"
    assert letter.title == "Ask Jordan to pass a letter to Morgan"
    assert letter.body.startswith("Hi Jordan, please pass this to Morgan Lee.\n\nDear Morgan,\n")
    assert letter.due_on > reflection.due_on  # written after the reflection it draws on
    # The points come from the weak interview's people and the weak connection's topics.
    assert "- How the team plans quarterly work: [what you would add now]" in letter.body
    assert "- Scaling the data team: [what you would add now]" in letter.body
    assert "legacy system" not in letter.body  # Priya's interview went well
    for task in plan:
        assert "{" not in task.body + task.subject + task.title
        assert task.body.endswith("Sam") or task.audience == "You"


def test_each_thank_you_quotes_only_that_interviewers_topics(store: Store) -> None:
    ids = make_application(store)
    thanks = [t for t in fight_plan(store, ids) if t.step_id == "thanks"]
    expected = {
        "Priya Raman": ("moving billing off the legacy system; on-call rotation", "first"),
        "Tomás Ortega": ("how the team plans quarterly work", "second"),
        "Morgan Lee": ("scaling the data team", "second"),
    }
    for task, (name, (topics, interview)) in zip(thanks, expected.items(), strict=True):
        first = name.split()[0]
        assert task.contact_id == ids[name]
        assert task.title == f"Thank {first}"
        assert task.subject == f"Thanks, {first}"
        assert task.body == f"Hi {first}. Topics: {topics}.\nSam"
        assert task.interview_id == ids[interview]


def test_due_dates_from_a_friday_skip_the_weekend(store: Store) -> None:
    plan = fight_plan(store, make_application(store), today=FRIDAY)
    assert step(plan, "ask").due_on == FRIDAY  # due today
    assert plan[at(plan, "thanks")].due_on == MONDAY  # one business day after Friday
    assert step(plan, "meet").due_on == WEDNESDAY  # three business days after Friday


def test_flight_with_two_network_contacts(store: Store) -> None:
    ids = make_application(store)
    facts = gather(store, ids["app"])
    chosen = [ids["Ana Ruiz"], ids["Lee Chen"]]
    plan = build_plan(
        facts, Answers(), DebriefPath.FLIGHT, rejection_playbook(), THURSDAY, "Sam", chosen
    )
    assert [(t.step_id, t.kind, t.due_on) for t in plan] == [
        ("thanks", TaskKind.THANK_YOU, FRIDAY),
        ("thanks", TaskKind.THANK_YOU, FRIDAY),
        ("thanks", TaskKind.THANK_YOU, FRIDAY),
        ("offer", TaskKind.REFERRAL, MONDAY),
        ("close", TaskKind.REFLECTION, MONDAY),
    ]
    referral = step(plan, "offer")
    assert referral.contact_id == ids["Jordan Blake"]  # no hiring manager: the recruiter
    assert referral.title == "Offer Jordan two people"
    assert referral.subject == "two people for Backend Engineer"
    assert referral.body == (
        "Hi Jordan, you could talk to Ana Ruiz (Payments Engineer) and Lee Chen "
        "(Backend Developer).\nSam"
    )
    assert referral.note is None
    assert "Round 1 · Technical" in step(plan, "close").body


def test_referral_without_network_picks_says_so(store: Store) -> None:
    ids = make_application(store)
    facts = gather(store, ids["app"])
    plan = build_plan(facts, Answers(), DebriefPath.FLIGHT, rejection_playbook(), THURSDAY, "", [])
    referral = step(plan, "offer")
    assert "[names from your network]" in referral.body
    assert referral.note is not None
    assert "network" in referral.note
    assert referral.body.endswith("[your name]")


def test_missing_recruiter_and_decision_maker_show_placeholders(store: Store) -> None:
    ids = make_application(store, recruiter=False, decision_maker=False)
    plan = fight_plan(store, ids)
    feedback = step(plan, "ask")
    assert feedback.contact_id is None
    assert feedback.email is None
    assert feedback.audience == "[recruiter's name]"
    assert feedback.title == "Ask [recruiter's name]"
    assert feedback.body.startswith("Hi [recruiter's name],")
    assert feedback.note is not None
    assert "recruiter" in feedback.note
    letter = step(plan, "letter")
    assert letter.title == "Ask [recruiter's name] to pass a letter to [decision maker's name]"
    assert "pass this to [decision maker's name].\n\nDear [decision maker's name]," in letter.body
    assert letter.note is not None
    assert "recruiter" in letter.note
    assert "decision maker" in letter.note
    assert all(task.needs_name for task in (feedback, letter))


def test_no_interviewers_becomes_one_task_to_find_them(store: Store) -> None:
    ids = make_application(store, interviewers=False)
    plan = fight_plan(store, ids)
    found = step(plan, "thanks")
    assert found.kind is TaskKind.TODO
    assert found.title == "Find the names of the people who interviewed you"
    assert (found.subject, found.body) == ("Find them", "Look for the Northwind interviewers.")
    assert found.note is not None
    assert found.contact_id is None
    assert found.due_on == FRIDAY  # the step's due date still holds


def test_confirm_creates_exactly_the_ticked_tasks_and_a_debrief(store: Store) -> None:
    ids = make_application(store)
    plan = fight_plan(store, ids)
    step(plan, "nudge").included = False  # unticked: not created
    priya = plan[at(plan, "thanks")]
    priya.title = "Thank Priya properly"  # edited in the panel
    priya.body = "My own words."
    answers = Answers(True, "me", True, {ids["second"]}, {ids["Tomás Ortega"]})
    result = confirm_plan(
        store, ids["app"], DebriefPath.FIGHT, answers, "Clear code", "Talk about planning", plan
    ).value
    kept = [t for t in plan if t.included]
    assert len(result.task_ids) == len(plan) - 1
    with store.reading() as s:
        tasks = list(s.scalars(select(Task).where(Task.id.in_(result.task_ids)).order_by(Task.id)))
        debrief = s.get(RejectionDebrief, result.debrief_id)
    assert [t.title for t in tasks] == [t.title for t in kept]
    assert TaskKind.FOLLOW_UP not in {t.kind for t in tasks}
    assert all(t.origin is TaskOrigin.PLAYBOOK and t.application_id == ids["app"] for t in tasks)
    assert [(t.kind, t.due_on, t.contact_id, t.interview_id) for t in tasks] == [
        (p.kind, p.due_on, p.contact_id, p.interview_id) for p in kept
    ]
    assert [(t.draft_subject, t.draft_body) for t in tasks] == [(p.subject, p.body) for p in kept]
    (saved_priya,) = [t for t in tasks if t.title == "Thank Priya properly"]
    assert saved_priya.draft_body == "My own words."
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
    thanks, reflect, letter = at(plan, "thanks", 2), at(plan, "reflect"), at(plan, "letter")
    plan[thanks].title = "   "
    plan[reflect].due_on = date(1900, 1, 1)
    with pytest.raises(ValidationError) as caught:
        confirm_plan(store, ids["app"], DebriefPath.FIGHT, Answers(), None, None, plan)
    assert set(caught.value.problems) == {f"tasks.{thanks}.title", f"tasks.{reflect}.due_on"}
    plan[thanks].included = False  # an unticked task is not checked
    plan[reflect].due_on = None
    plan[letter].contact_id = 99_999  # deleted while the panel was open
    with pytest.raises(ValidationError) as caught:
        confirm_plan(store, ids["app"], "fight", Answers(), None, None, plan)
    assert caught.value.field == f"tasks.{letter}.contact_id"
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
    assert facts.topics_with(interviewer) == ["Kafka; testing"]
    assert facts.last_interview_with(interviewer) == ids["first"]
    with store.reading() as s:
        companies = set(
            s.scalars(select(Contact.company_id).where(Contact.id.in_([recruiter, interviewer])))
        )
        app_company = s.scalar(select(Application.company_id).where(Application.id == app))
    assert companies == {app_company}
    plan = fight_plan(store, ids)
    assert step(plan, "ask").body.startswith("Hi Jo,")
    assert step(plan, "thanks").body == "Hi Ken. Topics: Kafka; testing.\nSam"


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
        template = "offer"
        title = "Check with {first_name} before you name them"
        [[flight]]
        id = "note"
        kind = "reflection"
        audience = "self"
        due_business_days = 0
        template = "close"
        title = "Note"
        """,
        TEMPLATES,
    )
    # The person's edited copy wins over the playbook's own template, and runs nothing.
    (tmp_path / "offer.txt").write_text("Subject: Hi {first_name}\n\n{x.__class__}")
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
    assert nobody[0].body == (  # no edited copies given: the playbook's own template
        "Hi [name from your network], you could talk to [names from your network].\nSam"
    )


def test_what_stood_out_is_each_persons_own_words_latest_round_first(store: Store) -> None:
    ids = make_application(store)
    with store.transaction() as s:
        third = Interview(
            application_id=ids["app"],
            round=3,
            kind=InterviewKind.FINAL,
            starts_at=_at(THURSDAY - timedelta(days=2)),
        )
        third.participants.append(
            InterviewParticipant(
                contact_id=ids["Priya Raman"],
                topics="python typing\nThe idempotency keys I used",
            )
        )
        s.add(third)
    facts = gather(store, ids["app"])
    assert facts.topics_with(ids["Priya Raman"]) == [
        "python typing",  # round 3 first, as typed
        "The idempotency keys I used",
        "Moving billing off the legacy system; on-call rotation",
    ]
    plan = fight_plan(store, ids)
    priya = next(t for t in plan if t.contact_id == ids["Priya Raman"] and t.step_id == "thanks")
    assert priya.stood_out == (
        "python typing, the idempotency keys I used and moving billing off the legacy system; "
        "on-call rotation"
    )
    assert priya.interview_id == third.id
    # Edited in the plan: used as written, for that person only.
    answers = prefill_answers(facts)
    answers.weak_contact_ids.add(ids["Priya Raman"])
    edited = build_plan(
        facts,
        answers,
        DebriefPath.FIGHT,
        rejection_playbook(),
        THURSDAY,
        "Sam",
        [],
        stood_out_lines={ids["Priya Raman"]: "the Kafka consumer design"},
    )
    bodies = {t.contact_id: t.body for t in edited if t.step_id == "thanks"}
    assert bodies[ids["Priya Raman"]] == "Hi Priya. Topics: the Kafka consumer design.\nSam"
    assert "quarterly work" in bodies[ids["Tomás Ortega"]]
    letter = step(edited, "letter")
    assert "- python typing: [what you would add now]" in letter.body  # never re-capitalised


def test_notes_written_about_someone_are_flagged_in_the_note_written_to_them(
    store: Store,
) -> None:
    ids = make_application(store)
    facts = gather(store, ids["app"])
    plan = build_plan(
        facts,
        prefill_answers(facts),
        DebriefPath.FLIGHT,
        rejection_playbook(),
        THURSDAY,
        "Sam",
        [],
        stood_out_lines={ids["Morgan Lee"]: "his team's Rust rewrite"},
    )
    morgan = next(t for t in plan if t.contact_id == ids["Morgan Lee"])
    assert morgan.note is not None
    assert '"his"' in morgan.note
    assert "his team's Rust rewrite" in morgan.body  # the person's words, untouched
    assert all(t.note is None for t in plan if t.step_id == "thanks" and t is not morgan)


def test_a_referral_names_friends_by_what_they_do_never_by_how_you_know_them(
    store: Store,
) -> None:
    ids = make_application(store)
    with store.transaction() as s:
        s.get(Contact, ids["Rita Osei"]).title = "Former manager"
        s.get(Contact, ids["Lee Chen"]).title = "Friend from university"
    facts = gather(store, ids["app"])
    chosen = [ids["Ana Ruiz"], ids["Lee Chen"], ids["Rita Osei"]]
    plan = build_plan(
        facts, Answers(), DebriefPath.FLIGHT, rejection_playbook(), THURSDAY, "Sam", chosen
    )
    referral = step(plan, "offer")
    assert "Ana Ruiz (Payments Engineer), Lee Chen and Rita Osei." in referral.body
    assert "Former manager" not in referral.body


def test_the_shipped_flight_path_asks_friends_before_naming_them(store: Store) -> None:
    ids = make_application(store)
    facts = gather(store, ids["app"])
    chosen = [ids["Ana Ruiz"], ids["Lee Chen"]]
    plan = build_plan(
        facts, Answers(), DebriefPath.FLIGHT, default_playbook(), THURSDAY, "Sam", chosen
    )
    asks = [t for t in plan if t.step_id == "ask_network"]
    referral = step(plan, "referral")
    assert [t.contact_id for t in asks] == chosen  # one each, before the referral
    assert all(t.due_on is not None and t.due_on < referral.due_on for t in asks)
    assert plan.index(asks[-1]) < plan.index(referral)
