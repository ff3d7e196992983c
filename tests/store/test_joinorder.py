"""rdflib evaluates basic graph patterns along the variables while stagegraph runs a query."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef, Variable
from rdflib.plugins.sparql import CUSTOM_EVALS

from stagegraph.query.library import library
from stagegraph.store.joinorder import join_order, reorder

SG = "https://w3id.org/stagegraph/ns#"
V = Variable


def p(name):
    return URIRef(SG + name)


def test_two_chains_of_the_same_shape_are_joined_not_crossed():
    patterns = [
        (V("slot1"), p("position"), Literal(1)),
        (V("slot2"), p("position"), Literal(2)),
        (V("match"), p("slot"), V("slot1")),
        (V("match"), p("slot"), V("slot2")),
        (V("match"), p("episode"), V("e")),
    ]
    order = reorder(patterns, {V("match")})
    assert order[0][0] == V("match")
    for i, pattern in enumerate(order[1:], 1):  # every pattern shares a variable with those before it
        before = {t for q in order[:i] for t in q if isinstance(t, Variable)} | {V("match")}
        assert any(t in before for t in pattern if isinstance(t, Variable))


def test_without_bound_variables_the_most_selective_pattern_comes_first():
    patterns = [(V("b"), p("from"), V("a")), (V("b"), p("bondType"), URIRef(SG + "x"))]
    assert reorder(patterns)[0] == patterns[1]


@pytest.mark.parametrize("name", sorted(library()))
def test_every_library_query_gives_the_same_rows_in_either_order(universe, name):
    from test_store import PARAMS

    from stagegraph.query.library import load as load_query
    from stagegraph.query.run import bindings_for
    from stagegraph.store.guard import check

    named = load_query(name)
    query = check(named.text)
    bound = {Variable(k): v for k, v in bindings_for(universe, named, PARAMS.get(name, {}), "en").items()}
    plain = sorted(map(tuple, universe.graph.query(query, initBindings=bound)), key=str)
    with join_order():
        ordered = sorted(map(tuple, universe.graph.query(query, initBindings=bound)), key=str)
    assert ordered == plain
    assert "stagegraph-join-order" not in CUSTOM_EVALS  # the hook is gone again


def test_the_pattern_matching_fewest_triples_runs_first():
    from rdflib import Graph

    graph = Graph()
    common, rare = URIRef("http://e/common"), URIRef("http://e/rare")
    for n in range(300):
        statement = URIRef(f"http://e/s{n}")
        graph.add((statement, p("statementProperty"), common))
        graph.add((statement, p("statementSubject"), URIRef(f"http://e/c{n % 100}")))
    graph.add((URIRef("http://e/s0"), p("statementSubject"), rare))
    query = f"""SELECT ?s WHERE {{ ?s <{SG}statementProperty> ?prop ; <{SG}statementSubject> ?who }}"""
    calls = []
    original = Graph.triples

    def counting(self, pattern):
        calls.append(pattern)
        return original(self, pattern)

    Graph.triples = counting
    try:
        with join_order():
            rows = list(graph.query(query, initBindings={"prop": common, "who": rare}))
    finally:
        Graph.triples = original
    assert [tuple(r) for r in rows] == [(URIRef("http://e/s0"),)]
    assert len(calls) < 5  # from the one rare subject, not from the 300 statements of the common property
