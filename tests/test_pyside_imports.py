"""The quicker answer to PySide's import hook is the same answer."""

from __future__ import annotations

import subprocess
import sys
from types import ModuleType

import PySide6.QtCore  # noqa: F401 (the hook exists once PySide6 is loaded)

from tracker.startup import pyside_imports

# Our modules with and without PySide, the standard library in Python and in C, a builtin.
SAMPLES = (
    "tracker.ui.main_window",
    "tracker.startup.idle",
    "tracker.domain.rows",
    "tracker.db.enums",
    "json",
    "math",
    "sys",
)


def pyside_feature() -> ModuleType:
    return sys.modules["shibokensupport.feature"]


def test_the_quick_check_answers_as_pyside_does(monkeypatch):
    feature = pyside_feature()
    original = feature._mod_uses_pyside
    monkeypatch.setattr(feature, "_mod_uses_pyside", original)  # put back after the test
    modules = [__import__(name, fromlist=["_"]) for name in SAMPLES]
    expected = [original(module) for module in modules]
    assert expected[:2] == [True, True]  # the sample has both kinds
    assert expected[2:] == [False] * 5

    pyside_imports.quicken_pyside_imports()
    quick = feature._mod_uses_pyside

    assert quick is not original
    assert [quick(module) for module in modules] == expected
    pyside_imports.quicken_pyside_imports()  # a second call leaves the first one in place
    assert feature._mod_uses_pyside is quick


def test_a_module_whose_file_is_gone_is_asked_of_pyside(monkeypatch, tmp_path):
    feature = pyside_feature()
    asked: list[str] = []

    def original(module: ModuleType) -> bool:
        asked.append(module.__name__)
        return False

    monkeypatch.setattr(feature, "_mod_uses_pyside", original)
    pyside_imports.quicken_pyside_imports()
    gone = ModuleType("gone")
    gone.__file__ = str(tmp_path / "gone.py")

    assert feature._mod_uses_pyside(gone) is False
    assert asked == ["gone"]


def test_the_app_installs_it_before_the_window_loads(tmp_path):
    # The start-up path as far as the window, in a process of its own.
    script = (
        "import sys, tracker.app as app\n"
        "from tracker.startup import pyside_imports\n"
        "seen = {}\n"
        "def run_window(*args, **kwargs):\n"
        "    feature = sys.modules['shibokensupport.feature']\n"
        "    seen['quick'] = getattr(feature._mod_uses_pyside, pyside_imports.QUICK_MARK, False)\n"
        "    seen['window loaded'] = 'tracker.ui.main_window' in sys.modules\n"
        "    return 0\n"
        "app._run_window = run_window\n"
        "app.main(['--self-test', '--data-dir', sys.argv[1]])\n"
        "print(seen)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.stdout.strip() == "{'quick': True, 'window loaded': False}", result.stderr
