"""The complete JSON export: every table, with a format version, in a stable order.

The schema is read from the models, so a column added to a table is exported without
anyone remembering to: each table is a list of rows, each row an object with the columns
in the models' order. Ids in the file are the file's own (1, 2, 3… per table, in the
database's order) and only link rows within the file; an import gives rows new ids.
docs/export-format.md describes the format; a test keeps the two in step.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import Enum
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Column, Table, select

from tracker import __version__
from tracker.db.coltypes import UTCDateTime, utcnow
from tracker.db.models import (
    Application,
    ApplicationContact,
    Base,
    Company,
    Contact,
    Interview,
    InterviewParticipant,
    RejectionDebrief,
    StageChange,
    Task,
)
from tracker.domain.exchange.files import write_atomically
from tracker.domain.store import Store

FORMAT_NAME = "job-tracker-export"
FORMAT_VERSION = 1

# Parents before children, so an import can map every reference as it goes.
MODELS: tuple[type[Base], ...] = (
    Company,
    Contact,
    Application,
    StageChange,
    ApplicationContact,
    Interview,
    InterviewParticipant,
    Task,
    RejectionDebrief,
)
# Worked out from other columns on import, never exported.
DERIVED = {"applications": frozenset({"search_text"})}
# The app's own bookkeeping, meaningless in another database: the edit counter behind "changed
# elsewhere", which follow-up rule made a task (rules see the import's tasks as the person's
# own, so they never make a second one), and the day a task's notification went out.
INTERNAL = frozenset({"version", "rule", "rule_subject", "notified_on"})
# Tables left out on purpose: follow-up rules' memory (made again from the data) and the
# settings of one database (the person sets them where they import).
NOT_EXPORTED = frozenset({"rule_firings", "setting"})


@dataclass(frozen=True)
class Field:
    """One exported column: its JSON kind and, for a link, the table it points to."""

    name: str
    kind: str  # "id", "ref", "int", "bool", "text", "date", "datetime", "enum"
    nullable: bool
    limit: int | None = None  # characters, for text
    target: str | None = None  # the referenced table, for "ref"
    choices: tuple[str, ...] = ()  # the allowed values, for "enum"
    has_default: bool = False  # may be left out of a row: the database fills it in


def _field(column: Column[Any]) -> Field:
    described = _describe(column)
    has_default = bool(
        column.nullable or column.default is not None or column.server_default is not None
    )
    return Field(
        described.name,
        described.kind,
        described.nullable,
        described.limit,
        described.target,
        described.choices,
        has_default,
    )


def _describe(column: Column[Any]) -> Field:
    nullable = bool(column.nullable)
    if column.primary_key:
        return Field(column.name, "id", False)
    if column.foreign_keys:
        target = next(iter(column.foreign_keys)).column.table.name
        return Field(column.name, "ref", nullable, target=target)
    kind = column.type
    python_type = getattr(kind, "enum_class", None)
    if python_type is not None:
        return Field(column.name, "enum", nullable, choices=tuple(m.value for m in python_type))
    if isinstance(kind, UTCDateTime):
        return Field(column.name, "datetime", nullable)
    name = type(kind).__name__
    if name == "Date":
        return Field(column.name, "date", nullable)
    if name == "Boolean":
        return Field(column.name, "bool", nullable)
    if name == "Integer":
        return Field(column.name, "int", nullable)
    return Field(column.name, "text", nullable, limit=getattr(kind, "length", None))


def table_of(model: type[Base]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


def schema() -> dict[str, tuple[Field, ...]]:
    """Every exported table, in import order, with its fields in the models' order."""
    return {
        table_of(model).name: tuple(
            _field(column)
            for column in table_of(model).columns
            if column.name not in DERIVED.get(table_of(model).name, ())
            and column.name not in INTERNAL
        )
        for model in MODELS
    }


def to_json_value(value: object) -> object:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    return value


def build_document(store: Store, now: datetime | None = None) -> dict[str, Any]:
    """The whole database as one JSON-ready dict: header keys first, then each table."""
    document: dict[str, Any] = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "app_version": __version__,
        "exported_at": to_json_value(now or utcnow()),
    }
    numbering: dict[str, dict[int, int]] = {}
    with store.reading() as session:
        for model in MODELS:
            table = table_of(model)
            fields = schema()[table.name]
            ids: dict[int, int] = {}
            rows = []
            for row in session.execute(select(table).order_by(table.c.id)).mappings():
                ids[row["id"]] = len(ids) + 1
                out: dict[str, object] = {}
                for f in fields:
                    value = row[f.name]
                    if f.kind == "id":
                        value = ids[value]
                    elif f.kind == "ref" and value is not None:
                        assert f.target is not None
                        value = numbering[f.target][value]
                    out[f.name] = to_json_value(value)
                rows.append(out)
            numbering[table.name] = ids
            document[table.name] = rows
    return document


def dump_document(document: dict[str, Any], handle: IO[str]) -> None:
    """UTF-8 text, keys in the document's own (stable) order, one field a line."""
    json.dump(document, handle, ensure_ascii=False, indent=2)
    handle.write("\n")


def export_json(store: Store, path: Path) -> dict[str, int]:
    """Write the complete export to *path*; return how many rows of each table."""
    document = build_document(store)
    write_atomically(path, lambda handle: dump_document(document, handle))
    return {name: len(document[name]) for name in schema()}
