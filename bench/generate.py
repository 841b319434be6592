"""A deterministic large database for benchmarks: N applications, 3N interviews, 5N tasks."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from tracker.db.enums import Connection, ContactRole, InterviewKind, RemoteMode, Stage, TaskKind
from tracker.db.fileinfo import schema_head
from tracker.db.migrate import open_database
from tracker.db.models import (
    Application,
    ApplicationContact,
    Company,
    Contact,
    Interview,
    InterviewParticipant,
    StageChange,
    Task,
)
from tracker.domain.applications import searchable

WORDS = [
    "North",
    "Blue",
    "Harbor",
    "Cinder",
    "Lumen",
    "Kestrel",
    "Granite",
    "Meadow",
    "Orchard",
    "Pebble",
    "Quill",
    "Tide",
    "Bright",
    "Silver",
    "Maple",
    "Cedar",
    "River",
    "Summit",
    "Atlas",
    "Nova",
    "Vertex",
    "Pine",
    "Coral",
    "Delta",
    "Echo",
    "Falcon",
]
ROLES = [
    "Backend Engineer",
    "Data Engineer",
    "Platform Engineer",
    "Frontend Developer",
    "Site Reliability Engineer",
    "Engineering Manager",
    "Staff Engineer",
    "Python Developer",
]
CITIES = ["Berlin", "Amsterdam", "London", "Remote", "Munich", "Lisbon", "Utrecht", "Paris"]
TODAY = date(2026, 11, 26)


def generate(
    path: Path, applications: int, seed: int = 20261126, one_stage: Stage | None = None
) -> None:
    """With *one_stage*, every application sits in that stage but the first ten (offers)."""
    rnd = random.Random(seed)
    opened = open_database(path)
    companies = max(10, applications // 4)
    contacts = applications  # about one person per application, shared across them
    stages = list(Stage)
    with opened.engine.begin() as conn:
        names = [f"{rnd.choice(WORDS)} {rnd.choice(WORDS)} {i}" for i in range(companies)]
        conn.execute(insert(Company), [{"id": i + 1, "name": n} for i, n in enumerate(names)])
        conn.execute(
            insert(Contact),
            [
                {
                    "id": i + 1,
                    "name": f"Person {i}",
                    "title": "Recruiter",
                    "company_id": rnd.randint(1, companies),
                    "in_network": i % 50 == 0,
                    "created_at": datetime(2026, 1, 1, tzinfo=UTC),
                }
                for i in range(contacts)
            ],
        )
        app_rows, changes = [], []
        for i in range(applications):
            found = TODAY - timedelta(days=rnd.randint(1, 300))
            stage = rnd.choice(stages)
            if one_stage is not None:
                stage = one_stage if i >= 10 else Stage.OFFER
            updated = datetime.combine(found, datetime.min.time(), UTC) + timedelta(
                hours=rnd.randint(1, 2000)
            )
            company_id, role, city = (
                rnd.randint(1, companies),
                rnd.choice(ROLES),
                rnd.choice(CITIES),
            )
            notes = f"Note {rnd.choice(WORDS)} {i}"
            app_rows.append(
                {
                    "id": i + 1,
                    "company_id": company_id,
                    "role": role,
                    "location": city,
                    "remote_mode": rnd.choice(list(RemoteMode)),
                    "search_text": searchable(names[company_id - 1], role, city, notes),
                    "stage": stage,
                    "priority": rnd.randint(0, 5),
                    "found_on": found,
                    "applied_on": found + timedelta(days=1),
                    "archived": i % 40 == 0,
                    "notes": notes,
                    "created_at": updated,
                    "stage_changed_at": updated,
                    "updated_at": updated,
                }
            )
            changes.append(
                {
                    "application_id": i + 1,
                    "from_stage": None,
                    "to_stage": Stage.WISHLIST,
                    "changed_at": updated - timedelta(days=3),
                }
            )
            changes.append(
                {
                    "application_id": i + 1,
                    "from_stage": Stage.WISHLIST,
                    "to_stage": stage,
                    "changed_at": updated,
                }
            )
        conn.execute(insert(Application), app_rows)
        conn.execute(insert(StageChange), changes)
        conn.execute(
            insert(ApplicationContact),
            [
                {
                    "application_id": i + 1,
                    "contact_id": rnd.randint(1, contacts),
                    "role": ContactRole.RECRUITER,
                }
                for i in range(applications)
            ],
        )
        interviews, participants = [], []
        for i in range(applications * 3):
            interviews.append(
                {
                    "id": i + 1,
                    "application_id": i // 3 + 1,
                    "round": i % 3 + 1,
                    "kind": rnd.choice(list(InterviewKind)),
                    "starts_at": datetime(2026, 6, 1, tzinfo=UTC) + timedelta(hours=i),
                    "duration_minutes": 60,
                }
            )
            participants.append(
                {
                    "interview_id": i + 1,
                    "contact_id": rnd.randint(1, contacts),
                    "topics": "System design; team culture",
                    "connection": rnd.choice(list(Connection)),
                }
            )
        conn.execute(insert(Interview), interviews)
        conn.execute(insert(InterviewParticipant), participants)
        conn.execute(
            insert(Task),
            [
                {
                    "title": f"Follow up {i}",
                    "kind": rnd.choice(list(TaskKind)),
                    "due_on": TODAY + timedelta(days=rnd.randint(-20, 40)) if i % 7 else None,
                    "done": i % 3 == 0,
                    "application_id": rnd.randint(1, applications),
                    "created_at": datetime(2026, 1, 1, tzinfo=UTC),
                }
                for i in range(applications * 5)
            ],
        )
    opened.engine.dispose()


def cached(folder: Path, applications: int, one_stage: Stage | None = None) -> Path:
    """The benchmark database for this size, generated once and kept under *folder*."""
    # Named by the schema revision too: a database from an older schema would be upgraded
    # (and copied) by the app on its first launch, and the bench would time that.
    name = f"apps-{applications}" + (f"-{one_stage.value}" if one_stage else "")
    name += f"-r{schema_head()}"
    target = folder / name / "tracker.db"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        generate(partial, applications, one_stage=one_stage)
        partial.rename(target)
    return target
