"""Start at login: the XDG autostart entry written, valid and removed; the macOS plist."""

from __future__ import annotations

import plistlib
import shutil
import subprocess
from pathlib import Path

import pytest

from tracker import autostart

ROOT = Path(__file__).resolve().parents[1]


def test_the_autostart_entry_is_written_valid_and_removed(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setattr(autostart.sys, "platform", "linux")
    assert not autostart.is_enabled()
    argv = ["/opt/job tracker/job-tracker", "--background"]
    path = autostart.set_enabled(True, argv)
    assert path == tmp_path / "config" / "autostart" / "job-tracker.desktop"
    assert autostart.is_enabled()
    text = path.read_text(encoding="utf-8")
    assert 'Exec="/opt/job tracker/job-tracker" --background\n' in text
    if shutil.which("desktop-file-validate") is None:
        subprocess.run(
            [str(ROOT / "tools" / "debian-packages"), "desktop-file-utils"],
            check=False,
            capture_output=True,
        )
    if shutil.which("desktop-file-validate") is None:
        pytest.skip("desktop-file-validate (Debian package desktop-file-utils) is missing")
    result = subprocess.run(
        ["desktop-file-validate", str(path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert autostart.set_enabled(False) is None
    assert not path.exists()
    assert not autostart.is_enabled()


def test_the_launch_agent_parses_back():
    data = autostart.launch_agent(
        ["/Applications/Job Tracker.app/Contents/MacOS/x", "--background"]
    )
    agent = plistlib.loads(data)
    assert agent["Label"] == autostart.LAUNCH_AGENT_LABEL
    assert agent["ProgramArguments"][-1] == "--background"
    assert agent["RunAtLoad"] is True


def test_the_command_starts_in_the_background():
    assert autostart.command()[-1] == "--background"
