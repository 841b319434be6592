"""PySide's import hook, given the same answer faster.

Once PySide6 is loaded, every later import passes through its `__feature__` hook, which asks
whether the new module mentions "PySide6" (to decide whether `from __feature__ import
snake_case` may switch it) by reading the module's source with `inspect.getsource`. That
costs about 0.1 ms a module, some 10 ms over the ~100 modules the window loads before its
first paint. Reading the file's bytes answers the same question in a tenth of the time. Any
module that is not a plain .py file, and any PySide without this hook, keeps PySide's own way.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

QUICK_MARK = "_job_tracker_quick"


def quicken_pyside_imports() -> None:
    """Install the quicker check, once, after PySide6 is imported (a no-op before that)."""
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or not callable(original) or getattr(original, QUICK_MARK, False):
        return
    quick = _quick_check(original)
    setattr(quick, QUICK_MARK, True)
    feature._mod_uses_pyside = quick  # type: ignore[attr-defined]


def _quick_check(original: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    def mentions_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return original(module)
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return original(module)

    return mentions_pyside
