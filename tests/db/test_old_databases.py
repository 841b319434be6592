"""Databases made by earlier releases, kept as files, upgrade to head with every row intact.

tests/db/fixtures/tracker-<revision>.db was made once at that revision (see make_0001.py)
and committed. A database built by today's code cannot catch an edited old migration; a
stored one can. Each is upgraded through the app's own open path (open_database: checks,
backup copy, Alembic), then compared table by table, row by row, with the original.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from pathlib import Path
from urllib.parse import quote

import pytest
from sqlalchemy import func, select

from tracker.db.migrate import current_revision, head_revision, known_revisions, open_database
from tracker.db.models import Base
from tracker.domain.store import Store

FIXTURES = Path(__file__).parent / "fixtures"
OLD_DATABASES = {"0001": FIXTURES / "tracker-0001.db"}

Table = tuple[list[str], list[tuple[object, ...]]]


def read_tables(path: Path) -> dict[str, Table]:
    """Every table's column names and rows (in rowid order), read-only with plain sqlite3."""
    connection = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True)
    try:
        names = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        tables: dict[str, Table] = {}
        for name in names:
            cursor = connection.execute(f'SELECT * FROM "{name}" ORDER BY rowid')
            tables[name] = ([d[0] for d in cursor.description], cursor.fetchall())
        return tables
    finally:
        connection.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(params=sorted(OLD_DATABASES))
def old(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, Path]:
    """(revision, a pristine copy of its stored database)."""
    revision = request.param
    stored = OLD_DATABASES[revision]
    copy = tmp_path / f"stored-{revision}.db"
    shutil.copyfile(stored, copy)
    return revision, copy


def upgraded(revision: str, stored: Path, db_path: Path) -> Path | None:
    """Open a copy of *stored* as the app does; the backup it took before upgrading."""
    shutil.copyfile(stored, db_path)
    os.chmod(db_path, 0o600)
    opened = open_database(db_path)
    try:
        assert not opened.created
        assert (opened.backup is None) == (revision == head_revision())
        with opened.engine.connect() as connection:
            assert current_revision(connection) == head_revision()
    finally:
        opened.engine.dispose()
    return opened.backup


def test_every_stored_database_is_at_its_revision_with_data_in_every_table(
    old: tuple[str, Path],
) -> None:
    revision, stored = old
    assert revision in known_revisions()
    tables = read_tables(stored)
    assert tables.pop("alembic_version")[1] == [(revision,)]
    assert tables, "no tables"
    empty = [name for name, (_, rows) in tables.items() if not rows]
    assert empty == [], "every table needs rows, or its upgrade is not really tested"


def test_upgrading_keeps_every_row_of_every_table(old: tuple[str, Path], db_path: Path) -> None:
    revision, stored = old
    before = read_tables(stored)
    before.pop("alembic_version")
    fixture_before = digest(OLD_DATABASES[revision])
    backup = upgraded(revision, stored, db_path)

    after = read_tables(db_path)
    assert after.pop("alembic_version")[1] == [(head_revision(),)]
    for name, (columns, rows) in before.items():
        assert name in after, f"table {name} was lost"
        new_columns, new_rows = after[name]
        lost = [column for column in columns if column not in new_columns]
        assert lost == [], f"{name} lost columns {lost}"
        kept = [tuple(row[new_columns.index(c)] for c in columns) for row in new_rows]
        assert len(kept) == len(rows), f"{name}: {len(rows)} rows before, {len(kept)} after"
        assert kept == rows, f"{name}: values changed"
    # The backup is the old database as it was; the stored file itself is never touched.
    if backup is not None:
        backup_tables = read_tables(backup)
        assert backup_tables.pop("alembic_version")[1] == [(revision,)]
        assert backup_tables == before
    assert digest(OLD_DATABASES[revision]) == fixture_before


def test_the_app_reads_every_upgraded_row(old: tuple[str, Path], db_path: Path) -> None:
    """Every row loads through the models too (enums, dates, times in UTC), not just SQL."""
    revision, stored = old
    before = read_tables(stored)
    upgraded(revision, stored, db_path)
    opened = open_database(db_path)
    try:
        store = Store(opened.engine)
        with store.reading() as session:
            for mapper in Base.registry.mappers:
                model = mapper.class_
                table = mapper.local_table.name  # type: ignore[union-attr]
                loaded = session.scalars(select(model)).all()
                expected = len(before[table][1]) if table in before else 0
                assert len(loaded) == expected, table
                assert session.scalar(select(func.count()).select_from(model)) == expected
    finally:
        opened.engine.dispose()
