"""The fast validator's vocabulary: which SHACL parameters it plans, how a path and a term are
written in SPARQL, and the Check each constraint becomes (plan.py plans; engine.py runs)."""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass, field
from typing import TypeAlias, cast

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import IdentifiedNode, Node

from ..report import NotAPath, severity_name, sparql_path


class Unsupported(Exception):
    """A shape (or part of one) that the fast path does not translate; pySHACL validates it."""


IGNORED = {
    RDF.type,
    RDFS.comment,
    RDFS.label,
    RDFS.subClassOf,
    SH.name,
    SH.description,
    SH.order,
    SH.group,
    SH.defaultValue,
}


TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)


LOCAL = {
    SH.datatype,
    SH.nodeKind,
    SH["in"],
    SH.pattern,
    SH.flags,
    SH.languageIn,
    SH.minInclusive,
    SH.minExclusive,
    SH.maxInclusive,
    SH.maxExclusive,
}


GRAPH = {SH["class"], SH.node, SH["not"], SH["or"], SH["and"], SH.hasValue}


COUNTS = {SH.minCount, SH.maxCount}


QUALIFIED = {SH.qualifiedValueShape, SH.qualifiedMinCount, SH.qualifiedMaxCount}


STRINGS = (XSD.string, RDF.langString)


# A literal whose reading rdflib and Oxigraph may differ on (normalised or ill-typed forms).
SUSPECT = f"(isLiteral(?v) && datatype(?v) != {XSD.string.n3()} && datatype(?v) != {RDF.langString.n3()})"


KINDS: dict[Node, str] = {
    SH.IRI: "isIRI({0})",
    SH.BlankNode: "isBlank({0})",
    SH.Literal: "isLiteral({0})",
    SH.BlankNodeOrIRI: "(isIRI({0}) || isBlank({0}))",
    SH.BlankNodeOrLiteral: "(isBlank({0}) || isLiteral({0}))",
    SH.IRIOrLiteral: "(isIRI({0}) || isLiteral({0}))",
}


COMPARE: dict[Node, str] = {SH.minInclusive: ">=", SH.minExclusive: ">", SH.maxInclusive: "<=", SH.maxExclusive: "<"}


Constraint: TypeAlias = tuple[Node, object]  # (parameter, object): a constraint component, and its message's words


@dataclass
class Check:
    """One query whose rows are results. ``kind``: ``focus`` (rows: ?this; no value), ``value``
    (rows: ?this ?v), ``sparql`` (an sh:sparql constraint's rows) or ``local`` (see below)."""

    kind: str
    query: str
    messages: list[Node]  # the shape's sh:message literals; none: pySHACL's own words (messages.py)
    severity: str
    shape: Node  # the shape that owns the constraint (its node shape names it in the report)
    path: Node | None = None
    constraint: Constraint | tuple[()] = ()  # its constraint component, and the words of its message
    value_is_focus: bool = False  # node-level constraints: the value is the focus node
    # local: ``query`` gives the violations among literals both engines read alike; ``suspects``
    # the distinct other values, judged in Python by ``constraints``, then ``rows`` finds their focus nodes.
    suspects: str = ""
    rows: str = ""
    constraints: list[tuple[Node, Node]] = field(default_factory=list)  # (parameter, object) of the local constraints


def allow_only(g: Graph, node: Node, allowed: Container[Node]) -> None:
    for p in set(g.predicates(node, None)):
        if p not in allowed:
            raise Unsupported(f"the parameter {p.n3(g.namespace_manager)}")


def severity_of(g: Graph, shape: Node) -> str:
    values = list(g.objects(shape, SH.severity))
    if len(values) > 1 or (values and not isinstance(values[0], URIRef)):
        raise Unsupported("several sh:severity values")
    return severity_name(values[0] if values else None)


def messages_of(g: Graph, shape: Node) -> list[Node]:
    messages = list(g.objects(shape, SH.message))
    if not all(isinstance(m, Literal) for m in messages):
        raise Unsupported("an sh:message that is not a literal")
    return messages


def path_sparql(g: Graph, path: Node | None) -> str:
    """A SHACL property path as a SPARQL property path (report.py writes it), or ``Unsupported``."""
    try:
        return sparql_path(g, path)
    except NotAPath as why:
        raise Unsupported(str(why)) from None


def sparql_term(term: Node) -> str:
    if isinstance(term, BNode):
        raise Unsupported("a blank node as a constraint value")
    return term.n3()


def count_of(g: Graph, node: Node, parameter: Node) -> int | None:
    values = cast("list[IdentifiedNode | Literal]", list(g.objects(node, parameter)))  # (the objects of triples)
    if len(values) > 1 or (values and not isinstance(values[0].toPython(), int)):
        raise Unsupported(f"several or non-integer {parameter.n3(g.namespace_manager)}")
    return int(values[0]) if values else None
