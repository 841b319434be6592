"""The data and domain layers must not pull in Qt's GUI modules."""

from __future__ import annotations

import json
import subprocess
import sys

CHECK = """
import importlib, json, pkgutil, sys
import tracker.db, tracker.domain
imported = []
for package in (tracker.db, tracker.domain):
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        name = info.name
        skipped = name == "tracker.db.migrations.env" or ".versions." in name
        if skipped:
            continue
        importlib.import_module(name)
        imported.append(name)
gui = sorted(
    m for m in sys.modules if m.startswith(("PySide6.QtWidgets", "PySide6.QtGui"))
)
print(json.dumps({"imported": imported, "gui": gui}))
"""


def test_data_and_domain_layers_do_not_import_qt_gui() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHECK],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    # The walk really covered both layers, so an empty list below means something.
    for expected in (
        "tracker.db.models",
        "tracker.db.migrate",
        "tracker.domain.applications",
        "tracker.domain.demo",
        "tracker.domain.tasks",
    ):
        assert expected in report["imported"]
    assert report["gui"] == []
