"""The graph of one episode's tree: the ontology and every data triple revealed by then,
without the sources that discuss later episodes.

A source that discusses later episodes (``Horizon.source``) may say who wins in its title or
its URL, so the tree holds nothing of it (no title, URL or IRI). The facts that cite it keep,
in ``Cut.withheld``, an opaque token in its place (a digest of its IRI), so a page can say "a
source that discusses later episodes" and link to a warning page outside the tree.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import Graph

from ..rdf.namespaces import SG, bind_prefixes
from .reveal import Horizon


def withheld_token(source) -> str:
    """The opaque name of a withheld source: a digest of its IRI, nothing readable."""
    return hashlib.sha256(str(source).encode("utf-8")).hexdigest()[:16]


@dataclass
class Cut:
    """One tree's graph. ``order`` None: the full tree (the graph itself)."""

    order: int | None
    graph: Graph
    withheld: dict = field(default_factory=dict)  # fact → sorted tokens of the sources withheld from it
    shown: dict = field(default_factory=dict)  # counts: facts and texts shown
    held: dict = field(default_factory=dict)  # counts: facts and texts held back


def cut(horizon: Horizon, graph: Graph, order: int | None) -> Cut:
    """The tree of viewing order ``order`` (the full graph when None)."""
    if order is None:
        return Cut(None, graph)
    kept, shown, held = [], defaultdict(int), defaultdict(int)
    for triple, found in horizon.triples():
        visible = found <= order
        if horizon.is_text(*triple):
            (shown if visible else held)["texts"] += 1
        if visible:
            kept.append(triple)
    for node, found in horizon.revealing.items():  # the story's facts: bonds, fates, matches, statements…
        if node not in horizon.order:  # an episode is a place in the story, not a fact of it
            (shown if found <= order else held)["facts"] += 1
    spoiling = _spoiling(horizon, order)
    made = Graph()
    bind_prefixes(made)
    withheld = defaultdict(set)
    for s, p, o in kept:
        if s in spoiling:
            continue
        if o in spoiling:
            if p == SG.source:
                withheld[s].add(withheld_token(o))
            continue
        made.add((s, p, o))
    made += horizon.ontology
    return Cut(order, made, {k: sorted(v) for k, v in withheld.items()}, dict(shown), dict(held))


def _spoiling(horizon: Horizon, order: int) -> set:
    """The sources that may discuss episodes after ``order`` (``Horizon.source``)."""
    cited = {o for pairs in horizon.out.values() for p, o in pairs if p == SG.source}
    return {s for s in cited | set(horizon.covers) if horizon.source(s) > order}
