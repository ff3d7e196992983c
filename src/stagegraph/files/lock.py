"""One contributor at a time: an exclusive lock on a file in the data folder."""

from __future__ import annotations

import fcntl
import os
import stat
from contextlib import contextmanager
from pathlib import Path

from ..errors import RefusedFile, WriteError, shown
from .atomic import kind_of

LOCK_NAME = ".stagegraph.lock"  # hidden: never read as data


@contextmanager
def data_lock(folder: Path):
    """Hold an exclusive lock on ``folder`` while the block runs (waits for other writers).

    The lock file is opened without following a symbolic link and must be a regular file, so a
    link or device planted in a cloned folder never makes stagegraph create or open a file elsewhere."""
    fd = _open(Path(folder) / LOCK_NAME)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _open(path: Path) -> int:
    flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
    try:
        fd = os.open(path, flags, 0o644)
    except OSError as exc:
        try:
            mode = os.lstat(path).st_mode
        except OSError:
            mode = stat.S_IFREG
        if not stat.S_ISREG(mode):  # O_NOFOLLOW refused a link, or a socket cannot be opened
            raise _refused(path, mode) from None
        raise WriteError(
            f"{shown(path.parent)}: cannot write to this data folder ({exc.strerror}); "
            "use --data with a folder you can write to"
        ) from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise _refused(path, mode)
    return fd


def _refused(path: Path, mode: int) -> RefusedFile:
    return RefusedFile(
        f"the lock file is {kind_of(mode)}, not a regular file stagegraph made, so nothing was "
        "written; check the folder, then remove it",
        shown(path),
    )
