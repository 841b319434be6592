"""A spreadsheet's rows into applications: the mapping, the checks, and one transaction.

Each row becomes one application (through the same checks as the Add dialog), with a
contact when the row names one and a follow-up task when it has a follow-up date. The
import streams the file and writes as it goes inside one transaction: a problem, a
cancel or an error anywhere rolls everything back. A dry run does the same and rolls back
at the end, so the preview's counts are what the import will do.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from tracker.db.enums import Stage
from tracker.domain.applications import ApplicationInput
from tracker.domain.applications import _clean as check_application
from tracker.domain.contacts import ContactInput
from tracker.domain.contacts import _clean as check_contact
from tracker.domain.errors import ValidationError
from tracker.domain.exchange.presets import (
    DATE_TARGETS,
    REPEATABLE,
    TARGETS,
    Preset,
    recognise,
    suggest_targets,
)
from tracker.domain.exchange.report import (
    ImportCancelled,
    ImportRefused,
    ImportReport,
    Problem,
)
from tracker.domain.exchange.sniff import Line, Sniffed, iter_rows
from tracker.domain.exchange.table_values import convert_cells
from tracker.domain.exchange.table_writer import BATCH, TableWriter
from tracker.domain.exchange.values import guess_date_order, stage_key, suggest_stage
from tracker.domain.store import Store

DISTINCT_LIMIT = 200  # stage names offered for mapping; more means the column is not stages

Progress = Callable[[int, int], bool]  # (bytes read, file size) -> go on?


@dataclass(frozen=True)
class ColumnMapping:
    """What the person decided in the mapping step (or the preset decided for them)."""

    targets: tuple[str, ...]  # a field for each column, "" to leave it out
    stages: Mapping[str, Stage] = field(default_factory=dict)  # stage key -> ours
    default_stage: Stage = Stage.APPLIED  # for rows without a stage
    date_order: str = "mdy"
    source: str | None = None  # for rows without a source


@dataclass(frozen=True)
class Row:
    """One row as it will be saved."""

    line: int
    application: ApplicationInput
    contact: ContactInput | None = None
    follow_up_on: date | None = None


@dataclass
class TableReport(ImportReport):
    preview: list[Row] = field(default_factory=list)


def stage_column(mapping: ColumnMapping) -> int | None:
    return next((i for i, t in enumerate(mapping.targets) if t == "stage"), None)


def distinct_values(
    sniffed: Sniffed, column: int, limit: int = DISTINCT_LIMIT, max_rows: int | None = None
) -> list[str]:
    """The different texts in one column (blank ones left out), in the order they appear.

    *max_rows* stops the scan early on a huge file; names after it show up as problems.
    """
    seen: dict[str, str] = {}
    for n, line in enumerate(iter_rows(sniffed), start=1):
        text = line.cells[column].strip()
        if text and stage_key(text) not in seen:
            seen[stage_key(text)] = text
            if len(seen) >= limit:
                break
        if max_rows is not None and n >= max_rows:
            break
    return list(seen.values())


def suggest_mapping(sniffed: Sniffed, preset: Preset | None = None) -> ColumnMapping:
    """The preset's (or a guessed) mapping, with stage names and date order worked out."""
    preset = preset or recognise(sniffed.headers)
    targets = suggest_targets(sniffed.headers, preset)
    stages: dict[str, Stage] = {}
    column = stage_column(ColumnMapping(targets))
    if column is not None:
        for name in distinct_values(sniffed, column):
            stage = preset.stages.get(stage_key(name)) or suggest_stage(name)
            if stage is not None:
                stages[stage_key(name)] = stage
    dates = [row[i] for row in sniffed.sample for i, t in enumerate(targets) if t in DATE_TARGETS]
    return ColumnMapping(
        targets=targets,
        stages=stages,
        default_stage=preset.default_stage,
        date_order=guess_date_order(dates),
        source=preset.source,
    )


def unmapped_stages(sniffed: Sniffed, mapping: ColumnMapping) -> list[str]:
    """Stage names in the file the mapping does not say what to do with."""
    column = stage_column(mapping)
    if column is None:
        return []
    return [
        name for name in distinct_values(sniffed, column) if stage_key(name) not in mapping.stages
    ]


def check_mapping(mapping: ColumnMapping, width: int) -> list[str]:
    """What stops this mapping from working at all, in words (empty when it can work)."""
    problems = []
    if len(mapping.targets) != width:
        problems.append("Every column needs a choice.")
    unknown = sorted({t for t in mapping.targets if t not in TARGETS})
    if unknown:
        problems.append(f"Unknown fields: {', '.join(unknown)}.")
    problems.extend(
        f"Choose the column that holds the {TARGETS[needed].lower()}."
        for needed in ("company", "role")
        if needed not in mapping.targets
    )
    twice = sorted(
        {t for t in mapping.targets if t and t not in REPEATABLE and mapping.targets.count(t) > 1}
    )
    if twice:
        labels = ", ".join(TARGETS[t] for t in twice)
        problems.append(f"Only one column can go to: {labels}.")
    return problems


def convert(
    line: Line, headers: tuple[str, ...], mapping: ColumnMapping
) -> tuple[Row | None, dict[str, str]]:
    """One row as it will be saved, or the problems with it keyed by column name."""
    problems: dict[str, str] = {}
    if line.extra:
        problems["(row)"] = (
            f"Has {line.extra} more cell{'s' if line.extra != 1 else ''} than the header."
        )
    if any("\x00" in cell for cell in line.cells):
        problems["(row)"] = "Contains a NUL character (the file may be damaged)."
    values, where, cell_problems = convert_cells(line.cells, headers, mapping)
    problems.update(cell_problems)
    app_values = {k: v for k, v in values.items() if k in ApplicationInput.__dataclass_fields__}
    data = ApplicationInput(**{"company": "", "role": "", **app_values})
    try:
        data = check_application(data)
    except ValidationError as exc:
        for name, message in exc.problems.items():
            problems.setdefault(where.get(name, TARGETS.get(name, name)), message)
    contact = None
    person: dict[str, str | None] = {
        k: values.get(f"contact_{k}") for k in ("name", "email", "phone")
    }
    if any(person.values()):
        try:
            contact = check_contact(
                ContactInput(
                    name=str(person["name"] or person["email"] or person["phone"]),
                    email=person["email"],
                    phone=person["phone"],
                    company=data.company or None,
                )
            )
        except ValidationError as exc:
            for name, message in exc.problems.items():
                problems.setdefault(where.get(f"contact_{name}", f"Contact {name}"), message)
    if problems:
        return None, problems
    follow = values.get("follow_up_on")
    return Row(line.number, data, contact, follow if isinstance(follow, date) else None), {}


def preview_rows(
    sniffed: Sniffed, mapping: ColumnMapping
) -> list[tuple[int, Row | None, dict[str, str]]]:
    """The first rows of the file as they will be saved (from the sample; no database)."""
    return [
        (i + 2 + sniffed.skip_lines, *convert(Line(i + 2, cells, 0), sniffed.headers, mapping))
        for i, cells in enumerate(sniffed.sample)
    ]


class _DryRun(Exception):
    pass


def import_table(
    store: Store,
    sniffed: Sniffed,
    mapping: ColumnMapping,
    *,
    dry_run: bool = False,
    skip_problems: bool = False,
    progress: Progress | None = None,
    preview: int = 20,
) -> TableReport:
    """Import every row, all or nothing (see the module's docstring).

    Raises ImportRefused when rows have problems and *skip_problems* is not set (a dry run
    reports them instead), ImportCancelled when *progress* returns False, ExchangeError
    when the file cannot be read to the end. The database is unchanged in all three cases.
    """
    broken = check_mapping(mapping, len(sniffed.headers))
    if broken:
        raise ValueError(" ".join(broken))
    report = TableReport(dry_run=dry_run)
    try:
        with store.transaction() as session:
            writer = TableWriter(session, report, sniffed.path.name)
            counter = [0]
            for n, line in enumerate(iter_rows(sniffed, counter=counter), start=1):
                stop = (
                    progress is not None
                    and n % BATCH == 0
                    and not progress(counter[0], sniffed.size)
                )
                if stop:
                    raise ImportCancelled
                row, problems = convert(line, sniffed.headers, mapping)
                if row is None:
                    report.bad_rows += 1
                    for name, message in problems.items():
                        report.add_problem(
                            Problem(f"line {line.number}", name, message, line.number)
                        )
                    continue
                if len(report.preview) < preview:
                    report.preview.append(row)
                if not report.problem_count or skip_problems or dry_run:
                    writer.add(row)  # a preview counts what skipping problems would add
            writer.flush()
            if progress is not None:
                progress(sniffed.size, sniffed.size)
            if report.problem_count and not skip_problems:
                if dry_run:
                    raise _DryRun
                raise ImportRefused(report)
            if dry_run:
                raise _DryRun
    except _DryRun:
        return report
    report.committed = True
    return report


def with_stage(mapping: ColumnMapping, name: str, stage: Stage) -> ColumnMapping:
    """The mapping with one more stage name decided."""
    return replace(mapping, stages={**mapping.stages, stage_key(name): stage})
