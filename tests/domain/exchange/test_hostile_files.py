"""Files that are not what they claim: each gets a clear message and changes nothing."""

from __future__ import annotations

import codecs
import csv
from pathlib import Path

import pytest

from tests.domain.exchange.conftest import dump
from tracker.domain.exchange.files import ExchangeError
from tracker.domain.exchange.report import ImportRefused
from tracker.domain.exchange.sniff import sniff
from tracker.domain.exchange.table_import import import_table, suggest_mapping
from tracker.domain.store import Store


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "it is empty"),
        (b"\xef\xbb\xbf\r\n  \n", "it is empty"),
        (b"PK\x03\x04\x14\x00\x06\x00", "an Excel workbook or another zip file; save it as CSV"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", "it is a PDF"),
        (bytes(range(256)) * 40, "it is not a text file"),
        (b"Company,Role\n", "it has a header but no rows"),
        (b"just one column\nvalue\n", "it has only one column"),
        (b"Company,Role\nAcme,\x81\x8d\x8f\x90\x9d\n", "encoding it cannot tell"),
        (b"sep=#\nCompany#Role\nA#B\n", "its separator line names '#'"),
    ],
)
def test_refused_with_a_reason(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes(content)
    with pytest.raises(ExchangeError, match=message) as caught:
        sniff(path)
    assert str(caught.value).endswith("Nothing was changed.")


def _import(store: Store, path: Path, **options: bool) -> None:
    sniffed = sniff(path)
    import_table(store, sniffed, suggest_mapping(sniffed), **options)


def test_ragged_rows_duplicate_headers_and_nul_bytes_are_row_problems(
    store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "ragged.csv"
    path.write_bytes(
        b"Company,Role,Role,Notes\n"
        b"Short\n"  # too few cells: padded, then the role is missing
        b"Acme,Dev,Dev2,n,EXTRA,MORE\n"
        b"Nul Inc,Dev\x00eloper,,\n"
        b"Fine,Engineer,,ok\n"
    )
    sniffed = sniff(path)
    assert sniffed.headers == ("Company", "Role", "Role (2)", "Notes")
    before = dump(store)
    with pytest.raises(ImportRefused) as caught:
        import_table(store, sniffed, suggest_mapping(sniffed))
    found = {(p.line, p.field): p.message for p in caught.value.report.problems}
    assert found == {
        (2, "Role"): "Role cannot be empty.",
        (3, "(row)"): "Has 2 more cells than the header.",
        (4, "(row)"): "Contains a NUL character (the file may be damaged).",
    }
    assert dump(store) == before
    report = import_table(store, sniffed, suggest_mapping(sniffed), skip_problems=True)
    assert report.counts["applications"].added == 1


def test_a_cell_beyond_the_csv_limit_stops_the_import_and_changes_nothing(
    store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "huge-cell.csv"
    path.write_text(
        "Company,Role,Notes\nA,B,ok\n" + 'C,D,"' + "x" * 200_000 + '"\n', encoding="utf-8"
    )
    before = dump(store)
    with pytest.raises(ExchangeError, match="line 3 breaks the CSV rules"):
        _import(store, path)
    assert dump(store) == before


def test_an_encoding_that_changes_half_way_is_read_as_windows_1252(
    store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "mixed.csv"
    body = "Company,Role\n" + "".join(f"Company {i},Dev\n" for i in range(50_000))
    path.write_bytes(body.encode("utf-8") + "Café,Dev\n".encode("cp1252"))
    sniffed = sniff(path)
    assert sniffed.encoding == "cp1252"


def test_utf16_from_excel_unicode_text(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "unicode.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + "Company\tRole\nÆble\tDev\n".encode("utf-16-le"))
    sniffed = sniff(path)
    assert (sniffed.encoding_label, sniffed.delimiter_label) == ("UTF-16", "tab")
    report = import_table(store, sniffed, suggest_mapping(sniffed))
    assert report.preview[0].application.company == "Æble"


def test_formulas_and_newlines_are_kept_as_text(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "formulas.csv"
    path.write_text(
        'Company,Role,Notes\n"=cmd|\' /C calc\'!A0","@SUM(1,2)","line 1\r\nline 2"\n',
        encoding="utf-8",
    )
    sniffed = sniff(path)
    report = import_table(store, sniffed, suggest_mapping(sniffed))
    (row,) = report.preview
    assert row.application.company == "=cmd|' /C calc'!A0"
    assert row.application.role == "@SUM(1,2)"
    assert row.application.notes == "line 1\r\nline 2"


def test_sep_line_from_excel(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "sep.csv"
    path.write_text("sep=;\nCompany;Role\nA;B\nC;D\n", encoding="utf-8")
    sniffed = sniff(path)
    assert sniffed.delimiter == ";"
    report = import_table(store, sniffed, suggest_mapping(sniffed))
    assert report.counts["applications"].added == 2


def test_ten_thousand_character_cells_are_kept_whole(store: Store, tmp_path: Path) -> None:
    description = ('A long description, with commas; quotes "like this"\nand lines. ' * 160)[
        :10_000
    ]
    path = tmp_path / "long.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(
            [["Company", "Role", "Description"], ["Acme", "Engineer", description]]
        )
    sniffed = sniff(path)
    report = import_table(store, sniffed, suggest_mapping(sniffed))
    assert report.preview[0].application.job_description == description.strip()
    assert report.committed
