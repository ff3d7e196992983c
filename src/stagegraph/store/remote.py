"""A universe's data read from a SPARQL server: the published graph minus its ontology; one
entity's neighbourhood (what ``show`` needs); names resolved on the server.

``publish`` uploads ontology and data together; the ontology is known here (the local
``--ontology`` files), so the data is what remains: every triple the local ontology does
not hold, leaving out blank nodes (OWL lists, restrictions) that hang from the ontology's
own subjects.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import cast

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDFS
from rdflib.term import Identifier, Node

from ..rdf.labels import local_name
from ..rdf.names import class_name, expand, pick
from ..rdf.namespaces import bind_prefixes
from .endpoint import fetch, query
from .seam import Row
from .values import values_rows
from .whole import Progress, read_graph


def remote_data(url: str, graph_iri: str | None, ontology: Graph, progress: Progress | None = None) -> Graph:
    """The data of the universe published at ``url`` (in ``graph_iri``, or the default graph)."""
    return without_ontology(read_graph(url, graph_iri=graph_iri, progress=progress), ontology)


def without_ontology(published: Graph, ontology: Graph) -> Graph:
    owned = _ontology_blanks(published, ontology)
    data = Graph()
    bind_prefixes(data)
    for triple in published:
        subject, _, obj = triple
        if subject in owned or (not isinstance(subject, BNode) and not isinstance(obj, BNode) and triple in ontology):
            continue
        if isinstance(obj, BNode) and obj in owned:
            continue
        data.add(triple)
    return data


def _ontology_blanks(published: Graph, ontology: Graph) -> set[Node]:
    """The blank nodes of ``published`` reached from a subject and predicate that, in the
    ontology, also lead to a blank node."""
    frontier = [
        o
        for s, p, o in published
        if isinstance(o, BNode)
        and not isinstance(s, BNode)
        and any(isinstance(x, BNode) for x in ontology.objects(s, p))
    ]
    owned: set[Node] = set()
    while frontier:
        node = frontier.pop()
        if node in owned:
            continue
        owned.add(node)
        frontier.extend(o for o in published.objects(node) if isinstance(o, BNode))
    return owned


# --- one entity's neighbourhood, and names resolved on the server ------------------------

BATCH = 200  # nodes per describing CONSTRUCT (each still read in pages)
ROUNDS = 4  # out-going steps after the facts about the entity: fact → match → slot → opponent → names


def neighbourhood(url: str, graph_iri: str | None, node: URIRef, ontology: Graph, timeout: float | None = 120) -> Graph:
    """What a card of ``node`` needs, CONSTRUCTed from the server without reading the store:
    the triples about ``node`` in both directions, the facts that point at it (bonds, fates,
    slots, credits, statements) in both directions, then ``ROUNDS`` steps out along every
    object (episodes, sources, the other side of a bond or match, their names). Nodes the
    local ontology describes (classes, concepts) and blank nodes are not asked for."""
    graph, described = Graph(), set(ontology.subjects())
    _describe(url, graph_iri, graph, [node], described, timeout, incoming=True)
    facts = {s for s in graph.subjects(None, node) if isinstance(s, URIRef)}
    _describe(url, graph_iri, graph, facts, described, timeout, incoming=True)
    for _ in range(ROUNDS):
        frontier = {t for triple in graph for t in (triple[0], triple[2]) if isinstance(t, URIRef)}
        if not _describe(url, graph_iri, graph, frontier, described, timeout):
            break
    return graph


def _describe(
    url: str,
    graph_iri: str | None,
    graph: Graph,
    nodes: Iterable[URIRef],
    described: set[Node],
    timeout: float | None,
    incoming: bool = False,
) -> bool:
    """Add the triples from (and with ``incoming`` also to) each of ``nodes`` not yet described;
    whether there were any such nodes."""
    todo = sorted(n for n in nodes if n not in described)
    described.update(todo)
    for start in range(0, len(todo), BATCH):
        batch = todo[start : start + BATCH]
        fetch(url, graph_iri=graph_iri, timeout=timeout, into=graph, where=f"{values_rows('s', batch)} ?s ?p ?o")
        if incoming:
            fetch(url, graph_iri=graph_iri, timeout=timeout, into=graph, where=f"{values_rows('o', batch)} ?s ?p ?o")
    return bool(todo)


NAMED = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?entity ?name WHERE {{
  {{ {classes} {wanted} ?entity a ?class ; rdfs:label|skos:prefLabel|skos:altLabel ?hit .
     FILTER(LCASE(STR(?hit)) = ?wanted) }}
  UNION
  {{ {classes} {value} ?entity a ?class .
     FILTER(STR(?entity) = ?value || STRENDS(LCASE(STR(?entity)), CONCAT("/", LCASE(?value)))
            || STRENDS(LCASE(STR(?entity)), CONCAT("#", LCASE(?value)))) }}
  OPTIONAL {{ ?entity rdfs:label|skos:prefLabel|skos:altLabel ?name }}
}}"""

CANDIDATES = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?entity ?name WHERE {{
  {classes} ?entity a ?class .
  OPTIONAL {{ ?entity rdfs:label|skos:prefLabel|skos:altLabel ?name }}
}}"""


def find_remote(
    url: str,
    graph_iri: str | None,
    ontology: Graph,
    value: str,
    kind: str,
    param: str = "value",
    timeout: float | None = 30,
) -> Node:
    """``names.resolve`` on the server: the entities of ``kind`` that ``value`` may name are
    asked for (its names, compared case-insensitively, its IRI, its slug), and ``pick`` decides
    among them as it does locally; only when none is the one is every candidate's name read,
    for the suggestions."""
    if kind == "literal":
        return Literal(value)
    cls = expand(kind)
    what = class_name(ontology, cls, kind)
    # (rdflib types what transitive_subjects yields as optional: never None when started from a class)
    subclasses = cast("Iterator[Identifier]", ontology.transitive_subjects(RDFS.subClassOf, cls))
    classes = values_rows("class", sorted(set(subclasses) | {cls}))
    text = NAMED.format(
        classes=classes,
        wanted=values_rows("wanted", [Literal(value.strip().lower())]),
        value=values_rows("value", [Literal(value.strip())]),
    )
    hits = _named(query(url, text, "select", timeout=timeout, default_graph=graph_iri).rows)
    wanted = value.strip().casefold()
    if sum(1 for names in hits.values() if wanted in {n.casefold() for n in names}) >= 1 or (
        value.startswith(("http://", "https://")) and URIRef(value) in hits
    ):
        return cast(Node, pick(value, hits, what, param))  # (one of the entities of hits)
    rows = query(url, CANDIDATES.format(classes=classes), "select", timeout=timeout, default_graph=graph_iri).rows
    return cast(Node, pick(value, _named(rows), what, param))


def _named(rows: Iterable[Row]) -> dict[Node | None, set[str]]:
    named: dict[Node | None, set[str]] = {}
    for entity, name in rows:
        names = named.setdefault(entity, {local_name(entity)})
        if name is not None:
            names.add(str(name))
    return named
