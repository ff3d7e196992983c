"""Hostile data folders and hostile output paths: nothing escapes, nothing crashes.

A data folder may be someone else's (a cloned repository): the journal, the lock and the
staged files in it are checked before stagegraph trusts them, and a refused one is an error
(exit 2) with nothing replaced, inside or outside the folder. ``-o`` never replaces a link
or device, and the operating system's refusals are one sentence.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from helpers import ROOT
from stagegraph.files import WriteError, finish, remove_stale, write_many
from stagegraph.rdf.load import load

JOURNAL, LOCK = ".stagegraph.journal", ".stagegraph.lock"
STAGED = ".bonds.ttl.abcd1234.tmp"  # a name the writer could have made for bonds.ttl
SOURCE = """@prefix sg: <https://w3id.org/stagegraph/ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://w3id.org/stagegraph/source/hostile-test> a sg:Source ;
    rdfs:label "Hostile folder test"@en ;
    sg:url "https://example.org/hostile"^^xsd:anyURI ;
    sg:sourceKind <https://w3id.org/stagegraph/vocab/sourcekind/fan> .
"""

pytestmark = pytest.mark.usefixtures("bundled_files_untouched")


def snapshot(root: Path) -> dict[str, str]:
    """Every entry under ``root`` as it is on disk (links by their text, never followed)."""
    found = {}
    for path in sorted(root.rglob("*")):
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            found[str(path)] = "link to " + os.readlink(path)
        elif stat.S_ISREG(info.st_mode):
            found[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            found[str(path)] = stat.filemode(info.st_mode)[0]
    return found


@pytest.fixture
def folder(tmp_path) -> Path:
    """A copy of the bundled data, and a file outside it that no command may touch."""
    (tmp_path / "victim.txt").write_text("the victim, outside the data folder\n", encoding="utf-8")
    folder = tmp_path / "folder"
    shutil.copytree(ROOT / "data", folder)
    return folder


def plant(folder: Path, *lines: str) -> None:
    (folder / JOURNAL).write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")


def hostile_staged(folder: Path, name: str = STAGED) -> None:
    (folder / name).write_text("# planted\n", encoding="utf-8")


def assert_refused(result, *fragments: str) -> None:
    output = result.output
    assert result.exit_code == 2, output
    assert "Traceback" not in output, output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert output.startswith("error: ") and len(output.strip().splitlines()) == 1, output
    for fragment in fragments:
        assert fragment in output, output


# --------------------------------------------------------------------------- planted journals


def _relative_victim(folder):
    hostile_staged(folder, ".payload.tmp")
    plant(folder, ".payload.tmp\t../victim.txt")


def _absolute_victim(folder):
    hostile_staged(folder, ".payload.tmp")
    plant(folder, f".payload.tmp\t{folder.parent / 'victim.txt'}")


def _staged_outside(folder):
    (folder.parent / ".victim.txt.abcd1234.tmp").write_text("planted\n", encoding="utf-8")
    plant(folder, "../.victim.txt.abcd1234.tmp\tvictim.txt")


def _symlinked_staged(folder):
    os.symlink(folder.parent / "victim.txt", folder / STAGED)
    plant(folder, f"{STAGED}\tbonds.ttl")


def _symlinked_target(folder):
    (folder / "bonds.ttl").unlink()
    os.symlink(folder.parent / "victim.txt", folder / "bonds.ttl")
    hostile_staged(folder)
    plant(folder, f"{STAGED}\tbonds.ttl")


def _unstaged_target(folder):
    hostile_staged(folder)
    plant(folder, f"{STAGED}\tsources.ttl")  # bonds.ttl's staged file, renamed onto another file


def _hidden_target(folder):
    hostile_staged(folder, "..stagegraph.lock.abcd1234.tmp")
    plant(folder, "..stagegraph.lock.abcd1234.tmp\t.stagegraph.lock")


def _twice(folder):
    hostile_staged(folder)
    plant(folder, f"{STAGED}\tbonds.ttl", f"{STAGED}\tbonds.ttl")


def _symlinked_journal(folder):
    os.symlink(folder.parent / "victim.txt", folder / JOURNAL)


def _cut_off(folder):
    hostile_staged(folder)
    (folder / JOURNAL).write_text(f"{STAGED}\tbonds.ttl", encoding="utf-8")


PLANTED = {
    "relative path out of the folder": _relative_victim,
    "absolute path": _absolute_victim,
    "staged file outside the folder": _staged_outside,
    "symlinked staged file": _symlinked_staged,
    "symlinked target": _symlinked_target,
    "target it did not stage": _unstaged_target,
    "hidden target (the lock)": _hidden_target,
    "same target twice": _twice,
    "symlinked journal": _symlinked_journal,
    "last line cut off": _cut_off,
}


@pytest.mark.parametrize("plant_it", PLANTED.values(), ids=PLANTED.keys())
def test_validate_refuses_a_planted_journal_and_changes_nothing(run, folder, plant_it):
    plant_it(folder)
    before = snapshot(folder.parent)
    result = run("--data", str(folder), "validate")
    assert_refused(result, f"{folder / JOURNAL}: ", "not written by stagegraph", "nothing was replaced", "remove it")
    assert snapshot(folder.parent) == before


def test_add_refuses_a_planted_journal_and_changes_nothing(run, folder):
    _relative_victim(folder)
    contribution = folder.parent / "source.ttl"
    contribution.write_text(SOURCE, encoding="utf-8")
    before = snapshot(folder.parent)
    result = run("--data", str(folder), "add", str(contribution))
    assert_refused(result, "not written by stagegraph")
    after = snapshot(folder.parent)
    after.pop(str(folder / LOCK))  # the writer took the lock before it looked at the journal
    assert after == before


def test_a_journal_that_is_a_pipe_is_refused_not_waited_on(folder):
    os.mkfifo(folder / JOURNAL)
    result = subprocess.run(
        [sys.executable, "-m", "stagegraph", "--data", str(folder), "validate"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    assert "not written by stagegraph" in result.stderr and "a pipe" in result.stderr


def test_a_journal_stagegraph_wrote_is_still_replayed(folder):
    """What a writer killed between its renames leaves: every reader finishes the renames."""
    new = {name: (folder / name).read_text(encoding="utf-8") + "# new\n" for name in ("bonds.ttl", "sources.ttl")}
    staged = {name: f".{name}.0a1b2c3d.tmp" for name in new}
    for name, text in new.items():
        (folder / staged[name]).write_text(text, encoding="utf-8")
    (folder / staged["bonds.ttl"]).replace(folder / "bonds.ttl")  # the first rename happened
    plant(folder, *(f"{staged[name]}\t{name}" for name in new))
    load([folder])
    assert {name: (folder / name).read_text(encoding="utf-8") for name in new} == new
    assert not (folder / JOURNAL).exists()


# --------------------------------------------------------------------------- the lock


def test_add_refuses_a_symlinked_lock_and_creates_nothing_outside(run, folder):
    outside = folder.parent / "created-through-the-lock"
    os.symlink(outside, folder / LOCK)
    contribution = folder.parent / "source.ttl"
    contribution.write_text(SOURCE, encoding="utf-8")
    before = snapshot(folder.parent)
    result = run("--data", str(folder), "add", str(contribution))
    assert_refused(result, f"{folder / LOCK}: the lock file is a symbolic link", "remove it")
    assert not outside.exists()
    assert snapshot(folder.parent) == before


def test_a_reader_refuses_a_symlinked_lock_when_a_journal_needs_it(run, folder):
    (folder / ".bonds.ttl.0a1b2c3d.tmp").write_text((folder / "bonds.ttl").read_text(encoding="utf-8"))
    plant(folder, ".bonds.ttl.0a1b2c3d.tmp\tbonds.ttl")
    os.symlink(folder.parent / "victim.txt", folder / LOCK)
    before = snapshot(folder.parent)
    assert_refused(run("--data", str(folder), "validate"), "the lock file is a symbolic link")
    assert snapshot(folder.parent) == before


# --------------------------------------------------------------------------- stale staged files


def test_the_next_writer_removes_staged_files_a_killed_writer_left(run, folder):
    stale = [".bonds.ttl.0a1b2c3d.tmp", ".sources.ttl.x_9z8y7w.tmp", ".stagegraph.journal.12345678.tmp"]
    for name in stale:
        hostile_staged(folder, name)
    load([folder])  # a reader leaves them
    assert all((folder / name).exists() for name in stale)
    contribution = folder.parent / "source.ttl"
    contribution.write_text(SOURCE, encoding="utf-8")
    result = run("--data", str(folder), "add", str(contribution))
    assert result.exit_code == 0, result.output
    assert not [name for name in stale if (folder / name).exists()]


def test_a_live_writers_staged_file_is_not_removed(folder):
    import fcntl

    live = folder / ".bonds.ttl.0a1b2c3d.tmp"
    hostile_staged(folder, live.name)
    (folder / "notes.abcd1234.tmp").write_text("not a staged name\n", encoding="utf-8")
    fd = os.open(live, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # what a writer holds while its staged file exists
        assert remove_stale(folder) == []
    finally:
        os.close(fd)
    assert remove_stale(folder) == [live.name]
    assert (folder / "notes.abcd1234.tmp").exists()


# --------------------------------------------------------------------------- -o and data targets


def test_export_to_a_symlink_writes_through_it_and_keeps_the_link(run, tmp_path):
    real, link = tmp_path / "real.nt", tmp_path / "link.nt"
    real.write_text("old\n", encoding="utf-8")
    link.symlink_to(real)
    result = run("export", "--format", "nt", "-o", str(link))
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text(encoding="utf-8") == run("export", "--format", "nt").output


def test_export_to_a_pipe_writes_into_it_and_keeps_the_pipe(run, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text(encoding="utf-8")), daemon=True)
    reader.start()
    result = run("export", "--format", "nt", "-o", str(fifo))
    reader.join(60)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert received == [run("export", "--format", "nt").output]


def test_graph_to_a_character_device_writes_into_it_and_keeps_the_device(run, tmp_path):
    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # /dev/null's device, in tmp_path
    except OSError:
        pytest.skip("cannot make a device node here (not root)")
    result = run("graph", "-o", str(device))
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(os.lstat(device).st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["null"]


def _immutable(path: Path) -> None:
    if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode:
        pytest.skip("cannot make a file immutable here (needs chattr, root and a file system with attributes)")


@pytest.mark.parametrize("command", [["export", "--format", "nt"], ["graph"]])
def test_output_over_an_immutable_file_is_one_sentence(run, tmp_path, command):
    target = tmp_path / "out.txt"
    target.write_text("kept\n", encoding="utf-8")
    _immutable(target)
    try:
        result = run(*command, "-o", str(target))
        assert_refused(result, f"{target}: cannot be replaced", "immutable")
        assert target.read_text(encoding="utf-8") == "kept\n"
        assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]
    finally:
        subprocess.run(["chattr", "-i", str(target)], check=True)


def test_a_multi_file_write_with_an_immutable_file_changes_nothing(folder):
    before = snapshot(folder.parent)
    _immutable(folder / "sources.ttl")
    try:
        with pytest.raises(WriteError, match="immutable"):
            write_many({folder / "bonds.ttl": "# new\n", folder / "sources.ttl": "# new\n"})
    finally:
        subprocess.run(["chattr", "-i", str(folder / "sources.ttl")], check=True)
    assert snapshot(folder.parent) == before


def test_fmt_refuses_to_replace_a_symlinked_data_file(run, folder):
    outside = folder.parent / "outside.ttl"
    outside.write_text("<https://example.org/a>   <https://example.org/b>   <https://example.org/c> .\n")
    (folder / "linked.ttl").symlink_to(outside)
    before = snapshot(folder.parent)
    result = run("fmt", str(folder))
    assert_refused(result, "linked.ttl: is a symbolic link", "nothing was written")
    assert snapshot(folder.parent) == before


def test_finish_without_a_journal_does_nothing(folder):
    assert finish(folder) is False


# --------------------------------------------------------------------------- the system's refusals


LONG = "a" * 100_000


@pytest.mark.parametrize(
    "args",
    [
        ["query", LONG],
        ["--data", LONG, "validate"],
        ["validate", LONG],
        ["export", "--format", "nt", "-o", LONG],
        ["graph", "-o", LONG],
        ["add", LONG],
        ["fmt", LONG],
        ["diff", LONG, LONG],
    ],
    ids=["query name", "--data", "validate path", "export -o", "graph -o", "add", "fmt", "diff"],
)
def test_a_100_kb_name_is_one_short_sentence(sg, tmp_path, args):
    result = sg("--data", str(tmp_path), *args) if args[0] == "add" else sg(*args)
    assert_refused(result, "File name too long", "(100000 characters)")
    assert len(result.output) < 400
