"""A faster `store`: each test gets its own copy of one database migrated once per session.

Migrating a new file costs several fsyncs (SQLite runs with synchronous=FULL); copying a
migrated one costs none. The copy is still opened through open_database, so every test
runs against a file the app itself accepted. tests/db/test_migrations.py covers creating
and upgrading files from scratch.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tracker.db.migrate import head_revision, open_database
from tracker.domain.store import Store


def migrated_template(factory: pytest.TempPathFactory) -> Path:
    path = factory.mktemp("template") / "tracker.db"
    opened = open_database(path)
    opened.engine.dispose()  # checkpoints the WAL into the file
    assert not Path(f"{path}-wal").exists()
    return path


def store_from_template(template: Path, db_path: Path) -> Iterator[Store]:
    shutil.copyfile(template, db_path)
    os.chmod(db_path, 0o600)
    opened = open_database(db_path)
    assert opened.backup is None, f"template is not at head {head_revision()}"
    try:
        yield Store(opened.engine)
    finally:
        opened.engine.dispose()
