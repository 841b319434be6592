"""A private session bus for the tests, with a recording notification service on it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVICE = Path(__file__).resolve().parents[1] / "fixtures" / "reminders" / "notification_service.py"


def ensure_dbus_daemon() -> str:
    """The dbus-daemon program; installed through tools/debian-packages when missing."""
    found = shutil.which("dbus-daemon")
    if found is None:
        subprocess.run(
            [str(ROOT / "tools" / "debian-packages"), "dbus"], check=False, capture_output=True
        )
        found = shutil.which("dbus-daemon")
    if found is None:
        pytest.skip("dbus-daemon is missing and the Debian package 'dbus' could not be installed")
    return found


@dataclass
class Recorder:
    address: str
    record: Path

    def received(self) -> list[dict[str, object]]:
        if not self.record.exists():
            return []
        return [json.loads(line) for line in self.record.read_text("utf-8").splitlines()]


@pytest.fixture
def session_bus(tmp_path: Path) -> Iterator[str]:
    """The address of a new session bus, stopped after the test."""
    daemon = subprocess.Popen(
        [ensure_dbus_daemon(), "--session", "--print-address", "--nofork"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert daemon.stdout is not None
        address = daemon.stdout.readline().strip()
        assert address, "dbus-daemon printed no address"
        yield address
    finally:
        daemon.terminate()
        daemon.wait(10)
        if daemon.stdout is not None:
            daemon.stdout.close()


@pytest.fixture
def notification_service(session_bus: str, tmp_path: Path) -> Iterator[Recorder]:
    """A notification service on the test's bus that records each notification."""
    from PySide6.QtDBus import QDBusConnection

    record = tmp_path / "notifications.jsonl"
    service = subprocess.Popen([sys.executable, str(SERVICE), session_bus, str(record)])
    probe = QDBusConnection.connectToBus(session_bus, "probe")
    try:
        deadline = time.monotonic() + 20
        while not probe.interface().isServiceRegistered("org.freedesktop.Notifications").value():
            assert service.poll() is None, "the notification service stopped"
            assert time.monotonic() < deadline, "the notification service did not start"
            time.sleep(0.05)
        yield Recorder(session_bus, record)
    finally:
        QDBusConnection.disconnectFromBus("probe")
        service.terminate()
        service.wait(10)
