"""The one way the app finds the files it ships (icons, templates, the playbook).

importlib.resources works alike in a source checkout, an installed wheel and a bundle.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable


def resource(*parts: str) -> Traversable:
    """A shipped file, e.g. resource("icons", "job-tracker.svg")."""
    found = resources.files("tracker.resources")
    for part in parts:
        found = found / part
    return found
