"""The seam every store meets: what a query returns (``QueryResult``) and what a store does
(``Store``). The stores are rdflib in memory (``memory.MemoryStore``), the cached Oxigraph
store (``oxigraph.OxigraphStore``) and a SPARQL server (``endpoint.EndpointStore``);
``query/run.py`` picks one and calls it the same way."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol, TypeAlias

from rdflib import Graph
from rdflib.term import Identifier, Node

Row: TypeAlias = tuple[Node | None, ...]  # one SELECT solution: a term per column, None where unbound
Bindings: TypeAlias = Mapping[str, Identifier]  # variable name (without ?) → the RDF term bound to it


@dataclass
class QueryResult:
    """What a query returned: rows (SELECT), a boolean (ASK) or a graph (CONSTRUCT/DESCRIBE)."""

    kind: str  # "select", "ask" or "graph"
    columns: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None


class Store(Protocol):
    """Where a query runs: ``text`` (already refused by ``guard.check`` if it must be) of
    ``kind`` (select, ask, graph), with ``bindings`` (variable name → RDF term) bound as terms,
    stopped after ``timeout`` seconds."""

    def query(self, text: str, kind: str, bindings: Bindings, timeout: float | None = 30) -> QueryResult: ...
