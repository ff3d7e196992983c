"""The seam between callers and validation engines.

An engine validates ``Data`` against ``Shapes`` and returns a ``Report`` (report.py). Two
implement it: pySHACL, the reference (``reference/``), and the set-at-a-time engine on
Oxigraph (``setwise/``), which is handed an engine to decline to. Neither imports the other;
``stagegraph.validate.make_engine`` wires them, and callers see only it, this module and ``report``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeAlias

from rdflib import Graph, URIRef
from rdflib.term import Node

from .report import Report

if TYPE_CHECKING:
    import pyoxigraph

    OxigraphTerm: TypeAlias = pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal | pyoxigraph.Triple

Origin: TypeAlias = Mapping[Node, Path | str]  # subject → the file it came from
Progress: TypeAlias = Callable[[int, int, Node | None], None]  # (shapes done, shapes in all, the shape next)


@dataclass
class Shapes:
    """A shapes graph, and the file each shape came from (to name it when a shape is broken)."""

    graph: Graph
    files: Origin = field(default_factory=dict)


@dataclass(eq=False)
class Data:
    """The data to validate, with the ontology merged in, read only in the forms an engine asks for.

    ``load()``: the data as an rdflib graph and its ``origin`` (subject → file); ``make_store()``:
    a pyoxigraph store of the data and the ontology; ``files_of(nodes)``: pyoxigraph nodes → files;
    ``literals()``: the typed literals in the store as written (pyoxigraph terms), to check it keeps them.
    """

    ontology: Graph
    load: Callable[[], tuple[Graph, Origin]]
    make_store: Callable[[], pyoxigraph.Store] | None = None
    files_of: Callable[[set[OxigraphTerm]], Mapping[OxigraphTerm, Path | str]] | None = None
    literals: Callable[[], Iterable[pyoxigraph.Literal]] | None = None

    @cached_property
    def rdflib(self) -> tuple[Graph, Origin]:
        return self.load()

    @cached_property
    def store(self) -> pyoxigraph.Store:
        if self.make_store is None:
            raise TypeError("this data has no Oxigraph store")
        return self.make_store()


class Engine(Protocol):
    """What a validation engine offers: ``validate(data, shapes, focus=None) -> Report``."""

    name: str

    def validate(self, data: Data, shapes: Shapes, focus: set[URIRef] | None = None) -> Report: ...
