"""A join order for rdflib's SPARQL engine that follows the variables, not cross products.

Before it evaluates a basic graph pattern, rdflib sorts its triple patterns by how many
terms are still unbound, and nothing else. Two chains of the same shape (``?slot1
sg:position 1 . ?slot2 sg:position 2``, or four ``?bN sg:bondType …`` links) then run as a
cross product: on 10k triples ``love-chains`` took 30 s and ``matches`` 6 s, and the shapes
whose SPARQL joins like that grew quadratically during validation.

``join_order()`` registers, through rdflib's documented ``CUSTOM_EVALS`` hook and only
while it is active, an evaluation of basic graph patterns in a greedy order: next is always
a pattern that shares a variable with what is already bound (if any does), then the one
with the fewest unbound terms; only its own variables count as bound after it. The
solutions are unchanged: the order of a basic graph pattern never changes them.
"""

from __future__ import annotations

from collections import Counter
from contextlib import contextmanager


def reorder(patterns, bound=()) -> list:
    """``patterns`` (triples of terms) in the order to evaluate them, given the variables
    already ``bound``."""
    from rdflib import BNode, Literal, Variable

    remaining = list(patterns)
    variables = [[t for t in p if isinstance(t, (Variable, BNode))] for p in remaining]
    counts = Counter(t for found in variables for t in found)
    known = set(bound)
    ordered = []
    while remaining:
        def key(index):
            found = variables[index]
            unknown = sum(1 for t in found if t not in known)
            joined = unknown == 0 or any(t in known for t in found)
            return (not joined, unknown, -sum(counts[t] for t in found),
                    not isinstance(remaining[index][2], Literal), index)

        best = min(range(len(remaining)), key=key)
        known.update(variables.pop(best))
        ordered.append(remaining.pop(best))
    return ordered


def _evaluate(ctx, part):
    if part.name != "BGP":
        raise NotImplementedError
    from rdflib.plugins.sparql.evaluate import evalBGP

    patterns = part.triples
    if len(patterns) > 1:
        from rdflib import BNode, Variable

        bound = {t for p in patterns for t in p if isinstance(t, (Variable, BNode)) and ctx[t] is not None}
        patterns = reorder(patterns, bound)
    return evalBGP(ctx, patterns)


KEY = "stagegraph-join-order"


@contextmanager
def join_order():
    """While active, rdflib evaluates basic graph patterns in ``reorder``'s order."""
    from rdflib.plugins.sparql import CUSTOM_EVALS

    CUSTOM_EVALS[KEY] = _evaluate
    try:
        yield
    finally:
        CUSTOM_EVALS.pop(KEY, None)
