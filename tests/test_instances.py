"""One app per data folder, a second start brings it forward, kill -9 leaves nothing stuck,
and SIGTERM quits like Quit (window state saved, the WAL folded back into the database)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


def start(data: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tracker", "--data-dir", str(data)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


def log_of(data: Path) -> str:
    path = data / "logs" / "job-tracker.log"
    return path.read_text(encoding="utf-8") if path.exists() else ""


def wait_for(condition, what: str, timeout: float = 30) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def test_a_second_start_brings_the_first_forward_and_sigterm_quits_cleanly(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    first = start(data)
    try:
        wait_for(lambda: "Window shown" in log_of(data), "the first window")
        second = start(data)
        out, err = second.communicate(timeout=60)
        assert second.returncode == 0, err
        assert "already open" in out
        wait_for(lambda: "asked to show the window" in log_of(data), "the first to be asked")
        assert first.poll() is None  # still running
        first.send_signal(signal.SIGTERM)
        first.communicate(timeout=30)
        assert first.returncode == 0
    finally:
        if first.poll() is None:
            first.kill()
    assert "Asked to quit (SIGTERM)" in log_of(data)
    wal = data / "tracker.db-wal"
    assert not wal.exists() or wal.stat().st_size == 0  # checkpointed on the way out
    assert list((data / "settings").rglob("*.ini"))  # window state saved


def test_a_lock_left_by_kill_9_does_not_stop_the_next_start(tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = start(data)
    wait_for(lambda: "Window shown" in log_of(data), "the first window")
    first.kill()
    first.communicate(timeout=30)
    assert (data / "job-tracker.lock").exists()  # left behind
    again = start(data)
    try:
        wait_for(lambda: log_of(data).count("Window shown") == 2, "the next window")
        again.send_signal(signal.SIGTERM)
        again.communicate(timeout=30)
        assert again.returncode == 0
    finally:
        if again.poll() is None:
            again.kill()
