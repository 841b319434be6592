"""Contacts as vCard 4.0 (RFC 6350), for an address book: one .vcf file holding them all."""

from __future__ import annotations

import uuid
from pathlib import Path

from sqlalchemy import select

from tracker.db.models import Company, Contact
from tracker.domain.exchange.files import write_atomically
from tracker.domain.store import Store


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 6350 3.2)."""
    parts: list[str] = []
    current, size = "", 0
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > 75:
            parts.append(current)
            current, size = " ", 1
        current += ch
        size += width
    parts.append(current)
    return "\r\n".join(parts)


def vcard(
    uid: str,
    name: str,
    *,
    title: str | None = None,
    company: str | None = None,
    email: str | None = None,
    phone: str | None = None,
    url: str | None = None,
    note: str | None = None,
    in_network: bool = False,
) -> str:
    lines = ["BEGIN:VCARD", "VERSION:4.0", f"UID:{uid}", f"FN:{_escape(name)}"]
    if company:
        lines.append(f"ORG:{_escape(company)}")
    if title:
        lines.append(f"TITLE:{_escape(title)}")
    if email:
        lines.append(f"EMAIL:{_escape(email)}")
    if phone:
        lines.append(f"TEL;VALUE=text:{_escape(phone)}")
    if url:
        lines.append(f"URL:{url}")
    if note:
        lines.append(f"NOTE:{_escape(note)}")
    lines.append("CATEGORIES:Job Tracker" + (",Network" if in_network else ""))
    lines.append("END:VCARD")
    return "".join(_fold(line) + "\r\n" for line in lines)


UID_NAMESPACE = uuid.UUID("5b1f0c39-4f6e-4ad1-9a4e-7c3f2d9e8a10")


def export_vcard(store: Store, path: Path) -> int:
    """Every contact as a vCard 4.0 in one .vcf file; return how many."""
    with store.reading() as session:
        cards = [
            vcard(
                f"urn:uuid:{uuid.uuid5(UID_NAMESPACE, f'{c.id}:{c.created_at.isoformat()}')}",
                c.name,
                title=c.title,
                company=company,
                email=c.email,
                phone=c.phone,
                url=c.profile_url,
                note=c.notes,
                in_network=c.in_network,
            )
            for c, company in session.execute(
                select(Contact, Company.name)
                .outerjoin(Company, Contact.company_id == Company.id)
                .order_by(Contact.id)
            )
        ]
    write_atomically(path, lambda handle: handle.write("".join(cards)))
    return len(cards)
