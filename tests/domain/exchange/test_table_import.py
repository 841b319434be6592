"""Spreadsheet import: presets on realistic files, the mapping, all or nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.domain.exchange.conftest import dump
from tests.domain.reading import table_rows as application_rows
from tracker.db.enums import RemoteMode, Stage
from tracker.domain.applications import ApplicationInput, create_application, get_application
from tracker.domain.contacts import contact_rows, get_contact
from tracker.domain.exchange.presets import preset_named, recognise
from tracker.domain.exchange.report import ImportCancelled, ImportRefused
from tracker.domain.exchange.sniff import sniff
from tracker.domain.exchange.table_import import (
    ColumnMapping,
    import_table,
    preview_rows,
    suggest_mapping,
    unmapped_stages,
    with_stage,
)
from tracker.domain.store import Store
from tracker.domain.tasks import open_tasks

SAMPLES = Path(__file__).parent / "samples"


def _apps(store: Store) -> dict[str, ApplicationInput]:
    return {
        row.company: get_application(store, row.id)
        for row in application_rows(store, include_archived=True)
    }


def test_linkedin_job_applications_keep_the_contact_and_drop_the_answers(store: Store) -> None:
    sniffed = sniff(SAMPLES / "linkedin_job_applications.csv")
    assert recognise(sniffed.headers).name == "linkedin-applications"
    mapping = suggest_mapping(sniffed)
    assert mapping.targets[-1] == ""  # Question And Answers
    report = import_table(store, sniffed, mapping)
    assert report.committed
    assert report.counts["applications"].added == 4
    apps = _apps(store)
    northwind = apps["Northwind Analytics"]
    assert northwind.stage == Stage.APPLIED
    assert northwind.applied_on == date(2024, 11, 3)
    assert northwind.source == "LinkedIn"
    assert northwind.posting_url == "https://www.linkedin.com/jobs/view/4051234567"
    assert northwind.notes == "Sam_Rivera_CV.pdf"
    assert apps["Tidewater Energy"].role == "Software Engineer \u2013 Data"
    assert all("sponsorship" not in (a.notes or "") for a in apps.values())
    people = {c.email or c.name: c for c in contact_rows(store)}
    assert set(people) == {
        "jane.doe@northwind.example",
        "talent@bluebell.example",
        "(020) 7946 0958",
    }
    jane = get_contact(store, people["jane.doe@northwind.example"].id)
    assert jane.phone == "+1 415 555 0100"
    assert jane.company == "Northwind Analytics"


def test_multi_line_answers_keep_line_numbers_right(store: Store) -> None:
    sniffed = sniff(SAMPLES / "linkedin_job_applications.csv")
    mapping = suggest_mapping(sniffed)
    broken = with_stage(mapping, "x", Stage.APPLIED)
    # Make the Kestrel row (which starts on line 5, after a 3-line answer) fail.
    rows = preview_rows(sniffed, broken)
    assert [line for line, _, _ in rows] == [2, 3, 4, 5]
    report = import_table(
        store,
        sniffed,
        ColumnMapping(
            targets=("applied_on", "", "", "company", "role", "posting_url", "", "location"),
            default_stage=Stage.APPLIED,
        ),
        dry_run=True,
    )
    assert report.problem_count == 0
    assert report.counts["applications"].added == 4
    assert _apps(store) == {}


def test_linkedin_saved_jobs_go_to_the_wishlist(store: Store) -> None:
    sniffed = sniff(SAMPLES / "linkedin_saved_jobs.csv")
    assert recognise(sniffed.headers).name == "linkedin-saved"
    import_table(store, sniffed, suggest_mapping(sniffed))
    apps = _apps(store)
    assert {a.stage for a in apps.values()} == {Stage.WISHLIST}
    assert apps["Harbor & Finch"].found_on == date(2024, 10, 30)
    assert apps["Harbor & Finch"].applied_on is None


def test_teal_statuses_salaries_excitement_and_follow_ups(store: Store) -> None:
    sniffed = sniff(SAMPLES / "teal_jobs.csv")
    assert recognise(sniffed.headers).name == "teal"
    mapping = suggest_mapping(sniffed)
    assert unmapped_stages(sniffed, mapping) == []
    report = import_table(store, sniffed, mapping)
    assert report.counts["tasks"].added == 2
    apps = _apps(store)
    orchard = apps["Orchard Robotics"]
    assert orchard.stage == Stage.INTERVIEWING
    assert (orchard.salary_min, orchard.salary_max, orchard.salary_currency) == (
        90000,
        110000,
        "EUR",
    )
    assert orchard.priority == 5
    assert orchard.found_on == date(2024, 10, 1)
    quill = apps["Quillstone"]
    assert quill.stage == Stage.WISHLIST
    assert (quill.salary_min, quill.salary_max, quill.salary_currency) == (85000, 100000, "USD")
    assert apps["Granite Systems"].stage == Stage.GHOSTED
    assert apps["Cinder Labs"].stage == Stage.OFFER
    assert apps["Pebble Post"].stage == Stage.WITHDRAWN
    follow_ups = sorted((t.title, t.due_on) for t in open_tasks(store))
    assert follow_ups == [
        ("Follow up with Cinder Labs", date(2024, 11, 5)),
        ("Follow up with Orchard Robotics", date(2024, 11, 12)),
    ]


def test_huntr_lists_become_stages(store: Store) -> None:
    sniffed = sniff(SAMPLES / "huntr_board.csv")
    assert recognise(sniffed.headers).name == "huntr"
    import_table(store, sniffed, suggest_mapping(sniffed))
    apps = _apps(store)
    assert {name: a.stage for name, a in apps.items()} == {
        "Meadow Learning": Stage.OFFER,
        "Lumen Health": Stage.WISHLIST,
        "Northwind Analytics": Stage.REJECTED,
        "Kestrel Maps": Stage.INTERVIEWING,
        "Tidewater Energy": Stage.APPLIED,
    }
    assert apps["Meadow Learning"].job_description == "Lead a team of six.\nPython, Postgres, Vue."
    assert apps["Meadow Learning"].found_on == date(2024, 9, 14)


def test_excel_semicolons_with_a_bom_and_an_unknown_stage(store: Store) -> None:
    sniffed = sniff(SAMPLES / "excel_semicolon_bom.csv")
    assert (sniffed.encoding_label, sniffed.delimiter_label) == ("UTF-8 with BOM", "semicolon")
    assert sniffed.headers[0] == "Company"  # no BOM in the name
    assert sniffed.headers[-2:] == ("Notes", "Notes (2)")
    assert recognise(sniffed.headers).name == "generic"
    mapping = suggest_mapping(sniffed)
    assert mapping.targets == (
        "company",
        "role",
        "stage",
        "applied_on",
        "posting_url",
        "salary",
        "notes",
        "notes",
    )
    assert mapping.date_order == "dmy"
    assert unmapped_stages(sniffed, mapping) == ["Waiting for feedback"]
    with pytest.raises(ImportRefused) as caught:
        import_table(store, sniffed, mapping)
    (problem,) = caught.value.report.problems
    assert (problem.line, problem.field) == (6, "Status")
    assert "Waiting for feedback" in problem.message
    assert _apps(store) == {}

    mapping = with_stage(mapping, "Waiting for feedback", Stage.APPLIED)
    import_table(store, sniffed, mapping)
    apps = _apps(store)
    sg = apps["Société Générale"]
    assert (sg.stage, sg.applied_on) == (Stage.INTERVIEWING, date(2024, 11, 3))
    assert (sg.salary_min, sg.salary_currency) == (55000, "EUR")
    assert (
        sg.notes == "Notes: Entretien lundi; apporter le portfolio\nNotes (2): second notes column"
    )
    assert apps["Müller & Söhne GmbH"].stage == Stage.OFFER
    assert apps["Zalando"].stage == Stage.GHOSTED
    assert apps["Zalando"].posting_url == "https://www.zalando.example/jobs/1"
    assert apps["Ørsted"].notes == '=HYPERLINK("http://evil.example")'  # exact text, stored


def test_windows_1252_and_month_first_dates(store: Store) -> None:
    sniffed = sniff(SAMPLES / "windows_1252.csv")
    assert sniffed.encoding_label == "Windows-1252"
    mapping = suggest_mapping(sniffed)
    assert mapping.date_order == "mdy"
    import_table(store, sniffed, mapping)
    apps = _apps(store)
    assert apps["Café Müller"].applied_on == date(2024, 3, 11)
    assert apps["Café Müller"].notes == "“Quoted” notes, with a comma"
    assert apps["Señor Taco"].stage == Stage.REJECTED
    assert apps["Acme"].stage == Stage.SCREENING


def test_importing_the_same_file_twice_adds_nothing(store: Store) -> None:
    sniffed = sniff(SAMPLES / "linkedin_job_applications.csv")
    import_table(store, sniffed, suggest_mapping(sniffed))
    before = dump(store)
    again = import_table(store, sniffed, suggest_mapping(sniffed))
    assert again.counts["applications"].added == 0
    assert again.counts["applications"].skipped == 4
    assert dump(store) == before


def test_an_existing_application_is_not_imported_again(store: Store) -> None:
    create_application(
        store,
        ApplicationInput(
            "northwind analytics", "backend engineer", Stage.APPLIED, applied_on=date(2024, 11, 3)
        ),
    )
    sniffed = sniff(SAMPLES / "linkedin_job_applications.csv")
    report = import_table(store, sniffed, suggest_mapping(sniffed), dry_run=True)
    assert (report.counts["applications"].added, report.counts["applications"].skipped) == (3, 1)
    assert len(report.preview) == 4


def _thousand_rows(path: Path, bad_line: int | None = None) -> Path:
    lines = ["Company,Role,Status,Date applied,Remote"]
    for i in range(2, 1002):
        remote = "somewhere else" if i == bad_line else "remote"
        lines.append(f"Company {i},Engineer {i},Applied,2024-10-{i % 28 + 1:02d},{remote}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_bad_row_in_the_middle_leaves_the_database_as_it_was(
    store: Store, tmp_path: Path
) -> None:
    create_application(store, ApplicationInput("Before", "Existing"))
    before = dump(store)
    sniffed = sniff(_thousand_rows(tmp_path / "jobs.csv", bad_line=501))
    mapping = suggest_mapping(sniffed)
    assert mapping.targets == ("company", "role", "stage", "applied_on", "remote_mode")
    with pytest.raises(ImportRefused) as caught:
        import_table(store, sniffed, mapping)
    (problem,) = caught.value.report.problems
    assert str(problem) == ("line 501, Remote: 'somewhere else' is not remote, hybrid or on-site.")
    assert dump(store) == before

    skipped = import_table(store, sniffed, mapping, skip_problems=True)
    assert skipped.counts["applications"].added == 999
    assert skipped.bad_rows == 1


def test_an_error_while_writing_leaves_the_database_as_it_was(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = dump(store)
    sniffed = sniff(_thousand_rows(tmp_path / "jobs.csv"))
    from tracker.domain.exchange import table_writer

    calls = []
    real = table_writer.TableWriter.flush

    def failing(self: table_writer.TableWriter) -> None:
        calls.append(1)
        if len(calls) == 2:  # the second batch: rows 501 to 1,000
            raise OSError("disk I/O error")
        real(self)

    monkeypatch.setattr(table_writer.TableWriter, "flush", failing)
    with pytest.raises(OSError, match="disk I/O error"):
        import_table(store, sniffed, suggest_mapping(sniffed))
    assert dump(store) == before


def test_cancel_changes_nothing(store: Store, tmp_path: Path) -> None:
    before = dump(store)
    sniffed = sniff(_thousand_rows(tmp_path / "jobs.csv"))
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        seen.append((done, total))
        return False

    with pytest.raises(ImportCancelled):
        import_table(store, sniffed, suggest_mapping(sniffed), progress=progress)
    assert seen
    assert 0 < seen[0][0] <= seen[0][1] == sniffed.size
    assert dump(store) == before


def test_field_limits_and_checks_are_the_forms(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "limits.csv"
    long_notes = "n" * 10_000
    path.write_text(
        "Company,Role,Notes,Link,Remote\n"
        f"Acme,{'r' * 201},fine,,\n"
        f"Acme,Engineer,{long_notes},ftp://x,\n"
        f'"Multi\nline",Engineer,"a\nb",,Hybrid\n'
        f"Acme,Engineer,{'n' * 20_001},,\n",
        encoding="utf-8",
    )
    sniffed = sniff(path)
    report = import_table(store, sniffed, suggest_mapping(sniffed), dry_run=True)
    found = {(p.line, p.field): p.message for p in report.problems}
    assert found == {
        (2, "Role"): "Role is too long (201 characters; at most 200).",
        (3, "Link"): "Posting link must be a web address starting with http:// or https://.",
        (7, "Notes"): "Notes is too long (20,001 characters; at most 20,000).",
    }
    assert report.counts["applications"].added == 1  # what skipping the problems would add
    assert application_rows(store) == []


def test_presets_by_name() -> None:
    assert preset_named("teal").default_stage == Stage.WISHLIST
    with pytest.raises(ValueError, match="choose from linkedin-applications"):
        preset_named("indeed")


def test_remote_modes(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("Company,Role,Remote\nA,B,Remote (EU)\nC,D,On-site\n", encoding="utf-8")
    sniffed = sniff(path)
    report = import_table(store, sniffed, suggest_mapping(sniffed))
    assert [r.application.remote_mode for r in report.preview] == [
        RemoteMode.REMOTE,
        RemoteMode.ONSITE,
    ]
