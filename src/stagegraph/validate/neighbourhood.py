"""Validate a contribution against what it touches, not the whole graph.

Every SHACL rule of the project starts at a focus node and follows links from it (a match
to its slots to their contestants to their fates and episodes…). So the triples that can
decide whether the merged graph is valid around a contribution lie within a few links of
the nodes it mentions. We take that neighbourhood — ``REACH`` links out and in, through
entities only (not through sources, classes or controlled values, which everything cites)
— validate it with the full shapes, and keep the results about nodes near the
contribution: nodes at the edge of the neighbourhood lack their own neighbours, so their
results would not be trustworthy. A test checks that this finds what a full validation
finds, for every kind of mistake in the shapes' fixtures.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeAlias, cast

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.term import Identifier, Node

from ..rdf.namespaces import BASE, SAFE_IRI, SG
from ..rdf.oxigraph_terms import to_rdflib
from .report import Report

if TYPE_CHECKING:
    import pyoxigraph

    from ..store.oxigraph import OxigraphStore
    from .engine import Origin

REACH = 3  # links followed (out and in) from the contribution's nodes (the fixtures prove 3 suffices)
REPORT = 2  # results are kept for nodes within this many links
NOT_THROUGH = (BASE + "vocab/", BASE + "source/", str(SG))


Around: TypeAlias = tuple[Graph, set[Node], set[Node]]  # what ``neighbourhood`` returns


class Source(Protocol):
    """Where the triples around nodes come from (out-going, and with ``incoming`` in-coming)."""

    def around(self, nodes: Iterable[Node], incoming: bool = True) -> Graph: ...


class Validator(Protocol):
    """What ``validate_around`` asks of a universe: pySHACL with its ontology and shapes, at ``focus``."""

    def validate(self, data: _Loaded, *, focus: set[URIRef] | None = None) -> Report: ...


def walkable(node: Node) -> bool:
    return isinstance(node, URIRef) and str(node).startswith(BASE) and not str(node).startswith(NOT_THROUGH)


class GraphSource:
    """Triples around nodes, from an rdflib graph."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    def around(self, nodes: Iterable[Node], incoming: bool = True) -> Graph:
        found = Graph()
        for node in nodes:
            for triple in self.graph.triples((node, None, None)):
                found.add(triple)
            if incoming:
                for triple in self.graph.triples((None, None, node)):
                    if triple[1] != RDF.type:
                        found.add(triple)
        return found


class StoreSource:
    """Triples around nodes, from an Oxigraph store (for universes too large to parse)."""

    def __init__(self, store: OxigraphStore) -> None:
        self.store = store

    def around(self, nodes: Iterable[Node], incoming: bool = True) -> Graph:
        found = Graph()

        # Only IRIs that cannot end the <…> they are written in go into the query text. (The
        # nodes of rdflib graphs are identifiers, which sort.)
        ordered = sorted(cast("Iterable[Identifier]", nodes))
        values = " ".join(f"<{n}>" for n in ordered if isinstance(n, URIRef) and SAFE_IRI.match(str(n)))
        if not values:
            return found
        backwards = f"UNION {{ VALUES ?o {{ {values} }} ?s ?p ?o FILTER(?p != <{RDF.type}>) }}" if incoming else ""
        query = f"SELECT ?s ?p ?o WHERE {{ {{ VALUES ?s {{ {values} }} ?s ?p ?o }} {backwards} }}"
        for solution in cast("pyoxigraph.QuerySolutions", self.store.store.query(query)):
            found.add(tuple(to_rdflib(solution[v]) for v in ("s", "p", "o")))
        return found


class MergedSource:
    """Triples around nodes, from the data's Oxigraph store plus a contribution not yet in it."""

    def __init__(self, store: OxigraphStore, contribution: Graph) -> None:
        self.parts = (StoreSource(store), GraphSource(contribution))

    def around(self, nodes: Iterable[Node], incoming: bool = True) -> Graph:
        found = Graph()
        for part in self.parts:
            found += part.around(nodes, incoming)
        return found


def neighbourhood(source: Source, contribution: Graph) -> Around:
    """(triples within REACH links of the contribution, nodes within REPORT links, all nodes seen)."""
    start = {t for triple in contribution for t in (triple[0], triple[2]) if walkable(t)}
    start |= set(contribution.subjects())  # new sources, and blank nodes a contributor wrote
    seen, frontier, near = set(start), set(start), set(start)
    found = Graph()
    found += contribution
    for hop in range(1, REACH + 1):
        part = source.around(frontier)
        found += part
        nxt = {t for triple in part for t in (triple[0], triple[2]) if walkable(t)} - seen
        seen |= nxt
        if hop <= REPORT:
            near |= nxt
        frontier = nxt
        if not frontier:
            break
    # The last nodes reached, and every source cited, bring their own triples (types,
    # orders, labels, URLs), but are not walked through.
    cited = {o for o in found.objects() if isinstance(o, URIRef) and str(o).startswith(BASE + "source/")}
    found += source.around(frontier | cited, incoming=False)
    return found, near, seen


def validate_around(
    universe: Validator, source: Source, contribution: Graph, origin: Origin, around: Around | None = None
) -> Report:
    """A validation report for the merged graph, restricted to the contribution's surroundings
    (``around``: the ``neighbourhood`` already taken, if it was)."""
    local, near, _ = around or neighbourhood(source, contribution)
    near_iris = {str(n) for n in near if isinstance(n, URIRef)}
    blank = any(
        not isinstance(t, URIRef)
        for triple in contribution
        for t in (triple[0], triple[2])
        if not isinstance(t, Literal)
    )
    # Only the nodes near the contribution are validated as focus nodes (a blank node
    # cannot be named as one: then every node of the neighbourhood is, and filtered below).
    focus = None if blank else {URIRef(n) for n in near_iris}
    report = universe.validate(_Loaded(local, origin), focus=focus)
    # Blank nodes only come from the contribution itself here (the data has none), and
    # pySHACL renames them, so results about a blank node are always kept.
    kept = [r for r in report.results if r.focus in near_iris or not r.focus.startswith(("http://", "https://"))]
    return Report(kept, report.allow_warnings)


class _Loaded:
    def __init__(self, graph: Graph, origin: Origin) -> None:
        self.graph, self.origin = graph, origin
        self.files: list[Path] = []
