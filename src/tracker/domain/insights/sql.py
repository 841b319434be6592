"""The few SQL pieces that differ between SQLite and PostgreSQL, as SQLAlchemy constructs.

Everything else in the insights is plain SQLAlchemy Core; these compile to each database's
own spelling, so a figure stays one query on both.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Float, Integer, Select, cast, func, select, true
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from tracker.db.models import RejectionDebrief


class days_between(FunctionElement[float]):
    """Days (with fractions) from *earlier* to *later*: dates or moments."""

    type = Float()
    name = "days_between"
    inherit_cache = True


class whole_days(FunctionElement[int]):
    """Whole days from *earlier* to *later* (dates or moments, later not before), rounded down."""

    type = Integer()
    name = "whole_days"
    inherit_cache = True


class whole_weeks(FunctionElement[int]):
    """Whole weeks from *reference* to *day* (both dates or moments), rounded down."""

    type = Integer()
    name = "whole_weeks"
    inherit_cache = True


class moment_number(FunctionElement[float]):
    """A date or moment as a number, to compare, take the earliest of, and subtract: cheaper
    for the database than the text it is stored as. whole_days_of() reads a difference."""

    type = Float()
    name = "moment_number"
    inherit_cache = True


class whole_days_of(FunctionElement[int]):
    """A difference of two moment_number()s in whole days, rounded down (never negative)."""

    type = Integer()
    name = "whole_days_of"
    inherit_cache = True


def _one(element: FunctionElement[Any], compiler: SQLCompiler, **kw: Any) -> str:
    (only,) = list(element.clauses)
    return compiler.process(only, **kw)


def _two(element: FunctionElement[Any], compiler: SQLCompiler, **kw: Any) -> tuple[str, str]:
    first, second = list(element.clauses)
    return compiler.process(first, **kw), compiler.process(second, **kw)


@compiles(days_between)
def _days_between(element: FunctionElement[Any], compiler: SQLCompiler, **kw: Any) -> str:
    later, earlier = _two(element, compiler, **kw)
    return (
        f"(EXTRACT(EPOCH FROM (CAST({later} AS TIMESTAMP) - CAST({earlier} AS TIMESTAMP)))"
        " / 86400.0)"
    )


@compiles(days_between, "sqlite")
def _days_between_sqlite(element: FunctionElement[Any], compiler: SQLCompiler, **kw: Any) -> str:
    later, earlier = _two(element, compiler, **kw)
    return f"(julianday({later}) - julianday({earlier}))"


@compiles(whole_days)
def _whole_days(element: whole_days, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST(FLOOR({_days_between(element, compiler, **kw)}) AS INTEGER)"


@compiles(whole_days, "sqlite")
def _whole_days_sqlite(element: whole_days, compiler: SQLCompiler, **kw: Any) -> str:
    # Never negative (the queries make sure), so truncating is rounding down.
    return f"CAST({_days_between_sqlite(element, compiler, **kw)} AS INTEGER)"


@compiles(moment_number)
def _moment_number(element: moment_number, compiler: SQLCompiler, **kw: Any) -> str:
    # Seconds: whole_days_of() divides the exact difference, so no day is lost to rounding.
    return f"EXTRACT(EPOCH FROM CAST({_one(element, compiler, **kw)} AS TIMESTAMP))"


@compiles(moment_number, "sqlite")
def _moment_number_sqlite(element: moment_number, compiler: SQLCompiler, **kw: Any) -> str:
    return f"julianday({_one(element, compiler, **kw)})"  # days


@compiles(whole_days_of)
def _whole_days_of(element: whole_days_of, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST(FLOOR(({_one(element, compiler, **kw)}) / 86400.0) AS INTEGER)"


@compiles(whole_days_of, "sqlite")
def _whole_days_of_sqlite(element: whole_days_of, compiler: SQLCompiler, **kw: Any) -> str:
    # Never negative (the queries make sure), so truncating is rounding down.
    return f"CAST(({_one(element, compiler, **kw)}) AS INTEGER)"


@compiles(whole_weeks)
def _whole_weeks(element: whole_weeks, compiler: SQLCompiler, **kw: Any) -> str:
    day, reference = _two(element, compiler, **kw)
    return f"CAST(FLOOR((CAST({day} AS DATE) - CAST({reference} AS DATE)) / 7.0) AS INTEGER)"


@compiles(whole_weeks, "sqlite")
def _whole_weeks_sqlite(element: whole_weeks, compiler: SQLCompiler, **kw: Any) -> str:
    # Both sides are on or after the reference, so truncating is rounding down.
    day, reference = _two(element, compiler, **kw)
    return f"CAST((julianday(date({day})) - julianday({reference})) / 7 AS INTEGER)"


def weak_interview_ids(dialect: str) -> Select[int]:
    """The interview ids every debrief marked weaker than wanted (its answers' JSON list)."""
    answers = RejectionDebrief.answers
    if dialect == "postgresql":
        # Imported here: loading PostgreSQL's dialect costs about 0.1 s that SQLite never needs.
        from sqlalchemy.dialects.postgresql import JSONB

        each = func.jsonb_array_elements_text(
            cast(answers, JSONB)["weak_interview_ids"]
        ).table_valued("value")
        return (
            select(cast(each.c.value, Integer).label("interview_id"))
            .select_from(RejectionDebrief)
            .join(each, true())
            .where(answers.is_not(None))
        )
    each = func.json_each(answers, "$.weak_interview_ids").table_valued("value")
    return (
        select(cast(each.c.value, Integer).label("interview_id"))
        .select_from(RejectionDebrief)
        .join(each, true())
        .where(answers.is_not(None), func.json_valid(answers) == 1)
    )
