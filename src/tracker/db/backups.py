"""Verified backups of the database: taken with SQLite's online backup, checked, thinned.

Standard library only, so a backup can be taken or restored when nothing else works (the
command line, a start-up that found a damaged file). A copy counts only once SQLite's
integrity and foreign-key checks pass on the copy itself; one that fails is removed at once
(it is our own half-made file, never the person's database). Restoring never deletes the
current file: its content is first set aside beside it.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from tracker.db.fileinfo import read_only_uri, structural

PREFIX = "tracker-"
SUFFIX = ".db"
STAMP = "%Y%m%d-%H%M%S"
PRIVATE_FILE = 0o600
FOLDER = "backups"  # in the data folder, beside the database
BEFORE_UPGRADE = "before-upgrade"  # the reason of the copy taken before a schema upgrade


class BackupError(Exception):
    """A backup could not be taken, verified or restored; the message says why, plainly."""


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: datetime  # UTC
    size: int

    @property
    def reason(self) -> str:
        """What the backup was taken before ("auto", "restore", "import", …)."""
        rest = self.path.name[len(PREFIX) + len("YYYYmmdd-HHMMSS") : -len(SUFFIX)]
        rest = re.sub(r"-\d+$", "", rest)  # the count of a second backup in the same second
        return rest.lstrip("-") or "auto"


@dataclass(frozen=True)
class Thinning:
    """Which backups to keep, like Anki: the newest few, then fewer the older they get."""

    last: int = 10
    daily_days: int = 14
    weekly_weeks: int = 8
    monthly_months: int = 12


def backups_folder(database: Path) -> Path:
    """Where the backups of *database* are kept: backups/ beside it."""
    return database.parent / FOLDER


def _check(connection: sqlite3.Connection, *, values: bool = True) -> str | None:
    """None when the database is sound; otherwise what SQLite found, in its words.

    Without *values*, a value that breaks a column's rule is not a problem: a copy holds it
    exactly as the original does, and one odd row must not stop every backup.
    """
    findings = [str(r[0]) for r in connection.execute("PRAGMA integrity_check")]
    problems = [f for f in findings if f != "ok"] if values else structural(findings)
    if problems:
        return "; ".join(problems[:5])
    broken = connection.execute("PRAGMA foreign_key_check").fetchall()
    if broken:
        return f"{len(broken)} rows point at rows that do not exist"
    return None


def check_file(path: Path) -> str | None:
    """None when the database file at *path* passes both checks; else what is wrong."""
    try:
        connection = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            return _check(connection)
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        return str(exc)


def application_count(path: Path) -> int | None:
    """How many applications a backup holds (shown in the restore list), None if unreadable."""
    try:
        connection = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            row = connection.execute("SELECT count(*) FROM applications").fetchone()
            return int(row[0])
        finally:
            connection.close()
    except sqlite3.DatabaseError:
        return None


def take_backup(
    database: Path, folder: Path, *, reason: str = "", now: datetime | None = None
) -> Backup:
    """Copy *database* (with what its WAL holds) into *folder*: verified, user-only (0600)."""
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    label = f"-{reason}" if reason else ""
    name = f"{PREFIX}{moment.strftime(STAMP)}{label}{SUFFIX}"
    count = 1
    while (folder / name).exists():  # two in one second (an import right after another)
        count += 1
        name = f"{PREFIX}{moment.strftime(STAMP)}{label}-{count}{SUFFIX}"
    target = folder / name
    partial = folder / f".{name}.partial"
    partial.unlink(missing_ok=True)  # our own leftover from an interrupted backup
    fd = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE)
    os.close(fd)
    try:
        source = sqlite3.connect(read_only_uri(database), uri=True)
        try:
            copy = sqlite3.connect(partial)
            try:
                source.backup(copy)
                problem = _check(copy, values=False)
            finally:
                copy.close()
        finally:
            source.close()
        if problem is not None:
            raise BackupError(
                f"The copy of {database} did not pass its check ({problem}), so it was not kept."
            )
        os.chmod(partial, PRIVATE_FILE)
        os.replace(partial, target)
    except sqlite3.Error as exc:
        raise BackupError(f"{database} could not be copied ({exc}).") from exc
    finally:
        partial.unlink(missing_ok=True)
    return Backup(target, moment.replace(microsecond=0), target.stat().st_size)


def _parse(path: Path) -> Backup | None:
    name = path.name
    if not (name.startswith(PREFIX) and name.endswith(SUFFIX)):
        return None
    stamp = name[len(PREFIX) : len(PREFIX) + len("YYYYmmdd-HHMMSS")]
    try:
        taken = datetime.strptime(stamp, STAMP).replace(tzinfo=UTC)
    except ValueError:
        return None
    return Backup(path, taken, path.stat().st_size)


def list_backups(folder: Path) -> list[Backup]:
    """The backups in *folder*, newest first (files that are not ours are ignored)."""
    if not folder.is_dir():
        return []
    found = [b for p in folder.iterdir() if p.is_file() and (b := _parse(p)) is not None]
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def to_thin(
    backups: Sequence[Backup], now: datetime, policy: Thinning = Thinning()
) -> list[Backup]:
    """The backups the policy no longer keeps (the newest of each day/week/month stays).

    The newest copy from before an upgrade is always kept: it is the only one in the older
    layout, the way back should an upgrade turn out wrong weeks later.
    """
    newest_first = sorted(backups, key=lambda b: b.taken_at, reverse=True)
    keep = {b.path for b in newest_first[: policy.last]}
    keep.update([b.path for b in newest_first if b.reason == BEFORE_UPGRADE][:1])
    today = now.astimezone(UTC).date()

    def keep_newest_per(period: Iterable[Backup], key: Callable[[date], Hashable]) -> None:
        seen: set[Hashable] = set()
        for backup in period:
            bucket = key(backup.taken_at.date())
            if bucket not in seen:
                seen.add(bucket)
                keep.add(backup.path)

    def within(days: int) -> list[Backup]:
        return [b for b in newest_first if (today - b.taken_at.date()).days < days]

    keep_newest_per(within(policy.daily_days), lambda d: d)
    keep_newest_per(within(policy.weekly_weeks * 7), lambda d: d.isocalendar()[:2])
    keep_newest_per(within(policy.monthly_months * 31), lambda d: (d.year, d.month))
    return [b for b in newest_first if b.path not in keep]


def thin(folder: Path, now: datetime, policy: Thinning = Thinning()) -> list[Path]:
    """Remove the backups the policy no longer keeps; the paths removed."""
    removed = []
    for backup in to_thin(list_backups(folder), now, policy):
        backup.path.unlink(missing_ok=True)
        removed.append(backup.path)
    return removed


def newest_sound_backup(database: Path, *, look_at: int = 20) -> Backup | None:
    """The newest backup of *database* that passes both checks now (of the newest few)."""
    for backup in list_backups(backups_folder(database))[:look_at]:
        if check_file(backup.path) is None:
            return backup
    return None


def restore(backup: Path, database: Path, folder: Path, *, now: datetime | None = None) -> Path:
    """Put *backup*'s content into *database*; returns where what was there before is kept.

    The backup is checked first. The current content is kept as a verified backup (reason
    "before-restore"); a current file too damaged to copy is moved aside whole instead (with
    its -wal and -shm), never deleted. The copy goes through SQLite's backup API into the
    live file, so its WAL and any other reader stay consistent.
    """
    problem = check_file(backup)
    if problem is not None:
        raise BackupError(f"{backup.name} did not pass its check ({problem}); nothing was changed.")
    if not database.exists():
        _copy_checked(backup, database)
        return database
    try:
        kept = take_backup(database, folder, reason="before-restore", now=now).path
    except BackupError:
        return restore_damaged(backup, database, now=now)
    try:
        _copy_into(backup, database)
        os.chmod(database, PRIVATE_FILE)
    except sqlite3.Error as exc:
        raise BackupError(
            f"{backup.name} could not be restored ({exc}). Your data as it was is kept in {kept}."
        ) from exc
    return kept


def _copy_into(source_path: Path, target_path: Path, *, check: bool = False) -> str | None:
    """Copy with SQLite's backup API; with *check*, what _check() finds on the copy."""
    source = sqlite3.connect(read_only_uri(source_path), uri=True)
    try:
        target = sqlite3.connect(target_path)
        try:
            source.backup(target)
            return _check(target) if check else None
        finally:
            target.close()  # the last connection: the copy's WAL is folded in and removed
    finally:
        source.close()


def _checked_copy(backup: Path, database: Path) -> Path:
    """A checked copy of *backup* under a temporary name beside *database*, to rename into
    place: there is never a half-restored file under the database's name.
    """
    building = database.with_name(database.name + ".restoring")
    for leftover in (building, Path(f"{building}-journal"), Path(f"{building}-wal")):
        leftover.unlink(missing_ok=True)  # our own unfinished attempt
    os.close(os.open(building, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE))
    try:
        problem = _copy_into(backup, building, check=True)
        if problem is not None:
            raise BackupError(f"The copy of {backup.name} did not pass its check ({problem}).")
        make_durable(building)
    except sqlite3.Error as exc:
        building.unlink(missing_ok=True)
        raise BackupError(f"{backup.name} could not be copied ({exc}).") from exc
    except BaseException:
        building.unlink(missing_ok=True)
        raise
    return building


def _copy_checked(backup: Path, database: Path) -> None:
    os.replace(_checked_copy(backup, database), database)


def restore_damaged(backup: Path, database: Path, *, now: datetime | None = None) -> Path:
    """Put *backup* in place of a damaged *database*; returns where the damaged file is kept.

    The damaged file is kept whole under a new name beside it, with its -wal and -shm (never
    deleted, never read from); a checked copy of the backup then takes its name. The copy is
    made first and the damaged file is linked to its new name before the copy is renamed over
    the old one, so whenever the app is cut off, the folder holds a database (old or new).
    """
    problem = check_file(backup)
    if problem is not None:
        raise BackupError(f"{backup.name} did not pass its check ({problem}); nothing was changed.")
    building = _checked_copy(backup, database)
    try:
        aside = aside_name(database, "damaged", now)
        for suffix in ("-wal", "-shm"):  # first: they must never meet the restored file
            side = Path(f"{database}{suffix}")
            if side.exists():
                os.replace(side, Path(f"{aside}{suffix}"))
        try:
            os.link(database, aside)
        except OSError:  # a file system without hard links: a rename, a moment with no file
            os.replace(database, aside)
        os.replace(building, database)
    finally:
        building.unlink(missing_ok=True)
    make_durable(database.parent)
    return aside


def make_durable(path: Path) -> None:
    """fsync a file, or a folder's list of names (folders only where the system allows)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return  # e.g. a folder on Windows
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def aside_name(database: Path, label: str, now: datetime | None = None) -> Path:
    """The new name set_aside() and restore_damaged() give *database* now: label and time,
    never a name in use."""
    stamp = (now or datetime.now(UTC)).astimezone().strftime(STAMP)
    first = database.with_name(f"{database.name}.{label}-{stamp}")
    target, count = first, 1
    while target.exists():  # twice in one second: never over an earlier one
        count += 1
        target = first.with_name(f"{first.name}-{count}")
    return target


def set_aside(database: Path, label: str, now: datetime | None = None) -> Path:
    """Move the database and its side files to new names beside it; the new main file."""
    target = aside_name(database, label, now)
    for suffix in ("-wal", "-shm"):
        side = database.with_name(database.name + suffix)
        if side.exists():
            os.replace(side, target.with_name(target.name + suffix))
    os.replace(database, target)
    return target


def changed_since(database: Path, last: Backup | None) -> bool:
    """Whether the database (or its WAL) was written after *last* was taken."""
    if last is None:
        return True
    wal = database.with_name(database.name + "-wal")
    times = [p.stat().st_mtime for p in (database, wal) if p.exists()]
    return bool(times) and max(times) > last.taken_at.timestamp()
