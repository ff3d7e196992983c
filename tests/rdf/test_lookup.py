"""The Lookup (rdf/lookup.py) answers as an rdflib Graph on the SimpleMemory store does: the same
terms in the same order for every pattern, so that the page drawn from it is the same file."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from stagegraph.errors import InputError
from stagegraph.page.write import drawing_graph, write_page
from stagegraph.rdf.load import data_files, read_text
from stagegraph.rdf.lookup import Lookup, read
from stagegraph.rdf.oxigraph_terms import read_triples
from stagegraph.universe import Universe

EX = "http://example.org/"


def both(triples) -> tuple[Graph, Lookup]:
    graph = Graph(store="SimpleMemory")
    graph.addN((s, p, o, graph) for s, p, o in triples)
    return graph, Lookup(triples)


def bundled_triples(universe) -> list:
    triples = []
    for path in data_files(universe.data_paths):
        triples += read_triples(read_text(path), "turtle", path.resolve().as_uri())[0]
    return triples + list(universe.ontology.graph)


def patterns(triples) -> list[tuple]:
    """Every shape of pattern, over a spread of the triples' own terms and one term of none."""
    found, absent = [(None, None, None)], URIRef(EX + "absent")
    for s, p, o in triples[::7]:
        found += [
            (s, None, None),
            (None, p, None),
            (None, None, o),
            (s, p, None),
            (None, p, o),
            (s, None, o),
            (s, p, o),
            (absent, p, None),
            (None, absent, o),
            (s, p, absent),
        ]
    return found


@pytest.mark.slow  # over 3 s here (make test-fast --durations)
def test_lookup_answers_every_pattern_as_rdflib_in_the_same_order(universe):
    triples = bundled_triples(universe)
    graph, lookup = both(triples)
    assert len(lookup) == len(graph)
    for pattern in patterns(triples):
        assert list(lookup.triples(pattern)) == list(graph.triples(pattern)), pattern
        s, p, o = pattern
        assert list(lookup.subjects(p, o)) == list(graph.subjects(p, o)), pattern
        assert list(lookup.objects(s, p, unique=True)) == list(graph.objects(s, p, unique=True)), pattern
        if pattern.count(None) == 1:  # what Graph.value answers (it fails with none left open)
            assert lookup.value(s, p, o) == graph.value(s, p, o), pattern
        assert (pattern in lookup) == (pattern in graph), pattern


def test_lookup_keeps_insertion_order_in_each_index():
    # The object index in insertion order, not in subject order: b reaches o before a does.
    a, b, p, q, o = (URIRef(EX + n) for n in "abpqo")
    triples = [
        (a, p, Literal("1")),
        (b, p, o),
        (a, q, o),
        (a, p, Literal("1")),
        (b, RDFS.label, Literal("x", lang="ko")),
        (b, RDFS.label, Literal("x", lang="en")),
        (a, RDF.type, o),
    ]
    graph, lookup = both(triples)
    assert list(lookup) == list(graph)
    for pattern in [(None, None, o), (None, p, None), (a, None, None), (None, RDFS.label, None)]:
        assert list(lookup.triples(pattern)) == list(graph.triples(pattern)), pattern
    assert lookup.value(predicate=p, object=o) == b
    assert lookup.value(None, RDFS.label) is None  # two terms left open: rdflib gives None too


def test_graph_page_from_lookup_is_the_page_from_rdflib(universe, tmp_path):
    """The page is byte-identical whether drawn from the Lookup or from rdflib's graph."""
    for options in ({}, {"lang": "ko"}, {"as_of": "round-3"}, {"view": "bonds", "lang": "ja"}):
        fast, slow = Universe(), Universe()
        vars(slow)["graph"] = Graph(store="SimpleMemory")
        vars(slow)["graph"].addN((s, p, o, vars(slow)["graph"]) for s, p, o in bundled_triples(universe))
        assert isinstance(drawing_graph(fast), Lookup)
        one = write_page(fast, tmp_path / "fast.html", **options).read_bytes()
        other = write_page(slow, tmp_path / "slow.html", **options).read_bytes()
        assert one == other, options


def test_lookup_refuses_bad_turtle_naming_path_and_line(tmp_path):
    path = tmp_path / "bad.ttl"
    path.write_text(f'<{EX}a> <{EX}b> "c" .\n<{EX}a> <{EX}b> "unterminated .\n', encoding="utf-8")
    with pytest.raises(InputError) as err:
        read([tmp_path])
    assert (err.value.path, err.value.line) == (str(path), 2)


def test_lookup_keeps_language_tags_as_written(tmp_path):
    # One tag written in two cases: Oxigraph lowercases it, so rdflib reads the text again.
    (tmp_path / "tags.ttl").write_text(f'<{EX}a> <{EX}b> "x"@en-GB, "y"@en-gb .\n', encoding="utf-8")
    assert sorted(o.language for o in read([tmp_path]).objects(URIRef(EX + "a"), URIRef(EX + "b"))) == [
        "en-GB",
        "en-gb",
    ]
