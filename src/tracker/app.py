"""Start-up: arguments, data location, database, then the main window.

Imports are kept inside functions so `--version` and start-up failures stay quick, and the
window appears without paying for modules the first paint does not need.
"""

from __future__ import annotations

import argparse
import logging
import sqlite3
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from tracker import APP_NAME, __version__
from tracker.paths import DATA_DIR_ENV, AppPaths

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from tracker.domain.store import Store
    from tracker.startup.warmup import Warmup
    from tracker.ui.main_window import MainWindow

log = logging.getLogger("tracker")

EXIT_STARTUP_FAILED = 2
EXIT_DEMO_REFUSED = 3


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
        help="start minimised, for start at login (reminders keep running)",
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


def _fail(title: str, message: str) -> int:
    """Say what went wrong on stderr and in a dialog, then exit without touching the data."""
    print(f"{APP_NAME}: {title}\n{message}", file=sys.stderr)
    log.error("%s: %s", title, message, extra={"printed": True})
    from tracker.ui.crash import show_startup_error

    show_startup_error(title, message)
    return EXIT_STARTUP_FAILED


def main(argv: Sequence[str] | None = None) -> int:
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

    from tracker.db.fileinfo import StartupError, inspect_file

    try:
        state = inspect_file(paths.database)
        if args.demo or not state.current:
            store, warmup = _open_and_upgrade(paths), None
        else:
            # The common case: our schema already. Check and import beside the first paint.
            from tracker.domain.store import Store
            from tracker.startup.warmup import Warmup

            warmup = Warmup(paths.database).start()
            store = Store(connect=warmup.engine)
    except StartupError as exc:
        return _fail(exc.title, exc.message)

    if args.demo:
        from tracker.domain.demo import DemoRefused, load_demo

        try:
            count = load_demo(store)
        except DemoRefused as exc:
            print(f"{APP_NAME}: {exc}", file=sys.stderr)
            return EXIT_DEMO_REFUSED
        log.info("Added the demo pipeline (%d applications)", count)

    return _run_window(store, warmup, paths, self_test=args.self_test, background=args.background)


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
    background: bool = False,
) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    _keep_settings_in(paths)

    from tracker.assets import resource
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
    app.setWindowIcon(QIcon(str(resource("icons", "job-tracker.svg"))))
    install_excepthook(paths.log_file)
    try:
        window = MainWindow(
            store,
            DataEvents(),
            db_path=paths.database,
            first_paint=lambda sort: read_first_paint(paths.database, sort),
        )
    except sqlite3.DatabaseError as exc:
        # A damaged file can fail the first read before its check reports: say which.
        return _finish_warmup(warmup) or _fail(
            "The database cannot be read",
            f"{paths.database} could not be read ({exc}). It has been left untouched.",
        )
    if background and not self_test:
        window.showMinimized()  # started at login: out of the way, reminders still run
    else:
        window.show()
    _report_startup_time()
    if warmup is not None:
        warmup.window_shown()
    if self_test:
        return _finish_warmup(warmup) or _report_self_test(app, window, paths, store)

    def after_first_paint() -> None:
        code = _finish_warmup(warmup)
        if code:
            app.exit(code)
        else:
            window.start_reminders()  # the follow-up rules catch up, then the timer

    QTimer.singleShot(0, after_first_paint)
    return int(app.exec())


def _finish_warmup(warmup: Warmup | None) -> int:
    """0 once the background check and imports are done; the start-up exit code if not."""
    if warmup is None:
        return 0
    from tracker.db.fileinfo import StartupError

    try:
        warmup.wait()
    except StartupError as exc:
        return _fail(exc.title, exc.message)
    return 0


def _report_startup_time() -> None:
    """For `make bench`: seconds from the benchmark's launch to the window on screen."""
    import os
    import time

    started = os.environ.get("JOB_TRACKER_BENCH_T0")
    if started:
        print(f"window_shown_s: {time.time() - float(started):.4f}", flush=True)


def _report_self_test(app: QApplication, window: MainWindow, paths: AppPaths, store: Store) -> int:
    app.processEvents()
    from tracker.selftest import check_database, check_resources

    problems = check_resources() + check_database(store.engine)
    if problems:
        print(f"{APP_NAME} self-test: FAILED, " + "; ".join(problems), file=sys.stderr)
        return 1
    if not window.isVisible():
        print(f"{APP_NAME} self-test: FAILED, the main window did not show", file=sys.stderr)
        return 1
    rows = window.applications.model.rowCount()
    print(
        f"{APP_NAME} {__version__} self-test: all is well "
        f"(database {paths.database}, {rows} applications shown)"
    )
    window.close()
    return 0
