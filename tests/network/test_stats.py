"""`stagegraph stats` counts (network/stats.py): the same numbers and order whatever order the
graph yields its triples in (a graph read from a server comes in the server's order)."""

from __future__ import annotations

from rdflib import Graph, Namespace, URIRef

from stagegraph.network import stats

SG = Namespace("https://w3id.org/stagegraph/ns#")
SOURCE = "https://w3id.org/stagegraph/source/"


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
