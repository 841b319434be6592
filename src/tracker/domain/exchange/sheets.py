"""CSV for spreadsheets, formula-safe.

A spreadsheet runs a cell that begins with =, +, -, @, a tab or a carriage return as a
formula; every text cell that does is written with a leading apostrophe, which spreadsheets
show as plain text (OWASP's advice on CSV injection). Numbers and dates are written as they
are. The JSON export keeps the exact text.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import IO

from sqlalchemy import func, select

from tracker.db.models import (
    Application,
    ApplicationContact,
    Company,
    Contact,
    Interview,
    InterviewParticipant,
    Task,
)
from tracker.domain.exchange.files import write_atomically
from tracker.domain.store import Store

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_TABLES = ("applications", "interviews", "contacts", "tasks")
Cell = str | int | bool | date | datetime | None


def formula_safe(text: str) -> str:
    """*text*, with a leading apostrophe when a spreadsheet would run it as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _cell(value: Cell) -> str | int:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return value
    if isinstance(value, datetime):
        return value.astimezone().strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return formula_safe(str(value))


def _write_rows(header: Sequence[str], rows: Iterable[Sequence[Cell]], handle: IO[str]) -> None:
    writer = csv.writer(handle, lineterminator="\r\n")  # RFC 4180
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(v) for v in row])


APPLICATION_HEADER = (
    "Company",
    "Role",
    "Stage",
    "Location",
    "Remote",
    "Date found",
    "Date applied",
    "Date closed",
    "Salary min",
    "Salary max",
    "Currency",
    "Source",
    "Priority",
    "Posting link",
    "Interviews",
    "Open tasks",
    "Archived",
    "Last updated",
    "Notes",
)


def _application_rows(store: Store) -> list[tuple[Cell, ...]]:
    interviews = (
        select(func.count())
        .where(Interview.application_id == Application.id)
        .scalar_subquery()
        .label("interviews")
    )
    open_tasks = (
        select(func.count())
        .where(Task.application_id == Application.id, Task.done.is_(False))
        .scalar_subquery()
        .label("open_tasks")
    )
    query = (
        select(
            Company.name,
            Application.role,
            Application.stage,
            Application.location,
            Application.remote_mode,
            Application.found_on,
            Application.applied_on,
            Application.closed_on,
            Application.salary_min,
            Application.salary_max,
            Application.salary_currency,
            Application.source,
            Application.priority,
            Application.posting_url,
            interviews,
            open_tasks,
            Application.archived,
            Application.updated_at,
            Application.notes,
        )
        .join(Company, Application.company_id == Company.id)
        .order_by(Application.id)
    )
    with store.reading() as session:
        return [
            tuple(v.value if hasattr(v, "value") else v for v in row)
            for row in session.execute(query)
        ]


INTERVIEW_HEADER = (
    "Company",
    "Role",
    "Round",
    "Kind",
    "Starts",
    "Minutes",
    "Place or link",
    "People",
    "Topics",
    "Self-assessment",
    "Notes",
)


def _interview_rows(store: Store) -> list[tuple[Cell, ...]]:
    rows: list[tuple[Cell, ...]] = []
    with store.reading() as session:
        people: dict[int, list[tuple[str, str | None]]] = {}
        for interview_id, name, topics in session.execute(
            select(InterviewParticipant.interview_id, Contact.name, InterviewParticipant.topics)
            .join(Contact, InterviewParticipant.contact_id == Contact.id)
            .order_by(InterviewParticipant.id)
        ):
            people.setdefault(interview_id, []).append((name, topics))
        query = (
            select(Interview, Company.name, Application.role)
            .join(Application, Interview.application_id == Application.id)
            .join(Company, Application.company_id == Company.id)
            .order_by(Interview.id)
        )
        for interview, company, role in session.execute(query):
            who = people.get(interview.id, [])
            rows.append(
                (
                    company,
                    role,
                    interview.round,
                    interview.kind.value,
                    interview.starts_at,
                    interview.duration_minutes,
                    interview.location,
                    "; ".join(name for name, _ in who),
                    "\n".join(f"{name}: {topics}" for name, topics in who if topics),
                    interview.self_assessment,
                    interview.notes,
                )
            )
    return rows


CONTACT_HEADER = (
    "Name",
    "Title",
    "Company",
    "Email",
    "Phone",
    "Profile link",
    "In my network",
    "Applications",
    "Notes",
)


def _contact_rows(store: Store) -> list[tuple[Cell, ...]]:
    with store.reading() as session:
        on: dict[int, list[str]] = {}
        for contact_id, company, role, part in session.execute(
            select(
                ApplicationContact.contact_id,
                Company.name,
                Application.role,
                ApplicationContact.role,
            )
            .join(Application, ApplicationContact.application_id == Application.id)
            .join(Company, Application.company_id == Company.id)
            .order_by(ApplicationContact.id)
        ):
            on.setdefault(contact_id, []).append(f"{company}, {role} ({part.label.lower()})")
        query = (
            select(Contact, Company.name)
            .outerjoin(Company, Contact.company_id == Company.id)
            .order_by(Contact.id)
        )
        return [
            (
                c.name,
                c.title,
                company,
                c.email,
                c.phone,
                c.profile_url,
                c.in_network,
                "; ".join(on.get(c.id, [])),
                c.notes,
            )
            for c, company in session.execute(query)
        ]


TASK_HEADER = (
    "Title",
    "Kind",
    "Due",
    "Done",
    "Company",
    "Role",
    "Person",
    "Draft subject",
    "Draft",
)


def _task_rows(store: Store) -> list[tuple[Cell, ...]]:
    query = (
        select(Task, Company.name, Application.role, Contact.name)
        .outerjoin(Application, Task.application_id == Application.id)
        .outerjoin(Company, Application.company_id == Company.id)
        .outerjoin(Contact, Task.contact_id == Contact.id)
        .order_by(Task.id)
    )
    with store.reading() as session:
        return [
            (
                t.title,
                t.kind.value,
                t.due_on,
                t.done,
                company,
                role,
                person,
                t.draft_subject,
                t.draft_body,
            )
            for t, company, role, person in session.execute(query)
        ]


_TABLES = {
    "applications": (APPLICATION_HEADER, _application_rows),
    "interviews": (INTERVIEW_HEADER, _interview_rows),
    "contacts": (CONTACT_HEADER, _contact_rows),
    "tasks": (TASK_HEADER, _task_rows),
}


def csv_paths(path: Path, tables: Sequence[str]) -> dict[str, Path]:
    """Applications go to *path*; each other table beside it, as <name>-<table>.csv."""
    return {
        table: path if table == "applications" else path.with_name(f"{path.stem}-{table}.csv")
        for table in tables
    }


def export_csv(
    store: Store,
    path: Path,
    tables: Sequence[str] = ("applications",),
    *,
    bom: bool = False,
) -> dict[Path, int]:
    """Write each chosen table as a CSV file; return how many rows went into each file.

    *bom* starts each file with a UTF-8 byte order mark, which Excel needs to read UTF-8.
    """
    unknown = [t for t in tables if t not in _TABLES]
    if unknown:
        raise ValueError(f"unknown tables: {', '.join(unknown)}")
    written: dict[Path, int] = {}
    for table, target in csv_paths(path, tables).items():
        header, read = _TABLES[table]
        rows = read(store)
        write_atomically(
            target,
            partial(_write_rows, header, rows),
            encoding="utf-8-sig" if bom else "utf-8",
        )
        written[target] = len(rows)
    return written
