"""Start-up: arguments, data location, database, then the main window.

Imports are kept inside functions so `--version` and start-up failures stay quick, and the
window appears without paying for modules the first paint does not need.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sqlite3
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from tracker import APP_NAME, __version__
from tracker.paths import DATA_DIR_ENV, AppPaths
from tracker.startup.pyside_imports import quicken_pyside_imports
from tracker.startup.settled import (
    bring_to_front,
    has_tray,
    set_icon,
    share_python_with_threads,
    when_ready,
)

quicken_pyside_imports()  # a launcher that loaded PySide6 before this module (else main())

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QWidget

    from tracker.db.fileinfo import StartupError
    from tracker.domain.store import Store
    from tracker.startup.warmup import Warmup
    from tracker.ui.instance import InstanceGuard
    from tracker.ui.main_window import MainWindow

log = logging.getLogger("tracker")

EXIT_STARTUP_FAILED = 2
EXIT_DEMO_REFUSED = 3
START_AGAIN = 1001  # inside the app only: a backup was restored, or the person asked to retry


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="job-tracker",
        description=f"{APP_NAME}: a private tracker for your job search.",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="PATH",
        help=f"keep the database in PATH instead of the platform's data folder "
        f"(also set by ${DATA_DIR_ENV})",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="fill a new, empty database with a sample job search to explore",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="open the database, build the window once, print whether all is well, and exit",
    )
    parser.add_argument(
        "--background",
        action="store_true",
        help="start in the background, for start at login: in the tray where the desktop has "
        "one, else minimised (reminders keep running)",
    )
    return parser.parse_args(argv)


def _setup_logging(paths: AppPaths) -> None:
    from tracker.paths import ensure_private_dir, private_log_handler

    handlers: list[logging.Handler] = [logging.StreamHandler(sys.stderr)]
    handlers[0].setLevel(logging.WARNING)
    # Start-up failures are printed in full by _fail(); the log file keeps them too.
    handlers[0].addFilter(lambda record: not getattr(record, "printed", False))
    try:
        ensure_private_dir(paths.log_dir)
        handlers.append(private_log_handler(paths.log_file))
    except OSError:
        pass  # the data folder check below explains the problem to the person
    logging.basicConfig(
        level=logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        handlers=handlers,
        force=True,
    )


def _fail(title: str, message: str, *, dialog: bool = True) -> int:
    """Say what went wrong on stderr and in a dialog, then exit without touching the data."""
    print(f"{APP_NAME}: {title}\n{message}", file=sys.stderr)
    log.error("%s: %s", title, message, extra={"printed": True})
    if dialog:
        from tracker.ui.crash import show_startup_error

        show_startup_error(title, message)
    return EXIT_STARTUP_FAILED


def _resolve(error: StartupError, paths: AppPaths, parent: QWidget | None = None) -> int:
    """START_AGAIN once a dialog resolved *error* (a backup restored, a retry), else the
    start-up exit code after saying what went wrong."""
    from tracker.ui.trouble import Outcome, resolve

    outcome = resolve(error, paths.database, parent)
    if outcome is Outcome.AGAIN:
        return START_AGAIN
    return _fail(error.title, error.message, dialog=outcome is None)


def main(argv: Sequence[str] | None = None) -> int:
    from tracker import cli  # export and import: no Qt on that path

    if cli.wants_command(sys.argv[1:] if argv is None else argv):
        return cli.run(sys.argv[1:] if argv is None else argv)
    args = parse_args(argv)
    from tracker.paths import ensure_private_dir, resolve

    paths = resolve(args.data_dir)
    try:
        ensure_private_dir(paths.data_dir)
    except OSError as exc:
        _setup_logging(paths)
        return _fail(
            "The data folder cannot be used",
            f"Job Tracker keeps your data in {paths.data_dir}, but it could not use that "
            f"folder ({exc.strerror or exc}). Check its permissions, or start the app with "
            "--data-dir pointing at a folder you can write to.",
        )
    _setup_logging(paths)
    # Start-up makes objects that live as long as the app (modules, Qt's enums, the widgets):
    # collecting garbage among them costs ~7 ms before the first paint and finds nothing. On
    # again once the window is idle (or when main() returns).
    gc.disable()
    # Qt's raster painter hands every fill taller than ~100 lines to a pool of threads. Our
    # fills are small: the first paint made ~440 hand-offs (~1,700 futex calls, ~400 thread
    # switches) for 2.6 M instructions of work, ~13 ms slower than painting on one thread.
    os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")
    import PySide6.QtCore  # noqa: F401 (loaded first, so its import hook is quick for the rest)

    quicken_pyside_imports()
    guard = None
    if not args.self_test:  # a self-test may run beside the app: it only reads
        from tracker.ui.instance import InstanceGuard

        guard = InstanceGuard(paths.data_dir)
        if not guard.acquire():
            return _already_running(guard, paths)

    try:
        return _start(args, paths, guard)
    finally:
        gc.enable()
        if guard is not None:
            guard.release()


def _start(args: argparse.Namespace, paths: AppPaths, guard: InstanceGuard | None) -> int:
    """Open the data and run the window; again after a dialog resolved a start-up problem."""
    from tracker.db.fileinfo import StartupError, inspect_file

    demo = args.demo
    while True:
        try:
            state = inspect_file(paths.database)
            if demo or not state.current:
                store, warmup = _open_and_upgrade(paths), None
            else:
                # The common case: our schema already. Check and import beside the first paint.
                from tracker.domain.store import Store
                from tracker.startup.warmup import Warmup

                warmup = Warmup(paths.database).start()
                store = Store(connect=warmup.engine)
        except StartupError as exc:
            code = _fail(exc.title, exc.message) if args.self_test else _resolve(exc, paths)
            if code == START_AGAIN:
                continue
            return code

        if demo:
            from tracker.domain.demo import DemoRefused, load_demo

            demo = False  # once, even if start-up goes round again
            try:
                count = load_demo(store)
            except DemoRefused as exc:
                print(f"{APP_NAME}: {exc}", file=sys.stderr)
                return EXIT_DEMO_REFUSED
            log.info("Added the demo pipeline (%d applications)", count)

        code = _run_window(
            store, warmup, paths, self_test=args.self_test, guard=guard, background=args.background
        )
        if code != START_AGAIN:
            return code


def _already_running(guard: InstanceGuard, paths: AppPaths) -> int:
    """Another start owns this data folder: bring its window forward, or say why not."""
    if guard.ask_other_to_show():
        print(f"{APP_NAME} is already open with {paths.data_dir}; its window is in front now.")
        log.info("A second start brought the running app to the front")
        return 0
    return _fail(
        "Job Tracker is already running",
        f"Another Job Tracker is using {paths.data_dir} but did not answer. Close it (or wait "
        "for it to finish starting) and try again.",
    )


def _open_and_upgrade(paths: AppPaths) -> Store:
    """A new database, or one to upgrade: the full checks, a backup copy, then Alembic."""
    from tracker.db.migrate import open_database
    from tracker.domain.store import Store

    opened = open_database(paths.database)
    if opened.backup is not None:
        log.info("Upgraded %s; the copy from before is %s", opened.path, opened.backup)
    return Store(opened.engine)


def _keep_settings_in(paths: AppPaths) -> None:
    """Put Qt's settings in the chosen data folder, if there is one (before any QSettings)."""
    if paths.settings_dir is None:
        return
    from PySide6.QtCore import QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(paths.settings_dir))


def _run_window(
    store: Store,
    warmup: Warmup | None,
    paths: AppPaths,
    *,
    self_test: bool = False,
    guard: InstanceGuard | None = None,
    background: bool = False,
) -> int:
    from PySide6.QtWidgets import QApplication

    _keep_settings_in(paths)

    from tracker.startup.first_paint import read_first_paint
    from tracker.ui.crash import install_excepthook
    from tracker.ui.events import DataEvents
    from tracker.ui.main_window import MainWindow

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("job-tracker")
    install_excepthook(paths.log_file)
    from PySide6.QtCore import QTimer

    from tracker.ui.signals import quit_on_terminate

    shown: list[MainWindow] = []

    def quit_app() -> None:
        log.info("Asked to quit (SIGTERM): closing as Quit does")
        for each in shown:
            each.save_settings()
        QTimer.singleShot(0, app.quit)  # also when the loop has not started yet

    if not self_test:
        quit_on_terminate(app, quit_app)  # from the start: a logout can come at any moment
    try:
        window = MainWindow(
            store,
            DataEvents(),
            db_path=paths.database,
            first_paint=lambda sort, view: read_first_paint(paths.database, sort, view),
        )
    except sqlite3.DatabaseError as exc:
        # A damaged file can fail the first read before its check reports: say which.
        from tracker.db.fileinfo import unreadable

        error = _warmup_error(warmup) or unreadable(paths.database, exc)
        if self_test:
            return _fail(error.title, error.message)
        return _resolve(error, paths)
    hidden = background and not self_test and has_tray()
    if hidden:
        log.info("Started in the tray")  # started at login: the tray's Open shows the window
    elif background and not self_test:
        window.showMinimized()  # no tray here: out of the way, reminders still run
    else:
        window.show()
    shown.append(window)
    log.info("Window shown")
    if self_test:
        from tracker.selftest import report_self_test

        return _finish_warmup(warmup) or report_self_test(app, window, paths, store)

    def start_reminders() -> None:  # the rules catch up, then the timer
        share_python_with_threads()
        window.start_reminders()
        if hidden and (window.reminders is None or window.reminders.tray is None):
            window.showMinimized()  # no tray after all: something must show the app runs

    if warmup is not None:
        _finish_in_background(app, window, warmup, paths, start_reminders, hidden)
    else:
        when_ready(window, hidden, start_reminders)
    when_ready(window, hidden, gc.enable)  # see main()
    # The SVG icon loads Qt's SVG plugin (~5 ms): after the first paint, unseen that soon.
    when_ready(window, hidden, lambda: set_icon(app))
    if guard is not None:  # QtNetwork's import waits until the window is up
        when_ready(window, hidden, lambda: guard.listen(lambda: bring_to_front(window)))
    code = 0
    try:
        code = int(app.exec())
        return code
    finally:
        if window.reminders is not None:
            window.reminders.stop()  # the rules' thread ends before the database closes
        if warmup is not None:
            warmup.join()
        try:
            store.close()
        except Exception:
            log.warning("The database could not be checkpointed on quit", exc_info=True)
        if code == START_AGAIN:  # the next round makes a new window
            shown.remove(window)
            window.hide()
            window.deleteLater()


def _finish_in_background(
    app: QApplication,
    window: MainWindow,
    warmup: Warmup,
    paths: AppPaths,
    start_reminders: Callable[[], None],
    hidden: bool,
) -> None:
    """The window takes input at once; the warm-up's imports start once it has painted and
    the event loop is idle. A damaged file found then is met as at start-up: the newest sound
    backup offered over the window, else its message and code 2.
    """
    from PySide6.QtCore import Qt, QTimer

    from tracker.db.fileinfo import StartupError

    handled = False

    def finished(error: object) -> None:
        nonlocal handled
        if handled:
            return
        handled = True
        if isinstance(error, StartupError):
            error.shown = True  # said once, here: the crash dialog leaves it alone
            app.exit(_resolve(error, paths, window))
        elif isinstance(error, BaseException):
            raise error  # to the crash dialog, like any unexpected error
        else:
            start_reminders()

    # Emitted on the warm-up thread; run on this one, from the event loop.
    warmup.finished.connect(finished, Qt.ConnectionType.QueuedConnection)
    if warmup.done:  # it may have finished before the connection was made
        QTimer.singleShot(0, lambda: finished(warmup.error))
    when_ready(window, hidden, warmup.window_idle)


def _finish_warmup(warmup: Warmup | None) -> int:
    """0 once the background check and imports are done; the start-up exit code if not."""
    error = _warmup_error(warmup)
    return 0 if error is None else _fail(error.title, error.message)


def _warmup_error(warmup: Warmup | None) -> StartupError | None:
    """What the background check found, once it is done (None: all is well)."""
    if warmup is None:
        return None
    from tracker.db.fileinfo import StartupError

    try:
        warmup.wait()
    except StartupError as exc:
        return exc
    return None
