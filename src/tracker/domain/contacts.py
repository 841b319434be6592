"""People: contacts, and the part each plays on an application."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, select

from tracker.db.enums import ContactRole
from tracker.db.models import Application, ApplicationContact, Contact
from tracker.domain.applications import company_named, drop_company_if_unused
from tracker.domain.store import Store, fetch
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


def create_contact(store: Store, data: ContactInput) -> int:
    data = _clean(data)
    with store.transaction() as session:
        contact = Contact()
        _fill(contact, data)
        contact.company = company_named(session, data.company) if data.company else None
        session.add(contact)
        session.flush()
        return contact.id


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


def update_contact(store: Store, contact_id: int, data: ContactInput) -> None:
    data = _clean(data)
    with store.transaction() as session:
        contact = fetch(session, Contact, contact_id)
        old_company = contact.company_id
        _fill(contact, data)
        contact.company = company_named(session, data.company) if data.company else None
        session.flush()
        drop_company_if_unused(session, old_company)


def delete_contact(store: Store, contact_id: int) -> None:
    """Delete a person; their roles and interview notes go too, tasks for them stay unaddressed."""
    with store.transaction() as session:
        contact = fetch(session, Contact, contact_id)
        company_id = contact.company_id
        session.delete(contact)
        session.flush()
        drop_company_if_unused(session, company_id)


def assign_role(
    store: Store, application_id: int, contact_id: int, role: ContactRole | str
) -> None:
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


def remove_role(
    store: Store, application_id: int, contact_id: int, role: ContactRole | str
) -> None:
    with store.transaction() as session:
        session.execute(
            delete(ApplicationContact).where(
                ApplicationContact.application_id == application_id,
                ApplicationContact.contact_id == contact_id,
                ApplicationContact.role == ContactRole(role),
            )
        )


def people_on(store: Store, application_id: int) -> list[tuple[int, str, ContactRole]]:
    """(contact id, name, role) for everyone on one application, by role then name."""
    with store.reading() as session:
        rows = session.execute(
            select(Contact.id, Contact.name, ApplicationContact.role)
            .join(ApplicationContact, ApplicationContact.contact_id == Contact.id)
            .where(ApplicationContact.application_id == application_id)
            .order_by(ApplicationContact.role, Contact.name)
        )
        return [(row[0], row[1], row[2]) for row in rows]
