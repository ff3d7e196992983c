"""Whether Oxigraph's store holds the data's literals exactly as written.

Oxigraph's store keeps some typed literals by value: ``"01"^^xsd:integer``, ``1`` and ``+1``
become one term ``"1"``; ``1E0`` becomes ``"1"^^xsd:double``, ``"1"^^xsd:boolean`` becomes
``"true"``, ``"007"^^xsd:int`` becomes ``"7"^^xsd:integer``. SHACL counts and compares terms as
written. Each distinct typed literal (other than a string) is loaded into a scratch store and
read back: Oxigraph itself says which it rewrites, with no list of rules kept here. A rewrite
that can be undone (one written form per stored term, the datatype kept) is mapped back in
every result and every term judged in Python; one that cannot (two terms made one, a datatype
changed) makes the set-at-a-time engine decline, as do shapes that compare data with typed
constants (``sh:hasValue``, ``sh:in``, SPARQL) when a rewrite happened.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph

if TYPE_CHECKING:
    from ..engine import OxigraphTerm

STRINGS = {"http://www.w3.org/2001/XMLSchema#string", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"}


def file_literals(files: Iterable[Path]) -> Iterator[pyoxigraph.Literal]:
    """The typed literals of ``files`` (Turtle or N-Triples), as their parser reads them."""
    for path in files:
        path = Path(path)
        fmt = pyoxigraph.RdfFormat.N_TRIPLES if path.suffix == ".nt" else pyoxigraph.RdfFormat.TURTLE
        for triple in pyoxigraph.parse(path=str(path), format=fmt, base_iri=path.resolve().as_uri()):
            term = triple.object
            if type(term) is pyoxigraph.Literal and term.datatype.value not in STRINGS:
                yield term


class Rewrites:
    """What the store does to the data's literals: ``written`` maps each term it rewrote (as
    stored) back to the one form written; ``problem`` says why no mapping can undo it (two
    written terms made one, or a datatype changed), if so."""

    def __init__(self, written: dict[OxigraphTerm, pyoxigraph.Literal], problem: str | None) -> None:
        self.written, self.problem = written, problem

    def as_written(self, term: OxigraphTerm) -> OxigraphTerm:
        """The pyoxigraph ``term`` as the data wrote it."""
        return self.written.get(term, term) if self.written else term


def audit(literals: Iterable[pyoxigraph.Literal]) -> Rewrites:
    """How Oxigraph's store keeps ``literals`` (pyoxigraph terms, as parsed)."""
    distinct = list(dict.fromkeys(literals))
    if not distinct:
        return Rewrites({}, None)
    scratch = pyoxigraph.Store()
    predicate = pyoxigraph.NamedNode("urn:x-stagegraph:is")
    scratch.extend(
        pyoxigraph.Quad(pyoxigraph.NamedNode(f"urn:x-stagegraph:{i}"), predicate, term)
        for i, term in enumerate(distinct)
    )
    kept = {quad.subject.value: quad.object for quad in scratch}
    as_written = set(distinct)
    written: dict[OxigraphTerm, pyoxigraph.Literal] = {}
    for i, term in enumerate(distinct):
        stored = kept[f"urn:x-stagegraph:{i}"]
        if stored == term:
            continue
        if stored.datatype != term.datatype:
            return Rewrites({}, f"the data writes {term}, which Oxigraph's store keeps as {stored}")
        other = stored if stored in as_written else written.setdefault(stored, term)
        if other != term:
            return Rewrites({}, f"the data writes {other} and {term}, which Oxigraph's store keeps as one term")
    return Rewrites(written, None)
