"""tests/db and tests/domain use a faster `store`: see tests/db/fast_store.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.db.fast_store import migrated_template, store_from_template
from tracker.domain.store import Store


@pytest.fixture(scope="session")
def _template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return migrated_template(tmp_path_factory)


@pytest.fixture
def store(_template_db: Path, db_path: Path) -> Iterator[Store]:
    yield from store_from_template(_template_db, db_path)
