"""The wheel carries everything the app reads from disk: resources and every migration."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.packaging.conftest import ROOT

pytestmark = pytest.mark.slow


def test_the_wheel_holds_resources_and_migrations(tmp_path: Path) -> None:
    # Build from a copy, so the working tree gets no build/ or egg-info from the test.
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    skip = shutil.ignore_patterns("__pycache__", "*.egg-info")
    shutil.copytree(ROOT / "src", source / "src", ignore=skip)
    shutil.copytree(ROOT / "resources", source / "resources", ignore=skip)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", tmp_path, source],
        check=True,
        capture_output=True,
        timeout=300,
    )
    [wheel] = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    versions = sorted((ROOT / "src/tracker/db/migrations/versions").glob("*.py"))
    expected = [
        "tracker/resources/__init__.py",
        "tracker/resources/icons/job-tracker.svg",
        "tracker/db/migrations/env.py",
        "tracker/db/migrations/script.py.mako",
        *(f"tracker/db/migrations/versions/{p.name}" for p in versions),
        *(
            f"tracker/resources/{p.relative_to(ROOT / 'resources').as_posix()}"
            for p in (ROOT / "resources").rglob("*")
            if p.is_file() and ".py" not in p.name
        ),
    ]
    assert [name for name in expected if name not in names] == []
    assert any(p.name[0].isdigit() for p in versions)
