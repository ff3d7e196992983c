"""The site's one-pass lookups (site/memo.py) answer what the graph answers, so a page built
from the index says what the `show` card says."""

from __future__ import annotations

import pytest

from stagegraph.network import card
from stagegraph.network import graph as network
from stagegraph.site import memo


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_page_attributes_equal_the_cards_attributes(universe, lang):
    properties = card.attribute_properties(universe)
    memo.fresh_index(universe.graph)
    listed = 0
    for character in sorted(network.characters(universe.graph, universe.ontology.graph)):
        expected = [
            (a["label"], a["value"], [s["statement"] for s in a["statements"]])
            for a in card.attributes(universe, character, lang)
        ]
        found = [
            (name, value, [str(s) for s in statements])
            for name, value, statements in memo.attributes(universe.graph, character, properties, lang)
        ]
        assert found == expected, character
        listed += len(found)
    assert listed > 10


def _two_statements(graph_text: str = ""):
    """Two statements alike but for their source (each fact's sources are remembered per build)."""
    from rdflib import Graph

    graph = Graph()
    graph.parse(
        data="""
        @prefix sg: <https://w3id.org/stagegraph/ns#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        <https://w3id.org/stagegraph/source/a> rdfs:label "Same title" ; sg:url "https://a.example/" .
        <https://w3id.org/stagegraph/source/b> rdfs:label "Same title" .
        <https://w3id.org/stagegraph/statement/one> sg:note "alike" ; sg:source <https://w3id.org/stagegraph/source/a> .
        <https://w3id.org/stagegraph/statement/two> sg:note "alike" ; sg:source <https://w3id.org/stagegraph/source/b> .
    """
        + graph_text,
        format="turtle",
    )
    return graph


def test_statements_that_differ_only_in_their_source_each_list_their_own():
    from rdflib import URIRef

    graph = _two_statements()
    memo.fresh_index(graph)
    one = memo.sources(graph, URIRef("https://w3id.org/stagegraph/statement/one"))
    two = memo.sources(graph, URIRef("https://w3id.org/stagegraph/statement/two"))
    assert [(s["iri"], s["url"]) for s in one] == [("https://w3id.org/stagegraph/source/a", "https://a.example/")]
    assert [(s["iri"], s["url"]) for s in two] == [("https://w3id.org/stagegraph/source/b", "")]


def test_a_source_added_between_builds_is_listed_by_the_next_build():
    from rdflib import URIRef
    from rdflib.namespace import Namespace

    graph = _two_statements()
    one = URIRef("https://w3id.org/stagegraph/statement/one")
    memo.fresh_index(graph)
    assert len(memo.sources(graph, one)) == 1
    graph.add(
        (one, Namespace("https://w3id.org/stagegraph/ns#").source, URIRef("https://w3id.org/stagegraph/source/b"))
    )
    memo.fresh_index(graph)  # what build_site does first
    assert [s["iri"] for s in memo.sources(graph, one)] == [
        "https://w3id.org/stagegraph/source/a",
        "https://w3id.org/stagegraph/source/b",
    ]


def test_sources_equal_the_graphs_answer_for_every_fact(universe):
    from rdflib.namespace import RDF

    memo.fresh_index(universe.graph)
    facts = set(universe.graph.subjects(RDF.type, None))
    checked = 0
    for fact in sorted(facts):
        expected = sorted(network.sources(universe.graph, fact), key=lambda s: (s["title"], s["iri"]))
        assert memo.sources(universe.graph, fact) == expected, fact
        checked += bool(expected)
    assert checked > 50
