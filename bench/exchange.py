"""`make bench` (export and import): times for 10,000 rows, and memory for a 100 MB CSV.

Printed for people, never asserted by the test suite. Each figure runs in a fresh process
so peak memory (memory.peak_rss_mb) belongs to that step alone.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

STAGES = ["Applied", "Interview scheduled", "Offer received", "No response", "Saved", "Rejected"]
HERE = str(Path(__file__).resolve().parent)
HEADER = "Company,Position,Status,Date applied,Link,Salary,Location,Notes\n"


def write_csv(path: Path, rows: int | None = None, size: int | None = None) -> int:
    """A generic spreadsheet of *rows* rows, or of about *size* bytes; returns the rows."""
    rng = random.Random(11)
    written = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(HEADER)
        total = len(HEADER)
        while (rows is not None and written < rows) or (size is not None and total < size):
            line = (
                f"Company {written},Engineer {rng.randint(1, 500)},{rng.choice(STAGES)},"
                f"{rng.randint(1, 12)}/{rng.randint(1, 28)}/24,"
                f"https://jobs.example/{written},"
                f'"{rng.randint(50, 90)},000 - {rng.randint(91, 140)},000 EUR",'
                f"City {rng.randint(1, 300)},"
                f'"Notes about the role, line one\nline two {"x" * rng.randint(20, 160)}"\n'
            )
            handle.write(line)
            total += len(line.encode("utf-8"))
            written += 1
    return written


STEP = """
import json, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv.pop())  # bench/, for memory.py
from memory import peak_rss_mb
from tracker.db.migrate import open_database
from tracker.domain.store import Store
from tracker.domain.exchange.document import export_json
from tracker.domain.exchange.sniff import sniff
from tracker.domain.exchange.table_import import import_table, suggest_mapping

step, csv_path, db_path, out = sys.argv[1:5]
store = Store(open_database(Path(db_path)).engine)
started = time.perf_counter()
if step == "import":
    sniffed = sniff(Path(csv_path))
    report = import_table(store, sniffed, suggest_mapping(sniffed))
    rows = report.counts["applications"].added
else:
    rows = export_json(store, Path(out))["applications"]
seconds = time.perf_counter() - started
peak = peak_rss_mb()
print(json.dumps({"seconds": seconds, "rows": rows, "peak_mb": peak}))
"""


def run_step(step: str, csv_path: Path, db_path: Path, out: Path) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, "-c", STEP, step, str(csv_path), str(db_path), str(out), HERE],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        small = base / "10k.csv"
        write_csv(small, rows=10_000)
        db = base / "a" / "tracker.db"
        db.parent.mkdir()
        imported = run_step("import", small, db, base / "unused")
        print(
            f"import 10,000 CSV rows: {imported['seconds']:.2f} s "
            f"({imported['rows']:.0f} applications added)"
        )
        exported = run_step("export", small, db, base / "export.json")
        print(
            f"export 10,000 applications as JSON: {exported['seconds']:.2f} s "
            f"({(base / 'export.json').stat().st_size / 1e6:.1f} MB)"
        )
        big = base / "100mb.csv"
        rows = write_csv(big, size=100 * 1024 * 1024)
        db = base / "b" / "tracker.db"
        db.parent.mkdir()
        huge = run_step("import", big, db, base / "unused")
        print(
            f"import a 100 MB CSV ({rows:,} rows): {huge['seconds']:.1f} s, "
            f"peak memory {huge['peak_mb']:.0f} MB"
        )


if __name__ == "__main__":
    main()
