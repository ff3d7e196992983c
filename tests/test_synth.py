"""The synthetic universe of the benchmark (benchmarks/synth.py): valid, deterministic, linear.

Timings are never asserted here; they live in the benchmark (make bench).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from helpers import ROOT, synth_module

SYNTH = ROOT / "benchmarks" / "synth.py"
SG = "https://w3id.org/stagegraph/ns#"
VOCAB = "https://w3id.org/stagegraph/vocab/"


synth = synth_module()


def generate(out: Path, characters: int, seed: int = 0) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SYNTH), "--characters", str(characters), "--out", str(out),
                           "--seed", str(seed)], capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("synth") / "universe"
    done = generate(out, 40)
    assert done.returncode == 0, done.stderr
    return out


def parse(folder: Path) -> Graph:
    graph = Graph()
    for path in sorted(folder.glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph


def test_writes_the_topic_files_and_prints_the_triple_count(small, tmp_path):
    assert sorted(p.name for p in small.iterdir()) == sorted(synth.FILES)
    done = generate(tmp_path / "again", 40)
    printed = int(re.match(r"(\d+) triples", done.stdout).group(1))
    assert printed == len(parse(small))


def test_the_small_universe_validates(small, run):
    result = run("--data", str(small), "validate")
    assert result.exit_code == 0, result.output
    assert "No issues found" in result.output


def test_same_seed_same_bytes(small, tmp_path):
    assert generate(tmp_path / "same", 40).returncode == 0
    for name in synth.FILES:
        assert (tmp_path / "same" / name).read_bytes() == (small / name).read_bytes(), name
    assert generate(tmp_path / "other", 40, seed=1).returncode == 0
    assert any((tmp_path / "other" / n).read_bytes() != (small / n).read_bytes() for n in synth.FILES)


def test_size_grows_linearly_with_the_characters():
    _, n = synth.generate(40)
    _, two_n = synth.generate(80)
    _, four_n = synth.generate(160)
    assert 1.8 < two_n / n < 2.2
    assert 1.8 < four_n / two_n < 2.2
    per = four_n / 160
    assert 0.8 * synth.TRIPLES_PER_CHARACTER < per < 1.2 * synth.TRIPLES_PER_CHARACTER


def test_it_holds_what_the_benchmark_queries(small):
    graph = parse(small)
    one_sided = URIRef(VOCAB + "bondtype/one-sided")
    romantic = URIRef(VOCAB + "nature/romantic")
    edges = {}
    for bond in graph.subjects(URIRef(SG + "bondType"), one_sided):
        pair = (graph.value(bond, URIRef(SG + "from")), graph.value(bond, URIRef(SG + "to")))
        edges.setdefault(graph.value(bond, URIRef(SG + "nature")), set()).add(pair)
    # chains of one-sided romantic feeling, two links or more
    loves = dict(edges[romantic])
    assert any(target in loves for target in loves.values())
    # never two opposite one-sided bonds of one nature between one pair
    for pairs in edges.values():
        assert not any((b, a) in pairs for a, b in pairs)
    # every bond type and nature, three languages of names, matches and credits
    used = {str(o) for o in graph.objects()}
    for value in ("bondtype/mutual", "bondtype/one-sided", "bondtype/directed", "nature/romantic", "nature/platonic",
                  "nature/family", "nature/rivalry", "nature/guardianship", "nature/protective",
                  "nature/antagonistic", "outcome/died", "role/vocalist"):
        assert VOCAB + value in used, value
    character = URIRef("https://w3id.org/stagegraph/character/" + synth.character_slug(0))
    assert {label.language
            for label in graph.objects(character, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))} \
        == {"en", "ko", "ja"}
    assert len(set(graph.subjects(URIRef(SG + "winner"), None))) == 7 * synth.Universe(40).seasons


def test_refuses_fewer_than_one_season(tmp_path):
    done = generate(tmp_path / "tiny", 3)
    assert done.returncode == 2
    assert "8 or more" in done.stderr
    assert not (tmp_path / "tiny").exists()
