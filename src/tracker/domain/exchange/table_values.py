"""One row's cells, through the mapping, into field values (the checks come after)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tracker.domain.exchange.presets import DATE_TARGETS
from tracker.domain.exchange.values import (
    parse_date,
    parse_remote,
    parse_salary,
    parse_url,
    parse_whole,
    stage_key,
)

if TYPE_CHECKING:
    from tracker.domain.exchange.table_import import ColumnMapping

TEXT_TARGETS = frozenset(
    {
        "company",
        "role",
        "location",
        "source",
        "job_description",
        "salary_currency",
        "contact_name",
        "contact_email",
        "contact_phone",
    }
)


def convert_cells(
    cells: tuple[str, ...], headers: tuple[str, ...], mapping: ColumnMapping
) -> tuple[dict[str, Any], dict[str, str], dict[str, str]]:
    """(field values, the column each field came from, problems keyed by column name)."""
    values: dict[str, Any] = {}
    where: dict[str, str] = {}
    problems: dict[str, str] = {}
    notes: list[tuple[str, str]] = []
    for header, target, cell in zip(headers, mapping.targets, cells, strict=False):
        if not target:
            continue
        where.setdefault(target, header)
        text = cell.strip()
        try:
            if target in TEXT_TARGETS:
                values[target] = text or None
            elif target == "notes":
                if text:
                    notes.append((header, cell))
            elif target == "stage":
                if text:
                    stage = mapping.stages.get(stage_key(text))
                    if stage is None:
                        raise ValueError(
                            f"{text!r} is not one of our stages; choose which one it is."
                        )
                    values["stage"] = stage
            elif target == "posting_url":
                values["posting_url"] = parse_url(text)
            elif target == "remote_mode":
                values["remote_mode"] = parse_remote(text)
            elif target == "salary":
                low, high, currency = parse_salary(text)
                values["salary_min"], values["salary_max"] = low, high
                where.setdefault("salary_min", header)
                where.setdefault("salary_max", header)
                if currency:
                    values.setdefault("salary_currency", currency)
            elif target in ("salary_min", "salary_max"):
                low, _, currency = parse_salary(text)
                values[target] = low
                if currency:
                    values.setdefault("salary_currency", currency)
            elif target == "priority":
                values["priority"] = parse_whole(text) or 0
            elif target in DATE_TARGETS:
                values[target] = parse_date(text, mapping.date_order)
        except ValueError as exc:
            problems[header] = str(exc)
    values.setdefault("stage", mapping.default_stage)
    if not values.get("source") and mapping.source:
        values["source"] = mapping.source
    if len(notes) == 1:
        values["notes"] = notes[0][1]
    elif notes:
        values["notes"] = "\n".join(f"{header}: {text}" for header, text in notes)
    return values, where, problems
