"""Writing files safely: a temporary file in the same folder, flushed, synced, then renamed.

Several files are replaced together through a journal: every new version is written and
synced first (a failure there, such as a full disk, changes nothing), then the journal lists
the renames, then the renames happen. If the process dies between two renames, the next
reader of the folder finishes them from the journal, so the files are all old or all new.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import StagegraphError

JOURNAL = ".stagegraph.journal"


class WriteError(StagegraphError):
    """A file could not be written (exit code 2); nothing was changed."""


def _check_parent(path: Path) -> None:
    blocker = next((p for p in [path.parent, *path.parent.parents] if p.exists() and not p.is_dir()), None)
    if blocker is not None:
        raise WriteError(f"{path}: cannot write here, {blocker} is a file, not a folder; choose another path")


def _mode(path: Path) -> int:
    if path.exists():
        return path.stat().st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _stage(path: Path, text: str) -> Path:
    """Write ``text`` to a synced temporary file beside ``path``; return the temporary path."""
    _check_parent(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise WriteError(f"{path}: cannot write here ({exc.strerror}); choose another path or fix the permissions") from None
    try:
        os.fchmod(fd, _mode(path))
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise WriteError(f"{path}: writing failed ({exc.strerror}); no file was changed") from None
        raise
    return Path(tmp)


def write_text(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` atomically: readers see the old file or the new, never half."""
    write_many({Path(path): text})


def write_many(files: dict[Path, str]) -> None:
    """Replace several files so that, once any reader has recovered, all are old or all new."""
    staged: dict[Path, Path] = {}
    try:
        for path, text in files.items():
            staged[Path(path)] = _stage(Path(path), text)
    except BaseException:
        for tmp in staged.values():
            tmp.unlink(missing_ok=True)
        raise
    if len(staged) == 1:
        [(path, tmp)] = staged.items()
        os.replace(tmp, path)
        return
    folder = next(iter(staged)).parent
    journal = "".join(f"{tmp.name}\t{path.name}\n" for path, tmp in staged.items())
    _journal_tmp = _stage(folder / JOURNAL, journal)
    os.replace(_journal_tmp, folder / JOURNAL)
    finish(folder)


def finish(folder: Path) -> bool:
    """Complete the renames an interrupted write_many left in ``folder``; True if there were any."""
    journal = Path(folder) / JOURNAL
    if not journal.exists():
        return False
    for line in journal.read_text(encoding="utf-8").split("\n"):  # as written: never at U+2028
        tmp_name, _, target = line.partition("\t")
        tmp = Path(folder) / tmp_name
        if tmp_name and target and tmp.exists():
            os.replace(tmp, Path(folder) / target)
    journal.unlink(missing_ok=True)
    return True
