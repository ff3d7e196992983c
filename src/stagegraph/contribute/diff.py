"""``stagegraph diff``: what changed between two versions of the data, in triples and in words."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Graph
from rdflib.compare import graph_diff, to_isomorphic
from rdflib.namespace import RDF

from ..rdf.load import load
from ..rdf.namespaces import short
from .describe import describe


@dataclass
class Difference:
    added: list = field(default_factory=list)
    removed: list = field(default_factory=list)
    changes: list[tuple[str, dict]] = field(default_factory=list)  # ("added" | "removed", a described fact)

    @property
    def same(self) -> bool:
        return not self.added and not self.removed


def compare(old_paths, new_paths, ontology: Graph | None = None) -> Difference:
    """Triples only in the new data (added) and only in the old (removed), with plain words.

    Blank nodes are compared by what they say, not by their labels (rdflib's graph_diff on
    canonical graphs), so a file with blank nodes does not differ from itself.
    """
    old, new = load(old_paths).graph, load(new_paths).graph
    _both, only_old, only_new = graph_diff(to_isomorphic(old), to_isomorphic(new))
    added, removed = sorted(only_new), sorted(only_old)
    context = ontology if ontology is not None else Graph()
    changes = [("added", fact) for fact in _entities(new + context, _graph(added))]
    changes += [("removed", fact) for fact in _entities(old + context, _graph(removed))]
    return Difference(added, removed, changes)


def _graph(triples) -> Graph:
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    return graph


def _entities(context: Graph, part: Graph) -> list[dict]:
    """The entities whose type is in ``part`` (described), or that ``part`` changes (their properties)."""
    typed = set(part.subjects(RDF.type, None))
    facts = [describe(context, subject) for subject in sorted(typed)]
    facts += [
        {
            "kind": "changed",
            "subject": str(subject),
            "short": short(subject),
            "properties": sorted({short(p) for p in part.predicates(subject)}),
        }
        for subject in sorted(set(part.subjects()) - typed)
    ]
    return facts
