"""A universe's data read from a SPARQL server: the published graph minus its ontology.

``publish`` uploads ontology and data together; the ontology is known here (the local
``--ontology`` files), so the data is what remains: every triple the local ontology does
not hold, leaving out blank nodes (OWL lists, restrictions) that hang from the ontology's
own subjects.
"""

from __future__ import annotations

from rdflib import BNode, Graph

from ..rdf.namespaces import bind_prefixes
from .endpoint import fetch


def remote_data(url: str, graph_iri: str | None, ontology: Graph, progress=None) -> Graph:
    """The data of the universe published at ``url`` (in ``graph_iri``, or the default graph)."""
    return without_ontology(fetch(url, graph_iri=graph_iri, progress=progress), ontology)


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


def _ontology_blanks(published: Graph, ontology: Graph) -> set:
    """The blank nodes of ``published`` reached from a subject and predicate that, in the
    ontology, also lead to a blank node."""
    frontier = [o for s, p, o in published if isinstance(o, BNode) and not isinstance(s, BNode)
                and any(isinstance(x, BNode) for x in ontology.objects(s, p))]
    owned: set = set()
    while frontier:
        node = frontier.pop()
        if node in owned:
            continue
        owned.add(node)
        frontier.extend(o for o in published.objects(node) if isinstance(o, BNode))
    return owned
