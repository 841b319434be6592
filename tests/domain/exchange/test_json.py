"""The complete JSON export and its import: round trip, merging, problems, hostile files."""

from __future__ import annotations

import json
import os
import stat
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from tests.domain.exchange.conftest import dump
from tests.domain.reading import table_rows
from tracker.db.enums import DebriefPath, TaskKind, TaskOrigin
from tracker.db.models import RejectionDebrief, Task
from tracker.domain.applications import ApplicationInput, create_application
from tracker.domain.contacts import ContactInput, contact_rows, create_contact, get_contact
from tracker.domain.demo import load_demo
from tracker.domain.exchange.document import build_document, export_json, schema
from tracker.domain.exchange.files import ExchangeError
from tracker.domain.exchange.report import ImportRefused
from tracker.domain.exchange.restore import import_document, read_document
from tracker.domain.store import Store

DOCS = Path(__file__).resolve().parents[3] / "docs" / "export-format.md"
HOSTILE = '=HYPERLINK("http://evil.example","x")\n+1\t-2 @SUM(A1)\r\x00 ünïcødé 🙂 "quoted"'


def _full_demo(store: Store) -> None:
    """The demo, plus what only later use creates: drafts, a debrief, odd text."""
    load_demo(store, today=date(2026, 3, 2))
    with store.transaction() as session:
        session.add(
            Task(
                kind=TaskKind.THANK_YOU,
                title="Thank Priya",
                draft_subject="Thank you, Priya",
                draft_body="Hi Priya,\n\nThank you.\n",  # the trailing newline is kept
                origin=TaskOrigin.PLAYBOOK,
                application_id=9,
                contact_id=3,
                interview_id=1,
                done=True,
                done_at=datetime(2026, 3, 1, 8, 30, 15, 123456, tzinfo=UTC),
            )
        )
        session.add(
            RejectionDebrief(
                application_id=9,
                path=DebriefPath.FIGHT,
                answers='{"feedback": "asked"}',
                went_well=HOSTILE,
            )
        )
    create_application(store, ApplicationInput("=cmd|' /C calc'!A0", "-Role", notes=HOSTILE))


def _without_time(document: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in document.items() if k != "exported_at"}


def test_round_trip_through_an_empty_database_gives_the_same_document(
    store: Store, other_store: Store, tmp_path: Path
) -> None:
    _full_demo(store)
    path = tmp_path / "export.json"
    counts = export_json(store, path)
    assert counts["applications"] == 16
    assert counts["rejection_debriefs"] == 3
    report = import_document(other_store, read_document(path))
    assert report.committed
    assert report.counts["applications"].added == 16
    first = json.loads(path.read_text(encoding="utf-8"))
    assert _without_time(build_document(other_store)) == _without_time(first)
    # Exact text, and the search box still finds what was imported.
    assert first["rejection_debriefs"][-1]["went_well"] == HOSTILE  # the one added above
    assert [r.company for r in table_rows(other_store, search="northwind")] == [
        "Northwind Analytics"
    ]


def test_the_file_is_stable_utf8_and_private(store: Store, tmp_path: Path) -> None:
    _full_demo(store)
    (tmp_path / "out").mkdir()
    path = tmp_path / "out" / "export.json"
    export_json(store, path)
    text = path.read_bytes().decode("utf-8")
    assert "Tomás Ortega" in text  # not \u escapes
    document = json.loads(text)
    assert list(document)[:4] == ["format", "version", "app_version", "exported_at"]
    assert list(document["applications"][0])[:3] == ["id", "company_id", "role"]
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert [p.name for p in path.parent.iterdir()] == ["export.json"]  # no temporary left


def test_a_failed_export_leaves_the_old_file(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "out").mkdir()
    path = tmp_path / "out" / "export.json"
    path.write_text("old", encoding="utf-8")

    def broken(*_args: object, **_kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("tracker.domain.exchange.document.dump_document", broken)
    with pytest.raises(OSError, match="disk full"):
        export_json(store, path)
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in path.parent.iterdir()] == ["export.json"]


def test_importing_the_same_file_twice_adds_nothing_the_second_time(
    store: Store, other_store: Store
) -> None:
    _full_demo(store)
    document = build_document(store)
    import_document(other_store, document)
    before = dump(other_store)
    again = import_document(other_store, document)
    assert again.counts["applications"].added == 0
    assert again.counts["applications"].skipped == 16
    assert again.counts["contacts"].added == 0
    assert again.counts["tasks"].added == 0
    assert dump(other_store) == before


def test_merging_matches_contacts_and_fills_in_what_they_lack(
    store: Store, other_store: Store
) -> None:
    create_application(store, ApplicationInput("Acme", "Engineer", applied_on=date(2026, 1, 5)))
    create_application(store, ApplicationInput("Acme", "Designer"))
    create_contact(store, ContactInput("Ana Ruiz", email="ana@example.com", phone="+31 6 1234"))
    create_contact(store, ContactInput("Lee Chen", company="Acme", title="CTO"))
    create_application(
        other_store, ApplicationInput("ACME", "engineer", applied_on=date(2026, 1, 5))
    )
    ana = create_contact(other_store, ContactInput("Ana R.", email="ANA@example.com")).value
    create_contact(other_store, ContactInput("Lee Chen", company="acme"))

    preview = import_document(other_store, build_document(store), dry_run=True)
    assert not preview.committed
    assert preview.counts["applications"].added == 1
    assert preview.counts["applications"].skipped == 1
    assert preview.counts["contacts"].updated == 2
    assert get_contact(other_store, ana).phone is None  # a dry run writes nothing

    import_document(other_store, build_document(store))
    assert get_contact(other_store, ana).phone == "+31 6 1234"
    assert get_contact(other_store, ana).name == "Ana R."  # what is there wins
    assert len(contact_rows(other_store)) == 2
    assert sorted(r.role for r in table_rows(other_store)) == ["Designer", "engineer"]


def _document_with_problems(store: Store) -> dict[str, Any]:
    load_demo(store, today=date(2026, 3, 2))
    document = build_document(store)
    document["applications"][8]["role"] = "x" * 201
    document["applications"][8]["salary_currency"] = "euro"
    document["contacts"][0]["email"] = "not an address"
    return document


def test_problems_refuse_the_import_and_change_nothing(store: Store, other_store: Store) -> None:
    document = _document_with_problems(store)
    before = dump(other_store)
    with pytest.raises(ImportRefused) as caught:
        import_document(other_store, document)
    report = caught.value.report
    assert {(p.where, p.field) for p in report.problems} == {
        ("applications #9", "role"),
        ("applications #9", "salary_currency"),
        ("contacts #1", "email"),
    }
    assert "Role is too long" in str(caught.value)
    assert dump(other_store) == before


def test_skipping_problem_rows_takes_what_belongs_to_them_along(
    store: Store, other_store: Store
) -> None:
    document = _document_with_problems(store)
    report = import_document(other_store, document, skip_problems=True)
    assert report.committed
    assert report.counts["applications"].added == 14
    companies = {r.company for r in table_rows(other_store, include_archived=True)}
    assert "Northwind Analytics" not in companies
    assert report.counts["interviews"].skipped == 2  # Northwind's
    assert "Jordan Blake" not in {c.name for c in contact_rows(other_store)}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe", "not text"),
        (b'{"format": "job-tracker-export", ', "not valid JSON at line 1"),
        (b'["a", "list"]', "not a Job Tracker export"),
        (b'{"format": "job-tracker-export", "version": 99}', "newer Job Tracker"),
    ],
)
def test_files_that_are_not_exports_are_refused_with_a_reason(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "in.json"
    path.write_bytes(content)
    with pytest.raises(ExchangeError, match=message):
        read_document(path)


def test_wrong_types_and_broken_links_are_problems(other_store: Store) -> None:
    document = {
        "format": "job-tracker-export",
        "version": 1,
        "companies": [{"id": 1, "name": "Acme"}],
        "applications": [
            {"id": 1, "company_id": 2, "role": "A"},
            {"id": 2, "company_id": 1, "role": 5, "stage": "hired", "applied_on": "3/1/26"},
            {"id": 2, "company_id": 1, "role": "Dup"},
            {"id": 4, "role": "No company"},
            {"id": 5, "company_id": 1},
        ],
        "tasks": [{"id": 1, "title": "Only a title"}],
    }
    report = import_document(other_store, document, dry_run=True)
    messages = {(p.where, p.field): p.message for p in report.problems}
    assert messages[("applications #1", "company_id")] == (
        "Points to companies #2, not in the file."
    )
    assert messages[("applications #2", "role")] == "Role must be text."
    assert messages[("applications #2", "stage")].startswith("Stage must be one of: wishlist")
    assert messages[("applications #2", "applied_on")] == (
        "Applied on must be a date such as 2026-03-01."
    )
    assert messages[("applications #3", "id")] == "Id 2 is used twice in applications."
    assert messages[("applications #4", "company_id")] == "Company id is missing."
    assert messages[("applications #5", "role")] == "Role is missing."
    assert report.counts["tasks"].added == 1  # everything else has a default


def test_the_documented_schema_lists_every_field() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for table, fields in schema().items():
        assert f"### `{table}`" in text
        for f in fields:
            assert f"| `{f.name}` |" in text.split(f"### `{table}`")[1].split("###")[0], (
                table,
                f.name,
            )


def test_every_table_is_exported() -> None:
    """A new table must be added to MODELS (and the docs), or left out here on purpose."""
    from tracker.db.models import Base
    from tracker.domain.exchange.document import MODELS, NOT_EXPORTED, table_of

    left_out = {"rule_firings", "setting"}
    assert left_out == NOT_EXPORTED
    assert {table_of(m).name for m in MODELS} == set(Base.metadata.tables) - left_out


def test_two_people_in_the_file_who_are_one_person_here_are_linked_once(
    store: Store, other_store: Store
) -> None:
    from tests.domain.reading import people_on
    from tracker.db.enums import ContactRole
    from tracker.domain.contacts import assign_role
    from tracker.domain.interviews import InterviewInput, ParticipantInput, save_interview

    app = create_application(store, ApplicationInput("Acme", "Engineer")).value
    first = create_contact(store, ContactInput("Ana Ruiz", email="ana@example.com")).value
    second = create_contact(store, ContactInput("Ana", email="ANA@example.com")).value
    for person in (first, second):
        assign_role(store, app, person, ContactRole.RECRUITER)
    save_interview(
        store,
        app,
        None,
        InterviewInput(participants=(ParticipantInput(first), ParticipantInput(second))),
    )
    create_contact(other_store, ContactInput("Ana Ruiz", email="ana@example.com"))
    report = import_document(other_store, build_document(store))
    assert report.counts["application_contacts"].skipped == 2  # second Ana, twice
    assert report.counts["interview_participants"].skipped == 1
    (row,) = table_rows(other_store)
    assert sorted(role for _, _, role in people_on(other_store, row.id)) == [
        ContactRole.INTERVIEWER,
        ContactRole.RECRUITER,
    ]
