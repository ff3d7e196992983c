"""What the test modules share: where things are, the one way to run the CLI (in-process, or as a
process), file digests, and assertions on results."""

from __future__ import annotations

import csv
import filecmp
import hashlib
import io
import json
import re
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from stagegraph.cli import main

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
STAGEGRAPH = [sys.executable, "-m", "stagegraph"]


def cli(*args, input: str | bytes | None = None, catch: bool = False):
    """Run the CLI in-process: ``cli("validate", "--format", "json")`` → click Result. With
    ``catch``, an exception becomes ``result.exception`` (a failed assertion, not an error)."""
    return CliRunner().invoke(main, [str(a) for a in args], input=input, catch_exceptions=catch)


def cli_process(*args, timeout: float = 120, **kwargs) -> subprocess.CompletedProcess:
    """Run ``python -m stagegraph`` as a process (real standard streams, signals, exit codes)."""
    kwargs.setdefault("capture_output", True)
    kwargs.setdefault("text", True)
    return subprocess.run([*STAGEGRAPH, *[str(a) for a in args]], check=False, timeout=timeout, **kwargs)


def digest(folder: Path) -> dict[str, str]:
    """sha256 of every file in ``folder`` (hidden ones included)."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(Path(folder).iterdir()) if p.is_file()}


def visible(folder: Path) -> dict[str, str]:
    """The digests of the files a reader sees (hidden files, like the lock, left out)."""
    return {name: h for name, h in digest(folder).items() if not name.startswith(".")}


def ok(result):
    """The result of a command that must succeed."""
    assert result.exit_code == 0, (result.output, result.exception)
    return result


def json_rows(result) -> list[dict]:
    """The rows of a successful `--format json` query."""
    return json.loads(ok(result).stdout)


def assert_clean_error(result, code: int, *fragments: str):
    """A refusal: the documented exit code, the given words, and never a traceback."""
    assert result.exit_code == code, (result.output, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    for fragment in fragments:
        assert fragment in result.output, result.output


def read_csv(text: str) -> list[list[str]]:
    """Rows of a CSV text as Python's csv module reads them (RFC 4180 quoting)."""
    return list(csv.reader(io.StringIO(text, newline="")))


TSV_UNESCAPES = {"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}


def read_tsv(text: str) -> list[list[str]]:
    """Rows of a TSV text: one line per row (ended by LF), a tab between cells, ``\\t \\n \\r \\\\``
    read back as tab, newline, carriage return and backslash."""
    unescape = lambda cell: re.sub(r"\\(.)", lambda m: TSV_UNESCAPES[m.group(1)], cell, flags=re.S)  # noqa: E731
    return [[unescape(c) for c in line.split("\t")] for line in text.removesuffix("\n").split("\n")]


MARKDOWN_SPACE = " \t\x0b\x0c"  # what a table cell is trimmed of (CommonMark's whitespace, less line ends)


def read_markdown(text: str) -> list[list[str]]:
    """Cells of a Markdown table as GitHub's table extension splits them: at each ``|`` that no
    backslash escapes, a line per row (LF, CR or CR LF), then ``\\|`` and ``\\\\`` unescaped."""
    rows = []
    for line in re.split(r"\r\n|\r|\n", text.removesuffix("\n")):
        assert line.startswith("|") and line.endswith("|") and not line.endswith("\\|"), line
        cells = re.split(r"(?<!\\)\|", line[1:-1])
        rows.append([re.sub(r"\\([\\|])", r"\1", c.strip(MARKDOWN_SPACE)) for c in cells])
    return rows


def synth_module():
    """benchmarks/synth.py, the synthetic universe generator, as a module."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("synth", ROOT / "benchmarks" / "synth.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def inject_faults(graph, unknown_term: bool = True) -> int:
    """One fault of each kind the shapes catch, injected into a synthetic universe (or a
    contribution) in place; the number of kinds. ``unknown_term=False`` leaves out the term the
    ontology does not define, which ``add`` refuses before validating."""
    from rdflib import BNode, Literal, Namespace, URIRef
    from rdflib.namespace import RDF, RDFS, XSD

    sg, base = Namespace("https://w3id.org/stagegraph/ns#"), "https://w3id.org/stagegraph/"

    def first(pattern):
        return sorted(graph.triples(pattern))[0]

    s, _, _ = first((None, sg.source, None))
    graph.remove((s, sg.source, None))  # a fact without a source
    match, _, winner = first((None, sg.winner, None))
    other = sorted(c for c in graph.subjects(RDF.type, sg.Contestant) if c != winner)[-1]
    graph.set((match, sg.winner, other))  # a winner who is not a contestant
    bonds = sorted(graph.subjects(sg.bondType, None))
    graph.set((bonds[0], sg.bondType, URIRef(base + "vocab/nature/romantic")))  # a bond type from the wrong scheme
    if unknown_term:
        graph.set((bonds[-1], sg.bondType, URIRef(base + "vocab/bondtype/telepathic")))  # an unknown bond type
    character = sorted(graph.subjects(RDF.type, sg.Contestant))[3]
    graph.add((character, sg.birthday, Literal("--02-30", datatype=XSD.gMonthDay)))  # a day that does not exist
    song, _, _ = first((None, RDF.type, sg.Song))
    graph.set((song, sg.released, Literal("2022-13-45", datatype=XSD.date)))  # a bad date
    fate, _, _ = first((None, sg.fateStatus, URIRef(base + "vocab/status/died")))
    series = graph.value(graph.value(fate, sg.inEpisode), sg.partOfSeries)
    opening = min((graph.value(e, sg.order), e) for e in graph.subjects(sg.partOfSeries, series))[1]
    graph.set((fate, sg.inEpisode, opening))  # a dead contestant who competes later
    graph.set((character, sg.age, Literal("17")))  # a number in quotes
    graph.add((character, RDFS.label, Literal("Untagged")))  # a label without a language
    slot, _, _ = first((None, sg.position, None))
    graph.set((slot, sg.position, Literal(3)))  # a position that is not 1 or 2
    blank = BNode()
    graph.add((blank, RDF.type, sg.Place))
    graph.add((blank, RDFS.label, Literal("Nowhere", lang="en")))  # an entity that is a blank node
    return 10 + unknown_term


def differing(left: Path, right: Path) -> list[str]:
    """Files that differ between two folders or exist in one only, recursively (empty: the same)."""
    found, stack = [], [filecmp.dircmp(left, right)]
    while stack:
        here = stack.pop()
        found += [str(Path(here.left) / name) for name in here.left_only + here.right_only + here.diff_files]
        stack += here.subdirs.values()
    return found


# A contribution several test files add: one valid bond, and the same bond without its source.
CONTRIBUTION_PREFIXES = """@prefix sg: <https://w3id.org/stagegraph/ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix character: <https://w3id.org/stagegraph/character/> .
@prefix bond: <https://w3id.org/stagegraph/bond/> .
@prefix source: <https://w3id.org/stagegraph/source/> .
@prefix bondtype: <https://w3id.org/stagegraph/vocab/bondtype/> .
@prefix nature: <https://w3id.org/stagegraph/vocab/nature/> .
@prefix canon: <https://w3id.org/stagegraph/vocab/canon/> .
@prefix confidence: <https://w3id.org/stagegraph/vocab/confidence/> .
"""
IVAN_SUA_BOND = (
    CONTRIBUTION_PREFIXES
    + """
bond:ivan-sua-rivalry
    a sg:Bond ;
    rdfs:label "Ivan → Sua (rivalry, one-sided)"@en ;
    sg:from character:ivan ;
    sg:to character:sua ;
    sg:bondType bondtype:one-sided ;
    sg:nature nature:rivalry ;
    sg:canonStatus canon:fan-interpretation ;
    sg:confidence confidence:single-source ;
    sg:revealUnknown true ;
    sg:source source:ship-hl .
"""
)
UNSOURCED_BOND = IVAN_SUA_BOND.replace(
    "    sg:source source:ship-hl .", "    sg:canonStatus canon:fan-interpretation ."
)
