"""The person's own settings live in the database, so they travel with the data."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from tracker.db.migrate import open_database
from tracker.db.models import Setting
from tracker.domain.errors import ValidationError
from tracker.domain.settings import (
    SIGNER_NAME,
    SIGNER_NAME_LIMIT,
    clean_signer_name,
    get_signer_name,
    set_signer_name,
)
from tracker.domain.store import Store


def rows(store: Store) -> list[tuple[str, str]]:
    with store.reading() as session:
        return [(s.key, s.value) for s in session.scalars(select(Setting))]


def test_no_name_until_one_is_saved(store: Store) -> None:
    assert get_signer_name(store) == ""
    assert rows(store) == []


def test_the_name_is_saved_trimmed_replaced_and_forgotten(store: Store) -> None:
    set_signer_name(store, "  Zoë Müller-Łukasz 张伟  ")
    assert get_signer_name(store) == "Zoë Müller-Łukasz 张伟"
    set_signer_name(store, "Sam")
    assert rows(store) == [(SIGNER_NAME, "Sam")]  # one row, replaced
    set_signer_name(store, "   ")
    assert get_signer_name(store) == ""
    assert rows(store) == []
    set_signer_name(store, None)  # forgetting twice is fine
    assert rows(store) == []


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("x" * (SIGNER_NAME_LIMIT + 1), "too long"),
        ("Sam\nGreen", "single line"),
        ("Sam\tGreen", "single line"),
    ],
)
def test_a_bad_name_is_refused_and_the_saved_one_kept(store: Store, name: str, words: str) -> None:
    set_signer_name(store, "Sam")
    with pytest.raises(ValidationError) as caught:
        set_signer_name(store, name)
    assert caught.value.field == SIGNER_NAME
    assert words in caught.value.message
    assert get_signer_name(store) == "Sam"
    with pytest.raises(ValidationError):
        clean_signer_name(name)


def test_the_longest_name_allowed_is_kept_whole(store: Store) -> None:
    longest = "Ł" * SIGNER_NAME_LIMIT
    assert clean_signer_name(longest) == longest
    set_signer_name(store, longest)
    assert get_signer_name(store) == longest


def test_the_name_is_in_the_database_file(store: Store, db_path: Path) -> None:
    set_signer_name(store, "Sam Green")
    store.engine.dispose()
    opened = open_database(db_path)  # as the next start of the app would
    try:
        assert get_signer_name(Store(opened.engine)) == "Sam Green"
    finally:
        opened.engine.dispose()
