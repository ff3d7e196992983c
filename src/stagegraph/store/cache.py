"""The folder of cached Oxigraph stores, shared by every stagegraph process of the user.

Each store lives in ``stores/<key>`` (the key hashes the files' bytes). A process holds a
shared lock on ``<key>/stagegraph-in-use`` for as long as it has the store open, and pruning
removes only the stores whose lock it can take exclusively without waiting: a store another
process is reading is never deleted under it, whatever universe the pruning process works on.
A pruned store is first renamed away (atomically), so no process opens one half deleted;
one pruning at a time (``.prune.lock``).
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import tempfile
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .. import __version__

MARKER = "stagegraph-complete"
IN_USE = "stagegraph-in-use"
KEEP = 6  # stores kept in the cache (the most recently used)
KEYS = ".keys.json"  # the keys of files not changed since they were hashed, by their stat (see key_for)
SETTLED = 2.0  # seconds: a file changed more recently than this is hashed every time
LAYOUT = 2  # bumped when a store is built differently, so older ones are not reused
FLAGS = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC


def cache_root() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "stagegraph" / "stores"


def content_key(files: list[Path]) -> str:
    """A hash of the files' names and bytes (and the stagegraph version)."""
    digest = hashlib.sha256(f"stagegraph {__version__} store {LAYOUT}\n".encode())
    for path in sorted(files, key=lambda p: str(Path(p).resolve())):  # same key however the path is written
        digest.update(f"{Path(path).name}\0{Path(path).stat().st_size}\0".encode())
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()[:32]


def key_for(files: list[Path], root: Path) -> str:
    """``content_key(files)``, hashed again only when a file's stat changed since it was hashed.

    The stat is what git's index trusts: path, size, modification and change times in
    nanoseconds, inode and device (the change time moves on every write, and no program can
    set it back). A file changed in the last ``SETTLED`` seconds is not remembered, so a second
    write within one tick of the file system's clock cannot go unseen."""
    stats = [os.stat(path) for path in files]
    signature = hashlib.sha256(f"{__version__} {LAYOUT}\n".encode())
    for path, st in sorted(zip((str(Path(p).resolve()) for p in files), stats, strict=True)):
        signature.update(
            f"{path}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ctime_ns}\0{st.st_ino}\0{st.st_dev}\n".encode()
        )
    known = _known_keys(root)
    key = known.get(signature.hexdigest())
    if key is None:
        key = content_key(files)
        newest = max((max(st.st_mtime, st.st_ctime) for st in stats), default=0)
        if time.time() - newest > SETTLED:
            _remember(root, {**dict(list(known.items())[-63:]), signature.hexdigest(): key})
    return key


def _known_keys(root: Path) -> dict[str, str]:
    try:
        known = json.loads((root / KEYS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return known if isinstance(known, dict) and all(isinstance(v, str) for v in known.values()) else {}


def _remember(root: Path, known: dict[str, str]) -> None:
    try:
        root.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=".keys-", dir=root)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(known, handle)
        os.replace(temporary, root / KEYS)
    except OSError:
        pass  # a cache that cannot be written: the files are hashed every time


def hold(folder: Path, owner: object) -> bool:
    """Take a shared lock on the complete store in ``folder`` for as long as ``owner`` lives;
    False when there is no complete store there (never built, damaged, or pruned meanwhile).

    In a cache folder that cannot be written the store is used without a lock (nobody can
    prune it there either)."""
    if not (folder / MARKER).exists():
        return False
    try:
        fd = os.open(folder / IN_USE, FLAGS, 0o644)
    except FileNotFoundError:
        return False
    except OSError:
        return True
    fcntl.flock(fd, fcntl.LOCK_SH)  # waits only while a pruner renames it away
    try:
        same = os.fstat(fd).st_ino == os.stat(folder / IN_USE).st_ino and (folder / MARKER).exists()
    except OSError:
        same = False
    if not same:
        os.close(fd)
        return False
    weakref.finalize(owner, os.close, fd)
    return True


def prune(root: Path, keep: int = KEEP) -> None:
    """Delete all but the ``keep`` most recently built or used stores under ``root``, leaving
    alone every store a process has open."""
    with _pruning(root):
        stores = []
        for folder in root.iterdir():
            if not folder.name.startswith(".") and (folder / MARKER).exists():
                stores.append((folder.stat().st_mtime, folder))
        for _, folder in sorted(stores, reverse=True)[keep:]:
            _remove_unused(folder)


def _remove_unused(folder: Path) -> None:
    try:
        fd = os.open(folder / IN_USE, FLAGS, 0o644)
    except OSError:
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:  # in use
        os.close(fd)
        return
    try:
        doomed = folder.parent / f".pruning-{folder.name}-{os.getpid()}"
        os.rename(folder, doomed)
    except OSError:
        doomed = None
    finally:
        os.close(fd)
    if doomed is not None:
        shutil.rmtree(doomed, ignore_errors=True)


@contextmanager
def _pruning(root: Path) -> Iterator[None]:
    try:
        fd = os.open(root / ".prune.lock", FLAGS, 0o644)
    except OSError:  # a cache that cannot be written has nothing this process could delete
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)
