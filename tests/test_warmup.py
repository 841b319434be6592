"""The warm-up finishes in the background; the first write waits for it with a busy cursor."""

from __future__ import annotations

import faulthandler
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication

from tracker.db.fileinfo import StartupError
from tracker.domain.store import Store
from tracker.startup import warmup as module
from tracker.startup.warmup import Warmup


def test_a_first_write_before_the_check_ends_waits_under_a_busy_cursor(
    qtbot, store: Store, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tracker.domain.applications import ApplicationInput, create_application

    release = threading.Event()
    check = module.quick_check
    monkeypatch.setattr(module, "quick_check", lambda path: (release.wait(10), check(path)))
    warmup = Warmup(db_path).start()
    seen: list[object] = []

    def meanwhile() -> None:  # runs while the write waits: the event loop still turns
        cursor = QGuiApplication.overrideCursor()
        seen.append(cursor.shape() if cursor is not None else None)
        release.set()

    QTimer.singleShot(50, meanwhile)
    with qtbot.waitSignal(warmup.finished) as finished:
        created = create_application(
            Store(connect=warmup.engine), ApplicationInput(company="Acme", role="Engineer")
        ).value
    assert created > 0
    assert seen == [Qt.CursorShape.BusyCursor]
    assert QGuiApplication.overrideCursor() is None
    assert finished.args == [None]


def test_a_damaged_file_reaches_the_gui_thread_as_a_signal(
    qtbot, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def damaged(path: Path) -> None:
        raise StartupError("The database is damaged", f"{path} failed its integrity check")

    monkeypatch.setattr(module, "quick_check", damaged)
    warmup = Warmup(db_path).start()
    qtbot.wait(50)
    assert not warmup.done  # nothing starts before the window is painted and idle
    with qtbot.waitSignal(warmup.finished) as finished:
        warmup.window_idle()
    assert isinstance(finished.args[0], StartupError)
    qtbot.waitUntil(lambda: warmup.done)  # said right after the signal is sent
    assert warmup.error is finished.args[0]
    with pytest.raises(StartupError):
        warmup.engine()


def test_what_the_warm_up_finishing_starts_may_use_the_store_a_waiting_write_is_opening(
    qtbot, store: Store, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first write waits for the warm-up while the event loop turns; the loop delivers
    the warm-up's `finished`, whose handler (the reminders starting) asks the same store for
    its engine. That used to wait on the store's lock forever: the window froze."""
    from tracker.domain.applications import ApplicationInput, create_application

    release = threading.Event()
    check = module.quick_check
    monkeypatch.setattr(module, "quick_check", lambda path: (release.wait(10), check(path)))
    warmup = Warmup(db_path).start()
    opening = Store(connect=warmup.engine)  # (the `store` fixture made the file)
    engines: list[object] = []
    warmup.finished.connect(
        lambda _error: engines.append(opening.engine), Qt.ConnectionType.QueuedConnection
    )
    # "finished" is queued a moment before "done": the waiting write's loop delivers it.
    said_done = warmup._done.set
    monkeypatch.setattr(warmup._done, "set", lambda: (time.sleep(0.2), said_done()))
    QTimer.singleShot(50, release.set)

    faulthandler.dump_traceback_later(60, exit=True)  # a deadlock ends the run, with its stack
    try:
        created = create_application(opening, ApplicationInput(company="Acme", role="Engineer"))
    finally:
        faulthandler.cancel_dump_traceback_later()

    assert created.value > 0
    qtbot.waitUntil(lambda: len(engines) == 1)
    assert engines == [opening.engine]  # one engine, whichever call made it
