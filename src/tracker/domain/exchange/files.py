"""Writing export files: atomically (a temporary file renamed into place) and user-only (0600)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

PRIVATE_FILE = 0o600


class ExchangeError(Exception):
    """A file that cannot be exported to or imported from, said in plain words."""


def write_atomically(
    path: Path, write: Callable[[IO[str]], object], *, encoding: str = "utf-8"
) -> None:
    """Write *path* through *write*: a temporary file in the same folder, renamed into place.

    The file is user-only from its first byte. If anything fails, *path* is left as it was.
    """
    folder = path.parent
    if not folder.is_dir():
        raise ExchangeError(f"The folder {folder} does not exist.")
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise ExchangeError(
            f"Cannot write in {folder} ({exc.strerror or exc}). Choose another folder."
        ) from exc
    try:  # mkstemp creates the file 0600
        with open(fd, "w", encoding=encoding, newline="") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
        os.chmod(path, PRIVATE_FILE)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
