"""`job-tracker export` and `job-tracker import`, run as a script would: in a separate process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tracker.db.migrate import open_database
from tracker.domain.demo import load_demo
from tracker.domain.store import Store


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "JOB_TRACKER_DATA_DIR"}
    return subprocess.run(
        [sys.executable, "-m", "tracker", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
        check=False,
    )


@pytest.fixture
def demo_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "demo"
    folder.mkdir()
    opened = open_database(folder / "tracker.db")
    load_demo(Store(opened.engine), today=date(2026, 3, 2))
    opened.engine.dispose()
    return folder


def test_export_json_then_import_into_a_new_folder_then_again(
    demo_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "export.json"
    exported = run_cli("--data-dir", str(demo_dir), "export", "--format", "json", str(out))
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout.startswith("Exported 15 applications, 10 contacts")
    assert json.loads(out.read_text(encoding="utf-8"))["format"] == "job-tracker-export"

    fresh = tmp_path / "fresh"
    dry = run_cli("import", str(out), "--dry-run", "--data-dir", str(fresh))
    assert dry.returncode == 0, dry.stderr
    assert "applications: 15 to add" in dry.stdout
    assert "Dry run: nothing was changed." in dry.stdout

    done = run_cli("import", str(out), "--data-dir", str(fresh))
    assert done.returncode == 0, done.stderr
    assert "applications: 15 added" in done.stdout
    again = run_cli("import", str(out), "--data-dir", str(fresh))
    assert again.returncode == 0
    assert "applications: 0 added, 15 skipped" in again.stdout


def test_export_csv_and_vcard(demo_dir: Path, tmp_path: Path) -> None:
    csv_path = tmp_path / "jobs.csv"
    result = run_cli(
        "export",
        "--data-dir",
        str(demo_dir),
        "--format",
        "csv",
        "--tables",
        "applications,contacts",
        "--bom",
        str(csv_path),
    )
    assert result.returncode == 0, result.stderr
    assert csv_path.read_bytes().startswith(b"\xef\xbb\xbfCompany,")
    assert (tmp_path / "jobs-contacts.csv").exists()
    vcf = tmp_path / "people.vcf"
    result = run_cli("--data-dir", str(demo_dir), "export", "--format", "vcard", str(vcf))
    assert result.returncode == 0
    assert result.stdout.strip() == f"Exported 10 contacts to {vcf}"


def test_exit_codes_for_scripts(demo_dir: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(
            {
                "format": "job-tracker-export",
                "version": 1,
                "companies": [{"id": 1, "name": "Acme"}],
                "applications": [{"id": 1, "company_id": 1, "role": ""}],
            }
        ),
        encoding="utf-8",
    )
    refused = run_cli("--data-dir", str(demo_dir), "import", str(bad))
    assert refused.returncode == 1
    assert "applications #1, role: Role cannot be empty." in refused.stderr
    assert "Nothing was imported" in refused.stderr

    missing = run_cli("--data-dir", str(demo_dir), "import", str(tmp_path / "nope.json"))
    assert missing.returncode == 3
    assert "cannot be read" in missing.stderr

    usage = run_cli("--data-dir", str(demo_dir), "export", "--format", "xml", "x")
    assert usage.returncode == 2

    empty = run_cli("--data-dir", str(tmp_path / "none"), "export", "--format", "json", "x.json")
    assert empty.returncode == 4
    assert "nothing to export" in empty.stderr
    assert not (tmp_path / "none").exists()

    not_db = tmp_path / "notdb"
    not_db.mkdir()
    (not_db / "tracker.db").write_text("my notes", encoding="utf-8")
    broken = run_cli("--data-dir", str(not_db), "export", "--format", "json", "x.json")
    assert broken.returncode == 4
    assert "not a Job Tracker database" in broken.stderr


def test_the_command_line_never_imports_qt(demo_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.json"
    code = (
        "import sys\n"
        "from tracker.app import main\n"
        f"code = main(['--data-dir', {str(demo_dir)!r}, 'export', '--format', 'json', "
        f"{str(out)!r}])\n"
        "assert code == 0, code\n"
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


SAMPLES = Path(__file__).parent / "domain" / "exchange" / "samples"


def test_import_csv_with_a_preset_stage_names_and_a_dry_run(tmp_path: Path) -> None:
    folder = str(tmp_path / "data")
    linkedin = str(SAMPLES / "linkedin_job_applications.csv")
    dry = run_cli("--data-dir", folder, "import", linkedin, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "as LinkedIn: Job Applications.csv (UTF-8, comma-separated)" in dry.stderr
    assert "Question And Answers -> (leave out)" in dry.stderr
    assert dry.stdout.splitlines()[0] == "applications: 4 to add"

    done = run_cli("--data-dir", folder, "import", linkedin, "--preset", "linkedin-applications")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[:2] == ["applications: 4 added", "contacts: 3 added"]

    excel = str(SAMPLES / "excel_semicolon_bom.csv")
    refused = run_cli("--data-dir", folder, "import", excel)
    assert refused.returncode == 1
    assert "line 6, Status: 'Waiting for feedback' is not one of our stages" in refused.stderr
    mapped = run_cli(
        "--data-dir", folder, "import", excel, "--stage", "Waiting for feedback=applied"
    )
    assert mapped.returncode == 0, mapped.stderr
    assert "applications: 5 added" in mapped.stdout

    binary = tmp_path / "photo.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    result = run_cli("--data-dir", folder, "import", str(binary))
    assert result.returncode == 3
    assert "photo.csv cannot be imported: it is an image. Nothing was changed." in result.stderr
