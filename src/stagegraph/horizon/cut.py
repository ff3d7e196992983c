"""The graph of one episode's tree: the ontology and every data triple revealed by then,
without the sources that discuss later episodes.

A source that discusses later episodes may say who wins in its title or its URL, so the tree
holds nothing of it (no title, URL or IRI): one whose ``sg:coversUpTo`` episode is later than
the tree's, or, where the data does not say what it covers, one cited for anything beyond the
tree (or for anything whose episode is unknown); never one marked ``sg:spoilerFree true``.
The facts that cite it keep, in ``Cut.withheld``, an opaque token in its place (a digest of
its IRI), so a page can say "a source that discusses later episodes" and link to a warning
page outside the tree.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import Graph

from ..rdf.namespaces import SG, bind_prefixes
from .reveal import ALWAYS, UNKNOWN, Horizon, _true


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
    """The sources that may discuss episodes after ``order``: those whose ``sg:coversUpTo`` (the
    last episode they discuss, when known) is later, and, where that is not known, those cited
    for anything beyond ``order``; never one marked ``sg:spoilerFree``."""
    found, covered = set(), {}
    for s, pairs in horizon.out.items():
        for p, o in pairs:
            if p == SG.coversUpTo:
                last = horizon.order.get(o)
                covered[s] = max(covered.get(s, ALWAYS), UNKNOWN if last is None else last)
            elif p == SG.source and o not in found and horizon.triple(s, p, o) > order:
                found.add(o)
    found = {s for s in found if s not in covered} | {s for s, last in covered.items() if last > order}
    return {s for s in found if not any(p == SG.spoilerFree and _true(o) for p, o in horizon.out.get(s, ()))}
