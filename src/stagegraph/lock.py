"""One contributor at a time: an exclusive lock on a file in the data folder."""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

from .files import WriteError

LOCK_NAME = ".stagegraph.lock"  # hidden: never read as data


@contextmanager
def data_lock(folder: Path):
    """Hold an exclusive lock on ``folder`` while the block runs (waits for other writers)."""
    import fcntl

    path = Path(folder) / LOCK_NAME
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise WriteError(f"{folder}: cannot write to this data folder ({exc.strerror}); "
                         "use --data with a folder you can write to") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
