"""Start at login: the app starts in the background (`--background`) when the person logs in.

Linux: a per-user XDG autostart entry, $XDG_CONFIG_HOME/autostart/job-tracker.desktop.
macOS (recipe): a LaunchAgent, ~/Library/LaunchAgents/<label>.plist, made with plistlib.
Windows (recipe): a value under HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run.
Turning it off removes the file (or the value). No Qt and no database here.
"""

from __future__ import annotations

import contextlib
import os
import plistlib
import sys
from pathlib import Path

from tracker import APP_NAME

DESKTOP_NAME = "job-tracker.desktop"
LAUNCH_AGENT_LABEL = "org.jobtracker.JobTracker"
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
BACKGROUND = "--background"


def command() -> list[str]:
    """How to start this app in the background: the bundle's program, or this Python."""
    if getattr(sys, "frozen", False):
        return [sys.executable, BACKGROUND]
    return [sys.executable, "-m", "tracker", BACKGROUND]


def autostart_dir() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "autostart"


_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def exec_argument(part: str) -> str:
    """One argument as the Desktop Entry spec's Exec key wants it (double quotes, with \\
    escapes, then the key file's own escaping of backslashes)."""
    if any(ch in _RESERVED for ch in part):
        inner = "".join("\\" + ch if ch in '"`$\\' else ch for ch in part)
        part = f'"{inner}"'
    return part.replace("\\", "\\\\").replace("%", "%%")


def desktop_entry(argv: list[str]) -> str:
    exec_line = " ".join(exec_argument(part) for part in argv)
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        f"Name={APP_NAME}\n"
        "Comment=Reminders for your job search, in the background\n"
        f"Exec={exec_line}\n"
        "Icon=job-tracker\n"
        "Terminal=false\n"
        "X-GNOME-Autostart-enabled=true\n"
    )


def launch_agent(argv: list[str]) -> bytes:
    """The macOS LaunchAgent that starts the app at login."""
    return plistlib.dumps(
        {"Label": LAUNCH_AGENT_LABEL, "ProgramArguments": argv, "RunAtLoad": True}
    )


def launch_agent_path() -> Path:
    return Path.home() / "Library" / "LaunchAgents" / f"{LAUNCH_AGENT_LABEL}.plist"


def _path() -> Path:
    return launch_agent_path() if sys.platform == "darwin" else autostart_dir() / DESKTOP_NAME


def is_enabled() -> bool:
    if sys.platform == "win32":  # pragma: no cover - recipe, not tested here
        import winreg

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
                winreg.QueryValueEx(key, APP_NAME)
                return True
        except OSError:
            return False
    return _path().is_file()


def set_enabled(on: bool, argv: list[str] | None = None) -> Path | None:
    """Start at login, or not; returns the file written (None when removed or on Windows)."""
    argv = argv or command()
    if sys.platform == "win32":  # pragma: no cover - recipe, not tested here
        import subprocess
        import winreg

        with winreg.CreateKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
            if on:
                winreg.SetValueEx(key, APP_NAME, 0, winreg.REG_SZ, subprocess.list2cmdline(argv))
            else:
                with contextlib.suppress(OSError):
                    winreg.DeleteValue(key, APP_NAME)
        return None
    path = _path()
    if not on:
        path.unlink(missing_ok=True)
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    if sys.platform == "darwin":
        path.write_bytes(launch_agent(argv))
    else:
        path.write_text(desktop_entry(argv), encoding="utf-8")
    return path
