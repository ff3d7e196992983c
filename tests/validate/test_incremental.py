"""Incremental validation (add) finds exactly what a full validation finds, for every kind of mistake.

Each fixture of the shapes suite is a contribution to the valid tiny universe: validating
only its neighbourhood must give the same results as validating the whole merged graph.
"""

from __future__ import annotations

import pytest

from helpers import TESTS, synth_module
from stagegraph.rdf.load import parse_file
from stagegraph.universe import Universe
from stagegraph.validate.neighbourhood import GraphSource, neighbourhood, validate_around

SHAPES = TESTS / "shapes"
FIXTURES = sorted(p for p in SHAPES.glob("*/*.ttl"))


@pytest.fixture(scope="module")
def tiny():
    universe = Universe(data_paths=(SHAPES / "base.ttl",))
    universe.schema  # noqa: B018  (the property parses the schema once, for the whole module)
    return universe, parse_file(SHAPES / "base.ttl")


@pytest.fixture(scope="module")
def validated_neighbourhoods():
    """The reports of ``validate_around`` by the neighbourhood they validated (its triples, the
    nodes near the contribution, the contribution): pySHACL runs once per neighbourhood, not once
    per way of reading it. The second test reads the neighbourhood from the store, and only a
    neighbourhood identical triple for triple to the one the first test validated takes its report."""
    return {}


def neighbourhood_key(around, contribution) -> tuple:
    local, near, _ = around
    return frozenset(local), frozenset(near), frozenset(contribution)


def key(result):
    """A result without its blank node labels (pySHACL names blank nodes anew on each run)."""
    focus = result.focus if result.focus.startswith(("http://", "https://")) else "_:blank"
    return (focus, result.shape, result.path, result.message)


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f"{p.parent.name}/{p.stem}" for p in FIXTURES])
def test_incremental_finds_what_full_validation_finds(tiny, fixture, shape_reference, validated_neighbourhoods):
    universe, base = tiny
    contribution = parse_file(fixture)
    merged = base + contribution
    full = shape_reference(fixture)
    around = validate_around(universe, GraphSource(merged), contribution, {})
    validated_neighbourhoods[neighbourhood_key(neighbourhood(GraphSource(merged), contribution), contribution)] = around
    assert {key(r) for r in around.results} == {key(r) for r in full.results}
    assert around.conforms == full.conforms


@pytest.fixture(scope="module")
def tiny_store(tiny, tmp_path_factory):
    from stagegraph.store.oxigraph import OxigraphStore

    universe, _ = tiny
    files = [SHAPES / "base.ttl", *universe.ontology.files]
    return OxigraphStore(files, cache=tmp_path_factory.mktemp("stores"))


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f"{p.parent.name}/{p.stem}" for p in FIXTURES])
def test_the_neighbourhood_read_from_the_store_finds_the_same(
    tiny, tiny_store, fixture, shape_reference, validated_neighbourhoods
):
    """What add uses on large universes: the data's Oxigraph store plus the contribution."""
    from stagegraph.validate.neighbourhood import MergedSource

    universe, _ = tiny
    contribution = parse_file(fixture)
    full = shape_reference(fixture)
    read = neighbourhood(MergedSource(tiny_store, contribution), contribution)
    around = validated_neighbourhoods.get(neighbourhood_key(read, contribution))
    if around is None:  # not the neighbourhood the graph gave (or that test did not run): validated here
        around = validate_around(universe, MergedSource(tiny_store, contribution), contribution, {}, around=read)
    assert {key(r) for r in around.results} == {key(r) for r in full.results}


def test_neighbourhood_is_smaller_than_the_graph(universe):
    """On the bundled graph, one new bond pulls in its surroundings, not everything."""
    from rdflib import Graph, URIRef

    from stagegraph.rdf.namespaces import SG

    bond = URIRef("https://w3id.org/stagegraph/bond/new-one")
    contribution = Graph()
    contribution.add((bond, SG["from"], URIRef("https://w3id.org/stagegraph/character/acorn")))
    local, near, _ = neighbourhood(GraphSource(universe.data.graph), contribution)
    assert bond in near
    assert 0 < len(local) < len(universe.data.graph)


def _comparisons_per_triple(tmp_path, characters: int) -> float:
    """rdflib term comparisons made by ``add`` of a synthetic contribution, per triple added."""
    import shutil

    from rdflib.term import Identifier

    from stagegraph import bundle
    from stagegraph.contribute.add import add

    folder = tmp_path / f"data-{characters}"
    shutil.copytree(bundle.data_dir(), folder)
    text, triples = synth_module().contribution(characters)
    original, calls = Identifier.__eq__, [0]

    def counted(self, other):
        calls[0] += 1
        return original(self, other)

    Identifier.__eq__ = counted
    try:
        result = add(Universe(data_paths=(folder,)), None, text, dry_run=True)
    finally:
        Identifier.__eq__ = original
    assert result.added == triples
    return calls[0] / triples


@pytest.mark.slow  # over 3 s here (make test-fast --durations)
def test_the_work_of_add_grows_linearly_with_the_contribution(tmp_path):
    """pySHACL tested each node a shape targets against the list of focus nodes (``in`` a
    list): four times the contribution made about 1.5 times the comparisons per triple,
    and a 10 MB contribution never finished. Counted, not timed."""
    small, large = (_comparisons_per_triple(tmp_path, n) for n in (16, 64))
    assert large <= small * 1.1, (small, large)
