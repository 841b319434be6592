"""Applied here before? One company however it is typed, and what happened last time."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import event

from tracker.db.enums import Stage
from tracker.domain.applications import (
    ApplicationInput,
    change_stage,
    create_application,
    set_archived,
)
from tracker.domain.earlier import company_index, company_key, earlier_applications, role_key
from tracker.domain.store import Store


@pytest.mark.parametrize(
    "typed",
    [
        "kestrel maps",
        "KESTREL MAPS",
        "Kestrel-Maps",
        "KestrelMaps",
        "  Kestrel   Maps ",
        "Kestrel Maps Inc.",
        "Kestrel Maps, Inc",
        "Kestrel Maps LLC",
        "Kestrel Maps L.L.C.",
        "Kestrel Maps Ltd",
        "Kestrel Maps Limited",
        "Kestrel Maps GmbH",
        "Kestrel Maps AG",
        "Kestrel Maps SA",
        "Kestrel Maps S.A.",
        "Kestrel Maps Corp.",
        "Kestrel Maps GmbH & Co. KG",
        "Kestrel Maps Co., Ltd.",
        "Kestrel Maps Pty Ltd",
        "Kestrel Maps B.V.",
        "The Kestrel Maps",
    ],
)
def test_one_company_however_it_is_typed(typed: str) -> None:
    assert company_key(typed) == company_key("Kestrel Maps") == "kestrelmaps"


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Harbor & Finch", "Harbor and Finch"),
        ("Nestlé", "NESTLE S.A."),
        ("Straßenbahn GmbH", "STRASSENBAHN"),
        ("Ørsted", "ørsted a/s"),
    ],
)
def test_accents_ampersands_and_sharp_s_fold_away(one: str, other: str) -> None:
    assert company_key(one) == company_key(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Kestrel", "Kestrel Maps"),  # a name typed halfway is not a match
        ("Northwind", "Northwind Analytics"),
        ("Acme Inc", "Acme Co Labs"),
    ],
)
def test_different_companies_stay_apart(one: str, other: str) -> None:
    assert company_key(one) != company_key(other)


def test_a_name_that_is_only_a_legal_form_keeps_it() -> None:
    assert company_key("AG") == "ag"
    assert company_key("The") == "the"
    assert company_key("&") == ""  # nothing to compare: never a match
    assert role_key("Senior  Data-Engineer") == role_key("senior data engineer")


def add(store: Store, company: str, role: str, **fields: object) -> int:
    return create_application(store, ApplicationInput(company=company, role=role, **fields)).value


def test_what_happened_last_time_same_role_first(store: Store) -> None:
    rejected = add(store, "Kestrel Maps GmbH", "Data Engineer", applied_on=date(2026, 3, 3))
    change_stage(store, rejected, Stage.REJECTED)
    other_role = add(store, "kestrel maps", "Cartographer", applied_on=date(2026, 5, 1))
    add(store, "Kestrel", "Data Engineer")  # another company

    found = earlier_applications(store, "Kestrel Maps, Inc.", "data engineer")
    assert [row.id for row in found] == [rejected, other_role]
    first = found[0]
    assert (first.company, first.role, first.stage) == (
        "Kestrel Maps GmbH",
        "Data Engineer",
        "rejected",
    )
    assert first.applied_on == date(2026, 3, 3)
    assert first.closed_on is not None
    # Without the role, the most recent leads.
    assert [row.id for row in earlier_applications(store, "KESTREL MAPS")] == [other_role, rejected]
    assert earlier_applications(store, "Northwind") == []
    assert earlier_applications(store, "  ") == []


def test_archived_applications_are_history_too(store: Store) -> None:
    app_id = add(store, "Pebble Post", "Python Engineer")
    set_archived(store, app_id)
    [row] = earlier_applications(store, "Pebble Post Ltd")
    assert row.archived


def test_with_the_index_in_hand_a_check_reads_only_applications(store: Store) -> None:
    add(store, "Kestrel Maps", "Data Engineer")
    index = company_index(store)
    statements: list[str] = []
    engine = store.engine

    def seen(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", seen)
    try:
        assert len(earlier_applications(store, "Kestrel Maps Inc", index=index)) == 1
        assert earlier_applications(store, "Lumen Health", index=index) == []
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    # One read by company id for the match; none at all for a name nobody has.
    assert len(statements) == 1
    assert "company_id IN" in statements[0]
