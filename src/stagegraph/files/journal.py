"""Writing several files together (``write_many``) through a journal, replayed by every reader
of a folder.

A data folder may come from someone else (a cloned repository), so a journal is only
replayed when every line is one stagegraph writes: a staged file named ``.<target>.<8
random characters>.tmp`` and its plain target name, both regular files (never symbolic
links) in the journal's own folder. Any other journal is refused and nothing is renamed.
All renames go through a descriptor of the folder, so no name can lead out of it.
"""

from __future__ import annotations

import fcntl
import os
import stat
from pathlib import Path

from ..errors import RefusedFile, WriteError, shown
from .atomic import JOURNAL, STAGED, _replace, _stage, _Staged, kind_of, refuse_unwritable

JOURNAL_LIMIT = 1 << 16  # bytes: a journal names a handful of data files


def _refused(journal: Path, why: str) -> RefusedFile:
    return RefusedFile(
        f"this journal of unfinished writes was not written by stagegraph or is damaged ({why}), "
        "so nothing was replaced; check the files it names, then remove it",
        shown(journal),
    )


def _read_journal(folder: Path, dir_fd: int) -> list[tuple[str, str]] | None:
    """The renames a journal in ``folder`` asks for, each checked; None when there is none."""
    journal = folder / JOURNAL
    try:
        fd = os.open(JOURNAL, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, dir_fd=dir_fd)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if os.path.islink(journal):
            raise _refused(journal, "it is a symbolic link") from None
        raise WriteError(f"{shown(journal)}: cannot be read ({exc.strerror}); check its permissions") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _refused(journal, f"it is {kind_of(info.st_mode)}")
        if info.st_size > JOURNAL_LIMIT:
            raise _refused(journal, f"it is larger than {JOURNAL_LIMIT} bytes")
        raw = os.read(fd, JOURNAL_LIMIT + 1)
    finally:
        os.close(fd)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise _refused(journal, "it is not UTF-8 text") from None
    return _checked(journal, text, dir_fd)


def _checked(journal: Path, text: str, dir_fd: int) -> list[tuple[str, str]]:
    if not text.endswith("\n"):
        raise _refused(journal, "it is empty or its last line is cut off")
    renames = []
    for number, line in enumerate(text[:-1].split("\n"), 1):
        staged, tab, target = line.partition("\t")
        match = STAGED.fullmatch(staged)
        if not tab or match is None or match["target"] != target or not _plain(target):
            raise _refused(journal, f"line {number} is not a staged file of this folder and the file it replaces")
        if target in {t for _, t in renames}:
            raise _refused(journal, f"line {number} names {shown(target)} a second time")
        if _lmode(staged, dir_fd) is not None:  # still to rename: both must be regular files
            for name in (staged, target):
                mode = _lmode(name, dir_fd)
                if mode is not None and not stat.S_ISREG(mode):
                    raise _refused(journal, f"line {number}: {shown(name)} is {kind_of(mode)}")
        renames.append((staged, target))
    return renames


def _plain(name: str) -> bool:
    """A visible file name in the folder itself: no path, not hidden (so never the journal or lock)."""
    return bool(name) and not name.startswith(".") and "/" not in name and "\0" not in name


def _lmode(name: str, dir_fd: int) -> int | None:
    try:
        return os.lstat(name, dir_fd=dir_fd).st_mode
    except FileNotFoundError:
        return None


def _open_folder(folder: Path) -> int:
    try:
        return os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError as exc:
        raise WriteError(f"{shown(folder)}: cannot open this data folder ({exc.strerror}); check the path") from None


def check_journal(folder: Path) -> None:
    """Refuse (RefusedFile) a journal in ``folder`` that stagegraph would not replay; read only."""
    dir_fd = _open_folder(Path(folder))
    try:
        _read_journal(Path(folder), dir_fd)
    finally:
        os.close(dir_fd)


def finish(folder: Path) -> bool:
    """Complete the renames an interrupted write_many left in ``folder``; True if there were any.

    Call it holding the folder's lock. A journal stagegraph did not write raises RefusedFile."""
    folder = Path(folder)
    dir_fd = _open_folder(folder)
    try:
        renames = _read_journal(folder, dir_fd)
        if renames is None:
            return False
        for staged, target in renames:
            try:
                if _lmode(staged, dir_fd) is not None:
                    os.replace(staged, target, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
            except OSError as exc:
                raise WriteError(
                    f"{shown(folder / target)}: cannot be replaced ({exc.strerror}); check its "
                    "permissions, then run the command again to finish the write"
                ) from None
        os.unlink(JOURNAL, dir_fd=dir_fd)
        return True
    finally:
        os.close(dir_fd)


def remove_stale(folder: Path) -> list[str]:
    """Remove the staged files of writers that were killed (no process holds their flock).

    Call it holding the folder's lock, after ``finish``; returns the names removed."""
    removed = []
    for entry in os.scandir(folder):
        if STAGED.fullmatch(entry.name) and entry.is_file(follow_symlinks=False) and _unlocked(entry.path):
            removed.append(entry.name)
    return removed


def _unlocked(path: str) -> bool:
    """Remove ``path`` if no writer holds its flock (checked and removed under our own flock)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        if os.lstat(path).st_ino != os.fstat(fd).st_ino:
            return False
        os.unlink(path)
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


def write_many(files: dict[Path, str]) -> None:
    """Replace several files of one folder so that, once any reader has recovered, all are old or all new."""
    paths = [Path(p) for p in files]
    if len(paths) > 1 and (len({p.parent for p in paths}) > 1 or any("\t" in p.name or "\n" in p.name for p in paths)):
        raise ValueError("write_many replaces files of one folder, with names a journal line can hold")
    for path in paths:
        refuse_unwritable(path)
    staged: list[_Staged] = []
    placed = False  # once renamed (or named in a journal), a staged file is no longer ours to remove
    try:
        for path, text in zip(paths, files.values(), strict=True):
            staged.append(_stage(path, text))
        if len(staged) == 1:
            _replace(staged[0], paths[0])
            placed = True
            return
        folder = paths[0].parent
        journal = _stage(folder / JOURNAL, "".join(f"{s.tmp.name}\t{s.path.name}\n" for s in staged))
        staged.append(journal)
        _replace(journal, folder / JOURNAL)
        placed = True
        finish(folder)
    finally:
        for item in staged:
            item.close() if placed else item.discard()
