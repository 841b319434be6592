"""The self-test's checks: quiet on a sound install, and naming what is wrong on a broken one."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from tracker import selftest
from tracker.db.engine import make_sqlite_engine
from tracker.db.migrate import open_database
from tracker.domain.applications import ApplicationInput, create_application
from tracker.domain.store import Store
from tracker.selftest import check_database, check_migrations, check_resources

SOURCE_SVG = Path(__file__).resolve().parent.parent / "resources" / "icons" / "job-tracker.svg"


def test_shipped_resources_all_load(qtbot: QtBot) -> None:
    assert check_resources() == []


@pytest.fixture
def fake_resources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "resources"
    (folder / "icons").mkdir(parents=True)
    (folder / "icons" / "job-tracker.svg").write_bytes(SOURCE_SVG.read_bytes())

    def fake_resource(*parts: str) -> Path:
        return folder.joinpath(*parts)

    monkeypatch.setattr(selftest, "resource", fake_resource)
    return folder


def test_a_sound_folder_of_resources_passes(qtbot: QtBot, fake_resources: Path) -> None:
    (fake_resources / "playbook.json").write_text('{"steps": ["Écrire à Zoë"]}', encoding="utf-8")
    assert check_resources() == []


def test_broken_resources_are_named(qtbot: QtBot, fake_resources: Path) -> None:
    (fake_resources / "icons" / "broken.png").write_bytes(b"not a png at all")
    (fake_resources / "icons" / "broken.svg").write_text("<svg", encoding="utf-8")
    (fake_resources / "templates").mkdir()
    (fake_resources / "templates" / "thanks.txt").write_bytes(b"Hi \xff\xfe there")
    (fake_resources / "empty.dat").write_bytes(b"")
    problems = check_resources()
    assert len(problems) == 4, problems
    joined = "\n".join(problems)
    for name in ("icons/broken.png", "icons/broken.svg", "templates/thanks.txt", "empty.dat"):
        assert name in joined


def test_a_missing_app_icon_is_named(qtbot: QtBot, fake_resources: Path) -> None:
    (fake_resources / "icons" / "job-tracker.svg").unlink()
    assert check_resources() == ["the app icon resources/icons/job-tracker.svg is missing"]


def test_incomplete_migrations_are_named(tmp_path: Path) -> None:
    (tmp_path / "versions").mkdir()
    (tmp_path / "versions" / "__init__.py").write_text("")
    (tmp_path / "env.py").write_text("")
    assert check_migrations(tmp_path) == [
        "the database migrations lack script.py.mako",
        "the database migrations hold no revisions",
    ]


def test_a_fresh_database_passes(store: Store) -> None:
    create_application(store, ApplicationInput(company="Northwind", role="Backend Engineer"))
    assert check_database(store.engine) == []


def test_a_database_at_another_revision_is_named(store: Store) -> None:
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'elsewhere'"))
    [problem] = check_database(store.engine)
    assert problem.startswith("the database is at schema elsewhere, the app expects ")


def test_a_damaged_database_is_named(db_path: Path) -> None:
    opened = open_database(db_path)
    store = Store(opened.engine)
    for i in range(300):
        create_application(store, ApplicationInput(company=f"Company {i}", role="Engineer"))
    opened.engine.dispose()
    data = bytearray(db_path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    # Garbage over the b-tree header of page 3: SQLite notices that (not garbage in a payload).
    data[2 * page_size : 2 * page_size + 300] = random.Random(3).randbytes(300)
    db_path.write_bytes(bytes(data))
    engine = make_sqlite_engine(db_path)
    try:
        problems = check_database(engine)
    finally:
        engine.dispose()
    assert problems
    assert problems[0].startswith(
        ("the database failed its integrity check", "the database cannot be read")
    )
