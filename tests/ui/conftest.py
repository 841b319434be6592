"""Fixtures for the UI tests: shared events and a quick way to add applications."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from tests.ui.dbus_session import notification_service, session_bus  # noqa: F401 (fixtures)
from tracker.db.enums import Stage
from tracker.domain.applications import ApplicationInput, create_application
from tracker.domain.store import Store
from tracker.ui.events import DataEvents

AddApplication = Callable[..., int]


@pytest.fixture
def events() -> DataEvents:
    return DataEvents()


@pytest.fixture
def add(store: Store) -> AddApplication:
    def add(
        company: str,
        role: str,
        stage: Stage = Stage.WISHLIST,
        location: str | None = None,
        applied_on: date | None = None,
        notes: str | None = None,
    ) -> int:
        data = ApplicationInput(
            company=company,
            role=role,
            stage=stage,
            location=location,
            applied_on=applied_on,
            notes=notes,
        )
        return create_application(store, data).value

    return add
