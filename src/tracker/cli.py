"""The command line: `job-tracker export …` and `job-tracker import …`, for scripts.

Same domain code as the File menu's dialogs, and no Qt: this path never imports PySide6.
Messages go to stderr, results to stdout, and the exit code says what happened:

0 done; 1 the file has problems, nothing was imported; 2 wrong usage; 3 a file cannot be
read or written; 4 the database cannot be opened; 130 interrupted (nothing was changed).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tracker import APP_NAME
from tracker.paths import DATA_DIR_ENV

if TYPE_CHECKING:
    from tracker.domain.exchange.report import ImportReport
    from tracker.domain.store import Store

COMMANDS = ("export", "import", "backup", "restore", "check")
EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_FILE = 3
EXIT_DATABASE = 4
EXIT_INTERRUPTED = 130


def wants_command(argv: Sequence[str]) -> bool:
    """True when the arguments name a command (after an optional --data-dir PATH)."""
    rest = list(argv)
    while rest and rest[0].startswith("--data-dir"):
        rest = rest[1:] if "=" in rest[0] else rest[2:]
    return bool(rest) and rest[0] in COMMANDS


def _parser() -> argparse.ArgumentParser:
    help_text = f"the folder with the database (also set by ${DATA_DIR_ENV})"
    # Accepted before or after the command; after it, a default must not hide the first one.
    data_dir = argparse.ArgumentParser(add_help=False)
    data_dir.add_argument("--data-dir", metavar="PATH", default=argparse.SUPPRESS, help=help_text)
    parser = argparse.ArgumentParser(
        prog="job-tracker",
        description=f"{APP_NAME}: export, import, back up, restore or check your data.",
        epilog="Exit codes: 0 done, 1 problems in the file (nothing imported) or found by "
        "check, 2 wrong usage, 3 a file cannot be read or written, 4 the database cannot be "
        "opened, 5 the app is open with this data folder (restore).",
    )
    parser.add_argument("--data-dir", metavar="PATH", help=help_text)
    commands = parser.add_subparsers(dest="command", required=True)
    export = commands.add_parser(
        "export",
        parents=[data_dir],
        help="write your data to a file",
        description=(
            "Write your data to PATH: json is everything (to back up or move), csv is for "
            "spreadsheets, vcard is your contacts."
        ),
    )
    export.add_argument("--format", choices=("json", "csv", "vcard"), required=True)
    export.add_argument(
        "--tables",
        default="applications",
        help="csv only: comma-separated, from applications,interviews,contacts,tasks "
        "(others go beside PATH as NAME-TABLE.csv)",
    )
    export.add_argument("--bom", action="store_true", help="csv only: start with a BOM for Excel")
    export.add_argument("path", metavar="PATH")
    imp = commands.add_parser(
        "import",
        parents=[data_dir],
        help="add data from a file",
        description=(
            "Add the data in PATH: a JSON export of this app, or a CSV file (LinkedIn, Teal, "
            "Huntr, or any spreadsheet with a header row). All or nothing."
        ),
    )
    imp.add_argument("path", metavar="PATH")
    imp.add_argument(
        "--preset",
        help="csv only: the kind of file (default: recognised from its header); see --list-presets",
    )
    imp.add_argument(
        "--stage",
        action="append",
        metavar="NAME=STAGE",
        help="csv only: a stage name in the file and ours, e.g. 'Waiting for feedback=applied' "
        "(repeat for more)",
    )
    imp.add_argument("--dry-run", action="store_true", help="say what would happen, change nothing")
    imp.add_argument(
        "--skip-problems",
        action="store_true",
        help="import the good rows, skip those with problems",
    )
    backup = commands.add_parser(
        "backup",
        parents=[data_dir],
        help="save a checked copy of the database",
        description="Save a verified copy of the database in PATH (default: the data "
        "folder's backups/).",
    )
    backup.add_argument("path", metavar="PATH", nargs="?")
    restore = commands.add_parser(
        "restore",
        parents=[data_dir],
        help="go back to a backup",
        description="Put the backup PATH in place of the database; what is there now is kept "
        "beside it. Close the app first.",
    )
    restore.add_argument("path", metavar="PATH")
    commands.add_parser(
        "check",
        parents=[data_dir],
        help="check the database",
        description="Run SQLite's integrity and link checks on the database; change nothing.",
    )
    return parser


def _say(message: str) -> None:
    print(f"{APP_NAME}: {message}", file=sys.stderr)


def _open_store(data_dir: str | None, *, create: bool) -> Store | int:
    from tracker.db.fileinfo import StartupError
    from tracker.paths import ensure_private_dir, resolve

    paths = resolve(data_dir)
    if not create and not paths.database.exists():
        _say(f"There is no database in {paths.data_dir} yet, so there is nothing to export.")
        return EXIT_DATABASE
    try:
        ensure_private_dir(paths.data_dir)
    except OSError as exc:
        _say(f"The data folder {paths.data_dir} cannot be used ({exc}).")
        return EXIT_DATABASE
    from tracker.db.migrate import open_database
    from tracker.domain.store import Store

    try:
        opened = open_database(paths.database)
    except StartupError as exc:
        _say(f"{exc.title}. {exc.message}")
        return EXIT_DATABASE
    return Store(opened.engine)


def _export(store: Store, args: argparse.Namespace) -> int:
    from tracker.domain.exchange.document import export_json
    from tracker.domain.exchange.sheets import CSV_TABLES, export_csv
    from tracker.domain.exchange.vcard import export_vcard

    path = Path(args.path).expanduser()
    if args.format == "json":
        counts = export_json(store, path)
        print(
            f"Exported {counts['applications']} applications, {counts['contacts']} contacts, "
            f"{counts['interviews']} interviews and {counts['tasks']} tasks to {path}"
        )
    elif args.format == "csv":
        tables = [t.strip() for t in args.tables.split(",") if t.strip()]
        unknown = [t for t in tables if t not in CSV_TABLES]
        if unknown or not tables:
            _say(f"--tables takes names from {', '.join(CSV_TABLES)}.")
            return EXIT_USAGE
        for target, rows in export_csv(store, path, tables, bom=args.bom).items():
            print(f"Exported {rows} rows to {target}")
    else:
        print(f"Exported {export_vcard(store, path)} contacts to {path}")
    return EXIT_OK


def _print_report(report: ImportReport, *, summary: bool = True) -> None:
    for problem in report.problems:
        print(f"  {problem}", file=sys.stderr)
    hidden = report.problem_count - len(report.problems)
    if hidden > 0:
        print(f"  … and {hidden} more", file=sys.stderr)
    if summary:
        print(report.summary())


def _read_table(store: Store, path: Path, args: argparse.Namespace) -> ImportReport:
    from tracker.db.enums import Stage
    from tracker.domain.exchange.presets import TARGETS, preset_named, recognise
    from tracker.domain.exchange.sniff import sniff
    from tracker.domain.exchange.table_import import (
        check_mapping,
        import_table,
        suggest_mapping,
        with_stage,
    )

    sniffed = sniff(path)
    preset = preset_named(args.preset) if args.preset else recognise(sniffed.headers)
    mapping = suggest_mapping(sniffed, preset)
    for choice in args.stage or []:
        name, _, stage = choice.rpartition("=")
        if not name or stage not in {s.value for s in Stage}:
            raise ValueError(f"--stage takes NAME=STAGE, with STAGE one of {', '.join(Stage)}.")
        mapping = with_stage(mapping, name, Stage(stage))
    print(
        f"Reading {path.name} as {preset.label} ({sniffed.encoding_label}, "
        f"{sniffed.delimiter_label}-separated)",
        file=sys.stderr,
    )
    for header, target in zip(sniffed.headers, mapping.targets, strict=True):
        print(f"  {header} -> {TARGETS[target]}", file=sys.stderr)
    broken = check_mapping(mapping, len(sniffed.headers))
    if broken:
        raise ValueError(
            " ".join(broken) + " Choose another --preset, or import it with File > Import in "
            "the app, where you can choose each column."
        )
    return import_table(
        store, sniffed, mapping, dry_run=args.dry_run, skip_problems=args.skip_problems
    )


def _backup_before_import(store: Store) -> None:
    """A verified backup before the import writes (the import itself is all or nothing)."""
    from tracker.db.backups import take_backup

    database = Path(str(store.engine.url.database))
    with store.reading() as session:
        first = session.connection().exec_driver_sql("SELECT 1 FROM applications").first()
    if first is None:
        return  # nothing to keep yet
    made = take_backup(database, database.parent / "backups", reason="before-import")
    print(f"Backed up first: {made.path.name}", file=sys.stderr)


def _import(store: Store, args: argparse.Namespace) -> int:
    from tracker.domain.exchange.report import ImportRefused
    from tracker.domain.exchange.restore import import_document, read_document

    path = Path(args.path).expanduser()
    if not args.dry_run:
        from tracker.db.backups import BackupError

        try:
            _backup_before_import(store)
        except BackupError as exc:
            _say(f"No backup could be taken first, so nothing was imported: {exc}")
            return EXIT_DATABASE
    try:
        if path.suffix.lower() == ".json":
            report = import_document(
                store, read_document(path), dry_run=args.dry_run, skip_problems=args.skip_problems
            )
        else:
            report = _read_table(store, path, args)
    except ImportRefused as exc:
        _print_report(exc.report, summary=False)
        _say(f"{exc} Fix the file, or use --skip-problems to import the other rows.")
        return EXIT_PROBLEMS
    except ValueError as exc:  # a preset that does not exist, or a mapping that cannot work
        _say(str(exc))
        return EXIT_PROBLEMS
    _print_report(report)
    if args.dry_run:
        print("Dry run: nothing was changed.")
        return EXIT_PROBLEMS if report.problem_count and not args.skip_problems else EXIT_OK
    return EXIT_OK


def run(argv: Sequence[str]) -> int:
    """Run one command; return the exit code."""
    args = _parser().parse_args(list(argv))
    if args.command in ("backup", "restore", "check"):
        from tracker import backup_cli
        from tracker.paths import resolve

        paths = resolve(args.data_dir)
        if args.command == "backup":
            return backup_cli.backup(paths, args.path)
        if args.command == "restore":
            return backup_cli.restore_backup(paths, args.path)
        return backup_cli.check(paths)
    from tracker.domain.exchange.files import ExchangeError

    store = _open_store(args.data_dir, create=args.command == "import")
    if isinstance(store, int):
        return store
    try:
        return _export(store, args) if args.command == "export" else _import(store, args)
    except ExchangeError as exc:
        _say(str(exc))
        return EXIT_FILE
    except OSError as exc:
        _say(f"{exc.filename or args.path}: {exc.strerror or exc}. Nothing was changed.")
        return EXIT_FILE
    except KeyboardInterrupt:
        _say("Interrupted; nothing was changed.")
        return EXIT_INTERRUPTED
    finally:
        store.engine.dispose()
