"""``stagegraph diff``: what changed between two versions of the data, in triples and in words."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Graph
from rdflib.namespace import RDF

from ..load import load
from ..namespaces import short
from .describe import describe


@dataclass
class Difference:
    added: list = field(default_factory=list)
    removed: list = field(default_factory=list)
    words: list[str] = field(default_factory=list)

    @property
    def same(self) -> bool:
        return not self.added and not self.removed


def compare(old_paths, new_paths) -> Difference:
    """Triples only in the new data (added) and only in the old (removed), with plain words."""
    old, new = load(old_paths).graph, load(new_paths).graph
    added, removed = sorted(new - old), sorted(old - new)
    words = [f"added {line}" for line in _entities(new, Graph() + added)]
    words += [f"removed {line}" for line in _entities(old, Graph() + removed)]
    return Difference(added, removed, words)


def _entities(context: Graph, part: Graph) -> list[str]:
    """Plain words for the entities whose type is in ``part``, or that ``part`` changes."""
    lines = []
    typed = set(part.subjects(RDF.type, None))
    for subject in sorted(typed):
        lines.append(describe(context, subject))
    for subject in sorted(set(part.subjects()) - typed):
        props = ", ".join(sorted({short(p) for p in part.predicates(subject)}))
        lines.append(f"{short(subject)}: {props}")
    return lines
