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
        ("Kestrel", "Data Engineer", DebriefPath.FLIGHT, None),
        ("Northwind", "Backend Engineer", DebriefPath.FLIGHT, "Calm"),
        ("Northwind", "Backend Engineer", DebriefPath.FIGHT, "Clear code"),
    ]
    assert [r.application_id for r in rows] == [kestrel_id, north_id, north_id]
    assert rows[2].do_differently == "Ask more questions"
    assert rows[0].created_at == datetime(2026, 5, 1, tzinfo=UTC)
