"""Applied here before? The applications already on record at a company, however it was typed.

"Kestrel Maps", "kestrel-maps", "KestrelMaps Inc." and "Kestrel Maps GmbH" are one company:
names are compared by a key that ignores case, accents, spacing, punctuation and legal forms.
Companies are few (one per employer a person has looked at), so the key is worked out in
Python over their names; the applications are then read by company id, which is indexed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from tracker.db.enums import Stage
from tracker.db.models import Application, Company
from tracker.domain.store import Store

_WORDS = re.compile(r"[^\W_]+")
# Legal forms, as the words they become once punctuation is gone ("Inc." is "inc").
_ENGLISH = ("inc", "incorporated", "llc", "llp", "lp", "ltd", "limited", "plc", "pty", "pte")
_CORPORATE = ("corp", "corporation", "co", "company")
_GERMAN = ("gmbh", "mbh", "ag", "kg", "se", "ug")
_ROMANCE = ("sa", "sas", "sarl", "srl", "spa", "sl")
_NORTHERN = ("bv", "nv", "oy", "oyj", "ab", "as", "asa", "aps", "kk")
_LEGAL_FORMS = frozenset((*_ENGLISH, *_CORPORATE, *_GERMAN, *_ROMANCE, *_NORTHERN))
# Short ones may be written with stops or slashes, each letter a word: "S.A.", "A/S".
_SPELLED_OUT = tuple(tuple(form) for form in _LEGAL_FORMS if len(form) <= 3)


def _words(text: str) -> list[str]:
    """Case-folded words without accents or punctuation ("Émile & Co." is émile, co)."""
    folded = text.casefold()
    if not folded.isascii():  # most names are ASCII: no accents to take off
        folded = unicodedata.normalize("NFKD", folded)
        folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return _WORDS.findall(folded)


def company_key(name: str) -> str:
    """What two spellings of one company have in common ("" when nothing is left to compare)."""
    words = _words(name)
    words = [word for word in words if word != "and"] or words  # "&" went with punctuation
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    stripped = True
    while stripped:  # "GmbH & Co. KG", "Co., Ltd." and "Pty Ltd" take several rounds
        stripped = False
        for form in _SPELLED_OUT if words and len(words[-1]) == 1 else ():
            if len(words) > len(form) and tuple(words[-len(form) :]) == form:
                words, stripped = words[: -len(form)], True
        if len(words) > 1 and words[-1] in _LEGAL_FORMS:
            words, stripped = words[:-1], True
    return "".join(words)


def role_key(role: str) -> str:
    return " ".join(_words(role))


@dataclass(frozen=True)
class EarlierApplication:
    """One application on record, with what happened to it."""

    id: int
    company: str
    role: str
    stage: Stage
    applied_on: date | None
    added_on: date
    closed_on: date | None
    archived: bool

    @property
    def since(self) -> date:
        """When it started: the day of applying, or of adding it to the tracker."""
        return self.applied_on or self.added_on


def company_index(store: Store) -> dict[str, tuple[int, ...]]:
    """Every company's key and the ids of the companies that share it (one read)."""
    index: dict[str, list[int]] = {}
    with store.reading() as session:
        # Core execution: the ORM's per-row bookkeeping is most of the time over many rows.
        rows = session.connection().execute(select(Company.id, Company.name)).all()
    for company_id, name in rows:
        key = company_key(name)
        if key:
            index.setdefault(key, []).append(company_id)
    return {key: tuple(ids) for key, ids in index.items()}


def applications_at(store: Store, company_ids: Iterable[int]) -> list[EarlierApplication]:
    """The applications at these companies, archived ones too (they are history as well)."""
    ids = list(company_ids)
    if not ids:
        return []
    query = (
        select(
            Application.id,
            Company.name,
            Application.role,
            Application.stage,
            Application.applied_on,
            Application.created_at,
            Application.closed_on,
            Application.archived,
        )
        .join(Company, Application.company_id == Company.id)
        .where(Application.company_id.in_(ids))
    )
    with store.reading() as session:
        rows = session.execute(query).all()
    return [
        EarlierApplication(app_id, company, role, stage, applied, _day(added), closed, archived)
        for app_id, company, role, stage, applied, added, closed, archived in rows
    ]


def _day(moment: datetime) -> date:
    return moment.astimezone().date()


def most_relevant(rows: Sequence[EarlierApplication], role: str) -> list[EarlierApplication]:
    """The same role first (however it is spelled), then the most recent."""
    wanted = role_key(role)
    by_date = sorted(rows, key=lambda row: (row.since, row.id), reverse=True)
    return sorted(by_date, key=lambda row: not wanted or role_key(row.role) != wanted)


def earlier_applications(
    store: Store,
    company: str,
    role: str = "",
    index: Mapping[str, tuple[int, ...]] | None = None,
) -> list[EarlierApplication]:
    """What is on record at *company*, most relevant first; *index* saves reading the
    companies again (a form checks as the person types)."""
    key = company_key(company)
    if not key:
        return []
    ids = (index if index is not None else company_index(store)).get(key, ())
    return most_relevant(applications_at(store, ids), role)
