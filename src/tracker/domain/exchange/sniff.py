"""Reading a spreadsheet's CSV safely: its encoding, delimiter and header, then its rows.

The file is streamed, never read whole, so a 100 MB export costs little memory; each row
comes with the line it starts on, for messages. Files that are not text (a workbook, a PDF,
an image), empty ones, ones without a header and ones in an encoding we cannot tell are
refused here with a sentence saying so.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from tracker.domain.exchange.files import ExchangeError

SAMPLE_BYTES = 64 * 1024
CHUNK = 1024 * 1024
DELIMITERS = ",;\t|"
MAX_CELL = 131_072  # characters in one cell, the csv module's own default limit
MAX_COLUMNS = 500
PREVIEW_ROWS = 20

MAGIC = {
    b"PK\x03\x04": "an Excel workbook or another zip file; save it as CSV first",
    b"\xd0\xcf\x11\xe0": "an old Excel workbook; save it as CSV first",
    b"%PDF": "a PDF",
    b"\x89PNG": "an image",
    b"\xff\xd8\xff": "an image",
    b"GIF8": "an image",
    b"SQLite format 3": "a database",
}


@dataclass(frozen=True)
class Sniffed:
    """What the start of a CSV file says about the rest of it."""

    path: Path
    size: int
    encoding: str  # a Python codec name: utf-8-sig, utf-8, cp1252 or utf-16
    delimiter: str
    headers: tuple[str, ...]  # as shown to people: blanks named, duplicates numbered
    sample: tuple[tuple[str, ...], ...]  # the first rows, padded to the header's width
    skip_lines: int = 0  # a "sep=;" line Excel writes before the header

    @property
    def encoding_label(self) -> str:
        return {
            "utf-8-sig": "UTF-8 with BOM",
            "utf-8": "UTF-8",
            "cp1252": "Windows-1252",
            "utf-16": "UTF-16",
        }.get(self.encoding, self.encoding)

    @property
    def delimiter_label(self) -> str:
        return {",": "comma", ";": "semicolon", "\t": "tab", "|": "bar"}[self.delimiter]


def _refuse(path: Path, why: str) -> ExchangeError:
    return ExchangeError(f"{path.name} cannot be imported: {why}. Nothing was changed.")


def _encoding(path: Path, head: bytes) -> str:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    for magic, what in MAGIC.items():
        if head.startswith(magic):
            raise _refuse(path, f"it is {what}")
    start = head[:SAMPLE_BYTES]
    controls = sum(1 for byte in start if byte < 32 and byte not in (9, 10, 12, 13, 27))
    if controls > max(8, len(start) // 50):  # a stray NUL is a row's problem, many are binary
        raise _refuse(path, "it is not a text file")
    # The whole file must be valid UTF-8 to be read as UTF-8; one pass, a chunk at a time.
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    windows = codecs.getincrementaldecoder("cp1252")()
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(CHUNK):
                windows.decode(chunk)
        return "cp1252"
    except UnicodeDecodeError:
        raise _refuse(
            path, "its text is in an encoding it cannot tell (save it as UTF-8 CSV)"
        ) from None


def _delimiter(lines: list[str]) -> str:
    """The delimiter that splits the first lines most evenly (comma on a tie)."""
    best, best_score = ",", 0.0
    for candidate in DELIMITERS:
        rows = list(csv.reader(lines, delimiter=candidate))
        if not rows:
            continue
        widths = [len(row) for row in rows if row]
        if not widths or widths[0] < 2:
            continue
        steady = sum(1 for w in widths if w == widths[0]) / len(widths)
        score = widths[0] * steady
        if score > best_score:
            best, best_score = candidate, score
    return best


def _names(raw: list[str]) -> tuple[str, ...]:
    names: list[str] = []
    seen: dict[str, int] = {}
    for i, cell in enumerate(raw, start=1):
        name = " ".join(cell.replace("\x00", "").split()) or f"Column {i}"
        key = name.casefold()
        seen[key] = seen.get(key, 0) + 1
        names.append(name if seen[key] == 1 else f"{name} ({seen[key]})")
    return tuple(names)


class _Counting(io.RawIOBase):
    """A binary file that counts the bytes read through it, for the progress bar."""

    def __init__(self, handle: IO[bytes]) -> None:
        self.handle = handle
        self.done = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        data = self.handle.read(len(buffer))
        buffer[: len(data)] = data
        self.done += len(data)
        return len(data)


@dataclass(frozen=True)
class Line:
    number: int  # the line the row starts on, counting the header as line 1
    cells: tuple[str, ...]
    extra: int  # cells beyond the header's width that were not empty


def sniff(path: Path) -> Sniffed:
    """Look at *path*: ExchangeError if it cannot be a CSV file, else how to read it."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(SAMPLE_BYTES)
    except OSError as exc:
        raise ExchangeError(f"{path} cannot be read ({exc.strerror or exc}).") from exc
    if not head.strip(b" \t\r\n\xef\xbb\xbf"):
        raise _refuse(path, "it is empty")
    encoding = _encoding(path, head)
    text = head.decode(encoding, errors="ignore")
    lines = text.splitlines()[:50]
    if len(head) == SAMPLE_BYTES and len(lines) > 1:
        lines = lines[:-1]  # the last line of a sample may be cut
    skip = 0
    if lines and lines[0].lower().startswith("sep=") and len(lines[0].strip()) == 5:
        delimiter, skip, lines = lines[0].strip()[4], 1, lines[1:]
        if delimiter not in DELIMITERS:
            raise _refuse(path, f"its separator line names {delimiter!r}")
    else:
        delimiter = _delimiter(lines)
    sniffed = Sniffed(path, size, encoding, delimiter, (), (), skip)
    rows = iter_rows(sniffed, header=True)
    try:
        header = next(rows)
    except StopIteration:
        raise _refuse(path, "it has no header row") from None
    if len(header.cells) < 2:
        raise _refuse(path, "it has only one column (a CSV file needs a header row of names)")
    if len(header.cells) > MAX_COLUMNS:
        raise _refuse(path, f"it has more than {MAX_COLUMNS} columns")
    width = len(header.cells)
    sample = []
    for line in rows:
        sample.append(line.cells[:width] + ("",) * (width - len(line.cells)))
        if len(sample) >= PREVIEW_ROWS:
            break
    if not sample:
        raise _refuse(path, "it has a header but no rows")
    return Sniffed(path, size, encoding, delimiter, _names(list(header.cells)), tuple(sample), skip)


def iter_rows(
    sniffed: Sniffed, *, header: bool = False, counter: list[int] | None = None
) -> Iterator[Line]:
    """Every row after the header (or the header too), skipping blank lines.

    *counter*, when given, holds the bytes read so far in its first item.
    ExchangeError when the file breaks the CSV rules beyond repair (a cell over 131,072
    characters, a quote never closed) or stops being readable in its encoding.
    """
    with sniffed.path.open("rb") as raw:
        counting = _Counting(raw)
        buffered = io.BufferedReader(counting, buffer_size=CHUNK)
        text = io.TextIOWrapper(buffered, encoding=sniffed.encoding, newline="")
        for _ in range(sniffed.skip_lines):
            text.readline()
        reader = csv.reader(text, delimiter=sniffed.delimiter, strict=False)
        width = len(sniffed.headers)
        previous_end = sniffed.skip_lines
        first = True
        try:
            for cells in reader:
                start, previous_end = previous_end + 1, reader.line_num + sniffed.skip_lines
                if counter is not None:
                    counter[0] = counting.done
                if not any(cell.strip() for cell in cells):
                    continue
                if first:
                    first = False
                    if header:
                        yield Line(start, tuple(cells), 0)
                    continue
                extra = sum(1 for cell in cells[width:] if cell.strip()) if width else 0
                padded = (
                    tuple(cells[:width]) + ("",) * (width - len(cells)) if width else tuple(cells)
                )
                yield Line(start, padded, extra)
        except csv.Error as exc:
            raise _refuse(
                sniffed.path,
                f"line {reader.line_num + sniffed.skip_lines} breaks the CSV rules ({exc})",
            ) from exc
        except UnicodeDecodeError:
            raise _refuse(
                sniffed.path,
                f"its text stops being {sniffed.encoding_label} after line {previous_end}",
            ) from None
