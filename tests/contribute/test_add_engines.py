"""``add --engine fast`` (the merged data validated set-at-a-time, contribute/fastcheck.py) gives
exactly what ``add --engine pyshacl`` gives: the same report lines, exit code and message on a
refusal (and no file changed), the same files written on an acceptance."""

from __future__ import annotations

import hashlib
import re

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from test_contribute import cli, contribution, copy_data

from helpers import inject_faults, synth_module
from stagegraph.contribute.fastcheck import FAST_TRIPLES, choose_engine

SG = Namespace("https://w3id.org/stagegraph/ns#")
BASE = "https://w3id.org/stagegraph/"
# A blank node's label differs from run to run: rdflib's N + 32 hex digits, Oxigraph's up to 32
# hex digits (a number written without leading zeros: 31 or fewer about one time in sixteen).
BLANK = re.compile(r"_:\S+|\b(N?[0-9a-f]{24,32})\b")

pytestmark = pytest.mark.usefixtures("bundled_files_untouched")


@pytest.fixture(scope="module")
def clean():
    """A contribution of 40 new characters (with their seasons, matches, songs, bonds), as a graph."""
    text, _ = synth_module().contribution(40, seed=3, tag="engines")
    graph = Graph()
    graph.parse(data=text, format="turtle")
    return graph


def _faulty(clean: Graph) -> Graph:
    graph = Graph()
    graph += clean
    inject_faults(graph, unknown_term=False)
    return graph


def _digest(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.ttl"))}


def _add(tmp_path, engine: str, graph: Graph):
    folder = copy_data(tmp_path / engine)
    before = _digest(folder)
    path = contribution(tmp_path, graph.serialize(format="turtle"), "contribution.ttl")
    result = cli("--data", str(folder), "add", "--engine", engine, str(path))
    lines = sorted(BLANK.sub("_:b", line).replace(str(folder), "DATA") for line in result.output.splitlines())
    return result.exit_code, lines, before, _digest(folder), folder


@pytest.mark.slow  # over 3 s here (make test-fast --durations)
def test_the_fast_engine_refuses_a_faulty_contribution_with_the_report_pyshacl_gives(tmp_path, clean):
    faulty = _faulty(clean)
    code, lines, before, after, _ = _add(tmp_path, "pyshacl", faulty)
    fast_code, fast_lines, fast_before, fast_after, _ = _add(tmp_path, "fast", faulty)
    assert (fast_code, fast_lines) == (code, lines)
    assert code == 1 and any("nothing was written" in line for line in lines)
    assert sum(line.startswith("[VIOLATION]") for line in lines) >= 8
    assert after == before and fast_after == fast_before


@pytest.mark.slow  # over 3 s here (make test-fast --durations)
def test_the_fast_engine_refuses_a_change_to_existing_entities_as_pyshacl_does(tmp_path, clean):
    faulty = Graph()
    faulty += clean
    faulty.add((URIRef(BASE + "character/luka"), SG.age, Literal("seventeen")))  # checked against everything
    code, lines, before, after, _ = _add(tmp_path, "pyshacl", faulty)
    fast_code, fast_lines, fast_before, fast_after, _ = _add(tmp_path, "fast", faulty)
    assert (fast_code, fast_lines) == (code, lines)
    assert code == 1 and any("character/luka" in line or "character:luka" in line for line in lines)
    assert after == before and fast_after == fast_before


@pytest.mark.slow  # over 3 s here (make test-fast --durations)
def test_the_fast_engine_accepts_a_clean_contribution_and_writes_what_pyshacl_writes(tmp_path, clean):
    code, lines, before, after, folder = _add(tmp_path, "pyshacl", clean)
    fast_code, fast_lines, _, fast_after, fast_folder = _add(tmp_path, "fast", clean)
    assert code == fast_code == 0
    assert fast_lines == lines
    assert fast_after == after != before
    assert cli("--data", str(fast_folder), "validate").exit_code == 0


def test_auto_takes_the_fast_engine_for_a_contribution_large_beside_the_data():
    assert choose_engine("auto", FAST_TRIPLES + 1, 20 * (FAST_TRIPLES + 1)) == "fast"
    assert choose_engine("auto", FAST_TRIPLES, 1000) == "pyshacl"  # small: pySHACL's neighbourhood is quick
    assert choose_engine("auto", 50_000, 2_000_000) == "pyshacl"  # the data dwarfs it: the whole would cost more
    assert choose_engine("pyshacl", 10**6, 0) == "pyshacl"
    assert choose_engine("fast", 1, 10**6) == "fast"
