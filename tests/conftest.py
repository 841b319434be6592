"""Shared fixtures. Qt must be told to draw offscreen before anything imports it."""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest

from tracker.db.migrate import open_database
from tracker.domain.store import Store

# Many tests start the app in a process of its own. With PYTHONDONTWRITEBYTECODE set (as on
# this project's CI machines) each of them compiled every module from source again: ~30 s of
# CPU per run. Compiled files are written once (into __pycache__/, ignored by git) and reused.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
sys.dont_write_bytecode = False


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test may touch the real user folders."""
    monkeypatch.setenv("JOB_TRACKER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    # Qt reads the settings folder once per process: point it at this test's own folder.
    from PySide6.QtCore import QSettings

    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "qt-settings"))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    folder = tmp_path / "db"
    folder.mkdir()
    return folder / "tracker.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    opened = open_database(db_path)
    try:
        yield Store(opened.engine)
    finally:
        opened.engine.dispose()


@pytest.fixture(autouse=True)
def _no_unexpected_message_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    """A message box nobody answers would hang the run: fail with its text instead.

    Tests that expect one patch the same method themselves, which takes precedence.
    """
    from PySide6.QtWidgets import QMessageBox

    def unexpected(name: str):  # type: ignore[no-untyped-def]
        def show(*args: object, **kwargs: object) -> None:
            texts = [a for a in args if isinstance(a, str)]
            raise AssertionError(f"unexpected QMessageBox.{name}: {texts}")

        return show

    for name in ("question", "warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, name, unexpected(name))
