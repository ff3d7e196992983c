"""The seam between callers and validation engines.

An engine validates ``Data`` against ``Shapes`` and returns a ``Report`` (report.py). Two
implement it: pySHACL, the reference (``reference/``), and the set-at-a-time engine on
Oxigraph (``setwise/``), which is handed an engine to decline to. Neither imports the other;
``stagegraph.validate.make_engine`` wires them, and callers see only it, this module and ``report``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Protocol

from rdflib import Graph

from .report import Report


@dataclass
class Shapes:
    """A shapes graph, and the file each shape came from (to name it when a shape is broken)."""

    graph: Graph
    files: dict = field(default_factory=dict)


@dataclass(eq=False)
class Data:
    """The data to validate, with the ontology merged in, read only in the forms an engine asks for.

    ``load()``: the data as an rdflib graph and its ``origin`` (subject → file); ``make_store()``:
    a pyoxigraph store of the data and the ontology; ``files_of(nodes)``: pyoxigraph nodes → files;
    ``literals()``: the typed literals in the store as written (pyoxigraph terms), to check it keeps them.
    """

    ontology: Graph
    load: Callable[[], tuple[Graph, dict]]
    make_store: Callable[[], object] | None = None
    files_of: Callable[[set], dict] | None = None
    literals: Callable[[], Iterable] | None = None

    @cached_property
    def rdflib(self) -> tuple[Graph, dict]:
        return self.load()

    @cached_property
    def store(self):
        if self.make_store is None:
            raise TypeError("this data has no Oxigraph store")
        return self.make_store()


class Engine(Protocol):
    """What a validation engine offers: ``validate(data, shapes, focus=None) -> Report``."""

    name: str

    def validate(self, data: Data, shapes: Shapes, focus: set | None = None) -> Report: ...
