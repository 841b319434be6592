"""The checks behind `job-tracker --self-test`: does all that ships load, is the data sound.

Each check returns the problems it found, in plain words, and an empty list when all is well,
so the caller can print one line either way. They look at the files the app really uses, found
the one way the app finds them (importlib.resources), so a bundle or a wheel missing a file
fails here rather than later in front of the person.
"""

from __future__ import annotations

import sys
from importlib import resources
from importlib.resources.abc import Traversable
from typing import TYPE_CHECKING

from tracker import APP_NAME, __version__
from tracker.assets import resource, resource_path

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import Engine

    from tracker.domain.store import Store
    from tracker.paths import AppPaths
    from tracker.ui.main_window import MainWindow

IMAGE_FORMATS = {".svg": "SVG", ".png": "PNG", ".ico": "ICO", ".icns": "ICNS", ".jpg": "JPG"}
TEXT_SUFFIXES = {".txt", ".md", ".json", ".toml", ".yaml", ".yml", ".csv", ".tmpl", ".template"}
SKIPPED = {"__init__.py", "__pycache__"}
APP_ICON = ("icons", "job-tracker.svg")


def _files(folder: Traversable, prefix: str = "") -> list[tuple[str, Traversable]]:
    found: list[tuple[str, Traversable]] = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name in SKIPPED or entry.name.endswith(".pyc"):
            continue
        name = f"{prefix}{entry.name}"
        if entry.is_dir():
            found.extend(_files(entry, f"{name}/"))
        else:
            found.append((name, entry))
    return found


def _suffix(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:].lower() if dot > name.rfind("/") else ""


def _check_image(name: str, file: Traversable) -> str | None:
    from PySide6.QtCore import QBuffer
    from PySide6.QtGui import QIcon, QImageReader

    fmt = IMAGE_FORMATS[_suffix(name)]
    buffer = QBuffer()
    buffer.setData(file.read_bytes())  # a copy: the buffer must not outlive borrowed bytes
    if QImageReader(buffer, fmt.lower().encode()).read().isNull():
        return f"the image {name} does not load (is Qt's {fmt} image plugin shipped?)"
    if fmt == "SVG":
        # The window icon goes through QIcon, which draws SVG with its own plugin.
        with resources.as_file(file) as path:
            if QIcon(str(path)).pixmap(32, 32).isNull():
                return f"the icon {name} does not draw (is Qt's SVG icon engine shipped?)"
    return None


def _check_text(name: str, file: Traversable) -> str | None:
    try:
        file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return f"the file {name} cannot be read as text ({exc})"
    return None


def check_resources() -> list[str]:
    """Problems with the shipped files: every resource loads, and the migrations are all there.

    Icons are drawn with Qt, so a QGuiApplication (or QApplication) must exist.
    """
    problems: list[str] = []
    if not resource(*APP_ICON).is_file():
        problems.append(f"the app icon resources/{'/'.join(APP_ICON)} is missing")
    elif not resource_path(*APP_ICON).is_file():  # the fallback icons are found this way
        problems.append(f"resources/ is not a folder beside tracker.resources ({resource_path()})")
    for name, file in _files(resource()):
        suffix = _suffix(name)
        try:
            if suffix in IMAGE_FORMATS:
                problem = _check_image(name, file)
            elif suffix in TEXT_SUFFIXES:
                problem = _check_text(name, file)
            else:
                problem = None if file.read_bytes() else f"the file {name} is empty"
        except OSError as exc:
            problem = f"the file {name} cannot be read ({exc})"
        if problem:
            problems.append(problem)
    problems.extend(check_migrations())
    return problems


def check_migrations(folder: Traversable | None = None) -> list[str]:
    """Problems with the Alembic folder Alembic reads by path: env.py, template, revisions."""
    if folder is None:
        folder = resources.files("tracker.db") / "migrations"
    missing = [name for name in ("env.py", "script.py.mako") if not (folder / name).is_file()]
    problems = [f"the database migrations lack {name}" for name in missing]
    versions = folder / "versions"
    revisions = (
        [e.name for e in versions.iterdir() if e.name.endswith(".py") and e.name not in SKIPPED]
        if versions.is_dir()
        else []
    )
    if not revisions:
        problems.append("the database migrations hold no revisions")
    return problems


def check_database(engine: Engine) -> list[str]:
    """Problems with the open database: its integrity, and whether it is at the app's schema."""
    from sqlalchemy import text
    from sqlalchemy.exc import SQLAlchemyError

    from tracker.db.migrate import current_revision, head_revision

    problems: list[str] = []
    try:
        with engine.connect() as conn:
            if engine.dialect.name == "sqlite":  # other servers check themselves
                results = [str(row[0]) for row in conn.execute(text("PRAGMA integrity_check"))]
                if results != ["ok"]:
                    problems.append(
                        "the database failed its integrity check: " + "; ".join(results[:3])
                    )
            revision = current_revision(conn)
    except SQLAlchemyError as exc:
        return [f"the database cannot be read ({exc.__class__.__name__}: {exc})"]
    head = head_revision()
    if revision != head:
        problems.append(f"the database is at schema {revision or 'none'}, the app expects {head}")
    return problems


def report_self_test(app: QApplication, window: MainWindow, paths: AppPaths, store: Store) -> int:
    """Print one line, all is well or what failed; the exit code for --self-test."""
    app.processEvents()
    problems = check_resources() + check_database(store.engine)
    if problems:
        print(f"{APP_NAME} self-test: FAILED, " + "; ".join(problems), file=sys.stderr)
        return 1
    if not window.isVisible():
        print(f"{APP_NAME} self-test: FAILED, the main window did not show", file=sys.stderr)
        return 1
    rows = window.applications.model.rowCount()
    print(
        f"{APP_NAME} {__version__} self-test: all is well "
        f"(database {paths.database}, {rows} applications shown)"
    )
    window.close()
    return 0
