"""``stagegraph add`` under stress, for real: separate processes running the command line.

Twenty contributors at once, a writer killed mid-write, a read-only folder, a full disk.
Every test works on a copy of the bundled data; the bundled files are hashed before and
after the module.
"""

from __future__ import annotations

import ctypes
import fcntl
import os
import re
import resource
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import Graph, Literal

from helpers import ROOT, digest, visible
from stagegraph.rdf.load import load, parse_file
from stagegraph.rdf.namespaces import BASE, SG

ANY_URI = "http://www.w3.org/2001/XMLSchema#anyURI"
DATA = ROOT / "data"
ONTOLOGY = ROOT / "ontology"
STAGEGRAPH = [sys.executable, "-m", "stagegraph"]
LOCK = ".stagegraph.lock"
TIMEOUT = 300  # seconds any one subprocess may take before the test gives up on it

PREFIXES = """@prefix sg: <https://w3id.org/stagegraph/ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
CHARACTERS = [
    "acorn",
    "dewey",
    "durian",
    "freddie",
    "hyuna",
    "hyunwoo",
    "isaac",
    "ivan",
    "luka",
    "mizi",
    "nigeh",
    "shine",
    "sua",
    "till",
    "unsha",
    "urak",
]
NATURES = ["romantic", "platonic", "family", "rivalry", "guardianship", "protective", "antagonistic"]


# --------------------------------------------------------------------------- helpers


def source_body(key: str) -> str:
    return f"""
<{BASE}source/safety-{key}>
    a sg:Source ;
    rdfs:label "Safety test source {key}"@en ;
    sg:url "https://example.org/safety/{key}"^^xsd:anyURI ;
    sg:sourceKind <{BASE}vocab/sourcekind/fan> .
"""


def source_contribution(key: str) -> str:
    """A new source: touches sources.ttl only."""
    return PREFIXES + source_body(key)


def bond_contribution(i: int) -> str:
    """A new directed bond between two existing characters, with its own new source:
    touches bonds.ttl and sources.ttl. Directed bonds, one per ordered pair, so no two
    of them (nor any bundled bond) can form the flagged pair of opposite one-sided bonds."""
    a, b = CHARACTERS[i % len(CHARACTERS)], CHARACTERS[(i + 5) % len(CHARACTERS)]
    return (
        PREFIXES
        + source_body(f"b{i}")
        + f"""
<{BASE}bond/safety-{i}>
    a sg:Bond ;
    rdfs:label "{a} → {b} (safety test {i})"@en ;
    sg:from <{BASE}character/{a}> ;
    sg:to <{BASE}character/{b}> ;
    sg:bondType <{BASE}vocab/bondtype/directed> ;
    sg:nature <{BASE}vocab/nature/{NATURES[i % len(NATURES)]}> ;
    sg:canonStatus <{BASE}vocab/canon/fan-interpretation> ;
    sg:confidence <{BASE}vocab/confidence/single-source> ;
    sg:revealUnknown true ;
    sg:source <{BASE}source/safety-b{i}> .
"""
    )


# A bond citing an existing source: touches bonds.ttl only.
BOND_ONLY = (
    PREFIXES
    + f"""
<{BASE}bond/ivan-sua-rivalry>
    a sg:Bond ;
    rdfs:label "Ivan → Sua (rivalry, one-sided)"@en ;
    sg:from <{BASE}character/ivan> ;
    sg:to <{BASE}character/sua> ;
    sg:bondType <{BASE}vocab/bondtype/one-sided> ;
    sg:nature <{BASE}vocab/nature/rivalry> ;
    sg:canonStatus <{BASE}vocab/canon/fan-interpretation> ;
    sg:confidence <{BASE}vocab/confidence/single-source> ;
    sg:revealUnknown true ;
    sg:source <{BASE}source/ship-hl> .
"""
)

# A person with a new source: touches people.ttl and sources.ttl (people.ttl is written first).
PERSON_WITH_SOURCE = (
    PREFIXES
    + source_body("person")
    + f"""
<{BASE}person/safety-person>
    a sg:Person ;
    rdfs:label "Safety Person"@en ;
    sg:confidence <{BASE}vocab/confidence/single-source> ;
    sg:source <{BASE}source/safety-person> .
"""
)


def temporary_files(folder: Path) -> list[str]:
    return sorted(p.name for p in Path(folder).iterdir() if p.name.endswith(".tmp") or ".ttl." in p.name)


def copy_data(dest: Path) -> Path:
    target = Path(dest) / "data"
    shutil.copytree(DATA, target)
    return target


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def stagegraph(*args: str, timeout: float = TIMEOUT, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([*STAGEGRAPH, *args], check=False, capture_output=True, text=True, timeout=timeout, **kwargs)


def start(*args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([*STAGEGRAPH, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)


def validate(folder: Path) -> subprocess.CompletedProcess:
    return stagegraph("--data", str(folder), "validate")


def assert_clean_failure(result: subprocess.CompletedProcess, *fragments: str) -> None:
    output = result.stdout + result.stderr
    assert result.returncode not in (0, None), output
    assert result.returncode > 0, f"killed by signal {-result.returncode}: {output}"
    assert "Traceback" not in output, output
    assert result.stderr.startswith("error: "), output
    assert len(result.stderr.strip().splitlines()) == 1, f"not one sentence: {result.stderr}"
    for fragment in fragments:
        assert fragment in output, output
    assert "added" not in result.stdout


def waiting_for_lock(pids: set[int]) -> set[int]:
    """The pids among ``pids`` blocked on an flock (Linux /proc/locks: ``N: -> FLOCK …  WRITE pid …``)."""
    waiting = set()
    for line in Path("/proc/locks").read_text().splitlines():
        found = re.search(r"->\s*FLOCK\s+\S+\s+\S+\s+(\d+)\s", line)
        if found:
            waiting.add(int(found.group(1)))
    return waiting & pids


def hold_lock_until_queued(folder: Path, processes: list[subprocess.Popen], timeout: float = 120) -> None:
    """Hold the data lock until every process is blocked on it, then let them all go at once."""
    if not Path("/proc/locks").exists():
        pytest.skip("needs Linux /proc/locks to see who waits for the lock")
    fd = os.open(Path(folder) / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        pids = {p.pid for p in processes}
        deadline = time.monotonic() + timeout
        while waiting_for_lock(pids) != pids:
            finished = [p for p in processes if p.poll() is not None]
            assert not finished, f"a process ended before taking the lock: {[p.communicate() for p in finished]}"
            assert time.monotonic() < deadline, "the processes never queued for the lock"
            time.sleep(0.05)
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def finish(processes: list[subprocess.Popen], timeout: float = TIMEOUT) -> list[tuple[int, str, str]]:
    """Wait for every process (bounded); kill the rest and fail if the time runs out."""
    deadline = time.monotonic() + timeout
    results = []
    try:
        for p in processes:
            out, err = p.communicate(timeout=max(1.0, deadline - time.monotonic()))
            results.append((p.returncode, out, err))
    except subprocess.TimeoutExpired:
        for p in processes:
            if p.poll() is None:
                p.kill()
                p.communicate()
        pytest.fail(f"not every add finished within {timeout} s (a deadlock?)")
    return results


pytestmark = pytest.mark.usefixtures("bundled_files_untouched")


# --------------------------------------------------------------------------- twenty contributors at once


@pytest.mark.slow
def test_twenty_adds_in_parallel_all_land(tmp_path):
    folder = copy_data(tmp_path)
    texts = [source_contribution(f"s{i}") for i in range(10)] + [bond_contribution(i) for i in range(10)]
    files = [write(tmp_path / f"contribution-{i:02}.ttl", text) for i, text in enumerate(texts)]
    # All twenty start at once; while they start, the test holds the lock, so that all
    # of them are queued on it together (real contention, not one after the other).
    processes = [start("--data", str(folder), "add", str(f)) for f in files]
    hold_lock_until_queued(folder, processes)
    results = finish(processes)

    for (code, out, err), path in zip(results, files, strict=True):
        assert code == 0, f"{path.name}: exit {code}\n{out}{err}"
        assert "Traceback" not in err
        assert "added" in out, f"{path.name}: {out}{err}"
    graph = load([folder]).graph
    for path, text in zip(files, texts, strict=True):
        missing = [t for t in Graph().parse(data=text, format="turtle") if t not in graph]
        assert not missing, f"{path.name} was lost: {missing[:3]}"
    assert not temporary_files(folder)
    checked = validate(folder)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    canonical = stagegraph("fmt", "--check", str(folder))
    assert canonical.returncode == 0, canonical.stdout + canonical.stderr


# --------------------------------------------------------------------------- a writer killed mid-write


@pytest.fixture(scope="module")
def reference_add(tmp_path_factory):
    """BOND_ONLY added to completion on its own copy: the expected 'after' files and how long one add takes."""
    root = tmp_path_factory.mktemp("reference")
    folder = copy_data(root)
    contribution = write(root / "bond.ttl", BOND_ONLY)
    before = visible(folder)
    began = time.monotonic()
    result = stagegraph("--data", str(folder), "add", str(contribution))
    duration = time.monotonic() - began
    assert result.returncode == 0, result.stdout + result.stderr
    after = visible(folder)
    assert {n for n in after if after[n] != before[n]} == {"bonds.ttl"}
    return {"contribution": contribution, "before": before, "after": after, "duration": duration, "folder": folder}


def check_after_kill(folder: Path, reference: dict, validated: dict) -> str:
    """Each file as it was or as it would be; all parse; no new visible file; the data validates."""
    now = visible(folder)
    assert set(now) == set(reference["before"]), f"files appeared or vanished: {set(now) ^ set(reference['before'])}"
    for name, value in now.items():
        assert value in (reference["before"][name], reference["after"][name]), f"{name} is neither before nor after"
        parse_file(folder / name)
    state = tuple(sorted(now.items()))
    if state not in validated:  # validate each distinct state once
        result = validate(folder)
        validated[state] = (result.returncode, result.stdout + result.stderr)
    code, output = validated[state]
    assert code == 0, output
    return "after" if now == reference["after"] else "before"


@pytest.mark.slow
def test_add_killed_at_any_moment_leaves_old_or_new_files(tmp_path, reference_add):
    duration = reference_add["duration"]
    validated: dict = {}
    outcomes = []
    for i, fraction in enumerate((0.05, 0.2, 0.35, 0.5, 0.65, 0.8, 0.9, 0.97, 1.05)):
        folder = copy_data(tmp_path / f"kill-{i}")
        process = start("--data", str(folder), "add", str(reference_add["contribution"]))
        time.sleep(duration * fraction)
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=TIMEOUT)
        outcomes.append(check_after_kill(folder, reference_add, validated))
    # The writer can be restarted on a folder where one was killed: the lock died with it.
    result = stagegraph("--data", str(folder), "add", str(reference_add["contribution"]), timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert visible(folder) == reference_add["after"]
    assert "before" in outcomes  # the early kills happened before anything was written


@pytest.mark.slow
def test_add_killed_while_its_temporary_file_exists(tmp_path, reference_add):
    """Kill the writer the moment its temporary file shows up: the real file is untouched,
    and the leftover temporary file is hidden, so validate does not read it."""
    for attempt in range(5):
        folder = copy_data(tmp_path / f"attempt-{attempt}")
        process = start("--data", str(folder), "add", str(reference_add["contribution"]))
        seen = None
        while process.poll() is None and seen is None:
            seen = next((p.name for p in folder.iterdir() if p.name.startswith(".bonds.ttl")), None)
        process.kill()
        process.communicate(timeout=TIMEOUT)
        check_after_kill(folder, reference_add, {})
        if seen is not None:
            leftovers = [p.name for p in folder.iterdir() if p.name.startswith(".bonds.ttl")]
            assert all(name.startswith(".") for name in leftovers)
            assert visible(folder)["bonds.ttl"] in (
                reference_add["before"]["bonds.ttl"],
                reference_add["after"]["bonds.ttl"],
            )
            return
    pytest.skip("the writer was never caught with its temporary file open (too fast to observe)")


@pytest.mark.slow
def test_add_killed_between_two_files_leaves_valid_data(tmp_path):
    contribution = write(tmp_path / "bond-and-source.ttl", bond_contribution(0))
    for attempt in range(8):
        folder = copy_data(tmp_path / f"attempt-{attempt}")
        watched = {name: os.stat(folder / name).st_ino for name in ("bonds.ttl", "sources.ttl")}
        process = start("--data", str(folder), "add", str(contribution))
        replaced: set = set()
        while process.poll() is None and not replaced:
            replaced = {name for name, inode in watched.items() if os.stat(folder / name).st_ino != inode}
        process.kill()
        process.communicate(timeout=TIMEOUT)
        replaced = {name for name, inode in watched.items() if os.stat(folder / name).st_ino != inode}
        if len(replaced) == 1:  # caught between the two replacements
            result = validate(folder)
            assert result.returncode == 0, f"after a kill with only {replaced} replaced:\n{result.stdout}"
            return
    pytest.skip("the writer was never caught between its two file replacements")


# --------------------------------------------------------------------------- a read-only folder


PR_CAPBSET_DROP, CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 24, 1, 2


def _drop_root_override() -> None:
    """In the child, before exec: drop the capabilities that let root ignore file permissions
    (from the bounding set, so the exec'd interpreter does not get them back)."""
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def permission_respecting(folder: Path):
    """A preexec_fn under which writing to the read-only ``folder`` really fails, or skip.

    Not root: nothing to do. Root: run the child without CAP_DAC_OVERRIDE, so the owner's
    permission bits apply to root as to anyone; if that cannot be done, skip."""
    preexec = _drop_root_override if os.geteuid() == 0 else None
    try:
        probe = subprocess.run(
            [sys.executable, "-c", f"open({str(folder / 'probe')!r}, 'w')"],
            check=False,
            capture_output=True,
            text=True,
            preexec_fn=preexec,
        )
    except subprocess.SubprocessError:  # the capability could not be dropped (no CAP_SETPCAP)
        pytest.skip("root ignores permissions (and its capabilities could not be dropped)")
    if probe.returncode == 0:
        (folder / "probe").unlink(missing_ok=True)
        pytest.skip("root ignores permissions (and its capabilities could not be dropped)")
    return preexec


def make_read_only(folder: Path) -> None:
    for path in folder.iterdir():
        path.chmod(0o444)
    folder.chmod(0o555)


def make_writable(folder: Path) -> None:
    folder.chmod(0o755)
    for path in folder.iterdir():
        path.chmod(0o644)


@pytest.mark.parametrize("lock", ["no-lock-yet", "writable-lock"])
def test_add_to_a_read_only_folder_fails_cleanly(tmp_path, lock):
    folder = copy_data(tmp_path)
    contribution = write(tmp_path / "source.ttl", source_contribution("read-only"))
    if lock == "writable-lock":  # a folder someone added to before: the lock exists and can be opened
        (folder / LOCK).touch()
    make_read_only(folder)
    if lock == "writable-lock":
        (folder / LOCK).chmod(0o644)
    try:
        preexec = permission_respecting(folder)
        before = digest(folder)
        result = stagegraph("--data", str(folder), "add", str(contribution), preexec_fn=preexec)
        assert_clean_failure(result, str(folder), "cannot write")
        assert digest(folder) == before  # not a byte changed, not a file added (not even a lock)
    finally:
        make_writable(folder)


def test_dry_run_on_a_read_only_folder_works(tmp_path):
    folder = copy_data(tmp_path)
    contribution = write(tmp_path / "source.ttl", source_contribution("dry-run"))
    make_read_only(folder)
    try:
        preexec = permission_respecting(folder)
        before = digest(folder)
        result = stagegraph("--data", str(folder), "add", str(contribution), "--dry-run", preexec_fn=preexec)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "would add source: Safety test source dry-run" in result.stdout
        assert digest(folder) == before
    finally:
        make_writable(folder)


# --------------------------------------------------------------------------- a full disk


def file_size_limit(limit: int):
    def preexec() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes fail with EFBIG instead of killing the process

    return preexec


@pytest.mark.slow
def test_add_on_a_full_disk_fails_cleanly(tmp_path):
    folder = copy_data(tmp_path)
    contribution = write(tmp_path / "source.ttl", source_contribution("full-disk"))
    limit = 4096
    assert (folder / "sources.ttl").stat().st_size > limit
    before = visible(folder)
    result = stagegraph("--data", str(folder), "add", str(contribution), preexec_fn=file_size_limit(limit))
    assert_clean_failure(result, "sources.ttl")
    assert visible(folder) == before
    assert not temporary_files(folder), "a temporary file was left behind"
    assert set(digest(folder)) <= set(before) | {LOCK}
    checked = validate(folder)
    assert checked.returncode == 0, checked.stdout


def test_add_on_a_full_disk_changes_no_file_even_when_the_first_one_fits(tmp_path):
    folder = copy_data(tmp_path)
    contribution = write(tmp_path / "person.ttl", PERSON_WITH_SOURCE)
    limit = (folder / "sources.ttl").stat().st_size  # sources.ttl only grows: its new text cannot be written
    if (folder / "people.ttl").stat().st_size + 2048 > limit:
        pytest.skip("people.ttl is not small enough for this scenario")
    before = visible(folder)
    result = stagegraph("--data", str(folder), "add", str(contribution), preexec_fn=file_size_limit(limit))
    assert_clean_failure(result, "sources.ttl")
    assert not temporary_files(folder)
    changed = sorted(n for n in before if visible(folder)[n] != before[n])
    assert not changed, f"{changed} changed although the add failed; validate says:\n{validate(folder).stdout}"


# --------------------------------------------------------------------------- what a successful write keeps


def test_add_keeps_the_permissions_of_the_file_it_rewrites(tmp_path):
    folder = copy_data(tmp_path)
    for path in folder.iterdir():
        path.chmod(0o644)
    result = stagegraph("--data", str(folder), "add", str(write(tmp_path / "bond.ttl", BOND_ONLY)))
    assert result.returncode == 0, result.stdout + result.stderr
    assert stat.S_IMODE((folder / "bonds.ttl").stat().st_mode) == 0o644


# --------------------------------------------------------------------------- new --add while someone else writes


@pytest.mark.slow
def test_new_add_from_three_contributors_at_once_all_land(tmp_path):
    folder = copy_data(tmp_path)
    urls = [f"https://example.org/same/{i}" for i in range(3)]
    processes = [
        start("--data", str(folder), "new", "source", "--title", "Same title", "--url", url, "--add") for url in urls
    ]
    hold_lock_until_queued(folder, processes)  # another contributor's add is running
    results = finish(processes)
    assert [code for code, _, _ in results] == [0, 0, 0], "\n".join(out + err for _, out, err in results)
    graph = load([folder]).graph
    for url in urls:
        assert (None, SG.url, Literal(url, datatype=ANY_URI)) in graph
