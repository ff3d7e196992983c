"""Run one hostile case against the real command line and check what the README promises.

For every case: the exit code of the README's table; for exit 2, 3 and 4 exactly one line on
standard error, ``error: …``, naming ``path:line`` (or the path) when the case says where; never
a traceback, a Python warning or a log record; no file changed (bytes, mtime, kind, link
target) in the sandbox (the data folder, the working folder, an ``outside/`` folder with a
victim file) nor in the checkout's data, ontology and queries, except what a successful
command is for; and the output of a successful command parses.
"""

from __future__ import annotations

import csv
import fnmatch
import hashlib
import io
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import traceback
import warnings
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from click.testing import CliRunner

from stagegraph.cli import main

ROOT = Path(__file__).resolve().parents[2]
BASE = ROOT / "tests" / "shapes" / "base.ttl"  # a small universe that conforms
BUNDLED = (ROOT / "data", ROOT / "ontology", ROOT / "queries")
EXECUTABLE = Path(sys.executable).parent / "stagegraph"
LOCK = "data/.stagegraph.lock"  # add may create its (empty) lock file, whatever the outcome
ONE_LINE_CODES = (2, 3, 4)
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # what a one-line sentence must not carry


@dataclass(frozen=True)
class Case:
    """One row: what to run, on what, and what the README says must come of it."""

    id: str
    args: tuple[str, ...]
    code: int | frozenset[int]  # the README's exit code (a set only where the issue leaves a choice)
    setup: Callable | None = None  # setup(sandbox) plants the hostile files
    stdin: bytes | None = None
    where: str | None = None  # "path:line" or "path" the error sentence must name
    says: tuple[str, ...] = ()  # other words the error sentence must hold
    shows: tuple[str, ...] = ()  # words standard output must hold (a validation report)
    out: str | None = None  # how stdout must parse on success: see PARSERS
    outfile: tuple[str, str] | None = None  # (sandbox path, parser) of a written file on success
    writes: tuple[str, ...] = ()  # sandbox globs a successful run may change
    may_touch: tuple[str, ...] = ()  # sandbox globs any run may change (a planted journal it clears)
    proc: bool = False  # run .venv/bin/stagegraph in a process: real stdin bytes, real stderr
    env: tuple[tuple[str, str], ...] = ()
    timeout: float = 120
    check: Callable | None = None  # check(sandbox, result): anything more the case needs
    marks: tuple = ()


@dataclass
class Result:
    code: int
    stdout: bytes
    stderr: str
    crash: str | None = None  # an uncaught exception's traceback
    logs: list[str] = field(default_factory=list)  # log records and Python warnings a user would see


class Sandbox:
    """``data/`` (a copy of the small universe), ``work/`` (the current folder) and
    ``outside/victim.txt``, which nothing may touch."""

    def __init__(self, root: Path, port: int, cache: Path):
        self.root, self.port, self.cache = root, port, cache
        self.data, self.work, self.outside = root / "data", root / "work", root / "outside"
        for folder in (self.data, self.work, self.outside):
            folder.mkdir()
        shutil.copy(BASE, self.data / "base.ttl")
        self.victim = self.outside / "victim.txt"
        self.victim.write_text("the victim: nothing may change this file\n")
        self.cleanups: list[Callable] = []

    def write(self, rel: str, content: str | bytes) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return path

    def link(self, rel: str, target: str | Path) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.symlink_to(target)
        return path

    def expand(self, text: str) -> str:
        for key, value in self.places().items():
            text = text.replace("{" + key + "}", value)
        return text

    def places(self) -> dict[str, str]:
        return {
            "data": str(self.data),
            "work": str(self.work),
            "outside": str(self.outside),
            "victim": str(self.victim),
            "root": str(self.root),
            "port": str(self.port),
            "ontology": str(ROOT / "ontology"),
            "base": str(BASE),
        }


# --------------------------------------------------------------------------- running


def run(case: Case, box: Sandbox) -> Result:
    args = [box.expand(a) for a in case.args]
    return _process(case, box, args) if case.proc else _in_process(case, box, args)


def _in_process(case: Case, box: Sandbox, args: list[str]) -> Result:
    records: list[str] = []
    handler = _Collect(records)
    root = logging.getLogger()
    root.addHandler(handler)
    previous = os.getcwd()
    os.chdir(box.work)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            result = CliRunner().invoke(main, args, input=case.stdin, catch_exceptions=True)
    finally:
        os.chdir(previous)
        root.removeHandler(handler)
    records += [f"{w.category.__name__}: {w.message}" for w in caught if _user_visible(w.category)]
    crash = None
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        crash = _short("".join(traceback.format_exception(*result.exc_info)))
    return Result(result.exit_code, result.stdout_bytes, result.stderr, crash, records)


def _user_visible(category) -> bool:
    """Warnings Python prints to a user by default (not deprecations, not resource warnings)."""
    return not issubclass(category, (DeprecationWarning, PendingDeprecationWarning, ResourceWarning, ImportWarning))


class _Collect(logging.Handler):
    """Log records of level WARNING and up: a user would see them on standard error."""

    def __init__(self, records: list[str]):
        super().__init__(logging.WARNING)
        self.records = records

    def emit(self, record):
        self.records.append(
            f"log {record.levelname} {record.name}: {record.getMessage()[:300]}"
            + (" (with a traceback)" if record.exc_info else "")
        )


def _process(case: Case, box: Sandbox, args: list[str]) -> Result:
    env = {**os.environ, "XDG_CACHE_HOME": str(box.cache), **dict(case.env)}
    try:
        done = subprocess.run(
            [str(EXECUTABLE), *args],
            input=case.stdin or b"",
            capture_output=True,
            cwd=box.work,
            env=env,
            timeout=case.timeout,
        )
    except subprocess.TimeoutExpired:
        return Result(-1, b"", "", crash=f"hung: still running after {case.timeout} s")
    stderr = done.stderr.decode("utf-8", "replace")
    return Result(done.returncode, done.stdout, stderr, _short(stderr) if "Traceback" in stderr else None)


def _short(text: str) -> str:
    """A traceback fit to read: its last 30 lines, each cut at 300 characters."""
    return "\n".join(line[:300] + ("…" if len(line) > 300 else "") for line in text.splitlines()[-30:])


# --------------------------------------------------------------------------- checking


def check(case: Case, box: Sandbox, result: Result) -> None:
    """Every promise of the README for this case; the message names the case's id."""
    codes = case.code if isinstance(case.code, frozenset) else frozenset({case.code})
    shown = _shown(result)
    assert result.crash is None, f"[{case.id}] uncaught exception:\n{result.crash}\n{shown}"
    assert result.code in codes, f"[{case.id}] exit {result.code}, README says {sorted(codes)}\n{shown}"
    assert not result.logs, f"[{case.id}] log records or warnings reach the user: {result.logs}\n{shown}"
    for text in (result.stderr, result.stdout.decode("utf-8", "replace")):
        assert "Traceback" not in text, f"[{case.id}] a traceback in the output\n{shown}"
    assert "Warning:" not in result.stderr, f"[{case.id}] a warning on standard error\n{shown}"
    if result.code in ONE_LINE_CODES:
        _one_sentence(case, box, result, shown)
    for words in case.shows:
        assert box.expand(words) in result.stdout.decode("utf-8", "replace"), (
            f"[{case.id}] stdout must show {words!r}\n{shown}"
        )
    if case.out and result.code in (0, 1):
        PARSERS[case.out](result.stdout, f"[{case.id}] stdout")
    if result.code == 0 and case.outfile:
        rel, parser = case.outfile
        PARSERS[parser](_read_target(box.root / rel), f"[{case.id}] {rel}")
    if case.check is not None:
        case.check(box, result)


def _one_sentence(case: Case, box: Sandbox, result: Result, shown: str) -> None:
    lines = [line for line in re.split(r"\r\n|\r|\n", result.stderr) if line.strip()]
    assert len(lines) == 1, f"[{case.id}] exit {result.code} must print one line on stderr, got {len(lines)}\n{shown}"
    sentence = lines[0]
    assert sentence.startswith("error: "), f"[{case.id}] the line must start with 'error: '\n{shown}"
    assert not CONTROL.search(sentence), f"[{case.id}] control characters in the sentence: {sentence[:300]!r}"
    if case.where:
        where = box.expand(case.where)
        assert where in sentence, f"[{case.id}] the sentence must name {where!r}\n{shown}"
    for words in case.says:
        assert box.expand(words) in sentence, f"[{case.id}] the sentence must say {words!r}\n{shown}"


def _shown(result: Result) -> str:
    out = result.stdout.decode("utf-8", "replace")
    return f"--- stdout ({len(out)} chars):\n{out[:800]}\n--- stderr:\n{_short(result.stderr[:3000])}"


def _read_target(path: Path) -> bytes:
    return path.read_bytes() if path.is_file() or path.is_symlink() else b""


# --------------------------------------------------------------------------- files unchanged


def snapshot(box: Sandbox) -> dict[str, tuple]:
    """Every file, folder and link of the sandbox and of the checkout's bundled folders."""
    seen: dict[str, tuple] = {}
    for top in (box.root, *BUNDLED):
        for folder, dirs, files in os.walk(top, followlinks=False):
            for name in dirs + files:
                path = Path(folder, name)
                key = str(path.relative_to(box.root)) if top == box.root else str(path)
                seen[key] = _state(path)
    return seen


def _state(path: Path) -> tuple:
    info = path.lstat()
    if path.is_symlink():
        return ("link", os.readlink(path))
    if path.is_dir():
        return ("dir", info.st_mode)
    if path.is_file():
        return ("file", hashlib.sha256(path.read_bytes()).hexdigest(), info.st_mtime_ns, info.st_mode)
    return ("other", info.st_mode, info.st_rdev)


def assert_unchanged(case: Case, before: dict, after: dict, code: int) -> None:
    allowed = list(case.may_touch) + (list(case.writes) if code == 0 else [])
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    bad = [k for k in changed if not any(fnmatch.fnmatch(k, glob) for glob in allowed) and not _lock(k, before, after)]
    assert not bad, f"[{case.id}] files changed that the command is not for (exit {code}): " + "; ".join(
        f"{k}: {before.get(k, 'absent')} -> {after.get(k, 'absent')}" for k in bad[:6]
    )


def _lock(key: str, before: dict, after: dict) -> bool:
    """add's lock file appearing, empty, where there was none."""
    return key == LOCK and key not in before and after.get(key, ("",))[0] == "file"


# --------------------------------------------------------------------------- output parsers


def _text(data: bytes, what: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise AssertionError(f"{what}: not UTF-8 ({exc})") from None


def _rdf(fmt_name: str):
    def parse(data: bytes, what: str) -> None:
        import pyoxigraph

        try:
            list(pyoxigraph.parse(data, format=getattr(pyoxigraph.RdfFormat, fmt_name)))
        except (SyntaxError, ValueError) as exc:
            raise AssertionError(f"{what}: not valid {fmt_name}: {exc}") from None

    return parse


def _json(data: bytes, what: str) -> None:
    try:
        json.loads(_text(data, what))
    except ValueError as exc:
        raise AssertionError(f"{what}: not JSON: {exc}") from None


def _xml(data: bytes, what: str) -> None:
    try:
        ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise AssertionError(f"{what}: not well-formed XML: {exc}") from None


def _csv(data: bytes, what: str) -> None:
    rows = list(csv.reader(io.StringIO(_text(data, what), newline="")))
    _same_width(rows, what)


def _tsv(data: bytes, what: str) -> None:
    """Tab-separated values as tools read them: a line ends at CR, LF or CRLF; no quoting."""
    lines = re.split(r"\r\n|\r|\n", _text(data, what).rstrip("\n"))
    _same_width([line.split("\t") for line in lines], what)


def _markdown(data: bytes, what: str) -> None:
    lines = [line for line in re.split(r"\r\n|\r|\n", _text(data, what)) if line.strip()]
    _same_width([re.split(r"(?<!\\)\|", line.strip()) for line in lines], what)


def _same_width(rows: list[list[str]], what: str) -> None:
    assert rows, f"{what}: no header"
    wrong = [i for i, row in enumerate(rows) if len(row) != len(rows[0])]
    assert not wrong, (
        f"{what}: row {wrong[0] + 1} has {len(rows[wrong[0]])} columns, "
        f"the header {len(rows[0])}: {rows[wrong[0]]!r:.300}"
    )


def _triples(data: bytes, what: str) -> None:
    """diff --format triples: each line is '+ ' or '- ' and one N-Triples statement."""
    text = _text(data, what)
    body = "".join(line[2:] + "\n" for line in text.split("\n") if line)
    assert all(line[:2] in ("+ ", "- ") for line in text.split("\n") if line), f"{what}: a line without + or -"
    _rdf("N_TRIPLES")(body.encode("utf-8"), what)


def _html(data: bytes, what: str) -> None:
    text = _text(data, what)
    assert "<html" in text and text.rstrip().endswith("</html>"), f"{what}: not a whole HTML page"


PARSERS: dict[str, Callable[[bytes, str], None]] = {
    "ttl": _rdf("TURTLE"),
    "nt": _rdf("N_TRIPLES"),
    "json": _json,
    "xml": _xml,
    "csv": _csv,
    "tsv": _tsv,
    "md": _markdown,
    "triples": _triples,
    "html": _html,
    "text": lambda data, what: _text(data, what) and None,
}


def data_parses(box: Sandbox, result: Result) -> None:
    """After a write: every visible data file is still Turtle a strict parser reads."""
    if result.code != 0:
        return
    for path in sorted(box.data.glob("*.ttl")):
        _rdf("TURTLE")(path.read_bytes(), str(path.relative_to(box.root)))
