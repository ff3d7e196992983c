"""Local constraints decided in Python on rdflib terms, by the rules pySHACL applies: for the
literals Oxigraph and rdflib may read differently, and to say which constraint a value fails."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import cast

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Node

from .terms import Unsupported


def holds(g: Graph, p: Node, o: Node, v: Node, constraints: Iterable[tuple[Node, Node]]) -> bool:
    """Whether the rdflib term ``v`` satisfies one constraint ``p o`` (pySHACL's rules)."""
    if p == SH.datatype:
        return _datatype(v, o)
    if p == SH.nodeKind:
        kinds: dict[Node, tuple[type[Node], ...]] = {
            SH.IRI: (URIRef,),
            SH.BlankNode: (BNode,),
            SH.Literal: (Literal,),
            SH.BlankNodeOrIRI: (BNode, URIRef),
            SH.BlankNodeOrLiteral: (BNode, Literal),
            SH.IRIOrLiteral: (URIRef, Literal),
        }
        return isinstance(v, kinds[o])
    if p == SH["in"]:
        return v in set(Collection(g, o))
    if p == SH.pattern:
        flags = cast("Literal | None", dict(constraints).get(SH.flags))  # (sh:flags is a literal)
        return _pattern(v, o, str(flags.value).lower() if flags is not None else "")
    if p == SH.languageIn:
        return _language_in(g, v, o)
    if p in (SH.minInclusive, SH.minExclusive, SH.maxInclusive, SH.maxExclusive):
        return _range(p, v, o)
    if p == SH["not"]:
        return not _conforms(g, o, v)
    if p == SH["or"]:
        return any(_conforms(g, s, v) for s in Collection(g, o))
    if p == SH["and"]:
        return all(_conforms(g, s, v) for s in Collection(g, o))
    raise Unsupported(f"a local constraint {p}")


def _conforms(g: Graph, shape: Node, v: Node) -> bool:
    constraints = list(g.predicate_objects(shape))
    return all(
        holds(g, p, o, v, constraints)
        for p, o in constraints
        if p not in (RDF.type, RDFS.comment, RDFS.label, SH.message, SH.severity, SH.flags)
    )


def _datatype(v: Node, datatype: Node) -> bool:
    from pyshacl.constraints.core.value_constraints import DatatypeConstraintComponent

    if not isinstance(v, Literal):
        return False
    if v.datatype == datatype:
        # pySHACL's check, called without a component (it reads nothing of it)
        return v.ill_typed is not True and DatatypeConstraintComponent._assert_actual_datatype(None, v, datatype)  # type: ignore[arg-type]
    if datatype == RDFS.Literal or (datatype == RDFS.Datatype and v.datatype):
        return True
    if v.datatype is None and v.language is None and datatype == XSD.string:
        return True
    return datatype == RDF.langString and bool(v.language)


def _pattern(v: Node, pattern: Node, flags: str) -> bool:
    if isinstance(v, BNode):
        return False
    options = (re.I if "i" in flags else 0) | (re.M if "m" in flags else 0)
    text = (
        str(v.value)
        if isinstance(v, Literal) and v.value is not None and v.datatype in (None, RDF.langString, XSD.string)
        else str(v)
    )
    return re.compile(str(pattern), options).search(text) is not None


def _language_in(g: Graph, v: Node, tags: Node) -> bool:
    wanted = {str(t).lower() for t in Collection(g, tags)}
    if not isinstance(v, Literal) or not v.language:
        return False
    language = str(v.language).lower()
    return "*" in wanted or language in wanted or language.split("-")[0] in wanted


def _range(p: Node, v: Node, bound: Node) -> bool:
    from pyshacl.rdfutil.compare import compare_literal

    bound = cast(Literal, bound)  # (the value of sh:minInclusive …: a literal)
    if not isinstance(v, Literal) or isinstance(v.value, str) != isinstance(bound.value, str):
        return False
    try:
        order: int = compare_literal(v, bound)
    except (TypeError, NotImplementedError):
        return False
    holding: dict[Node, bool] = {
        SH.minInclusive: order >= 0,
        SH.minExclusive: order > 0,
        SH.maxInclusive: order <= 0,
        SH.maxExclusive: order < 0,
    }
    return holding[p]
