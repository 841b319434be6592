"""A JSON export back into a database: all of it into an empty one, or merged into one in use.

Every row is checked first (types, lengths, links, and the same rules the forms use). The
write is one transaction: a dry run makes it and rolls it back, so the preview counts are
exactly what an import would do. Merging skips an application already here (same company,
role and date applied) with everything that belongs to it, and matches a contact by email,
or by name and company, filling in what the existing one lacks.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from tracker.db.models import Application, Company, Contact, Task
from tracker.domain.applications import ApplicationInput, drop_company_if_unused, searchable
from tracker.domain.applications import _clean as check_application
from tracker.domain.contacts import ContactInput
from tracker.domain.contacts import _clean as check_contact
from tracker.domain.errors import ValidationError
from tracker.domain.exchange.document import (
    FORMAT_NAME,
    FORMAT_VERSION,
    MODELS,
    Field,
    schema,
    table_of,
)
from tracker.domain.exchange.files import ExchangeError
from tracker.domain.exchange.report import ImportRefused, ImportReport, Problem
from tracker.domain.interviews import InterviewInput
from tracker.domain.interviews import _clean as check_interview
from tracker.domain.store import Store
from tracker.domain.tasks import TaskInput
from tracker.domain.tasks import _clean as check_task

MAX_JSON_BYTES = 512 * 1024 * 1024
OTHER_TEXT_LIMIT = 100_000  # text columns no form limits (debrief answers, history notes)

Row = dict[str, Any]
# Tables where one contact appears once per parent (and role): (parent column, role column).
UNIQUE_LINKS = {
    "application_contacts": ("application_id", "role"),
    "interview_participants": ("interview_id", ""),
}


class _DryRun(Exception):
    """Raised inside the transaction to roll back a dry run."""


def read_document(path: Path) -> dict[str, Any]:
    """The export in *path*, or ExchangeError saying in plain words why it is not one."""
    try:
        size = path.stat().st_size
        if size == 0:
            raise ExchangeError(f"{path.name} is empty.")
        if size > MAX_JSON_BYTES:
            raise ExchangeError(f"{path.name} is too large to be a Job Tracker export.")
        raw = path.read_bytes()
    except OSError as exc:
        raise ExchangeError(f"{path} cannot be read ({exc.strerror or exc}).") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ExchangeError(f"{path.name} is not a Job Tracker export (it is not text).") from exc
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ExchangeError(
            f"{path.name} is not a Job Tracker export (not valid JSON at line {exc.lineno})."
        ) from exc
    return check_header(document, path.name)


def check_header(document: object, name: str = "The file") -> dict[str, Any]:
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise ExchangeError(f"{name} is not a Job Tracker export.")
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ExchangeError(f"{name} has no format version it can be read by.")
    if version > FORMAT_VERSION:
        raise ExchangeError(
            f"{name} was written by a newer Job Tracker (format {version}); "
            "install the newer version to import it."
        )
    return document


# --- checking -----------------------------------------------------------------------------


def _parse(f: Field, raw: object) -> object:
    """The Python value of one field, or ValueError with what is wrong."""
    if raw is None:
        if not f.nullable and f.kind not in ("int", "bool", "datetime", "enum"):
            raise ValueError("is required")
        return None
    if f.kind in ("id", "ref", "int"):
        if not isinstance(raw, int) or isinstance(raw, bool):
            raise ValueError("must be a whole number")
        return raw
    if f.kind == "bool":
        if not isinstance(raw, bool):
            raise ValueError("must be true or false")
        return raw
    if not isinstance(raw, str):
        raise ValueError("must be text")
    if f.kind == "text":
        limit = f.limit or OTHER_TEXT_LIMIT
        if len(raw) > limit:
            raise ValueError(f"is too long ({len(raw):,} characters; at most {limit:,})")
        return raw
    if f.kind == "enum":
        if raw not in f.choices:
            raise ValueError(f"must be one of: {', '.join(f.choices)}")
        return raw
    if f.kind == "date":
        try:
            return date.fromisoformat(raw)
        except ValueError:
            raise ValueError("must be a date such as 2026-03-01") from None
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        raise ValueError("must be a time such as 2026-03-01T09:30:00Z") from None
    if moment.tzinfo is None:
        raise ValueError("needs a time zone (Z for UTC)")
    return moment


@dataclass
class _Checked:
    """The document's rows as Python values, keyed by table and file id."""

    rows: dict[str, dict[int, Row]] = field(default_factory=dict)
    bad: set[tuple[str, int]] = field(default_factory=set)


def _domain_problems(table: str, row: Row, checked: _Checked) -> dict[str, str]:
    """The same checks the forms make, for the tables a person types into."""

    def given(keys: tuple[str, ...] | dict[str, Any]) -> dict[str, Any]:
        return {k: row[k] for k in keys if k in row and k != "company"}

    try:
        if table == "applications":
            company = checked.rows["companies"].get(row.get("company_id") or 0, {}).get("name")
            check_application(
                ApplicationInput(
                    company=company or "", **given(ApplicationInput.__dataclass_fields__)
                )
            )
        elif table == "contacts":
            check_contact(ContactInput(**given(ContactInput.__dataclass_fields__)))
        elif table == "tasks":
            keys = ("title", "kind", "due_on", "draft_subject", "draft_body", "origin")
            check_task(TaskInput(**given(keys)))
        elif table == "interviews":
            keys = ("kind", "round", "starts_at", "duration_minutes", "location", "notes")
            check_interview(InterviewInput(**given((*keys, "self_assessment"))))
    except ValidationError as exc:
        return exc.problems
    return {}


def check_document(document: dict[str, Any], report: ImportReport) -> _Checked:
    """Every row's values; each problem goes into *report* and marks its row bad."""
    checked = _Checked()
    for table, fields in schema().items():
        rows = document.get(table, [])
        checked.rows[table] = {}
        if not isinstance(rows, list):
            report.add_problem(Problem(table, "(table)", "must be a list of rows"))
            continue
        for index, raw in enumerate(rows, start=1):
            where = f"{table} #{index}"
            problems: dict[str, str] = {}
            row: Row = {}
            if not isinstance(raw, dict):
                problems["(row)"] = "must be an object"
                raw = {}
            for f in fields:
                if f.name not in raw and f.kind != "id":
                    if not f.has_default:
                        problems[f.name] = f"{f.name.replace('_', ' ').capitalize()} is missing."
                    continue  # the database's default applies
                try:
                    row[f.name] = _parse(f, raw.get(f.name))
                except ValueError as exc:
                    problems[f.name] = f"{f.name.replace('_', ' ').capitalize()} {exc}."
                    continue
                target = f.target or ""
                if (
                    f.kind == "ref"
                    and row[f.name] is not None
                    and row[f.name] not in checked.rows[target]
                ):
                    problems[f.name] = f"Points to {target} #{row[f.name]}, not in the file."
            file_id = row.get("id")
            if isinstance(file_id, int) and file_id in checked.rows[table]:
                problems["id"] = f"Id {file_id} is used twice in {table}."
            if not problems:
                problems = _domain_problems(table, row, checked)
            if isinstance(file_id, int) and "id" not in problems:
                checked.rows[table][file_id] = row
                if problems:
                    checked.bad.add((table, file_id))
            if problems:
                report.bad_rows += 1
                for name, message in problems.items():
                    report.add_problem(Problem(where, name, message))
    return checked


# --- writing ------------------------------------------------------------------------------


def _key(text: str | None) -> str:
    return (text or "").strip().casefold()


@dataclass
class _Existing:
    companies: dict[str, int]
    contacts_by_email: dict[str, int]
    contacts_by_name: dict[tuple[str, int | None], int]
    applications: set[tuple[int, str, date | None]]
    loose_tasks: set[tuple[str, date | None]]

    @classmethod
    def load(cls, session: Session) -> _Existing:
        companies = {
            _key(name): cid for cid, name in session.execute(select(Company.id, Company.name))
        }
        by_email: dict[str, int] = {}
        by_name: dict[tuple[str, int | None], int] = {}
        for cid, name, email, company_id in session.execute(
            select(Contact.id, Contact.name, Contact.email, Contact.company_id).order_by(Contact.id)
        ):
            if email:
                by_email.setdefault(_key(email), cid)
            by_name.setdefault((_key(name), company_id), cid)
        applications = {
            (company_id, _key(role), applied)
            for company_id, role, applied in session.execute(
                select(Application.company_id, Application.role, Application.applied_on)
            )
        }
        loose = {
            (_key(title), due)
            for title, due in session.execute(
                select(Task.title, Task.due_on).where(Task.application_id.is_(None))
            )
        }
        return cls(companies, by_email, by_name, applications, loose)


ProgressFn = Callable[[int, int], bool]


def import_document(
    store: Store,
    document: dict[str, Any],
    *,
    dry_run: bool = False,
    skip_problems: bool = False,
) -> ImportReport:
    """Import an export (see read_document); all or nothing.

    With problems in the file, nothing is written unless *skip_problems* is set (a skipped
    row takes what belongs to it along). A dry run reports what would happen and writes nothing.
    """
    document = check_header(document)
    report = ImportReport(dry_run=dry_run)
    checked = check_document(document, report)
    if report.problem_count and not (skip_problems or dry_run):
        raise ImportRefused(report)
    try:
        with store.transaction() as session:
            _Writer(session, checked, report).run()
            if dry_run:
                raise _DryRun
    except _DryRun:
        return report
    report.committed = True
    return report


class _Writer:
    def __init__(self, session: Session, checked: _Checked, report: ImportReport) -> None:
        self.session = session
        self.checked = checked
        self.report = report
        self.existing = _Existing.load(session)
        self.new_ids: dict[str, dict[int, int]] = {}
        self.created_companies: list[int] = []
        # Two people in the file can be one person here: link them once.
        self.links: set[tuple[str, int, int, str]] = set()

    def run(self) -> None:
        fields = schema()
        for model in MODELS:
            table = table_of(model).name
            self.new_ids[table] = {}
            chosen: list[tuple[int, Row]] = []
            for file_id, row in self.checked.rows[table].items():
                values = self._prepare(table, fields[table], file_id, row)
                if values is None:
                    self.report.count(table).skipped += 1
                elif values:
                    chosen.append((file_id, values))
            self._insert(table, chosen)
        for company_id in self.created_companies:
            drop_company_if_unused(self.session, company_id)

    def _insert(self, table: str, chosen: list[tuple[int, Row]]) -> None:
        if not chosen:
            return
        t = table_of(next(m for m in MODELS if table_of(m).name == table))
        statement = insert(t).returning(t.c.id, sort_by_parameter_order=True)
        ids = self.session.execute(statement, [values for _, values in chosen]).scalars().all()
        for (file_id, _), new_id in zip(chosen, ids, strict=True):
            self.new_ids[table][file_id] = new_id
        self.report.count(table).added += len(chosen)
        if table == "companies":
            self.created_companies.extend(ids)

    def _link(self, target: str, file_id: object) -> int | None:
        return self.new_ids[target].get(file_id) if isinstance(file_id, int) else None

    def _prepare(self, table: str, fields: tuple[Field, ...], file_id: int, row: Row) -> Row | None:
        """The values to insert; None to skip the row; {} when it matched an existing one."""
        if (table, file_id) in self.checked.bad:
            return None
        values: Row = {}
        for f in fields:
            if f.kind == "id" or f.name not in row:
                continue
            if row[f.name] is None and not f.nullable:
                continue  # the database's default applies
            if f.kind == "ref" and row[f.name] is not None:
                assert f.target is not None
                values[f.name] = self._link(f.target, row[f.name])
                if values[f.name] is None and not f.nullable:
                    return None  # what it belongs to was skipped
            else:
                values[f.name] = row[f.name]
        if table == "companies":
            found = self.existing.companies.get(_key(row["name"]))
            if found is not None:
                self.new_ids[table][file_id] = found
                self.report.count(table).skipped += 1
                return {}
        elif table == "contacts":
            return self._contact(file_id, values)
        elif table == "applications":
            key = (values["company_id"], _key(values["role"]), values.get("applied_on"))
            if key in self.existing.applications:
                return None
            company = self.checked.rows["companies"][row["company_id"]]["name"]
            values["search_text"] = searchable(
                company, values["role"], values.get("location"), values.get("notes")
            )
        elif table == "tasks":
            if row.get("application_id") is not None and values["application_id"] is None:
                return None
            loose = (_key(values["title"]), values.get("due_on"))
            if values.get("application_id") is None and loose in self.existing.loose_tasks:
                return None
        elif table in UNIQUE_LINKS:
            parent, role = UNIQUE_LINKS[table]
            link = (table, values[parent], values["contact_id"], str(values.get(role, "")))
            if link in self.links:
                return None
            self.links.add(link)
        return values

    def _contact(self, file_id: int, values: Row) -> Row | None:
        email = _key(values.get("email"))
        found = self.existing.contacts_by_email.get(email) if email else None
        if found is None:
            name_key = (_key(values["name"]), values.get("company_id"))
            found = self.existing.contacts_by_name.get(name_key)
        if found is None:
            return values
        self.new_ids["contacts"][file_id] = found
        contact = self.session.get(Contact, found)
        assert contact is not None
        changed = False
        for name in ("title", "company_id", "email", "phone", "profile_url", "notes"):
            if getattr(contact, name) in (None, "") and values.get(name) not in (None, ""):
                setattr(contact, name, values[name])
                changed = True
        if values.get("in_network") and not contact.in_network:
            contact.in_network = changed = True
        self.session.flush()
        if changed:
            self.report.count("contacts").updated += 1
        else:
            self.report.count("contacts").skipped += 1
        return {}
