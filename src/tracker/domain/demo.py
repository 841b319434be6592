"""A realistic sample pipeline, so a first look at the app shows it alive."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracker.db.enums import (
    ACTIVE_STAGES,
    Connection,
    ContactRole,
    DebriefPath,
    InterviewKind,
    RemoteMode,
    Stage,
    TaskKind,
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
from tracker.domain.applications import searchable
from tracker.domain.rejection.plan import Answers
from tracker.domain.store import Store


class DemoRefused(Exception):
    """The database already holds data; the demo never mixes with real data."""


class DemoJob(NamedTuple):
    company: str
    role: str
    stage: Stage
    age_days: int
    location: str
    remote: RemoteMode
    salary: tuple[int, int]
    source: str
    priority: int


# company | role | stage | days since found | location | remote | salary | source | priority
PIPELINE_TABLE = """
Lumen Health        | Staff Engineer            | wishlist     |   3 | Berlin      | hybrid | 95000-115000  | Company website  | 4
Harbor & Finch      | Platform Engineer         | wishlist     |   6 | Remote (EU) | remote | 80000-95000   | Newsletter       | 2
Kestrel Maps        | Backend Engineer          | applied      |  12 | Amsterdam   | hybrid | 75000-90000   | Job board        | 3
Tidewater Energy    | Software Engineer, Data   | applied      |   9 | Rotterdam   | onsite | 70000-85000   | LinkedIn         | 2
Quillstone          | Senior Python Developer   | screening    |  18 | Remote      | remote | 85000-100000  | Referral         | 4
Orchard Robotics    | Backend Engineer          | interviewing |  30 | Munich      | hybrid | 90000-110000  | Recruiter        | 5
Bluebell Bank       | Senior Software Engineer  | interviewing |  26 | London      | hybrid | 95000-120000  | Job board        | 3
Cinder Labs         | Infrastructure Engineer   | offer        |  45 | Remote      | remote | 100000-120000 | Referral         | 5
Northwind Analytics | Backend Engineer          | rejected     |  40 | Utrecht     | hybrid | 80000-95000   | Job board        | 5
Pebble Post         | Python Engineer           | withdrawn    |  60 | Remote      | remote | 60000-70000   | Job board        | 1
Granite Systems     | Site Reliability Engineer | ghosted      |  70 | Hamburg     | onsite | 75000-85000   | LinkedIn         | 2
Meadow Learning     | Engineering Lead          | accepted     | 120 | Remote      | remote | 90000-105000  | Former colleague | 3
Brightline Payments | Backend Engineer          | rejected     |  75 | Berlin      | hybrid | 80000-95000   | LinkedIn         | 3
Atlas Freight       | Data Platform Engineer    | rejected     |  95 | Hamburg     | onsite | 75000-90000   | Job board        | 3
Summit Care         | Python Developer          | rejected     |  50 | Remote      | remote | 65000-80000   | Job board        | 2
"""  # noqa: E501

# Earlier rejections, each turned down at its own step, so the Insights have a history.
PATHS = {
    "Brightline Payments": [Stage.WISHLIST, Stage.APPLIED, Stage.SCREENING, Stage.REJECTED],
    "Atlas Freight": [
        Stage.WISHLIST,
        Stage.APPLIED,
        Stage.SCREENING,
        Stage.INTERVIEWING,
        Stage.REJECTED,
    ],
    "Summit Care": [Stage.WISHLIST, Stage.APPLIED, Stage.REJECTED],
}


def _pipeline() -> list[DemoJob]:
    jobs = []
    for line in PIPELINE_TABLE.strip().splitlines():
        company, role, stage, age, location, remote, salary, source, priority = (
            cell.strip() for cell in line.split("|")
        )
        low, high = salary.split("-")
        jobs.append(
            DemoJob(
                company,
                role,
                Stage(stage),
                int(age),
                location,
                RemoteMode(remote),
                (int(low), int(high)),
                source,
                int(priority),
            )
        )
    return jobs


ORDER = [*ACTIVE_STAGES, Stage.ACCEPTED]


def _path_to(stage: Stage) -> list[Stage]:
    """The stages an application passed through to reach *stage*."""
    if stage in ORDER:
        return ORDER[: ORDER.index(stage) + 1]
    reached = {
        Stage.REJECTED: Stage.INTERVIEWING,
        Stage.WITHDRAWN: Stage.SCREENING,
        Stage.GHOSTED: Stage.APPLIED,
    }[stage]
    return [*_path_to(reached), stage]


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=UTC)


def load_demo(store: Store, today: date | None = None) -> int:
    """Fill an empty database with the sample pipeline; return how many applications."""
    today = today or date.today()
    with store.transaction() as session:
        if any(
            session.scalar(select(func.count()).select_from(model))
            for model in (Application, Contact, Task, Company)
        ):
            raise DemoRefused(
                "This database already holds data, so the demo was not added. "
                "Use --data-dir with an empty folder to try the demo."
            )
        apps = {job.company: _add_application(session, job, today) for job in _pipeline()}
        _add_people(session, apps, today)
        _add_past_rejections(session, apps)
        return len(apps)


def _add_application(session: Session, job: DemoJob, today: date) -> Application:
    company, role, stage, age, location, remote, (low, high), source, priority = job
    found = today - timedelta(days=age)
    path = PATHS.get(company) or _path_to(stage)
    step = max(1, age // len(path))
    app = Application(
        company=Company(name=company),
        role=role,
        stage=stage,
        location=location,
        remote_mode=remote,
        salary_min=low,
        salary_max=high,
        salary_currency="EUR",
        source=source,
        priority=priority,
        found_on=found,
        applied_on=found + timedelta(days=1) if stage is not Stage.WISHLIST else None,
        posting_url=f"https://jobs.example.com/{company.lower().replace(' ', '-')}",
        notes=f"Found through {source.lower()}.",
        search_text=searchable(company, role, location, f"Found through {source.lower()}."),
        created_at=_at(found),
        updated_at=_at(today - timedelta(days=1)),
    )
    session.add(app)
    previous: Stage | None = None
    for i, reached in enumerate(path):
        when = found + timedelta(days=min(i * step, age - 1)) if i else found
        if reached is stage and stage.is_closed and company not in PATHS:
            when = today - timedelta(days=1)
        session.add(
            StageChange(
                application=app, from_stage=previous, to_stage=reached, changed_at=_at(when, 9 + i)
            )
        )
        previous = reached
        app.updated_at = app.stage_changed_at = _at(when, 9 + i)
        app.closed_on = when if reached.is_closed else None
    return app


def _person(
    session: Session,
    name: str,
    title: str,
    company: Company | None,
    email: str,
    network: bool = False,
) -> Contact:
    contact = Contact(name=name, title=title, company=company, email=email, in_network=network)
    session.add(contact)
    return contact


def _role(session: Session, app: Application, contact: Contact, role: ContactRole) -> None:
    session.add(ApplicationContact(application=app, contact=contact, role=role))


def _interview(
    session: Session,
    app: Application,
    rnd: int,
    kind: InterviewKind,
    day: date,
    people: list[tuple[Contact, str, Connection]],
    assessment: int,
) -> None:
    interview = Interview(
        application=app,
        round=rnd,
        kind=kind,
        starts_at=_at(day, 13),
        duration_minutes=60,
        location="Video call",
        self_assessment=assessment,
        notes="Wrote this down right after the call.",
    )
    for contact, topics, connection in people:
        interview.participants.append(
            InterviewParticipant(contact=contact, topics=topics, connection=connection)
        )
        _role(session, app, contact, ContactRole.INTERVIEWER)
    session.add(interview)


def _add_people(session: Session, apps: dict[str, Application], today: date) -> None:
    day = timedelta(days=1)
    northwind = apps["Northwind Analytics"]
    jordan = _person(
        session,
        "Jordan Blake",
        "Technical Recruiter",
        northwind.company,
        "jordan.blake@northwind.example",
    )
    morgan = _person(
        session,
        "Morgan Lee",
        "Head of Engineering",
        northwind.company,
        "morgan.lee@northwind.example",
    )
    priya = _person(
        session,
        "Priya Raman",
        "Senior Backend Engineer",
        northwind.company,
        "priya.raman@northwind.example",
    )
    tomas = _person(
        session,
        "Tomás Ortega",
        "Engineering Manager",
        northwind.company,
        "tomas.ortega@northwind.example",
    )
    _role(session, northwind, jordan, ContactRole.RECRUITER)
    _role(session, northwind, morgan, ContactRole.DECISION_MAKER)
    _role(session, northwind, morgan, ContactRole.HIRING_MANAGER)
    _interview(
        session,
        northwind,
        1,
        InterviewKind.TECHNICAL,
        today - 12 * day,
        [(priya, "Moving billing off the legacy system\non-call rotation", Connection.STRONG)],
        4,
    )
    _interview(
        session,
        northwind,
        2,
        InterviewKind.BEHAVIOURAL,
        today - 6 * day,
        [
            (
                tomas,
                "How the team plans quarterly work\nmentoring junior engineers",
                Connection.WEAK,
            ),
            (morgan, "Why I want to move into payments\nscaling the data team", Connection.OKAY),
        ],
        3,
    )

    orchard = apps["Orchard Robotics"]
    sofia = _person(
        session, "Sofia Berg", "Talent Partner", orchard.company, "sofia.berg@orchard.example"
    )
    ken = _person(
        session, "Ken Adeyemi", "Staff Engineer", orchard.company, "ken.adeyemi@orchard.example"
    )
    _role(session, orchard, sofia, ContactRole.RECRUITER)
    _interview(
        session,
        orchard,
        1,
        InterviewKind.PHONE_SCREEN,
        today - 9 * day,
        [(sofia, "Relocation to Munich\nsalary expectations", Connection.STRONG)],
        4,
    )
    _interview(
        session,
        orchard,
        2,
        InterviewKind.TECHNICAL,
        today - 2 * day,
        [(ken, "Designing a fleet telemetry pipeline\nPython typing", Connection.OKAY)],
        3,
    )

    bluebell = apps["Bluebell Bank"]
    hana = _person(
        session, "Hana Kowalski", "Recruiter", bluebell.company, "hana.kowalski@bluebell.example"
    )
    _role(session, bluebell, hana, ContactRole.RECRUITER)
    _interview(
        session,
        bluebell,
        1,
        InterviewKind.PHONE_SCREEN,
        today + 2 * day,
        [(hana, "", Connection.OKAY)],
        3,
    )

    ana = _person(session, "Ana Ruiz", "Payments Engineer", None, "ana.ruiz@example.com", True)
    lee = _person(session, "Lee Chen", "Backend Developer", None, "lee.chen@example.com", True)
    quill = apps["Quillstone"]
    _role(session, quill, ana, ContactRole.REFERRER)
    _person(session, "Rita Osei", "Former manager", None, "rita.osei@example.com", True)
    del lee  # in the network, not on any application yet

    session.add_all(
        [
            Task(
                kind=TaskKind.THANK_YOU,
                title="Thank Ken for the technical interview",
                due_on=today,
                application=orchard,
                contact=ken,
            ),
            Task(
                kind=TaskKind.PREP,
                title="Prepare questions for the Bluebell screen",
                due_on=today + day,
                application=bluebell,
            ),
            Task(
                kind=TaskKind.FOLLOW_UP,
                title="Follow up on the Kestrel application",
                due_on=today - 2 * day,
                application=apps["Kestrel Maps"],
            ),
            Task(
                kind=TaskKind.TODO,
                title="Compare the Cinder Labs offer with my list",
                due_on=today + 3 * day,
                application=apps["Cinder Labs"],
            ),
            Task(
                kind=TaskKind.TODO,
                title="Ask Ana about the Quillstone team",
                due_on=today + 5 * day,
                application=quill,
                contact=ana,
            ),
            Task(kind=TaskKind.TODO, title="Update my CV with the billing migration project"),
        ]
    )


def _reached(app: Application, stage: Stage) -> date:
    return next(c.changed_at.date() for c in app.stage_changes if c.to_stage is stage)


def _add_past_rejections(session: Session, apps: dict[str, Application]) -> None:
    """Interviews and debriefs for the earlier rejections: what felt weaker, what to keep."""
    day = timedelta(days=1)
    brightline, atlas = apps["Brightline Payments"], apps["Atlas Freight"]
    screen = Interview(
        application=brightline,
        round=1,
        kind=InterviewKind.PHONE_SCREEN,
        starts_at=_at(_reached(brightline, Stage.SCREENING) + 2 * day, 11),
        duration_minutes=30,
        self_assessment=2,
        notes="Salary came up early and I had no number ready.",
    )
    atlas_screen = Interview(
        application=atlas,
        round=1,
        kind=InterviewKind.PHONE_SCREEN,
        starts_at=_at(_reached(atlas, Stage.SCREENING) + 2 * day, 15),
        duration_minutes=30,
        self_assessment=4,
    )
    atlas_technical = Interview(
        application=atlas,
        round=2,
        kind=InterviewKind.TECHNICAL,
        starts_at=_at(_reached(atlas, Stage.INTERVIEWING) + 3 * day, 14),
        duration_minutes=90,
        self_assessment=2,
        notes="Live coding on a streaming join. I went quiet when I got stuck.",
    )
    session.add_all([screen, atlas_screen, atlas_technical])
    session.flush()
    session.add_all(
        [
            RejectionDebrief(
                application=brightline,
                path=DebriefPath.FLIGHT,
                answers=Answers(still_want=False, weak_interview_ids={screen.id}).to_json(),
                went_well="I was clear about why payments interest me.",
                do_differently="Have a salary range ready before the first call.",
                created_at=_at(brightline.closed_on or date.today(), 18),
            ),
            RejectionDebrief(
                application=atlas,
                path=DebriefPath.FLIGHT,
                answers=Answers(still_want=True, weak_interview_ids={atlas_technical.id}).to_json(),
                went_well="The data modelling questions went well; they liked the migration story.",
                do_differently="Practise live coding out loud; say what I am trying when stuck.",
                created_at=_at(atlas.closed_on or date.today(), 18),
            ),
        ]
    )
