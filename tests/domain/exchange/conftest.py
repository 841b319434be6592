"""A second, empty database beside the test's own, for round trips."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.db.fast_store import store_from_template
from tracker.domain.store import Store


@pytest.fixture
def other_store(_template_db: Path, tmp_path: Path) -> Iterator[Store]:
    folder = tmp_path / "other"
    folder.mkdir()
    yield from store_from_template(_template_db, folder / "tracker.db")


def dump(store: Store) -> list[str]:
    """The database's whole content as SQL, to compare before and after."""
    raw = store.engine.raw_connection()
    try:
        return list(raw.driver_connection.iterdump())  # type: ignore[union-attr]
    finally:
        raw.close()
