"""Applications: every operation, the stage rule, validation and the list's search."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from tests.domain.reading import table_rows
from tracker.db.enums import RemoteMode, Stage
from tracker.db.models import Application, Company, StageChange
from tracker.domain.applications import (
    ApplicationInput,
    change_stage,
    create_application,
    delete_application,
    get_application,
    set_archived,
    update_application,
)
from tracker.domain.detail import history
from tracker.domain.errors import NotFoundError, ValidationError
from tracker.domain.store import Store

FULL = ApplicationInput(
    company="Northwind",
    role="Backend Engineer",
    stage=Stage.APPLIED,
    posting_url="https://jobs.example.com/northwind",
    location="Utrecht",
    remote_mode=RemoteMode.HYBRID,
    salary_min=70_000,
    salary_max=90_000,
    salary_currency="eur",
    source="Job board",
    priority=4,
    found_on=date(2025, 1, 10),
    applied_on=date(2025, 1, 12),
    job_description="Build things.",
    notes="Met them at a meetup.",
)


def row_counts(store: Store) -> tuple[int, int, int]:
    with store.reading() as session:
        return tuple(  # type: ignore[return-value]
            session.scalar(select(func.count()).select_from(model)) or 0
            for model in (Application, Company, StageChange)
        )


def new(store: Store, **changes: object) -> int:
    return create_application(
        store, ApplicationInput(**{"company": "Acme", "role": "Engineer", **changes})
    ).value


# --- create, get, update, archive, delete ------------------------------------------------


def test_create_then_get_returns_the_cleaned_input(store: Store) -> None:
    app_id = create_application(store, FULL).value
    got = get_application(store, app_id)
    assert got == replace(FULL, salary_currency="EUR")
    assert isinstance(got.stage, Stage)


def test_text_is_trimmed_and_empty_text_means_none(store: Store) -> None:
    app_id = create_application(
        store,
        ApplicationInput(company="  Acme  ", role=" Engineer ", location="   ", notes=""),
    ).value
    got = get_application(store, app_id)
    assert (got.company, got.role, got.location, got.notes) == ("Acme", "Engineer", None, None)


def test_create_records_the_first_stage(store: Store) -> None:
    app_id = new(store, stage="screening")
    changes = history(store, app_id)
    assert [(h.from_stage, h.to_stage) for h in changes] == [(None, Stage.SCREENING)]


def test_same_company_name_in_any_case_is_one_company(store: Store) -> None:
    new(store, company="Acme")
    new(store, company="ACME")
    assert row_counts(store)[1] == 1


def test_get_missing_application_raises_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError) as caught:
        get_application(store, 12345)
    assert caught.value.row_id == 12345
    assert caught.value.what == "application"


@pytest.mark.parametrize(
    "operation",
    [
        lambda s: update_application(s, 999, ApplicationInput(company="A", role="B")),
        lambda s: change_stage(s, 999, Stage.APPLIED),
        lambda s: set_archived(s, 999),
        lambda s: delete_application(s, 999),
    ],
    ids=["update", "change_stage", "archive", "delete"],
)
def test_operations_on_a_missing_application_raise_not_found(store: Store, operation) -> None:
    new(store)
    before = row_counts(store)
    with pytest.raises(NotFoundError):
        operation(store)
    assert row_counts(store) == before


def test_update_saves_every_field(store: Store) -> None:
    app_id = new(store)
    changed = replace(FULL, stage=Stage.WISHLIST, applied_on=None, closed_on=None)
    move = update_application(store, app_id, changed).value
    assert move.changed is False
    assert get_application(store, app_id) == replace(changed, salary_currency="EUR")


def test_update_to_another_company_drops_the_unused_old_one(store: Store) -> None:
    app_id = new(store, company="Old Co")
    update_application(store, app_id, ApplicationInput(company="New Co", role="Engineer"))
    with store.reading() as session:
        assert session.scalars(select(Company.name)).all() == ["New Co"]


def test_update_with_a_different_stage_records_the_change(store: Store) -> None:
    app_id = new(store)
    move = update_application(
        store, app_id, ApplicationInput(company="Acme", role="Engineer", stage=Stage.SCREENING)
    ).value
    assert (move.from_stage, move.to_stage, move.changed) == (
        Stage.WISHLIST,
        Stage.SCREENING,
        True,
    )
    changes = history(store, app_id)  # newest first
    assert [(h.from_stage, h.to_stage) for h in changes] == [
        (Stage.WISHLIST, Stage.SCREENING),
        (None, Stage.WISHLIST),
    ]
    assert get_application(store, app_id).applied_on is not None


def test_archive_and_unarchive(store: Store) -> None:
    app_id = new(store)
    set_archived(store, app_id)
    assert [r.archived for r in table_rows(store, include_archived=True)] == [True]
    assert table_rows(store) == []
    set_archived(store, app_id, False)
    assert [(r.id, r.archived) for r in table_rows(store)] == [(app_id, False)]


def test_delete_removes_application_and_history(store: Store) -> None:
    keep = new(store, company="Keep")
    gone = new(store, company="Gone")
    change_stage(store, gone, Stage.APPLIED)
    delete_application(store, gone)
    with pytest.raises(NotFoundError):
        get_application(store, gone)
    assert [r.id for r in table_rows(store)] == [keep]
    assert row_counts(store) == (1, 1, 1)


# --- the stage rule -------------------------------------------------------------------------


def test_change_stage_records_from_and_to(store: Store) -> None:
    app_id = new(store)
    move = change_stage(store, app_id, Stage.APPLIED, note="Sent CV").value
    assert move.application_id == app_id
    assert (move.from_stage, move.to_stage) == (Stage.WISHLIST, Stage.APPLIED)
    assert move.changed
    assert not move.rejected
    assert move.changed_at.tzinfo is not None
    last = history(store, app_id)[0]
    assert (last.from_stage, last.to_stage, last.note) == (Stage.WISHLIST, Stage.APPLIED, "Sent CV")
    assert last.changed_at == move.changed_at
    assert get_application(store, app_id).stage is Stage.APPLIED


def test_moving_to_rejected_is_flagged(store: Store) -> None:
    app_id = new(store, stage=Stage.INTERVIEWING)
    move = change_stage(store, app_id, "rejected").value
    assert move.rejected is True
    assert move.to_stage is Stage.REJECTED


@pytest.mark.parametrize("stage", [s for s in Stage if s is not Stage.REJECTED])
def test_other_moves_are_not_rejections(store: Store, stage: Stage) -> None:
    app_id = new(store, stage=Stage.REJECTED if stage is Stage.WISHLIST else Stage.WISHLIST)
    move = change_stage(store, app_id, stage).value
    assert move.changed is True
    assert move.rejected is False


def test_moving_to_the_same_stage_records_nothing(store: Store) -> None:
    app_id = new(store, stage=Stage.REJECTED)
    before = row_counts(store)
    move = change_stage(store, app_id, Stage.REJECTED).value
    assert move.changed is False
    assert move.rejected is False
    assert row_counts(store) == before
    assert len(history(store, app_id)) == 1


def test_leaving_wishlist_fills_applied_on(store: Store) -> None:
    app_id = new(store)
    assert get_application(store, app_id).applied_on is None
    move = change_stage(store, app_id, Stage.APPLIED).value
    assert get_application(store, app_id).applied_on == move.changed_at.astimezone().date()


def test_leaving_wishlist_keeps_an_applied_on_already_given(store: Store) -> None:
    app_id = new(store, applied_on=date(2025, 2, 3))
    change_stage(store, app_id, Stage.SCREENING)
    assert get_application(store, app_id).applied_on == date(2025, 2, 3)


@pytest.mark.parametrize("closed", [Stage.ACCEPTED, Stage.REJECTED, Stage.WITHDRAWN, Stage.GHOSTED])
def test_closed_stages_set_closed_on_and_reopening_clears_it(store: Store, closed: Stage) -> None:
    app_id = new(store, stage=Stage.INTERVIEWING)
    assert get_application(store, app_id).closed_on is None
    move = change_stage(store, app_id, closed).value
    assert get_application(store, app_id).closed_on == move.changed_at.astimezone().date()
    change_stage(store, app_id, Stage.OFFER)
    assert get_application(store, app_id).closed_on is None


def test_change_stage_refuses_a_bad_stage(store: Store) -> None:
    app_id = new(store)
    before = row_counts(store)
    for bad in ("nonsense", ""):
        with pytest.raises(ValidationError) as caught:
            change_stage(store, app_id, bad)
        assert caught.value.field == "stage"
        assert "stage" in caught.value.message.lower()
    assert row_counts(store) == before


# --- validation -----------------------------------------------------------------------------

BASE = ApplicationInput(company="Acme", role="Engineer")

INVALID = [
    ("empty company", {"company": "   "}, "company", "empty"),
    ("empty role", {"role": ""}, "role", "empty"),
    ("salary min above max", {"salary_min": 90_000, "salary_max": 80_000}, "salary_max", "below"),
    ("negative salary", {"salary_min": -1}, "salary_min", "between"),
    ("huge salary", {"salary_max": 100_000_001}, "salary_max", "between"),
    ("javascript url", {"posting_url": "javascript:alert(1)"}, "posting_url", "http"),
    ("ftp url", {"posting_url": "ftp://x"}, "posting_url", "http"),
    ("url without scheme", {"posting_url": "www.example.com"}, "posting_url", "http"),
    ("url with a broken IPv6 host", {"posting_url": "http://["}, "posting_url", "check it"),
    ("url with a port in words", {"posting_url": "https://x.com:port/"}, "posting_url", "check it"),
    ("url without a host", {"posting_url": "https://:80/jobs"}, "posting_url", "http"),
    ("date out of range", {"found_on": date(1900, 1, 1)}, "found_on", "between"),
    ("far future date", {"applied_on": date(2101, 1, 1)}, "applied_on", "between"),
    ("role too long", {"role": "r" * 201}, "role", "too long"),
    ("notes too long", {"notes": "n" * 20_001}, "notes", "too long"),
    ("currency of four letters", {"salary_currency": "EURO"}, "salary_currency", "too long"),
    ("currency with a symbol", {"salary_currency": "12€"}, "salary_currency", "three-letter"),
    ("bad stage", {"stage": "nonsense"}, "stage", "one of"),
    ("bad remote mode", {"remote_mode": "moon"}, "remote_mode", "one of"),
    ("priority out of range", {"priority": 6}, "priority", "between"),
    (
        "closed before applied",
        {"applied_on": date(2025, 3, 1), "closed_on": date(2025, 2, 1)},
        "closed_on",
        "before",
    ),
    (
        "applied before found",
        {"found_on": date(2025, 3, 1), "applied_on": date(2025, 2, 1)},
        "applied_on",
        "before",
    ),
]


@pytest.mark.parametrize(
    ("changes", "field", "words"), [case[1:] for case in INVALID], ids=[c[0] for c in INVALID]
)
def test_invalid_input_is_refused_by_field(
    store: Store, changes: dict[str, object], field: str, words: str
) -> None:
    existing = new(store, company="Existing")
    before = row_counts(store)
    bad = replace(BASE, **changes)
    with pytest.raises(ValidationError) as caught:
        create_application(store, bad)
    assert caught.value.field == field
    assert set(caught.value.problems) == {field}
    message = caught.value.message
    assert words.lower() in message.lower()
    assert message[0].isupper()
    assert message.endswith(".")
    assert "Traceback" not in message
    assert "None" not in message
    assert row_counts(store) == before

    with pytest.raises(ValidationError) as caught_update:
        update_application(store, existing, bad)
    assert caught_update.value.problems == caught.value.problems
    assert row_counts(store) == before
    assert get_application(store, existing).company == "Existing"


def test_several_problems_are_all_reported(store: Store) -> None:
    before = row_counts(store)
    with pytest.raises(ValidationError) as caught:
        create_application(
            store,
            ApplicationInput(
                company="",
                role="x" * 201,
                salary_min=5,
                salary_max=1,
                posting_url="javascript:alert(1)",
                salary_currency="12€",
                stage="nope",
                found_on=date(1900, 1, 1),
            ),
        )
    assert set(caught.value.problems) == {
        "company",
        "role",
        "salary_max",
        "posting_url",
        "salary_currency",
        "stage",
        "found_on",
    }
    assert all(message for message in caught.value.problems.values())
    for field in caught.value.problems:
        assert field in str(caught.value)
    assert row_counts(store) == before


def test_good_boundary_values_are_accepted(store: Store) -> None:
    app_id = create_application(
        store,
        ApplicationInput(
            company="c" * 200,
            role="r" * 200,
            notes="n" * 20_000,
            salary_min=0,
            salary_max=100_000_000,
            salary_currency="usd",
            posting_url="HTTPS://example.com",
            found_on=date(1970, 1, 1),
            applied_on=date(1970, 1, 1),
            closed_on=date(2100, 12, 31),
            priority=5,
        ),
    ).value
    got = get_application(store, app_id)
    assert got.salary_currency == "USD"
    assert len(got.notes or "") == 20_000


# --- the list -------------------------------------------------------------------------------


def test_the_list_search_matches_each_column_ignoring_case(store: Store) -> None:
    by_company = new(store, company="Zephyr Labs", role="Engineer")
    by_role = new(store, company="Acme", role="ZEPHYR whisperer")
    by_location = new(store, company="Globex", role="Engineer", location="zephyrville")
    by_notes = new(store, company="Initech", role="Engineer", notes="Ask about the Zephyr team")
    new(store, company="Hooli", role="Engineer", location="Palo Alto", notes="Nothing here")
    found = {r.id for r in table_rows(store, search="  zEpHyR ")}
    assert found == {by_company, by_role, by_location, by_notes}
    assert len(table_rows(store, search="")) == 5
    assert table_rows(store, search="no such thing") == []


def test_the_list_treats_percent_and_underscore_literally(store: Store) -> None:
    percent = new(store, company="Acme", role="Engineer", notes="100% remote")
    underscore = new(store, company="Globex", role="snake_case fan")
    new(store, company="Initech", role="Engineer", notes="1000 remote, snakeXcase")
    backslash = new(store, company="Hooli", role="Engineer", notes=r"C:\temp")
    assert [r.id for r in table_rows(store, search="%")] == [percent]
    assert [r.id for r in table_rows(store, search="0% r")] == [percent]
    assert [r.id for r in table_rows(store, search="_")] == [underscore]
    assert [r.id for r in table_rows(store, search="e_c")] == [underscore]
    assert [r.id for r in table_rows(store, search="\\")] == [backslash]


def test_the_list_filters_by_stage(store: Store) -> None:
    applied = new(store, stage=Stage.APPLIED)
    new(store, stage=Stage.WISHLIST)
    also_applied = new(store, stage=Stage.APPLIED)
    rows = table_rows(store, stage=Stage.APPLIED)
    assert {r.id for r in rows} == {applied, also_applied}
    assert all(r.stage is Stage.APPLIED for r in rows)
    assert table_rows(store, stage=Stage.OFFER) == []


def test_the_list_hides_archived_unless_asked(store: Store) -> None:
    shown = new(store, company="Shown")
    hidden = new(store, company="Hidden")
    set_archived(store, hidden)
    assert [r.id for r in table_rows(store)] == [shown]
    assert {r.id for r in table_rows(store, include_archived=True)} == {shown, hidden}
    assert table_rows(store, search="hidden") == []
    assert [r.id for r in table_rows(store, search="hidden", include_archived=True)] == [hidden]


def test_the_list_shows_the_table_columns_newest_first(store: Store) -> None:
    older = new(store, company="Older", location="Berlin", applied_on=date(2025, 1, 2))
    newer = new(store, company="Newer")
    rows = table_rows(store)
    assert [r.id for r in rows] == [newer, older]
    row = rows[1]
    assert (row.company, row.role, row.stage, row.location, row.applied_on, row.archived) == (
        "Older",
        "Engineer",
        Stage.WISHLIST,
        "Berlin",
        date(2025, 1, 2),
        False,
    )
    assert isinstance(row.updated_at, datetime)
    assert row.updated_at.tzinfo is not None
    change_stage(store, older, Stage.APPLIED)  # touching a row moves it to the top
    assert [r.id for r in table_rows(store)] == [older, newer]


# --- names beyond ASCII ---------------------------------------------------------------------


def test_non_ascii_names_are_kept_exactly(store: Store) -> None:
    app_id = new(store, company="Malmö Måleri", role="Ingénieur", location="Zürich")
    got = get_application(store, app_id)
    assert (got.company, got.role, got.location) == ("Malmö Måleri", "Ingénieur", "Zürich")
    assert [r.id for r in table_rows(store, search="mö")] == [app_id]


def test_second_application_at_a_company_with_a_non_ascii_capital(store: Store) -> None:
    new(store, company="Ørsted", role="Engineer")
    new(store, company="Ørsted", role="Analyst")
    assert row_counts(store)[:2] == (2, 1)


def test_search_ignores_case_beyond_ascii(store: Store) -> None:
    app_id = new(store, company="Ørsted", role="Engineer", location="Malmö")
    assert [r.id for r in table_rows(store, search="ørsted")] == [app_id]
    assert [r.id for r in table_rows(store, search="MALMÖ")] == [app_id]
