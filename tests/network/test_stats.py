"""`stagegraph stats` counts (network/stats.py): the same numbers and order whatever order the
graph yields its triples in (a graph read from a server comes in the server's order)."""

from __future__ import annotations

from itertools import permutations

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from stagegraph.network import stats

SG = Namespace("https://w3id.org/stagegraph/ns#")
SOURCE = "https://w3id.org/stagegraph/source/"
MUTUAL = URIRef("https://example.org/vocab/mutual")


def test_most_cited_sources_tied_on_citations_come_in_name_order_whatever_the_graph_order(universe):
    names = [f"s{i}" for i in range(8)]  # eight sources cited twice each: more ties than the top five
    orders = []
    for order in (names, names[::-1]):
        graph = Graph()
        for name in order:
            for fact in ("a", "b"):
                graph.add((URIRef(f"https://example.org/fact/{name}-{fact}"), SG.source, URIRef(SOURCE + name)))
        orders.append(stats.compute(graph, universe.ontology.graph)["sources"]["most cited"])
    assert orders[0] == orders[1]
    assert list(orders[0]) == [f"source:s{i}" for i in range(5)]


def test_classes_and_concepts_are_counted_under_their_english_label_whatever_the_label_order():
    """A term has a label in each site language; stats, which has no --lang, names it in English
    in whichever order the ontology yields its labels."""
    labels = (Literal("character", lang="en"), Literal("캐릭터", lang="ko"), Literal("キャラクター", lang="ja"))
    concept = (Literal("mutual", lang="en"), Literal("서로", lang="ko"), Literal("相互", lang="ja"))
    data = Graph()
    data.add((URIRef("https://example.org/c"), RDF.type, SG.Character))
    data.add((URIRef("https://example.org/b"), RDF.type, SG.Bond))
    data.add((URIRef("https://example.org/b"), SG.bondType, MUTUAL))
    for order in permutations(range(3)):
        ontology = Graph()
        ontology.add((SG.Character, RDF.type, OWL.Class))
        for i in order:
            ontology.add((SG.Character, RDFS.label, labels[i]))
            ontology.add((MUTUAL, RDFS.label, concept[i]))
        counts = stats.compute(data, ontology)
        assert counts["entities"] == {"character": 1}, order
        assert counts["bonds"]["by type"] == {"mutual": 1}, order
