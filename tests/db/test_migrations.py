"""Opening, creating and upgrading database files, and refusing the ones we cannot trust."""

from __future__ import annotations

import json
import os
import random
import re
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from tracker import paths
from tracker.db.backups import list_backups
from tracker.db.engine import make_sqlite_engine
from tracker.db.migrate import (
    StartupError,
    alembic_config,
    current_revision,
    head_revision,
    known_revisions,
    open_database,
    upgrade,
)
from tracker.db.models import Base

ALL_REVISIONS = [
    rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()
]


def side_files(path: Path) -> set[str]:
    return {p.name for p in path.parent.iterdir() if p.name != path.name}


def read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True)


def sqlite_revision(path: Path) -> str | None:
    """The schema revision recorded in a file, read with plain sqlite3 (read-only)."""
    conn = read_only(path)
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        if "alembic_version" not in tables:
            return None
        return conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        conn.close()


def make_at_revision(path: Path, revision: str) -> None:
    engine = make_sqlite_engine(path)
    try:
        with engine.begin() as conn:
            upgrade(conn, revision)
    finally:
        engine.dispose()


def make_head_database(path: Path, companies: int = 0) -> None:
    opened = open_database(path)
    try:
        if companies:
            with opened.engine.begin() as conn:
                conn.execute(
                    text("INSERT INTO companies (name, notes) VALUES (:name, :notes)"),
                    [{"name": f"Company {i}", "notes": "n" * 200} for i in range(companies)],
                )
    finally:
        opened.engine.dispose()


def assert_refused_untouched(path: Path, title_part: str) -> StartupError:
    before = path.read_bytes()
    before_sides = side_files(path)
    with pytest.raises(StartupError) as caught:
        open_database(path)
    assert title_part in caught.value.title
    assert caught.value.message  # something to show the person
    assert path.read_bytes() == before
    assert side_files(path) == before_sides, "side files or backups were left behind"
    return caught.value


# --- upgrading ---------------------------------------------------------------------------


def test_revision_list_is_not_empty_and_head_is_known() -> None:
    assert ALL_REVISIONS
    assert head_revision() in known_revisions()
    assert set(ALL_REVISIONS) == known_revisions()


def test_upgrading_an_empty_file_reaches_head(db_path: Path) -> None:
    engine = make_sqlite_engine(db_path)
    try:
        with engine.begin() as conn:
            assert current_revision(conn) is None
            upgrade(conn)
        with engine.connect() as conn:
            assert current_revision(conn) == head_revision()
    finally:
        engine.dispose()


def test_new_database_is_created_at_head(db_path: Path) -> None:
    opened = open_database(db_path)
    try:
        assert opened.created is True
        assert opened.backup is None
        with opened.engine.connect() as conn:
            assert current_revision(conn) == head_revision()
    finally:
        opened.engine.dispose()
    assert side_files(db_path) == set()


def test_models_and_migrations_agree(db_path: Path) -> None:
    make_at_revision(db_path, "head")
    engine = make_sqlite_engine(db_path)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


@pytest.mark.parametrize("revision", [None, *ALL_REVISIONS], ids=["empty", *ALL_REVISIONS])
def test_every_revision_upgrades_to_head_with_a_backup(db_path: Path, revision: str | None) -> None:
    inserted = False
    if revision is None:
        # A valid SQLite file with no tables at all.
        conn = sqlite3.connect(db_path)
        conn.execute("CREATE TABLE scratch (x)")
        conn.execute("DROP TABLE scratch")
        conn.close()
    else:
        make_at_revision(db_path, revision)
        conn = sqlite3.connect(db_path)
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        if "companies" in tables:
            conn.execute("INSERT INTO companies (name) VALUES ('Kept Company')")
            conn.commit()
            inserted = True
        conn.close()
    assert db_path.stat().st_size > 0
    assert sqlite_revision(db_path) == revision

    opened = open_database(db_path)
    try:
        assert opened.created is False
        with opened.engine.connect() as conn:
            assert current_revision(conn) == head_revision()
            names = conn.execute(text("SELECT name FROM companies")).scalars().all()
        assert names == (["Kept Company"] if inserted else [])
    finally:
        opened.engine.dispose()

    if revision == head_revision():
        assert opened.backup is None
        assert side_files(db_path) == set()
        return
    backup = opened.backup
    assert backup is not None
    # With the other backups: listed in Restore, thinned, never beside the file.
    assert backup.parent == db_path.parent / "backups"
    assert backup.name.startswith("tracker-")
    assert backup.name.endswith("-before-upgrade.db")
    assert side_files(db_path) == {"backups"}
    assert [b.path for b in list_backups(backup.parent)] == [backup]
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    check = read_only(backup)
    try:
        assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        check.close()
    assert sqlite_revision(backup) == revision


def schema(path: Path) -> list[tuple[str, str, tuple[str, ...]]]:
    """Every table and index with its definition, as parts in a fixed order.

    A batch-mode migration rebuilds a table with the same columns and constraints, but
    SQLite keeps the text it was given: quoting and the order of constraints may differ.
    """
    conn = read_only(path)
    try:
        rows = conn.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE name != 'alembic_version' "
            "ORDER BY type, name"
        ).fetchall()
    finally:
        conn.close()
    return [(kind, name, definition_parts(sql)) for kind, name, sql in rows]


def definition_parts(sql: str | None) -> tuple[str, ...]:
    if sql is None:
        return ()
    text = re.sub(r'^CREATE TABLE "(\w+)"', r"CREATE TABLE \1", sql.strip())
    text = re.sub(r"DEFAULT \('([^']*)'\)", r"DEFAULT '\1'", text)
    head, _, body = text.partition("(\n")
    if not body:
        return (text,)
    return (head.strip(), *sorted(top_level_parts(body.rstrip().removesuffix(")"))))


def top_level_parts(body: str) -> list[str]:
    """The comma-separated parts of a table body, ignoring commas inside parentheses
    (ALTER TABLE ADD COLUMN appends its column on the last line)."""
    parts, depth, current = [], 0, []
    for char in body:
        if char == "," and depth == 0:
            parts.append("".join(current).strip())
            current = []
            continue
        depth += {"(": 1, ")": -1}.get(char, 0)
        current.append(char)
    parts.append("".join(current).strip())
    return [part for part in parts if part]


DOWNGRADABLE = [
    (rev.revision, rev.down_revision)
    for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()
    if isinstance(rev.down_revision, str)
]


@pytest.mark.parametrize(("revision", "previous"), DOWNGRADABLE, ids=[r for r, _ in DOWNGRADABLE])
def test_each_revision_downgrades_to_the_one_before_and_up_again(
    tmp_path: Path, revision: str, previous: str
) -> None:
    made_at_previous = tmp_path / "previous.db"
    make_at_revision(made_at_previous, previous)
    path = tmp_path / "round-trip.db"
    make_at_revision(path, revision)
    engine = make_sqlite_engine(path)
    try:
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO companies (name) VALUES ('Kept Company')"))
            command.downgrade(alembic_config(conn), previous)
        assert sqlite_revision(path) == previous
        assert schema(path) == schema(made_at_previous)
        with engine.begin() as conn:
            upgrade(conn)
        with engine.connect() as conn:
            assert current_revision(conn) == head_revision()
            assert conn.execute(text("SELECT name FROM companies")).scalars().all() == [
                "Kept Company"
            ]
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def test_database_at_head_takes_no_backup(db_path: Path) -> None:
    make_head_database(db_path, companies=3)
    assert sqlite_revision(db_path) == head_revision()
    opened = open_database(db_path)
    try:
        assert opened.backup is None
        assert opened.created is False
        with opened.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM companies")).scalar() == 3
    finally:
        opened.engine.dispose()
    assert side_files(db_path) == set()


# --- refusing what cannot be trusted ---------------------------------------------------------


def test_newer_revision_is_refused_and_untouched(db_path: Path) -> None:
    make_head_database(db_path, companies=2)
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE alembic_version SET version_num = 'ffff_future'")
    conn.commit()
    conn.close()
    assert "ffff_future" not in known_revisions()
    error = assert_refused_untouched(db_path, "newer")
    assert "ffff_future" in error.message
    assert sqlite_revision(db_path) == "ffff_future"


def test_random_bytes_are_refused_and_untouched(db_path: Path) -> None:
    db_path.write_bytes(random.Random(7).randbytes(8192))
    assert_refused_untouched(db_path, "not a Job Tracker database")


def test_text_file_is_refused_and_untouched(db_path: Path) -> None:
    db_path.write_text("Dear diary, today I applied to three jobs.\n" * 50)
    assert_refused_untouched(db_path, "not a Job Tracker database")


def test_other_apps_database_is_refused_and_untouched(db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, title TEXT)")
    conn.executemany("INSERT INTO recipes (title) VALUES (?)", [("Soup",), ("Bread",)])
    conn.commit()
    conn.close()
    assert_refused_untouched(db_path, "not a Job Tracker database")


@pytest.mark.parametrize("page_number", [2, 3, 4, 5])
def test_corrupted_database_is_refused_and_untouched(db_path: Path, page_number: int) -> None:
    make_head_database(db_path, companies=300)
    data = bytearray(db_path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    assert len(data) > (page_number + 1) * page_size
    # Garbage over the b-tree header and cell pointers of a page beyond page 1. (Garbage only
    # inside a row's payload cannot be noticed: SQLite keeps no checksums of its pages.)
    start = (page_number - 1) * page_size
    data[start : start + 300] = random.Random(page_number).randbytes(300)
    db_path.write_bytes(bytes(data))
    error = assert_refused_untouched(db_path, "database")
    assert error.title in ("The database is damaged", "The database cannot be read")


# Folder names people really use: the path must reach SQLite whole, in every way it is opened
# (read-write, the read-only inspection and the backup), or the checks look at another file.


def odd_folder(tmp_path: Path, folder_name: str) -> Path:
    folder = tmp_path / folder_name
    folder.mkdir()
    return folder / "tracker.db"


def test_folder_name_with_hash_still_refuses_a_newer_database(tmp_path: Path) -> None:
    path = odd_folder(tmp_path, "jobs #2")
    make_head_database(path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = 'ffff_future'")
    conn.commit()
    conn.close()
    before = sorted(p.name for p in tmp_path.iterdir())
    try:
        assert_refused_untouched(path, "newer")
    finally:
        assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_folder_name_with_question_mark_keeps_the_database_there(tmp_path: Path) -> None:
    path = odd_folder(tmp_path, "jobs?2")
    make_head_database(path, companies=1)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["jobs?2"]
    assert path.stat().st_size > 0
    assert sqlite_revision(path) == head_revision()


@pytest.mark.parametrize("folder_name", ["jobs #2", "why?", "100% me", "a%20b"])
def test_odd_folder_names_get_a_real_backup_and_upgrade(tmp_path: Path, folder_name: str) -> None:
    path = odd_folder(tmp_path, folder_name)
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE scratch (x)")
    conn.execute("DROP TABLE scratch")
    conn.close()
    opened = open_database(path)
    opened.engine.dispose()
    assert sorted(p.name for p in tmp_path.iterdir()) == [folder_name]
    assert sqlite_revision(path) == head_revision()
    assert opened.backup is not None
    assert opened.backup.parent == path.parent / "backups"
    assert opened.backup.stat().st_size > 0
    assert sqlite_revision(opened.backup) is None


def test_odd_folder_name_still_refuses_another_apps_database(tmp_path: Path) -> None:
    path = odd_folder(tmp_path, "jobs #2")
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, title TEXT)")
    conn.commit()
    conn.close()
    assert_refused_untouched(path, "not a Job Tracker database")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["jobs #2"]


# --- settings and permissions ----------------------------------------------------------------


def test_new_database_file_is_private(db_path: Path) -> None:
    opened = open_database(db_path)
    try:
        for path in (db_path, Path(f"{db_path}-wal"), Path(f"{db_path}-shm")):
            if path.exists():
                assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
        assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    finally:
        opened.engine.dispose()


def test_sqlite_settings_hold_on_every_connection(db_path: Path) -> None:
    opened = open_database(db_path)
    try:
        # Two connections at once: the settings belong to each, not just the first.
        with opened.engine.connect() as first, opened.engine.connect() as second:
            for conn in (first, second):
                pragma = conn.exec_driver_sql
                assert pragma("PRAGMA foreign_keys").scalar() == 1
                assert pragma("PRAGMA journal_mode").scalar() == "wal"
                assert pragma("PRAGMA synchronous").scalar() == 2  # FULL
                assert pragma("PRAGMA busy_timeout").scalar() > 0
    finally:
        opened.engine.dispose()


def test_ensure_private_dir_makes_a_user_only_folder(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "data"
    old_umask = os.umask(0o022)
    try:
        paths.ensure_private_dir(target)
    finally:
        os.umask(old_umask)
    assert target.is_dir()
    assert stat.S_IMODE(target.stat().st_mode) == 0o700
    paths.ensure_private_dir(target)  # a second call is fine
    assert stat.S_IMODE(target.stat().st_mode) == 0o700


def test_ensure_private_dir_refuses_a_file(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(NotADirectoryError):
        paths.ensure_private_dir(blocker)
    assert blocker.read_text() == "x"


def test_resolve_prefers_the_argument_then_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from_arg = tmp_path / "from-arg"
    from_env = tmp_path / "from-env"
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(from_env))
    chosen = paths.resolve(from_arg)
    assert chosen.data_dir == from_arg.resolve()
    assert chosen.database == from_arg.resolve() / paths.DATABASE_NAME
    assert chosen.log_dir.parent == from_arg.resolve()
    assert chosen.settings_dir is not None
    assert chosen.settings_dir.parent == from_arg.resolve()  # Qt's settings stay inside too
    assert paths.resolve().data_dir == from_env.resolve()
    assert paths.resolve(str(from_arg)).data_dir == from_arg.resolve()
    assert not from_arg.exists()
    assert not from_env.exists()


def test_resolve_falls_back_to_the_platform_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(paths.DATA_DIR_ENV, raising=False)
    xdg = tmp_path / "xdg-platform"
    monkeypatch.setenv("XDG_DATA_HOME", str(xdg))
    chosen = paths.resolve()
    import platformdirs

    assert chosen.data_dir == Path(platformdirs.user_data_dir("job-tracker", appauthor=False))
    assert chosen.settings_dir is None  # Qt's own place for settings
    if sys.platform.startswith("linux"):
        assert chosen.data_dir == xdg / "job-tracker"
    assert not xdg.exists()  # resolving creates nothing


def test_importing_creates_no_folders(tmp_path: Path) -> None:
    homes = {
        name: tmp_path / name.lower()
        for name in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME")
    }
    for folder in homes.values():
        folder.mkdir()
    env = {k: v for k, v in os.environ.items() if k != paths.DATA_DIR_ENV}
    env.update({name: str(folder) for name, folder in homes.items()})
    env["HOME"] = str(tmp_path / "home")
    code = (
        "import importlib, json, pkgutil, sys\n"
        "import tracker.paths, tracker.db\n"
        "names = []\n"
        "for info in pkgutil.walk_packages(tracker.db.__path__, 'tracker.db.'):\n"
        "    if info.name == 'tracker.db.migrations.env' or '.versions' in info.name:\n"
        "        continue\n"
        "    importlib.import_module(info.name)\n"
        "    names.append(info.name)\n"
        "tracker.paths.resolve()\n"
        "print(json.dumps(names))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    imported = json.loads(result.stdout)
    assert "tracker.db.migrate" in imported
    assert "tracker.db.models" in imported
    for name, folder in homes.items():
        assert list(folder.iterdir()) == [], name
    assert not (tmp_path / "home").exists()


def test_an_old_copy_beside_the_file_is_left_alone_by_an_upgrade(db_path: Path) -> None:
    make_at_revision(db_path, "0001")
    old = db_path.with_name("tracker.db.before-upgrade-from-0001-20261127-101500")
    old.write_bytes(b"a copy an older version made")
    opened = open_database(db_path)
    opened.engine.dispose()
    assert old.read_bytes() == b"a copy an older version made"
    assert side_files(db_path) == {"backups", old.name}


def test_no_upgrade_without_its_copy(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tracker.db import migrate

    make_at_revision(db_path, "0001")
    before = db_path.read_bytes()

    def disk_full(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(migrate, "take_backup", disk_full)
    with pytest.raises(StartupError, match="could not be copied before its upgrade") as caught:
        open_database(db_path)
    assert "No space left on device" in caught.value.message
    assert db_path.read_bytes() == before
    assert sqlite_revision(db_path) == "0001"
