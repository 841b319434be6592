"""The app started as a person would, then used: keystrokes in the search box, a board reload.

`python use_window.py search --data-dir DIR` types words into the search box one real keystroke
at a time (QTest.keyClick) and times each from the key press to the first idle moment after the
applications view repainted with the new result (so any debounce delay counts); then prints the
median, the worst and the process's peak memory, with the window idle.
`python use_window.py board --data-dir DIR` times the board's reload with a card selected.
"""

from __future__ import annotations

import statistics
import sys
import time

from probe import IdleAfterFirstPaint, peak_rss_mb
from PySide6.QtCore import QAbstractEventDispatcher, QEvent, QEventLoop, QObject, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

WORDS = ["north", "x", "berlin", "engineer", "vertex 1", "zzq"]
TIMEOUT_MS = 10_000


class Repainted(QObject):
    """Runs an action, then the event loop until it is idle after the window repainted the
    view's new result. "No match" followed by "no match" changes nothing on screen: then the
    first idle moment after the new result counts (every posted repaint has run by then)."""

    def __init__(self, area: QWidget, reset_signal: object, unchanged: object) -> None:
        super().__init__()
        self._area = area
        self._unchanged = unchanged
        self._still = False
        self._reset = self._painted = False
        self._loop: QEventLoop | None = None
        self._end = 0.0
        reset_signal.connect(self._on_reset)  # type: ignore[attr-defined]
        QApplication.instance().installEventFilter(self)  # type: ignore[union-attr]
        QAbstractEventDispatcher.instance().aboutToBlock.connect(self._idle)  # type: ignore[union-attr]

    def _on_reset(self) -> None:
        self._reset = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            self._reset
            and event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and (watched is self._area or self._area.isAncestorOf(watched))
        ):
            self._painted = True
        return False

    def _idle(self) -> None:
        done = self._painted or (self._reset and self._still and self._unchanged())  # type: ignore[operator]
        if done and self._loop is not None:
            self._end = time.perf_counter()
            self._loop.quit()

    def ms(self, action: object) -> float:
        self._reset = self._painted = False
        self._still = bool(self._unchanged())  # type: ignore[operator]
        self._loop = QEventLoop()
        QTimer.singleShot(TIMEOUT_MS, self._loop.quit)
        start = time.perf_counter()
        action()  # type: ignore[operator]
        self._loop.exec()
        self._loop = None
        if not (self._painted or self._still):
            raise RuntimeError("the view did not repaint a new result")
        return (self._end - start) * 1000


def main_window(app: QApplication) -> QMainWindow:
    return next(w for w in app.topLevelWidgets() if type(w).__name__ == "MainWindow")


def search(app: QApplication) -> None:
    window = main_window(app)
    window.tabs.show_view("applications")  # type: ignore[attr-defined]
    view = window.applications  # type: ignore[attr-defined]
    watch = Repainted(
        window, view.model.modelReset, lambda: view.stack.currentWidget() is view.no_match_page
    )
    # The first search waits for the warm-up (SQLAlchemy); time what comes after.
    watch.ms(lambda: QTest.keyClick(view.search, "a"))
    times = []
    for word in WORDS:
        watch.ms(lambda: (view.search.clear(), view.apply_filter_now()))
        for char in word:
            key = Qt.Key.Key_Space if char == " " else char
            times.append(watch.ms(lambda key=key: QTest.keyClick(view.search, key)))
    assert view.search.text() == WORDS[-1]
    print("# per keystroke:", " ".join(f"{t:.0f}" for t in times))
    print(f"search_keystroke_ms: {statistics.median(times):.1f}")
    print(f"search_keystroke_worst_ms: {max(times):.1f}")
    print(f"rss_mb: {peak_rss_mb():.0f}", flush=True)


def board(app: QApplication) -> None:
    from tracker.db.enums import Stage

    window = main_window(app)
    window.tabs.show_view("board")  # type: ignore[attr-defined]
    view = window.board  # type: ignore[attr-defined]
    view.reload()  # the first reload waits for the warm-up (SQLAlchemy); time what comes after
    offer = view.columns[Stage.OFFER].model
    assert view.select_application(offer.card(0).id)
    times = []
    for _ in range(5):
        start = time.perf_counter()
        view.reload()
        times.append((time.perf_counter() - start) * 1000)
    longest = max(view.columns, key=lambda stage: view.columns[stage].model.total)
    column = view.columns[longest].model
    print(f"board_reload_ms: {statistics.median(times):.1f}")
    print(f"board_cards_loaded: {column.rowCount()} of {column.total}", flush=True)


def run(what: str, app: QApplication) -> None:
    try:
        {"search": search, "board": board}[what](app)
    finally:
        app.exit(0)


if __name__ == "__main__":
    what = sys.argv[1]
    app = QApplication(sys.argv[:1])
    probe = IdleAfterFirstPaint(app, lambda: QTimer.singleShot(0, lambda: run(what, app)))

    from tracker.app import main

    sys.exit(main(sys.argv[2:]))
