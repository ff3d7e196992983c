"""What every validation engine returns: a report made of data (formatted in output/report.py).

A ``Result`` is one SHACL validation result, identified as SHACL identifies it: by its focus
node, path, value, source shape, constraint component and severity (two constraints, or two
shapes, that find the same problem are two results). Terms are kept exactly: ``focus_term``
and ``value_term`` are their N-Triples forms, so ``"4.0"^^xsd:decimal`` and ``4`` stay apart.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import overload

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH
from rdflib.term import Node

SEVERITY_ORDER = {"Violation": 0, "Warning": 2, "Info": 3}  # any other severity IRI sorts as 1
NOT_BLOCKING = {"Info"}  # a result of any other severity (sh:Violation or a custom IRI) fails validation


@dataclass(frozen=True)
class Result:
    """One problem found in the data."""

    severity: str  # "Violation", "Warning", "Info", or the local name of another severity IRI
    focus: str
    message: str
    path: str | None = None  # an IRI, or a SPARQL property path with full IRIs for a complex path
    value: str | None = None
    shape: str | None = None  # the named node shape whose constraint failed
    file: str | None = None
    focus_term: str | None = None  # N-Triples
    value_term: str | None = None  # N-Triples
    source_shape: str | None = None  # the shape holding the constraint: an IRI, or _:label
    component: str | None = None  # the IRI of the constraint component

    def as_dict(self) -> dict[str, str | None]:
        return asdict(self)


@dataclass
class Report:
    """The outcome of validating a graph; ``setwise``: the shapes the set-at-a-time engine ran
    (empty for pySHACL), ``declined``: why it handed the rest to pySHACL, if it did."""

    results: list[Result] = field(default_factory=list)
    allow_warnings: bool = False
    setwise: list[str] = field(default_factory=list)
    declined: list[str] = field(default_factory=list)

    @property
    def conforms(self) -> bool:
        passing = NOT_BLOCKING | ({"Warning"} if self.allow_warnings else set())
        return all(r.severity in passing for r in self.results)

    def count(self, severity: str) -> int:
        return sum(1 for r in self.results if r.severity == severity)


def finish(results: list[Result], allow_warnings: bool, **notes: list[str]) -> Report:
    """The report of ``results``, in the order users read them (two equal results stay two: SHACL
    reports a shape reached along two ways twice)."""
    results = sorted(
        results,
        key=lambda r: (
            SEVERITY_ORDER.get(r.severity, 1),
            r.file or "",
            r.focus,
            r.path or "",
            r.message,
            r.component or "",
            r.source_shape or "",
            r.value_term or "",
        ),
    )
    return Report(results, allow_warnings, **notes)


def severity_name(term: Node | None) -> str:
    """``sh:Violation`` → ``Violation``; any other IRI → its local name."""
    text = str(term or SH.Violation)
    return text.removeprefix(str(SH)) if text.startswith(str(SH)) else _local(text)


@overload
def term_text(term: Node) -> str: ...
@overload
def term_text(term: None) -> None: ...
def term_text(term: Node | None) -> str | None:
    """A term in N-Triples form (a blank node as ``_:label``)."""
    if term is None:
        return None
    if isinstance(term, BNode):
        return f"_:{term}"
    return term.n3()


@overload
def shape_text(term: Node) -> str: ...
@overload
def shape_text(term: None) -> None: ...
def shape_text(term: Node | None) -> str | None:
    return None if term is None else (f"_:{term}" if isinstance(term, BNode) else str(term))


@overload
def value_text(term: Node) -> str: ...
@overload
def value_text(term: None) -> None: ...
def value_text(term: Node | None) -> str | None:
    return None if term is None else str(term)


class NotAPath(ValueError):
    """A node that is no SHACL path (or one nested past ``MAX_PATH_DEPTH``)."""


MAX_PATH_DEPTH = 20
PATH_FORMS = {SH.inversePath: "^{}", SH.zeroOrMorePath: "({})*", SH.oneOrMorePath: "({})+", SH.zeroOrOnePath: "({})?"}


def path_text(graph: Graph, path: Node | None) -> str | None:
    """A SHACL path as users read it: an IRI as itself, a complex path as a SPARQL property path
    (``sparql_path``), or the blank node's label when it is no path."""
    if path is None or isinstance(path, URIRef):
        return None if path is None else str(path)
    try:
        return sparql_path(graph, path)
    except NotAPath:
        return f"_:{path}"


def sparql_path(graph: Graph, path: Node | None, depth: int = 0) -> str:
    """A SHACL path as a SPARQL 1.1 property path with full IRIs (``^<p>``, ``(<p>/<q>)``,
    ``(<p>|<q>)``, ``(<p>)*``, ``(<p>)+``, ``(<p>)?``), or ``NotAPath``."""
    if isinstance(path, URIRef):
        return path.n3()
    if depth > MAX_PATH_DEPTH or not isinstance(path, BNode):
        raise NotAPath(
            "a path nested too deep" if depth > MAX_PATH_DEPTH else "a path that is neither an IRI nor a blank node"
        )
    if (path, RDF.first, None) in graph:
        return "(" + "/".join(sparql_path(graph, p, depth + 1) for p in Collection(graph, path)) + ")"
    for predicate, form in PATH_FORMS.items():
        inner = graph.value(path, predicate)
        if inner is not None:
            return form.format(sparql_path(graph, inner, depth + 1))
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        return "(" + "|".join(sparql_path(graph, p, depth + 1) for p in Collection(graph, alternatives)) + ")"
    raise NotAPath("an unknown kind of path")


def node_shape(shapes: Graph, shape: Node | None) -> str | None:
    """The named node shape a (possibly blank) property shape belongs to."""
    seen: set[Node] = set()
    while shape is not None and not isinstance(shape, URIRef) and shape not in seen:
        seen.add(shape)
        shape = shapes.value(predicate=SH.property, object=shape)
    return None if shape is None or not isinstance(shape, URIRef) else str(shape)


def message_of(messages: list[Node]) -> str | None:
    """The one message a result shows when its shape gives several: the untagged or English one,
    else the first in order (the same choice on every engine)."""
    if not messages:
        return None
    texts = sorted(messages, key=lambda m: (not (isinstance(m, Literal) and m.language in (None, "en")), str(m)))
    return str(texts[0])


def _local(iri: str) -> str:
    for mark in ("#", "/", ":"):
        if mark in iri.rstrip(mark):
            return iri.rstrip(mark).rsplit(mark, 1)[1]
    return iri
