from datetime import UTC, datetime

from tracker.db.enums import DebriefPath
from tracker.db.models import Application, Company, RejectionDebrief
from tracker.domain.lessons import lesson_rows
from tracker.domain.store import Store


def test_lessons_are_listed_newest_first(store: Store) -> None:
    assert lesson_rows(store) == []
    with store.transaction() as s:
        north = Application(company=Company(name="Northwind"), role="Backend Engineer")
        kestrel = Application(company=Company(name="Kestrel"), role="Data Engineer")
        s.add_all(
            [
                RejectionDebrief(
                    application=north,
                    path=DebriefPath.FIGHT,
                    went_well="Clear code",
                    do_differently="Ask more questions",
                    created_at=datetime(2026, 3, 1, tzinfo=UTC),
                ),
                RejectionDebrief(
                    application=kestrel,
                    path=DebriefPath.FLIGHT,
                    created_at=datetime(2026, 5, 1, tzinfo=UTC),
                ),
                RejectionDebrief(
                    application=north,
                    path=DebriefPath.FLIGHT,
                    went_well="Calm",
                    created_at=datetime(2026, 4, 1, tzinfo=UTC),
                ),
            ]
        )
        s.flush()
        north_id, kestrel_id = north.id, kestrel.id
    rows = lesson_rows(store)
    assert [(r.company, r.role, r.path, r.went_well) for r in rows] == [
        # Kestrel's debrief has nothing written: not an empty row
        ("Northwind", "Backend Engineer", DebriefPath.FLIGHT, "Calm"),
        ("Northwind", "Backend Engineer", DebriefPath.FIGHT, "Clear code"),
    ]
    assert [r.application_id for r in rows] == [north_id, north_id]
    assert kestrel_id not in {r.application_id for r in rows}
    assert rows[1].do_differently == "Ask more questions"
    assert rows[0].created_at == datetime(2026, 4, 1, tzinfo=UTC)


def test_what_repeats_across_rejections(store: Store) -> None:
    import json

    from tracker.db.enums import InterviewKind, Stage
    from tracker.db.models import Interview, StageChange
    from tracker.domain.lessons import patterns

    assert patterns(store).empty
    with store.transaction() as s:
        apps = [Application(company=Company(name=f"C{i}"), role="Engineer") for i in range(3)]
        s.add_all(apps)
        s.flush()
        tech = [Interview(application=a, kind=InterviewKind.TECHNICAL) for a in apps]
        screen = Interview(application=apps[0], kind=InterviewKind.PHONE_SCREEN)
        s.add_all([*tech, screen])
        s.flush()
        for app, before in zip(
            apps, [Stage.INTERVIEWING, Stage.INTERVIEWING, Stage.APPLIED], strict=True
        ):
            s.add(StageChange(application=app, from_stage=before, to_stage=Stage.REJECTED))
        lines = [
            "Ask about the team earlier\nPractise system design",
            "ask about the TEAM earlier.",
            "- Practise system design",
        ]
        for app, interview, line in zip(apps, tech, lines, strict=True):
            s.add(
                RejectionDebrief(
                    application=app,
                    path=DebriefPath.FIGHT,
                    answers=json.dumps({"weak_interview_ids": [interview.id]}),
                    do_differently=line,
                )
            )
    found = patterns(store)
    assert found.stages == [(Stage.INTERVIEWING, 2), (Stage.APPLIED, 1)]
    assert found.weak_kinds == [(InterviewKind.TECHNICAL, 3)]
    assert sorted(found.recurring) == [
        ("Practise system design", 2),
        ("ask about the TEAM earlier.", 2),  # the newest wording, as typed
    ]
