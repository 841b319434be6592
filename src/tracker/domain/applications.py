"""Applications: create, edit, archive, delete, list, and the one rule for changing stage."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, case, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import InstrumentedAttribute, Session

from tracker.db.coltypes import utcnow
from tracker.db.enums import RemoteMode, Stage
from tracker.db.models import Application, Company, Contact, StageChange
from tracker.domain.changes import Written
from tracker.domain.errors import ConflictError
from tracker.domain.rows import DEFAULT_SORT, ApplicationRow, Sort, SortColumn, StageMove
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
    """The fields as a form shows them, and the version they were read at (for saving)."""
    with store.reading() as session:
        application = fetch(session, Application, application_id)
        values = {
            f.name: getattr(application, f.name)
            for f in fields(ApplicationInput)
            if f.name != "company"
        }
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


def _sort_expression(column: SortColumn) -> ColumnElement[Any] | InstrumentedAttribute[Any]:
    match column:
        case SortColumn.COMPANY:
            return func.lower(Company.name)
        case SortColumn.ROLE:
            return func.lower(Application.role)
        case SortColumn.STAGE:
            # Pipeline order, not alphabetical: wishlist first, closed outcomes last.
            return case(
                {stage.value: rank for rank, stage in enumerate(Stage)},
                value=Application.stage,
                else_=len(Stage),
            )
        case SortColumn.LOCATION:
            return func.lower(Application.location)
        case SortColumn.APPLIED:
            return Application.applied_on
        case SortColumn.UPDATED:
            return Application.updated_at


def table_filters(
    search: str = "",
    stage: Stage | None = None,
    include_archived: bool = False,
    *,
    narrow: bool = False,
) -> list[ColumnElement[bool]]:
    """The WHERE terms of the applications table (and of its count).

    `archived IS NOT true` rather than `IS false`: the same rows, but SQLite then walks the index
    of the sort column (the newest first at once) instead of the board's index on `archived`.
    With *narrow*, the search runs once as a subquery of ids: for a rare term SQLite then sorts
    the few matches instead of walking the whole sort index to find 200 of them.
    """
    terms: list[ColumnElement[bool]] = []
    if not include_archived:
        terms.append(Application.archived.is_not(True))
    if stage is not None:
        terms.append(Application.stage == stage)
    text = search.strip().casefold()
    if text:
        match = Application.search_text.like(f"%{escape_like(text)}%", escape="\\")
        if narrow:
            terms.append(Application.id.in_(select(Application.id).where(match)))
        else:
            terms.append(match)
    return terms


def rows_query(
    search: str = "",
    stage: Stage | None = None,
    include_archived: bool = False,
    sort: Sort = DEFAULT_SORT,
    *,
    narrow: bool = False,
) -> Select[int, str, str, Stage, str | None, date | None, datetime, bool]:
    """The applications table's query: only its columns, filtered and sorted in SQL."""
    key = _sort_expression(sort.column)
    tie = Application.id.desc() if sort.descending else Application.id.asc()
    return (
        select(
            Application.id,
            Company.name,
            Application.role,
            Application.stage,
            Application.location,
            Application.applied_on,
            Application.updated_at,
            Application.archived,
        )
        .join(Company, Application.company_id == Company.id)
        .where(*table_filters(search, stage, include_archived, narrow=narrow))
        .order_by(key.desc().nulls_last() if sort.descending else key.asc().nulls_last(), tie)
    )


def count_query(
    search: str = "", stage: Stage | None = None, include_archived: bool = False
) -> Select[int]:
    """How many rows the table's query matches (the join to companies never drops one)."""
    return (
        select(func.count())
        .select_from(Application)
        .where(*table_filters(search, stage, include_archived))
    )


@dataclass(frozen=True)
class TablePage:
    """One page of the applications table, and how many rows the filter matches in all."""

    rows: list[ApplicationRow]
    matches: int
    narrow: bool  # the search is rare: later pages use the same plan (see table_filters)


NARROW_SHARE = 20  # a search matching under 1/20 of the rows sorts its matches (table_filters)


def table_page(
    store: Store,
    search: str = "",
    stage: Stage | None = None,
    include_archived: bool = False,
    sort: Sort = DEFAULT_SORT,
    *,
    limit: int,
    total: int | None = None,
) -> TablePage:
    """The first *limit* rows of the table and the count of all it matches, in one session.

    *total* (rows without the filter) lets the count choose the plan for a rare search term.
    """
    with store.reading() as session:
        matches = session.scalar(count_query(search, stage, include_archived)) or 0
        narrow = bool(search.strip()) and matches * NARROW_SHARE < (total or matches)
        query = rows_query(search, stage, include_archived, sort, narrow=narrow).limit(limit)
        rows = [ApplicationRow(*row) for row in session.execute(query)]
    return TablePage(rows, matches, narrow)


def more_rows(
    store: Store,
    search: str = "",
    stage: Stage | None = None,
    include_archived: bool = False,
    sort: Sort = DEFAULT_SORT,
    *,
    offset: int,
    limit: int,
    narrow: bool = False,
) -> list[ApplicationRow]:
    """The table's rows from *offset* on, for scrolling further down."""
    query = rows_query(search, stage, include_archived, sort, narrow=narrow)
    with store.reading() as session:
        return [ApplicationRow(*row) for row in session.execute(query.offset(offset).limit(limit))]


def count_applications(store: Store, include_archived: bool = False) -> int:
    query = count_query(include_archived=include_archived)
    with store.reading() as session:
        return session.scalar(query) or 0


def escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
