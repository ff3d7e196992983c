"""rdflib in memory as a store: a checked query run on the parsed graph, parameters bound as
terms, under the guard (no network unless asked, bounded in time)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, cast

from rdflib import Graph, Variable

from ..errors import InputError, StagegraphError
from .guard import check, kind_of, network_allowed, time_limit
from .seam import Bindings, QueryResult

if TYPE_CHECKING:
    from rdflib.plugins.sparql.sparql import Query
    from rdflib.query import Result, ResultRow
    from rdflib.term import Identifier, Node


class MemoryStore:
    """The ``Store`` of a universe read into rdflib."""

    def __init__(self, graph: Graph, *, allow_service: bool = False) -> None:
        self.graph, self.allow_service = graph, allow_service

    def query(self, text: str, kind: str, bindings: Bindings, timeout: float | None = 30) -> QueryResult:
        checked = check(text, "<query>", allow_service=self.allow_service)
        return run_local(self.graph, checked, bindings, timeout=timeout, allow_service=self.allow_service)


def run_local(
    graph: Graph, query: Query, bindings: Bindings, *, timeout: float | None = 30, allow_service: bool = False
) -> QueryResult:
    """Run a checked query (see ``check``) on an rdflib graph, parameters bound as terms."""
    import rdflib.plugins.sparql as sparql  # here: a query on Oxigraph or a server never needs them

    from .joinorder import join_order

    sparql.SPARQL_LOAD_GRAPHS = False  # never fetch a graph named in the query
    init: dict[str, Identifier] = {Variable(k): v for k, v in bindings.items()}
    token = network_allowed.set(allow_service)
    try:
        with time_limit(timeout), join_order():
            result = graph.query(query, initBindings=init)
            return _collect(result, kind_of(query))
    except StagegraphError:
        raise
    except Exception as exc:  # an engine error on this query: the user's to fix, not a crash
        hint = " (ORDER BY on a value that may be unbound?)" if isinstance(exc, TypeError) else ""
        raise InputError(
            f"the query failed while running ({type(exc).__name__}: {exc}){hint}; check the query"
        ) from None
    finally:
        network_allowed.reset(token)


def _collect(result: Result, kind: str) -> QueryResult:
    # rdflib's Result yields triples, a boolean or rows, by the query's form: ``kind`` says which.
    if kind == "ask":
        return QueryResult("ask", boolean=bool(result.askAnswer))
    if kind == "graph":
        graph = Graph()
        for triple in cast("Iterator[tuple[Node, Node, Node]]", iter(result)):
            graph.add(triple)
        return QueryResult("graph", graph=graph)
    columns = [str(v) for v in cast("list[Variable]", result.vars)]
    return QueryResult("select", columns, [tuple(row) for row in cast("Iterator[ResultRow]", iter(result))])
