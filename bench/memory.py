"""Peak memory of the current process, for the benchmarks (no Qt, so any step can use it)."""

from __future__ import annotations

import resource
from pathlib import Path


def peak_rss_mb() -> float:
    """This process's own peak resident memory.

    On Linux getrusage's ru_maxrss is carried over fork and exec, so a child of a launcher that
    once used much memory (bench/run.py generating the 100k database) reports the launcher's
    peak; VmHWM belongs to this process's address space alone.
    """
    status = Path("/proc/self/status")
    for line in status.read_text().splitlines() if status.exists() else []:
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024  # kB
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # not Linux
