"""Session fixtures that build the bundle and the .deb once, into temporary folders (not dist/).

They install what they need when it is missing, as `make package` would: PyInstaller from the
project's `package` extra, and the Debian validators through tools/debian-packages.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
NAME = "job-tracker"
APP_ID = "io.github.jobtracker.JobTracker"
ALL_WELL = "self-test: all is well"


def run(
    *args: str | Path, env: Mapping[str, str] | None = None, timeout: float = 600
) -> subprocess.CompletedProcess[str]:
    """Run a command; fail the test with its output when it fails."""
    result = subprocess.run(
        [str(a) for a in args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=timeout,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(
            f"{' '.join(map(str, args))} exited {result.returncode}\n"
            f"stdout:\n{result.stdout[-3000:]}\nstderr:\n{result.stderr[-3000:]}"
        )
    return result


def self_test(executable: Path, data_dir: Path) -> subprocess.CompletedProcess[str]:
    """The built app's --self-test, headless, against its own data folder."""
    return subprocess.run(
        [str(executable), "--self-test", "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="session")
def debian_tools(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> None:
    if shutil.which("dpkg-deb") is None:
        pytest.skip("the .deb is built and checked on Debian and Ubuntu only")
    # One worker at a time: two apt-get runs at once fail on dpkg's lock.
    with once_per_run("debian-tools", tmp_path_factory, worker_id) as (_, installed):
        if not installed:
            run(ROOT / "tools" / "debian-packages", "desktop-file-utils", "appstream")


@pytest.fixture(scope="session")
def pyinstaller() -> None:
    if importlib.util.find_spec("PyInstaller") is None:
        project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
        extra = project["project"]["optional-dependencies"]["package"]
        run(sys.executable, "-m", "pip", "install", "--quiet", *extra)


@pytest.fixture(scope="session")
def icons(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("icons")
    run(sys.executable, ROOT / "tools" / "make_icons.py", out, env={"QT_QPA_PLATFORM": "offscreen"})
    return out


@contextmanager
def once_per_run(
    name: str, factory: pytest.TempPathFactory, worker_id: str
) -> Iterator[tuple[Path, bool]]:
    """A folder made once per test run however many xdist workers ask, and whether it is built
    already: the first worker builds in it while holding a lock, the others wait and reuse it.
    (Without it each xdist worker that runs a packaging file built the bundle and the .deb,
    a minute of CPU twice.)"""
    if worker_id == "master":  # no workers: the session fixture is made once anyway
        yield factory.mktemp(name), False
        return
    import fcntl  # the packaging tests run on Linux

    shared = factory.getbasetemp().parent  # this run's folder, above each worker's own
    folder, done = shared / name, shared / f"{name}.built"
    with (shared / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        built = done.exists()
        folder.mkdir(exist_ok=True)
        yield folder, built
        done.touch()  # not reached when the build failed: the next worker tries again


@pytest.fixture(scope="session")
def bundle(
    pyinstaller: None, icons: Path, tmp_path_factory: pytest.TempPathFactory, worker_id: str
) -> Path:
    """The one-folder bundle, built from packaging/job-tracker.spec as `make package` does."""
    with once_per_run("pyinstaller", tmp_path_factory, worker_id) as (work, built):
        if not built:
            run(
                sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                "--distpath", work / "dist", "--workpath", work / "build",
                PACKAGING / "job-tracker.spec",
                env={"JOB_TRACKER_ICONS": str(icons)},
            )  # fmt: skip
    return work / "dist" / NAME


@dataclass(frozen=True)
class Deb:
    path: Path
    extracted: Path  # the package's files, unpacked with dpkg-deb -x


@pytest.fixture(scope="session")
def deb(
    debian_tools: None,
    bundle: Path,
    icons: Path,
    tmp_path_factory: pytest.TempPathFactory,
    worker_id: str,
) -> Deb:
    with once_per_run("deb", tmp_path_factory, worker_id) as (work, built):
        out, extracted = work / "out", work / "root"
        if not built:
            out.mkdir()
            # Compression level 0: the contents are what is tested; xz -6 takes half a minute.
            run(PACKAGING / "linux" / "build-deb", bundle, icons, out, "0")
            [path] = out.glob("*.deb")
            extracted.mkdir()
            run("dpkg-deb", "-x", path, extracted)
    [path] = out.glob("*.deb")
    return Deb(path=path, extracted=extracted)
