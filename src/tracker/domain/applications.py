"""Applications: create, edit, archive, delete, and the one rule for changing stage.

The table's queries (filter, sort, page, count) are in tracker.domain.table.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tracker.db.coltypes import utcnow
from tracker.db.enums import RemoteMode, Stage
from tracker.db.models import Application, Company, Contact, StageChange
from tracker.domain.changes import Written
from tracker.domain.errors import ConflictError, UnreadableError
from tracker.domain.rows import StageMove
from tracker.domain.store import Store, fetch, written
from tracker.domain.validate import LONG_TEXT, Checker

MAX_SALARY = 100_000_000


@dataclass(frozen=True)
class ApplicationInput:
    """What a person types about one application. Text is trimmed; empty text means none."""

    company: str
    role: str
    stage: Stage | str = Stage.WISHLIST
    posting_url: str | None = None
    location: str | None = None
    remote_mode: RemoteMode | str | None = None
    salary_min: int | None = None
    salary_max: int | None = None
    salary_currency: str | None = None
    source: str | None = None
    priority: int = 0
    found_on: date | None = None
    applied_on: date | None = None
    closed_on: date | None = None
    job_description: str | None = None
    notes: str | None = None


def _clean(data: ApplicationInput) -> ApplicationInput:
    c = Checker()
    company = c.required("company", "Company", data.company)
    role = c.required("role", "Role", data.role)
    stage = c.choice("stage", "Stage", Stage, data.stage) or Stage.WISHLIST
    remote = c.choice("remote_mode", "Remote", RemoteMode, data.remote_mode)
    salary_min = c.whole("salary_min", "Minimum salary", data.salary_min, 0, MAX_SALARY)
    salary_max = c.whole("salary_max", "Maximum salary", data.salary_max, 0, MAX_SALARY)
    if salary_min is not None and salary_max is not None and salary_min > salary_max:
        c.fail("salary_max", "The maximum salary is below the minimum.")
    currency = c.text("salary_currency", "Currency", data.salary_currency, 3)
    if currency is not None and not (len(currency) == 3 and currency.isalpha()):
        c.fail("salary_currency", "Currency is a three-letter code, such as EUR or USD.")
    found = c.day("found_on", "Date found", data.found_on)
    applied = c.day("applied_on", "Date applied", data.applied_on)
    closed = c.day("closed_on", "Date closed", data.closed_on)
    if found and applied and applied < found:
        c.fail("applied_on", "The application date is before the date you found the job.")
    start = applied or found
    if closed and start and closed < start:
        c.fail("closed_on", "The closing date is before the job was found or applied for.")
    cleaned = ApplicationInput(
        company=company,
        role=role,
        stage=stage,
        posting_url=c.url("posting_url", "Posting link", data.posting_url),
        location=c.text("location", "Location", data.location),
        remote_mode=remote,
        salary_min=salary_min,
        salary_max=salary_max,
        salary_currency=currency.upper() if currency else None,
        source=c.text("source", "Source", data.source),
        priority=c.whole("priority", "Priority", data.priority, 0, 5) or 0,
        found_on=found,
        applied_on=applied,
        closed_on=closed,
        job_description=c.text(
            "job_description", "Job description", data.job_description, LONG_TEXT
        ),
        notes=c.text("notes", "Notes", data.notes, LONG_TEXT),
    )
    c.done()
    return cleaned


def company_named(session: Session, name: str) -> Company:
    """The company with this name (ignoring case), created if it is new.

    Race-free: if another process adds the same company between the look-up and the insert,
    the insert's savepoint is rolled back and that company is used.
    """
    query = select(Company).where(func.lower(Company.name) == name.lower())
    found = session.scalar(query)
    if found is not None:
        return found
    try:
        with session.begin_nested():
            found = Company(name=name)
            session.add(found)
    except IntegrityError:
        found = session.scalar(query)
        if found is None:
            raise
    return found


def searchable(company: str, role: str, location: str | None, notes: str | None) -> str:
    """What the search box matches, folded so that "ørsted" finds "Ørsted"."""
    return "\n".join(part for part in (company, role, location, notes) if part).casefold()


def _apply(session: Session, application: Application, data: ApplicationInput) -> None:
    application.company = company_named(session, data.company)
    for f in fields(ApplicationInput):
        if f.name not in ("company", "stage"):
            setattr(application, f.name, getattr(data, f.name))
    application.search_text = searchable(data.company, data.role, data.location, data.notes)


def _keep_dates_in_step(application: Application, stage: Stage, today: date) -> None:
    if stage is not Stage.WISHLIST and application.applied_on is None:
        application.applied_on = today
    if stage.is_closed:
        application.closed_on = application.closed_on or today
    else:
        application.closed_on = None


def _move(session: Session, application: Application, to: Stage, note: str | None) -> StageMove:
    """The one stage rule: record the change and keep the dates in step with it."""
    move = StageMove(application.id, application.stage, to, utcnow())
    if not move.changed:
        return move
    _keep_dates_in_step(application, to, move.changed_at.astimezone().date())
    application.stage = to
    application.updated_at = move.changed_at
    application.stage_changed_at = move.changed_at
    session.add(
        StageChange(
            application=application,
            from_stage=move.from_stage,
            to_stage=to,
            changed_at=move.changed_at,
            note=note,
        )
    )
    return move


def create_application(store: Store, data: ApplicationInput) -> Written[int]:
    data = _clean(data)
    with store.transaction() as session:
        application = Application(stage=Stage(data.stage))
        _apply(session, application, data)
        _keep_dates_in_step(application, application.stage, date.today())
        session.add(application)
        session.flush()
        session.add(
            StageChange(application=application, from_stage=None, to_stage=application.stage)
        )
        session.flush()
        return written(session, application.id)


def get_application(store: Store, application_id: int) -> ApplicationInput:
    return get_application_version(store, application_id)[0]


def get_application_version(store: Store, application_id: int) -> tuple[ApplicationInput, int]:
    """The fields as a form shows them, and the version they were read at (for saving).

    UnreadableError when a stored value cannot be read (SQLAlchemy raises LookupError for an
    unknown stage, ValueError for a date that is not one, as it loads the row).
    """
    with store.reading() as session:
        try:
            application = fetch(session, Application, application_id)
            values = {
                f.name: getattr(application, f.name)
                for f in fields(ApplicationInput)
                if f.name != "company"
            }
        except (LookupError, ValueError) as exc:
            raise UnreadableError("application", application_id) from exc
        return ApplicationInput(company=application.company.name, **values), application.version


def update_application(
    store: Store, application_id: int, data: ApplicationInput, version: int | None = None
) -> Written[StageMove]:
    """Save every field; a different stage goes through the stage rule in the same transaction.

    With *version* (what the form was read at), a row changed since then is not overwritten:
    ConflictError, and nothing is written.
    """
    data = _clean(data)
    with store.transaction() as session:
        application = fetch(session, Application, application_id)
        if version is not None and application.version != version:
            raise ConflictError("application", application_id)
        old_company = application.company_id
        _apply(session, application, data)
        application.updated_at = utcnow()
        move = _move(session, application, Stage(data.stage), None)
        session.flush()
        drop_company_if_unused(session, old_company)
        return written(session, move)


def change_stage(
    store: Store, application_id: int, stage: Stage | str, note: str | None = None
) -> Written[StageMove]:
    """Move an application to another stage (same stage: nothing written, nothing changed)."""
    c = Checker()
    to = c.choice("stage", "Stage", Stage, stage)
    clean_note = c.text("note", "Note", note, LONG_TEXT)
    if to is None:
        c.fail("stage", "Choose a stage.")
    c.done()
    assert to is not None
    with store.transaction() as session:
        move = _move(session, fetch(session, Application, application_id), to, clean_note)
        return written(session, move)


def set_archived(store: Store, application_id: int, archived: bool = True) -> Written[None]:
    with store.transaction() as session:
        application = fetch(session, Application, application_id)
        application.archived = archived
        application.updated_at = utcnow()
        return written(session, None)


def delete_application(store: Store, application_id: int) -> Written[None]:
    """Delete an application and everything that belongs only to it."""
    with store.transaction() as session:
        application = fetch(session, Application, application_id)
        company_id = application.company_id
        session.delete(application)
        session.flush()
        drop_company_if_unused(session, company_id)
        return written(session, None)


def drop_company_if_unused(session: Session, company_id: int | None) -> None:
    """Companies exist for their applications and contacts; remove one nobody uses."""
    if company_id is None:
        return
    used = session.scalar(
        select(func.count()).select_from(Application).where(Application.company_id == company_id)
    ) or session.scalar(
        select(func.count()).select_from(Contact).where(Contact.company_id == company_id)
    )
    if not used:
        company = session.get(Company, company_id)
        if company is not None:
            session.delete(company)
