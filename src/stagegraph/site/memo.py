"""One pass over the parsed graph for the whole build: each subject's triples, the sub-facts
that belong to each entity, and every label asked for, remembered.

A large site asks rdflib the same questions hundreds of thousands of times (a character's
label on every page that names it; each entity's triples for its Turtle and its JSON-LD);
here each is answered once. The graph does not change while a site is built: ``fresh_index``, called
when a build starts, makes the index again if the graph has changed size since it was made.
"""

from __future__ import annotations

import weakref
from collections import defaultdict

from ..rdf import labels
from ..rdf.namespaces import SG

PARTS_BY = (SG.statementSubject, SG.fateOf, SG.agent, SG.creditFor)  # sub-facts pointing at the entity
# Made once: an rdflib namespace makes a new term at each attribute read (hundreds of thousands here).
SLOT, SOURCE, URL = SG.slot, SG.source, SG.url


class GraphIndex:
    def __init__(self, graph):
        self.graph, self.size = weakref.ref(graph), len(graph)
        self.outgoing: dict = defaultdict(list)  # subject → [(predicate, object)]
        self.parts: dict = defaultdict(set)  # entity → the subjects of its statements, fates, credits, slots
        by = set(PARTS_BY)
        for s, p, o in graph:
            self.outgoing[s].append((p, o))
            if p in by:
                self.parts[o].add(s)
            elif p == SLOT:
                self.parts[s].add(o)
        self.labels: dict = {}
        self.texts: dict = {}  # whole-graph serialisations made once per build (the full tree's Turtle)

    def triples(self):
        """Every triple of the graph, from the index (iterating rdflib's store costs more)."""
        return ((s, p, o) for s, pairs in self.outgoing.items() for p, o in pairs)

    def fresh(self, graph) -> bool:
        return self.graph() is graph and len(graph) == self.size


_INDEXES: dict[int, GraphIndex] = {}


def fresh_index(graph) -> GraphIndex:
    """The index of ``graph``, made again unless it is still up to date (at the start of a build)."""
    found = _INDEXES.get(id(graph))
    if found is not None and not found.fresh(graph):
        del _INDEXES[id(graph)]
    return index(graph)


def index(graph) -> GraphIndex:
    """The index of ``graph``, made on first use."""
    found = _INDEXES.get(id(graph))
    if found is None or found.graph() is not graph:
        found = _INDEXES[id(graph)] = GraphIndex(graph)
        for key in [k for k, v in _INDEXES.items() if v.graph() is None]:
            del _INDEXES[key]
    return found


def value(graph, subject, predicate):
    """``graph.value(subject, predicate)`` from the index: the first object, or None."""
    for p, o in index(graph).outgoing.get(subject, ()):
        if p == predicate:
            return o
    return None


def sources(graph, fact) -> list[dict]:
    """``network.graph.sources``: a fact's sources as ``{"iri", "title", "url"}`` sorted by title
    (then IRI: two sources may share a title), read from the index once per fact and build (a
    fact is cited on several pages). The list is shared: callers do not change it."""
    found = index(graph)
    key = ("sources", fact)
    if key not in found.labels:
        cited = [_source(graph, found, o) for p, o in found.outgoing.get(fact, ()) if p == SOURCE]
        found.labels[key] = sorted(cited, key=lambda s: (s["title"], s["iri"]))
    return found.labels[key]


def _source(graph, found: GraphIndex, source) -> dict:
    key = ("source", source)
    if key not in found.labels:
        found.labels[key] = {
            "iri": str(source),
            "title": label(graph, source),
            "url": str(value(graph, source, URL) or ""),
        }
    return found.labels[key]


def label(graph, node, lang: str = "en") -> str:
    """``rdf.labels.label``, remembered per graph, node and language."""
    remembered = index(graph).labels
    key = (node, lang)
    if key not in remembered:
        remembered[key] = labels.label(graph, node, lang)
    return remembered[key]


def attributes(graph, node, properties: list, lang: str = "en") -> list[tuple[str, object, list]]:
    """``network.card.attributes`` as the site shows it, from the index: ``(label, value, [the
    statements about it])`` for each value of each of ``properties``, sorted as the card sorts them."""
    from ..network.card import python_value, shown_values

    found = index(graph)
    mine = found.outgoing.get(node, ())
    about = [(s, found.outgoing.get(s, ())) for s in found.parts.get(node, ())]
    about = [(s, said) for s, said in about if (SG.statementSubject, node) in said]
    listed = []
    for prop in properties:
        for term in shown_values([o for p, o in mine if p == prop], lang):
            statements = sorted(
                s for s, said in about if (SG.statementProperty, prop) in said and (SG.statementValue, term) in said
            )
            listed.append((label(graph, prop, lang), python_value(term), statements))
    return sorted(listed, key=lambda a: (a[0].casefold(), str(a[1])))
