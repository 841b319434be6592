"""The PyInstaller bundle starts, passes its self-test, and holds only what the app uses."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.packaging.conftest import ALL_WELL, NAME, self_test

pytestmark = pytest.mark.slow

SOURCE_RESOURCES = Path(__file__).resolve().parents[2] / "resources"
SOURCE_VERSIONS = Path(__file__).resolve().parents[2] / "src/tracker/db/migrations/versions"


def test_the_bundle_passes_its_self_test(bundle: Path, tmp_path: Path) -> None:
    data = tmp_path / "fresh data"
    result = self_test(bundle / NAME, data)
    assert result.returncode == 0, result.stderr
    assert ALL_WELL in result.stdout
    assert (data / "tracker.db").is_file()
    # A second start opens the database the first one made.
    again = self_test(bundle / NAME, data)
    assert again.returncode == 0, again.stderr
    assert ALL_WELL in again.stdout


def test_the_bundle_holds_resources_and_every_migration(bundle: Path) -> None:
    inside = bundle / "_internal" / "tracker"
    assert (inside / "resources" / "icons" / "job-tracker.svg").is_file()
    source = SOURCE_RESOURCES.rglob("*")
    wanted = [
        p.relative_to(SOURCE_RESOURCES) for p in source if p.is_file() and ".py" not in p.name
    ]
    missing = [p for p in wanted if not (inside / "resources" / p).is_file()]
    assert missing == []
    migrations = inside / "db" / "migrations"
    assert (migrations / "env.py").is_file()
    assert (migrations / "script.py.mako").is_file()
    shipped = {p.name for p in (migrations / "versions").glob("*.py")}
    assert shipped == {p.name for p in SOURCE_VERSIONS.glob("*.py")}


def test_the_bundle_leaves_out_qt_modules_the_app_does_not_use(bundle: Path) -> None:
    bindings = {p.name.split(".")[0] for p in (bundle / "_internal" / "PySide6").glob("Qt*.so")}
    assert {"QtWidgets", "QtDBus", "QtNetwork"} <= bindings  # notifications, one instance
    assert bindings <= {"QtCore", "QtGui", "QtWidgets", "QtSvg", "QtDBus", "QtNetwork"}
    libraries = {p.name for p in (bundle / "_internal").glob("libQt6*")}
    for unused in ("Qml", "Quick", "Pdf", "WebEngineCore", "Multimedia", "Sql", "Designer"):
        assert f"libQt6{unused}.so.6" not in libraries
