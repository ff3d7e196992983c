"""The synthetic universe of the benchmark (benchmarks/synth.py): valid, deterministic, linear.

Timings are never asserted here; they live in the benchmark (make bench).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from helpers import ROOT, synth_module

SYNTH = ROOT / "benchmarks" / "synth.py"
SG = "https://w3id.org/stagegraph/ns#"
VOCAB = "https://w3id.org/stagegraph/vocab/"


synth = synth_module()


def generate(out: Path, characters: int, seed: int = 0) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SYNTH), "--characters", str(characters), "--out", str(out), "--seed", str(seed)],
        capture_output=True,
        text=True,
        check=False,
    )


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
    for value in (
        "bondtype/mutual",
        "bondtype/one-sided",
        "bondtype/directed",
        "nature/romantic",
        "nature/platonic",
        "nature/family",
        "nature/rivalry",
        "nature/guardianship",
        "nature/protective",
        "nature/antagonistic",
        "outcome/died",
        "role/vocalist",
    ):
        assert VOCAB + value in used, value
    character = URIRef("https://w3id.org/stagegraph/character/" + synth.character_slug(0))
    assert {
        label.language for label in graph.objects(character, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))
    } == {"en", "ko", "ja"}
    assert len(set(graph.subjects(URIRef(SG + "winner"), None))) == 7 * synth.Universe(40).seasons


def test_refuses_fewer_than_one_season(tmp_path):
    done = generate(tmp_path / "tiny", 3)
    assert done.returncode == 2
    assert "8 or more" in done.stderr
    assert not (tmp_path / "tiny").exists()


# -- the canary universe (--canary): the spoiler tests' universe (tests/spoilers/) -------------------------

RDF_TYPE = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
CANARY_MARKER = re.compile(synth.MARKER_PATTERN, re.I)


@pytest.fixture(scope="module")
def canary(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("synth") / "canary"
    done = subprocess.run(
        [sys.executable, str(SYNTH), "--canary", "--characters", "20", "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return out


def markers(term) -> set[int]:
    """The orders named by the markers in a term (``synth.UNKNOWN`` for the unknown one)."""
    return {synth.UNKNOWN if m.lower() == "qzkunkqz" else int(m[3:5]) for m in CANARY_MARKER.findall(str(term))}


def test_the_canary_universe_validates(canary, run):
    assert sorted(p.name for p in canary.iterdir()) == sorted(synth.FILES)
    result = run("--data", str(canary), "validate")
    assert result.exit_code == 0, result.output


def test_the_canary_is_deterministic_and_apart_from_the_plain_universe(canary, tmp_path):
    again, _, _ = synth.canary(20)
    for name in synth.FILES:
        assert (canary / name).read_text(encoding="utf-8") == again[name], name
    plain, _ = synth.generate(40)
    assert not any(CANARY_MARKER.search(text) for text in plain.values())
    done = subprocess.run(
        [sys.executable, str(SYNTH), "--canary", "--characters", "12", "--out", str(tmp_path / "c")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2 and "--canary needs" in done.stderr
    assert not (tmp_path / "c").exists()


def test_every_marker_is_where_the_fact_is_revealed(canary):
    """Each fact carries the marker of the order of the episode that reveals it, in its IRI and in
    every string it holds; a character the marker of its first revealing fact; real-world things and
    episodes' own names none; a source the latest of the facts citing it. Worked out here from
    the RDF, not from the generator's plan."""
    graph = parse(canary)
    sg = lambda name: URIRef(SG + name)  # noqa: E731
    order = {e: int(o) for e, o in graph.subject_objects(sg("order"))}
    unknown = {s for s, o in graph.subject_objects(sg("revealUnknown")) if o.toPython() is True}

    def revealed(node) -> int:
        for prop in ("revealedIn", "episode", "performedIn"):
            episode = graph.value(node, sg(prop))
            if episode is not None:
                return order[episode]
        match = graph.value(None, sg("slot"), node)
        if match is not None:
            return order[graph.value(match, sg("episode"))]
        assert node in unknown, node
        return synth.UNKNOWN

    real_world = {
        s for cls in ("Person", "Organization", "Credit", "Series") for s in graph.subjects(RDF_TYPE, sg(cls))
    }
    episodes = set(graph.subjects(RDF_TYPE, sg("Episode")))
    sources = set(graph.subjects(RDF_TYPE, sg("Source")))
    characters = {s for s, o in graph.subject_objects(RDF_TYPE) if str(o).endswith(("Contestant", "Human", "Alien"))}
    facts = set(graph.subjects()) - real_world - episodes - sources - characters
    seen: set[int] = set()
    first: dict = {}
    for fact in facts:
        k = revealed(fact)
        seen.add(k)
        assert k in markers(fact), fact
        for _, p, o in graph.triples((fact, None, None)):
            if isinstance(o, Literal) and isinstance(o.value, str):
                assert markers(o) and max(markers(o), key=lambda m: m if m >= 0 else 99) >= k, (fact, p, o)
            if o in characters and p in (sg("from"), sg("to"), sg("contestant"), sg("fateOf"), sg("performedBy")):
                first[o] = min(first.get(o, 99), 99 if k == synth.UNKNOWN else k)
    assert seen == {synth.UNKNOWN, *synth.canary_orders()}
    for character in characters:  # one marker, its first revealing fact's, in its IRI and every name
        expected = {synth.UNKNOWN if first[character] == 99 else first[character]}
        assert markers(character) == expected, character
        for prop in ("http://www.w3.org/2000/01/rdf-schema#label", "http://www.w3.org/2004/02/skos/core#altLabel"):
            for name in graph.objects(character, URIRef(prop)):
                assert markers(name) == expected, (character, name)
    for thing in real_world | episodes:  # no marker in their IRIs and names; an episode's note and sources have
        assert not markers(thing), thing
        for _, p, o in graph.triples((thing, None, None)):
            story = p in (sg("asCharacter"), sg("creditFor")) or (thing in episodes and p in (sg("note"), sg("source")))
            assert story or not markers(o), (thing, p, o)
    for source in sources:  # the latest order citing it, in its IRI, title and URL
        citing = set()
        for s in graph.subjects(sg("source"), source):
            if s in episodes:
                citing.add(order[s])
            elif s in characters:
                citing.add(synth.UNKNOWN if first[s] == 99 else first[s])
            elif s not in real_world:
                citing.add(revealed(s))
        terms = (
            source,
            graph.value(source, URIRef("http://www.w3.org/2000/01/rdf-schema#label")),
            graph.value(source, sg("url")),
        )
        if graph.value(source, sg("spoilerFree")) is not None or not citing:
            assert not any(markers(term) for term in terms), source
            continue
        latest = synth.UNKNOWN if synth.UNKNOWN in citing else max(citing)
        for term in terms:
            assert markers(term) == {latest}, (source, term, citing)
    # what the spoiler tests count on finding
    late_notes = [
        s
        for s in graph.subjects(sg("statementProperty"), sg("note"))
        if (graph.value(s, sg("statementSubject")), RDF_TYPE, sg("Bond")) in graph
        and revealed(s) > revealed(graph.value(s, sg("statementSubject")))
    ]
    assert late_notes, "a bond's note revealed later than the bond"
    assert any(len({revealed(s) for s in graph.subjects(sg("source"), src) if s in facts}) > 1 for src in sources)
    assert any(graph.value(src, sg("spoilerFree")) is not None for src in sources)
    assert any(graph.value(c, sg("asCharacter")) is not None for c in real_world)
    assert any(p == sg("seasonWins") for p in graph.objects(None, sg("statementProperty")))
