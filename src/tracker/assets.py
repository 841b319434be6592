"""How the app finds the files it ships (icons, templates, the playbook).

importlib.resources works alike in a source checkout, an installed wheel and a bundle. What the
first paint shows (the toolbar's fallback icons) is found by plain path instead: importing
importlib.resources costs ~3 ms that the window would wait for.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable


def resource(*parts: str) -> Traversable:
    """A shipped file, e.g. resource("icons", "job-tracker.svg")."""
    from importlib import resources

    found = resources.files("tracker.resources")
    for part in parts:
        found = found / part
    return found


def resource_path(*parts: str) -> Path:
    """The same file as resource(*parts), as a path beside the tracker.resources package.

    The package is a plain folder wherever the app runs (a checkout, an installed wheel, the
    bundle); the self-test checks that this way finds the shipped files in each.
    """
    package = import_module("tracker.resources")  # resources/, mapped by pyproject
    assert package.__file__ is not None
    return Path(package.__file__).parent.joinpath(*parts)
