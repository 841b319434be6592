"""The person's own settings, kept in the database so they travel with their data.

Today that is the name drafts are signed with. Settings of one machine (window geometry,
column widths) stay in QSettings. Each setting is one row of the `setting` table; a setting
that was never saved, or was cleared, has no row.
"""

from __future__ import annotations

from tracker.db.models import Setting
from tracker.domain.changes import Written
from tracker.domain.store import Store, written
from tracker.domain.validate import SHORT_TEXT, Checker

SIGNER_NAME = "signer_name"
SIGNER_NAME_LIMIT = SHORT_TEXT


def clean_signer_name(name: str | None) -> str | None:
    """The name as it would be saved (trimmed; None when empty). Raises ValidationError."""
    c = Checker()
    text = c.text(SIGNER_NAME, "Your name", name, SIGNER_NAME_LIMIT)
    if text is not None and any(ch in text for ch in "\r\n\t"):
        c.fail(SIGNER_NAME, "Your name must be a single line.")
    c.done()
    return text


def get_signer_name(store: Store) -> str:
    """The name drafts are signed with, or "" when none was saved yet."""
    return _read(store, SIGNER_NAME) or ""


def set_signer_name(store: Store, name: str | None) -> Written[None]:
    """Remember the name drafts are signed with; an empty name forgets it."""
    return _write(store, SIGNER_NAME, clean_signer_name(name))


def read_value(store: Store, key: str) -> str | None:
    """One setting as stored (features keep their own typed get/set on top of this)."""
    return _read(store, key)


def write_value(store: Store, key: str, value: str | None) -> Written[None]:
    """Store one setting; None forgets it."""
    return _write(store, key, value)


def _read(store: Store, key: str) -> str | None:
    with store.reading() as session:
        row = session.get(Setting, key)
        return None if row is None else row.value


def _write(store: Store, key: str, value: str | None) -> Written[None]:
    with store.transaction() as session:
        row = session.get(Setting, key)
        if value is None:
            if row is not None:
                session.delete(row)
        elif row is None:
            session.add(Setting(key=key, value=value))
        else:
            row.value = value
        return written(session, None)
