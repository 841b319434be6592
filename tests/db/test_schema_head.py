"""Start-up reads the head revision from the migration files, without importing Alembic."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tracker.db.fileinfo import VERSIONS_DIR, schema_head
from tracker.db.migrate import head_revision


def test_the_head_read_from_the_files_is_alembics_head() -> None:
    assert schema_head() == head_revision()


def test_reading_the_head_imports_neither_alembic_nor_sqlalchemy() -> None:
    code = (
        "import sys; from tracker.db.fileinfo import schema_head; print(schema_head()); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('alembic', 'sqlalchemy')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.split("\n")[:2] == [head_revision(), "[]"]


def write(folder: Path, name: str, revision: str, parent: str) -> None:
    (folder / name).write_text(
        f'"""{name}"""\n\nrevision: str = {revision!r}\ndown_revision: str | None = {parent}\n',
        encoding="utf-8",
    )


def test_a_chain_and_a_merge_are_followed_to_their_one_head(tmp_path: Path) -> None:
    (tmp_path / "__init__.py").write_text("")
    write(tmp_path, "0001_a.py", "0001", "None")
    write(tmp_path, "0002_b.py", "0002", "'0001'")
    write(tmp_path, "0003_c.py", "0003", "'0001'")
    write(tmp_path, "0004_merge.py", "0004", "('0002', '0003')")
    assert schema_head(tmp_path) == "0004"


def test_two_heads_are_an_error(tmp_path: Path) -> None:
    write(tmp_path, "0001_a.py", "0001", "None")
    write(tmp_path, "0002_b.py", "0002", "'0001'")
    write(tmp_path, "0003_c.py", "0003", "'0001'")
    with pytest.raises(RuntimeError, match="one head"):
        schema_head(tmp_path)


def test_the_shipped_migrations_are_where_start_up_looks() -> None:
    assert any(VERSIONS_DIR.glob("0001_*.py"))
