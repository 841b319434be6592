"""The .deb: what it installs and where, that its launcher runs, and that its metadata validates."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from tests.packaging.conftest import ALL_WELL, APP_ID, NAME, Deb, run, self_test
from tracker import __version__

pytestmark = pytest.mark.slow

ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def listing(deb: Deb) -> dict[str, str]:
    """Path -> `ls -l`-style line for every entry of `dpkg-deb -c`."""
    entries: dict[str, str] = {}
    for line in run("dpkg-deb", "-c", deb.path).stdout.splitlines():
        name = line.split(None, 5)[5].split(" -> ")[0]
        entries[name.removeprefix(".").rstrip("/") or "/"] = line
    return entries


def test_the_deb_installs_the_bundle_launcher_menu_entry_icons_and_metainfo(deb: Deb) -> None:
    entries = listing(deb)
    expected = [
        f"/opt/{NAME}/{NAME}",
        f"/usr/bin/{NAME}",
        f"/usr/share/applications/{NAME}.desktop",
        f"/usr/share/metainfo/{APP_ID}.metainfo.xml",
        f"/usr/share/icons/hicolor/scalable/apps/{NAME}.svg",
        *(f"/usr/share/icons/hicolor/{n}x{n}/apps/{NAME}.png" for n in ICON_SIZES),
    ]
    assert [path for path in expected if path not in entries] == []
    assert entries[f"/usr/bin/{NAME}"].endswith(f"-> /opt/{NAME}/{NAME}")
    assert entries[f"/opt/{NAME}/{NAME}"].startswith("-rwxr-xr-x root/root")
    # Nothing outside the package's own places, and never anything in a home folder.
    assert all(p.startswith(("/opt/", "/usr/")) or p in ("/", "/opt", "/usr") for p in entries)


def test_the_deb_says_what_it_is(deb: Deb) -> None:
    fields = run("dpkg-deb", "-f", deb.path, "Package", "Version", "Depends").stdout
    assert f"Package: {NAME}\n" in fields
    assert f"Version: {__version__}\n" in fields
    # No maintainer scripts: removing the package removes exactly its files.
    info = run("dpkg-deb", "--info", deb.path).stdout
    assert re.search(r"\scontrol\s", info)
    assert not any(script in info for script in ("preinst", "postinst", "prerm", "postrm"))


def test_the_extracted_launcher_passes_its_self_test(deb: Deb, tmp_path: Path) -> None:
    result = self_test(deb.extracted / "opt" / NAME / NAME, tmp_path / "data")
    assert result.returncode == 0, result.stderr
    assert ALL_WELL in result.stdout


def test_the_menu_entry_validates(deb: Deb) -> None:
    desktop = deb.extracted / "usr/share/applications" / f"{NAME}.desktop"
    result = subprocess.run(
        ["desktop-file-validate", str(desktop)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout
    assert result.stdout == ""
    text = desktop.read_text(encoding="utf-8")
    assert f"\nExec={NAME}\n" in text
    assert f"\nIcon={NAME}\n" in text


def test_the_metainfo_validates(deb: Deb) -> None:
    metainfo = deb.extracted / "usr/share/metainfo" / f"{APP_ID}.metainfo.xml"
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(metainfo)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    text = metainfo.read_text(encoding="utf-8")
    assert f'<release version="{__version__}"' in text
    assert f'<launchable type="desktop-id">{NAME}.desktop</launchable>' in text
