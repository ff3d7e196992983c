"""Writing files safely: a temporary file in the same folder, flushed, synced, then renamed.

Several files are replaced together through a journal: every new version is written and
synced first (a failure there, such as a full disk, changes nothing), then the journal lists
the renames, then the renames happen. If the process dies between two renames, the next
reader of the folder finishes them from the journal, so the files are all old or all new.

Writing several files with their journal (``write_many``) and its replay live in journal.py,
which builds on this module (never the other way). A writer holds an flock on each staged file
(``.<target>.<8 random characters>.tmp``) while it exists, so the next writer can tell a
killed writer's leftovers (journal.remove_stale) from a live writer's files.
"""

from __future__ import annotations

import fcntl
import os
import re
import secrets
import stat
import sys
from pathlib import Path

from ..errors import WriteError, shown

JOURNAL = ".stagegraph.journal"
STAGED = re.compile(r"\.(?P<target>[^/\0\t\n]+)\.[a-z0-9_]{8}\.tmp")  # what _stage names (fullmatch)


class _Staged:
    """A synced temporary file beside ``path``, locked (flock) until ``close``."""

    def __init__(self, path: Path, tmp: Path, fd: int):
        self.path, self.tmp, self.fd = path, tmp, fd

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1

    def discard(self) -> None:
        self.tmp.unlink(missing_ok=True)
        self.close()


def _mode(path: Path) -> int:
    if path.exists():
        return path.stat().st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _create(path: Path) -> tuple[Path, int]:
    """A new, empty, flock-ed staged file for ``path``; retried if a cleaner took it first."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    while True:
        tmp = path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp"
        try:
            fd = os.open(tmp, flags, 0o600)
        except FileExistsError:
            continue
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            if os.lstat(tmp).st_ino == os.fstat(fd).st_ino:
                return tmp, fd
        except FileNotFoundError:
            pass
        os.close(fd)  # remove_stale saw it unlocked and removed it: make another


def _stage(path: Path, text: str) -> _Staged:
    """Write ``text`` to a synced, locked temporary file beside ``path``."""
    try:
        blocker = next((p for p in [path.parent, *path.parent.parents] if p.exists() and not p.is_dir()), None)
        if blocker is not None:
            raise WriteError(
                f"{shown(path)}: cannot write here, {shown(blocker)} is a file, not a folder; choose another path"
            )
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp, fd = _create(path)
    except OSError as exc:
        raise WriteError(
            f"{shown(path)}: cannot write here ({exc.strerror}); choose another path or fix the permissions"
        ) from None
    staged = _Staged(path, tmp, fd)
    try:
        os.fchmod(fd, _mode(path))
        with open(fd, "wb", closefd=False) as handle:
            handle.write(text.encode("utf-8"))
        os.fsync(fd)
    except BaseException as exc:
        staged.discard()
        if isinstance(exc, OSError):
            raise WriteError(f"{shown(path)}: writing failed ({exc.strerror}); no file was changed") from None
        raise
    return staged


def _refuse_special(path: Path) -> None:
    """Data files are replaced, never written through: a link, device or folder is refused."""
    try:
        mode = os.lstat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return  # a new file (_stage says when its folder cannot be made)
    except OSError as exc:
        raise WriteError(f"{shown(path)}: cannot write here ({exc.strerror}); choose another path") from None
    if not stat.S_ISREG(mode):
        raise WriteError(
            f"{shown(path)}: is {kind_of(mode)}, not a regular file, and stagegraph only replaces "
            "regular files here; nothing was written, so replace it by a regular file first"
        )


def refuse_unwritable(path: Path) -> None:
    """Refuse, before anything is written, a data file stagegraph would not replace: a link,
    a device or folder, or an immutable or append-only file."""
    _refuse_special(path)
    _refuse_pinned(path)


def _refuse_read_only(path: Path) -> None:
    """A file the user made read-only (no write bit for anyone) is not replaced by ``-o``: the
    rename would succeed (as root, even an open would), but the mode says to keep it."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return
    if stat.S_ISREG(mode) and not mode & 0o222:
        raise WriteError(
            f"{shown(path)}: is read-only, so it was not replaced and nothing was written; "
            "make it writable (chmod u+w) or choose another path"
        )


def kind_of(mode: int) -> str:
    kinds = [
        (stat.S_ISLNK, "a symbolic link"),
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISCHR, "a device"),
        (stat.S_ISBLK, "a device"),
        (stat.S_ISFIFO, "a pipe"),
        (stat.S_ISSOCK, "a socket"),
    ]
    return next((name for test, name in kinds if test(mode)), "a special file")


FS_IOC_GETFLAGS, PINNED_FLAGS = 0x80086601, 0x10 | 0x20  # Linux: the immutable and append-only attributes


def _refuse_pinned(path: Path) -> None:
    """Refuse a file the system will not let anyone replace, before a journal commits to it
    (Linux file attributes; elsewhere, or where unknown, the rename itself will say)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return
    try:
        flags = int.from_bytes(fcntl.ioctl(fd, FS_IOC_GETFLAGS, bytes(8))[:4], sys.byteorder)
    except OSError:
        return
    finally:
        os.close(fd)
    if flags & PINNED_FLAGS:
        raise WriteError(
            f"{shown(path)}: cannot be replaced (it is immutable or append-only, see lsattr); "
            "nothing was written, so clear the attribute (chattr -i -a) or leave the file out"
        )


def _replace(staged: _Staged, target: Path) -> None:
    try:
        os.replace(staged.tmp, target)
    except OSError as exc:
        raise WriteError(
            f"{shown(target)}: cannot be replaced ({exc.strerror}); "
            "check its permissions and attributes (e.g. immutable)"
        ) from None


def write_text(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` atomically: readers see the old file or the new, never half."""
    path = Path(path)
    refuse_unwritable(path)
    staged = _stage(path, text)
    placed = False
    try:
        _replace(staged, path)
        placed = True
    finally:
        staged.close() if placed else staged.discard()


def write_output(path: Path, text: str) -> None:
    """Write a file the user named (``-o``): a new or regular file is replaced atomically; an
    existing symbolic link, device or pipe (``-o /dev/stdout``) is written through, never replaced."""
    path = Path(path)
    try:
        special = path.is_symlink() or (path.exists() and not path.is_file() and not path.is_dir())
    except OSError as exc:
        raise WriteError(f"{shown(path)}: cannot write here ({exc.strerror}); choose another path") from None
    if not special:
        _refuse_read_only(path)
        write_text(path, text)
        return
    try:
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except OSError as exc:
        raise WriteError(f"{shown(path)}: writing through it failed ({exc.strerror}); choose another path") from None
