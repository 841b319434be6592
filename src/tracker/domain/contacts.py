"""People: contacts, and the part each plays on an application."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import delete, func, select

from tracker.db.enums import ContactRole, InterviewKind
from tracker.db.models import (
    Application,
    ApplicationContact,
    Company,
    Contact,
    Interview,
    InterviewParticipant,
)
from tracker.domain.applications import company_named, drop_company_if_unused
from tracker.domain.changes import Written
from tracker.domain.store import Store, fetch, written
from tracker.domain.validate import LONG_TEXT, Checker


@dataclass(frozen=True)
class ContactInput:
    name: str
    title: str | None = None
    company: str | None = None
    email: str | None = None
    phone: str | None = None
    profile_url: str | None = None
    notes: str | None = None
    in_network: bool = False


def _clean(data: ContactInput) -> ContactInput:
    c = Checker()
    phone = c.text("phone", "Phone", data.phone, 50)
    if phone and not any(ch.isdigit() for ch in phone):
        c.fail("phone", "A phone number needs at least one digit.")
    cleaned = ContactInput(
        name=c.required("name", "Name", data.name),
        title=c.text("title", "Title", data.title),
        company=c.text("company", "Company", data.company),
        email=c.email("email", data.email),
        phone=phone,
        profile_url=c.url("profile_url", "Profile link", data.profile_url),
        notes=c.text("notes", "Notes", data.notes, LONG_TEXT),
        in_network=bool(data.in_network),
    )
    c.done()
    return cleaned


def _fill(contact: Contact, data: ContactInput) -> None:
    contact.name = data.name
    contact.title = data.title
    contact.email = data.email
    contact.phone = data.phone
    contact.profile_url = data.profile_url
    contact.notes = data.notes
    contact.in_network = data.in_network


def create_contact(store: Store, data: ContactInput) -> Written[int]:
    data = _clean(data)
    with store.transaction() as session:
        contact = Contact()
        _fill(contact, data)
        contact.company = company_named(session, data.company) if data.company else None
        session.add(contact)
        session.flush()
        return written(session, contact.id)


def get_contact(store: Store, contact_id: int) -> ContactInput:
    with store.reading() as session:
        contact = fetch(session, Contact, contact_id)
        return ContactInput(
            name=contact.name,
            title=contact.title,
            company=contact.company.name if contact.company else None,
            email=contact.email,
            phone=contact.phone,
            profile_url=contact.profile_url,
            notes=contact.notes,
            in_network=contact.in_network,
        )


def update_contact(store: Store, contact_id: int, data: ContactInput) -> Written[None]:
    data = _clean(data)
    with store.transaction() as session:
        contact = fetch(session, Contact, contact_id)
        old_company = contact.company_id
        _fill(contact, data)
        contact.company = company_named(session, data.company) if data.company else None
        session.flush()
        drop_company_if_unused(session, old_company)
        return written(session, None)


def delete_contact(store: Store, contact_id: int) -> Written[None]:
    """Delete a person; their roles and interview notes go too, tasks for them stay unaddressed."""
    with store.transaction() as session:
        contact = fetch(session, Contact, contact_id)
        company_id = contact.company_id
        session.delete(contact)
        session.flush()
        drop_company_if_unused(session, company_id)
        return written(session, None)


def assign_role(
    store: Store, application_id: int, contact_id: int, role: ContactRole | str
) -> Written[None]:
    """Record the part a contact plays on an application (doing it twice changes nothing)."""
    c = Checker()
    chosen = c.choice("role", "Role", ContactRole, role)
    if chosen is None:
        c.fail("role", "Choose a role.")
    c.done()
    with store.transaction() as session:
        fetch(session, Application, application_id)
        fetch(session, Contact, contact_id)
        exists = session.scalar(
            select(ApplicationContact.id).where(
                ApplicationContact.application_id == application_id,
                ApplicationContact.contact_id == contact_id,
                ApplicationContact.role == chosen,
            )
        )
        if exists is None:
            session.add(
                ApplicationContact(
                    application_id=application_id, contact_id=contact_id, role=chosen
                )
            )
        return written(session, None)


def remove_role(
    store: Store, application_id: int, contact_id: int, role: ContactRole | str
) -> Written[None]:
    with store.transaction() as session:
        session.execute(
            delete(ApplicationContact).where(
                ApplicationContact.application_id == application_id,
                ApplicationContact.contact_id == contact_id,
                ApplicationContact.role == ContactRole(role),
            )
        )
        return written(session, None)


class ContactRow(NamedTuple):
    """The columns the contacts list shows, and nothing more."""

    id: int
    name: str
    title: str | None
    company: str | None
    email: str | None
    in_network: bool


class ContactRoleRow(NamedTuple):
    """One part a contact plays: on which application (company and role title), as what."""

    application_id: int
    company: str
    role_title: str
    role: ContactRole


class InterviewMention(NamedTuple):
    """One interview a contact took part in (their notes there go if they are deleted)."""

    interview_id: int
    application_id: int
    company: str
    role_title: str
    round: int
    kind: InterviewKind


def contact_rows(store: Store, search: str = "", network_only: bool = False) -> list[ContactRow]:
    """Contacts by name; *search* matches name, title, company or email, ignoring case."""
    query = (
        select(
            Contact.id,
            Contact.name,
            Contact.title,
            Company.name,
            Contact.email,
            Contact.in_network,
        )
        .outerjoin(Company, Contact.company_id == Company.id)
        .order_by(Contact.name, Contact.id)
    )
    if network_only:
        query = query.where(Contact.in_network.is_(True))
    # The same folding as the applications search (str.casefold: "STRASSE" finds "Straße",
    # which SQLite's ASCII-only ilike cannot); a person's contacts fit in memory.
    text = search.strip().casefold()
    with store.reading() as session:
        rows = [ContactRow._make(row) for row in session.execute(query)]
    if not text:
        return rows
    return [
        row
        for row in rows
        if text
        in "\n".join(p for p in (row.name, row.title, row.company, row.email) if p).casefold()
    ]


def roles_of(store: Store, contact_id: int) -> list[ContactRoleRow]:
    """Every application this person is on and as what, newest application first."""
    query = (
        select(Application.id, Company.name, Application.role, ApplicationContact.role)
        .join(Application, ApplicationContact.application_id == Application.id)
        .join(Company, Application.company_id == Company.id)
        .where(ApplicationContact.contact_id == contact_id)
        .order_by(Application.updated_at.desc(), Application.id, ApplicationContact.role)
    )
    with store.reading() as session:
        return [ContactRoleRow._make(row) for row in session.execute(query)]


def interviews_with(store: Store, contact_id: int) -> list[InterviewMention]:
    """The interviews this person took part in, earliest first."""
    query = (
        select(
            Interview.id,
            Application.id,
            Company.name,
            Application.role,
            Interview.round,
            Interview.kind,
        )
        .join(InterviewParticipant, InterviewParticipant.interview_id == Interview.id)
        .join(Application, Interview.application_id == Application.id)
        .join(Company, Application.company_id == Company.id)
        .where(InterviewParticipant.contact_id == contact_id)
        .order_by(Interview.starts_at, Interview.id)
    )
    with store.reading() as session:
        return [InterviewMention._make(row) for row in session.execute(query)]


def contact_count(store: Store) -> int:
    """How many contacts exist, whatever a search shows."""
    with store.reading() as session:
        return session.scalar(select(func.count()).select_from(Contact)) or 0
