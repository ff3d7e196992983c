"""A join order for rdflib's SPARQL engine that follows the variables, not cross products.

Before it evaluates a basic graph pattern, rdflib sorts its triple patterns by how many
terms are still unbound, and nothing else. Two chains of the same shape (``?slot1
sg:position 1 . ?slot2 sg:position 2``, or four ``?bN sg:bondType …`` links) then run as a
cross product: on 10k triples ``love-chains`` took 30 s and ``matches`` 6 s, and the shapes
whose SPARQL joins like that grew quadratically during validation.

``join_order()`` registers, through rdflib's documented ``CUSTOM_EVALS`` hook and only
while it is active, an evaluation of basic graph patterns in a greedy order: next is always
a pattern that shares a variable with what is already bound (if any does), then the one
with the fewest unbound terms, then the one that matches the fewest triples with the
values bound so far (read from the in-memory store's indexes); only its own variables
count as bound after it. The
solutions are unchanged: the order of a basic graph pattern never changes them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Container, Generator, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TypeAlias

# Imported only by the code that runs rdflib's engine, so rdflib is loaded already; the
# imports sit here, not in the functions, because _evaluate runs for every group evaluated.
from rdflib import BNode, Literal, URIRef, Variable
from rdflib.plugins.sparql import CUSTOM_EVALS
from rdflib.plugins.sparql.evaluate import evalBGP
from rdflib.plugins.stores.memory import Memory
from rdflib.term import Identifier

if TYPE_CHECKING:
    from rdflib.plugins.sparql.parserutils import CompValue
    from rdflib.plugins.sparql.sparql import FrozenBindings, QueryContext

Pattern: TypeAlias = tuple[Identifier, Identifier, Identifier]  # as rdflib types a BGP's triples
Estimate: TypeAlias = Callable[[Pattern, set[Identifier]], int]


def reorder(
    patterns: Iterable[Pattern], bound: Iterable[Identifier] = (), estimate: Estimate | None = None
) -> list[Pattern]:
    """``patterns`` (triples of terms) in the order to evaluate them, given the variables
    already ``bound``; ``estimate(pattern)``, if given, guesses how many triples match."""
    remaining = list(patterns)
    variables = [[t for t in p if isinstance(t, (Variable, BNode))] for p in remaining]
    counts = Counter(t for found in variables for t in found)
    known = set(bound)
    ordered = []
    while remaining:

        def key(index: int) -> tuple[bool, int, int, int, bool, int]:
            found = variables[index]
            unknown = sum(1 for t in found if t not in known)
            joined = unknown == 0 or any(t in known for t in found)
            guess = estimate(remaining[index], known) if estimate else 0
            return (
                not joined,
                unknown,
                guess,
                -sum(counts[t] for t in found),
                not isinstance(remaining[index][2], Literal),
                index,
            )

        best = min(range(len(remaining)), key=key)
        known.update(variables.pop(best))
        ordered.append(remaining.pop(best))
    return ordered


def _evaluate(ctx: QueryContext, part: CompValue) -> Generator[FrozenBindings, None, None]:
    if part.name != "BGP":
        raise NotImplementedError
    patterns = part.triples
    if len(patterns) > 1:
        bound = {t for p in patterns for t in p if isinstance(t, (Variable, BNode)) and ctx[t] is not None}
        patterns = reorder(patterns, bound, _estimator(ctx))
    return evalBGP(ctx, patterns)


def _estimator(ctx: QueryContext) -> Estimate | None:
    """How many triples of ``ctx.graph`` a pattern matches with the values bound so far,
    read from the indexes of rdflib's in-memory store (None for any other store)."""
    store = getattr(ctx.graph, "store", None)
    if type(store) is not Memory:
        return None
    # rdflib's private indexes, read by their (name-mangled) names: rdflib offers no counts
    spo, pos, osp = store._Memory__spo, store._Memory__pos, store._Memory__osp  # type: ignore[attr-defined]

    def value(term: Identifier) -> object:
        return ctx[term] if isinstance(term, (Variable, BNode)) else term

    def estimate(pattern: Pattern, known: Container[Identifier] = ()) -> int:
        guess = _count(pattern)
        if any(isinstance(t, (Variable, BNode)) and t in known and ctx[t] is None for t in pattern):
            return min(guess, FEW)  # joined through a value an earlier pattern binds: assume a few
        return guess

    def _count(pattern: Pattern) -> int:
        s, p, o = (value(t) for t in pattern)
        if p is not None and not isinstance(p, URIRef):  # a property path
            return 10 if s is not None or o is not None else 10**9
        if s is not None and p is not None:
            return len(spo.get(s, {}).get(p, ())) if o is None else 1
        if p is not None and o is not None:
            return len(pos.get(p, {}).get(o, ()))
        if s is not None and o is not None:
            return len(osp.get(o, {}).get(s, ()))
        if s is not None:
            return sum(len(v) for v in spo.get(s, {}).values())
        if o is not None:
            return len(osp.get(o, ()))
        if p is not None:
            return len(pos.get(p, ())) * 10
        return len(store)

    return estimate


FEW = 5  # the guess for a pattern reached through a variable bound by an earlier pattern
KEY = "stagegraph-join-order"


@contextmanager
def join_order() -> Iterator[None]:
    """While active, rdflib evaluates basic graph patterns in ``reorder``'s order."""
    CUSTOM_EVALS[KEY] = _evaluate
    try:
        yield
    finally:
        CUSTOM_EVALS.pop(KEY, None)
