"""Writing a spreadsheet's rows: in batches, inside the import's one transaction.

Rows already in the database (same company, role and date applied) and rows repeated in
the file are skipped; a contact already known by email, or by name at that company, is
linked rather than added again.
"""

from __future__ import annotations

from datetime import UTC, datetime, time
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from tracker.db.coltypes import utcnow
from tracker.db.enums import ContactRole, Stage, TaskKind, TaskOrigin
from tracker.db.models import (
    Application,
    ApplicationContact,
    Company,
    Contact,
    StageChange,
    Task,
)
from tracker.domain.applications import ApplicationInput, searchable
from tracker.domain.contacts import ContactInput
from tracker.domain.exchange.report import ImportReport

if TYPE_CHECKING:
    from tracker.domain.exchange.table_import import Row

BATCH = 500


def _insert_many(
    session: Session, model: type[Company] | type[Application], rows: list[dict[str, Any]]
) -> list[int]:
    """Insert *rows* in one executemany and return their ids, in order.

    Inside our write transaction nobody else inserts, and SQLite gives each new row the
    largest id so far plus one; the last id is checked all the same.
    """
    last = session.scalar(select(func.max(model.id))) or 0
    session.execute(insert(model), rows)
    ids = list(range(last + 1, last + 1 + len(rows)))
    if session.scalar(select(func.max(model.id))) != ids[-1]:
        raise RuntimeError("ids were not given in order; nothing was imported")
    return ids


def _key(text: str | None) -> str:
    return (text or "").strip().casefold()


class TableWriter:
    """Adds rows in batches inside the open transaction, skipping ones already there."""

    def __init__(self, session: Session, report: ImportReport, name: str) -> None:
        self.session = session
        self.report = report
        self.note = f"Imported from {name}"
        self.now = utcnow()
        self.pending: list[Row] = []
        self.companies = {_key(n): i for i, n in session.execute(select(Company.id, Company.name))}
        self.applications = {
            (company_id, _key(role), applied)
            for company_id, role, applied in session.execute(
                select(Application.company_id, Application.role, Application.applied_on)
            )
        }
        self.contacts_by_email: dict[str, int] = {}
        self.contacts_by_name: dict[tuple[str, int | None], int] = {}
        for cid, name, email, company_id in session.execute(
            select(Contact.id, Contact.name, Contact.email, Contact.company_id).order_by(Contact.id)
        ):
            if email:
                self.contacts_by_email.setdefault(_key(email), cid)
            self.contacts_by_name.setdefault((_key(name), company_id), cid)
        for kind in ("applications", "contacts", "tasks"):
            report.count(kind)

    def add(self, row: Row) -> None:
        self.pending.append(row)
        if len(self.pending) >= BATCH:
            self.flush()

    def _add_companies(self, names: list[str]) -> None:
        """Create the companies not seen yet, in one statement."""
        new: dict[str, str] = {}
        for name in names:
            if _key(name) not in self.companies:
                new.setdefault(_key(name), name)
        if not new:
            return
        ids = _insert_many(self.session, Company, [{"name": name} for name in new.values()])
        self.companies.update(zip(new, ids, strict=True))

    def _since(self, data: ApplicationInput) -> datetime:
        """When the current stage was reached, as well as the file tells: applied, or found."""
        day = data.applied_on or data.found_on
        return datetime.combine(day, time(12), tzinfo=UTC) if day else self.now

    def flush(self) -> None:
        rows, self.pending = self.pending, []
        chosen: list[tuple[Row, dict[str, Any]]] = []
        self._add_companies([row.application.company for row in rows])
        for row in rows:
            data = row.application
            company_id = self.companies[_key(data.company)]
            key = (company_id, _key(data.role), data.applied_on)
            if key in self.applications:
                self.report.count("applications").skipped += 1
                continue
            self.applications.add(key)
            values = {
                name: getattr(data, name)
                for name in ApplicationInput.__dataclass_fields__
                if name != "company"
            }
            since = self._since(data)
            values.update(
                company_id=company_id,
                stage=Stage(data.stage),
                search_text=searchable(data.company, data.role, data.location, data.notes),
                created_at=self.now,
                updated_at=self.now,
                stage_changed_at=since,
            )
            chosen.append((row, values))
        if not chosen:
            return
        ids = _insert_many(self.session, Application, [values for _, values in chosen])
        self.report.count("applications").added += len(ids)
        self.session.execute(
            insert(StageChange),
            [
                {
                    "application_id": app_id,
                    "from_stage": None,
                    "to_stage": values["stage"],
                    "changed_at": values["stage_changed_at"],
                    "note": self.note,
                }
                for app_id, (_, values) in zip(ids, chosen, strict=True)
            ],
        )
        tasks = []
        for app_id, (row, values) in zip(ids, chosen, strict=True):
            if row.contact is not None:
                self._link_contact(app_id, values["company_id"], row.contact)
            if row.follow_up_on is not None:
                tasks.append(
                    {
                        "kind": TaskKind.FOLLOW_UP,
                        "title": f"Follow up with {row.application.company}"[:300],
                        "due_on": row.follow_up_on,
                        "origin": TaskOrigin.USER,
                        "application_id": app_id,
                        "created_at": self.now,
                    }
                )
        if tasks:
            self.session.execute(insert(Task), tasks)
            self.report.count("tasks").added += len(tasks)

    def _link_contact(self, app_id: int, company_id: int, person: ContactInput) -> None:
        found = self.contacts_by_email.get(_key(person.email)) if person.email else None
        if found is None:
            found = self.contacts_by_name.get((_key(person.name), company_id))
        if found is None:
            found = self.session.execute(
                insert(Contact)
                .values(
                    name=person.name,
                    email=person.email,
                    phone=person.phone,
                    company_id=company_id,
                    in_network=False,
                    created_at=self.now,
                )
                .returning(Contact.id)
            ).scalar_one()
            self.report.count("contacts").added += 1
            if person.email:
                self.contacts_by_email[_key(person.email)] = found
            self.contacts_by_name[(_key(person.name), company_id)] = found
        else:
            self.report.count("contacts").skipped += 1
        self.session.execute(
            insert(ApplicationContact).values(
                application_id=app_id, contact_id=found, role=ContactRole.RECRUITER
            )
        )
