"""Writing files safely: a temporary file in the same folder, flushed, synced, then renamed."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import StagegraphError


class WriteError(StagegraphError):
    """A file could not be written (exit code 2); nothing was changed."""


def write_text(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` atomically: readers see the old file or the new, never half."""
    path = Path(path)
    blocker = next((p for p in [path.parent, *path.parent.parents] if p.exists() and not p.is_dir()), None)
    if blocker is not None:
        raise WriteError(f"{path}: cannot write here, {blocker} is a file, not a folder; choose another path")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise WriteError(f"{path}: cannot write here ({exc.strerror}); choose another path or fix the permissions") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise WriteError(f"{path}: writing failed ({exc.strerror}); the old file is unchanged") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
