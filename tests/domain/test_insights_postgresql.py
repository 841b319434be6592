"""Every Insights query also compiles for PostgreSQL (the app will run on it later).

No server here: a stand-in session compiles each statement with the PostgreSQL dialect
and answers with no rows. Running them on a real server is left to that work.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

import pytest
from sqlalchemy.dialects import postgresql

from tracker.domain import insights

SCOPES = [
    insights.Scope(date(2026, 3, 31)),
    insights.Scope(date(2026, 3, 31), days=30, source="Referral"),
    insights.Scope(date(2026, 3, 31), source=insights.NO_SOURCE),
]


class CompilingSession:
    dialect = postgresql.dialect()

    def __init__(self) -> None:
        self.sql: list[str] = []

    def _compile(self, statement: Any) -> list[Any]:
        self.sql.append(str(statement.compile(dialect=self.dialect)))
        return []

    execute = scalars = _compile

    def scalar(self, statement: Any) -> int:
        self._compile(statement)
        return 0

    def get_bind(self) -> Any:
        return self


class CompilingStore:
    def __init__(self) -> None:
        self.session = CompilingSession()

    @contextmanager
    def reading(self) -> Iterator[CompilingSession]:
        yield self.session


@pytest.mark.parametrize("scope", SCOPES)
def test_every_figure_compiles_for_postgresql(scope: insights.Scope) -> None:
    store: Any = CompilingStore()
    insights.funnel(store, scope)
    insights.response_by_source(store, scope)
    insights.response_by_role(store, scope)
    insights.time_in_stage(store, scope)
    insights.rejections_by_stage(store, scope)
    insights.weak_interview_kinds(store, scope)
    insights.weekly_activity(store, scope, first_weekday=7)
    insights.applications_sent(store, scope.source)
    insights.sources(store)
    sql = "\n".join(store.session.sql)
    assert len(store.session.sql) == 9
    assert "julianday" not in sql
    assert "json_each" not in sql
    assert "EXTRACT(EPOCH FROM" in sql
    assert "jsonb_array_elements_text" in sql
