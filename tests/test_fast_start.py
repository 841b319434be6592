"""The fast start, run as a person would start the app: a separate process, a real database.

A small driver makes the QApplication (the app uses the one it finds), watches for the main
window's first paint and the event loop's first idle moment after it, then runs tracker.app.main.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.test_startup import make_database

DRIVER = """
import gc, json, sys, threading
from PySide6.QtCore import QAbstractEventDispatcher, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

WATCHED = ("sqlalchemy", "alembic", "tracker.db.models", "tracker.db.engine",
           "tracker.db.migrate", "tracker.domain.applications", "tracker.domain.board",
           "tracker.domain.tasks", "tracker.domain.contacts", "tracker.domain.interviews")
painted = threading.Event()


class Probe(QObject):
    seen = False
    app_wide = True

    def eventFilter(self, watched, event):
        if self.app_wide and isinstance(watched, QMainWindow):
            # Only the window's own events from here: an app-wide filter in Python wraps every
            # object that gets an event, the style's too, loading what the app never does.
            self.app_wide = False
            app.removeEventFilter(self)
            watched.installEventFilter(self)
        if not self.seen and event.type() == QEvent.Type.Paint and isinstance(watched, QMainWindow):
            self.seen = True
            QAbstractEventDispatcher.instance().aboutToBlock.connect(self.idle)
        return False

    def idle(self):
        QAbstractEventDispatcher.instance().aboutToBlock.disconnect(self.idle)
        loaded = sorted(m for m in sys.modules if m.split(".")[0] in WATCHED or m in WATCHED)
        window = next(w for w in app.topLevelWidgets() if isinstance(w, QMainWindow))
        print(json.dumps({"loaded": loaded, "rows": window.applications.model.rowCount(),
                          "visible": window.isVisible(),
                          # QStyle's Python enums cost ~10 ms: icons and cards do without
                          "qstyle": "QStyle" in vars(sys.modules["PySide6.QtWidgets"]),
                          "qt_pool_threads": pool_threads()}),
              flush=True)
        painted.set()
        if MODE == "modules":
            app.exit(0)
        if MODE == "gc":  # off through start-up, on again once the window is idle
            print(json.dumps({"gc_at_first_idle": gc.isenabled()}), flush=True)
            QTimer.singleShot(200, lambda: (print(json.dumps({"gc_later": gc.isenabled()})),
                                            app.exit(0)))


def pool_threads():  # Qt's painting pool names its threads so; Linux lists them in /proc
    import glob
    names = [open(task + "/comm").read().strip() for task in glob.glob("/proc/self/task/*")]
    return sum(name == "Thread (pooled)" for name in names)


MODE = sys.argv[1]
app = QApplication(sys.argv[:1])
probe = Probe()
app.installEventFilter(probe)
if MODE == "damaged":  # the check reports only after the window has painted and gone idle
    import tracker.startup.warmup as warmup

    check = warmup.quick_check

    def late_check(path):
        painted.wait(30)
        check(path)

    warmup.quick_check = late_check
from tracker.app import main

sys.exit(main(sys.argv[2:]))
"""


def run_driver(mode: str, data_dir: Path, driver: str = DRIVER) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", driver, mode, "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=60,
        check=False,
    )


def test_the_window_paints_before_sqlalchemy_alembic_the_domain_or_qstyle_loads(
    tmp_path: Path,
) -> None:
    path = make_database(tmp_path / "data", applications=3)
    result = run_driver("modules", path.parent)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.splitlines()[0])
    assert report == {
        "loaded": [],
        "rows": 3,
        "visible": True,
        "qstyle": False,
        "qt_pool_threads": 0,  # painting stays on the GUI thread (QT_NO_GUI_THREADPOOL)
    }


def damage_unpainted_pages(path: Path) -> bytes:
    """Damage pages the first paint never reads (the contacts): found by the later check."""
    import sqlite3

    with sqlite3.connect(path) as conn:
        conn.executemany(
            "INSERT INTO contacts (name, notes, in_network, created_at) VALUES (?, ?, 0, ?)",
            [(f"Person {i}", "x" * 3000, "2026-01-01 00:00:00") for i in range(40)],
        )
        pages = [row[0] for row in conn.execute("SELECT pageno FROM dbstat WHERE name='contacts'")]
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    damaged = max(pages) - 1  # a leaf in the middle of the contacts table
    data[damaged * page_size + 8 : damaged * page_size + 900] = b"\xff" * 892
    path.write_bytes(bytes(data))
    return bytes(data)


def test_a_damage_found_after_the_first_paint_still_exits_2_with_its_message(
    tmp_path: Path,
) -> None:
    path = make_database(tmp_path / "data", applications=30)
    data = damage_unpainted_pages(path)

    result = run_driver("damaged", path.parent)
    assert result.returncode == 2, result.stderr
    report = json.loads(result.stdout.splitlines()[0])
    assert report["visible"]  # the window was up and idle before the check reported
    assert report["rows"] == 30
    assert "The database is damaged" in result.stderr
    assert result.stderr.count("failed its integrity check") == 1
    assert path.read_bytes() == bytes(data)


def test_garbage_collection_waits_until_the_window_is_idle(tmp_path: Path) -> None:
    path = make_database(tmp_path / "data", applications=3)

    result = run_driver("gc", path.parent)

    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines[1:] == [{"gc_at_first_idle": False}, {"gc_later": True}]
