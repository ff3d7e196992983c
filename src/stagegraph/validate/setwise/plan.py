"""SHACL shapes → set-at-a-time checks: each constraint of a targeted shape becomes one SPARQL
query over all its focus nodes at once (engine.py runs them on Oxigraph).

A shape the planner cannot translate exactly raises ``Unsupported`` (saying why), and the
engine declines: pySHACL validates everything. Every construct is on an allow-list, never guessed.
Constraints whose outcome depends on how rdflib reads a literal (``sh:datatype``, ``sh:in``,
ranges, on typed literals other than strings) are decided in Python, by rdflib's own terms,
on the distinct values concerned (``Local``); everything else is decided by the query.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypedDict

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from .expr import (
    atom,
    conforms,
    is_local,
    prefixes,
    single_exists,
    sparql_check,
    subquery,
)
from .terms import (
    COUNTS,
    GRAPH,
    IGNORED,
    LOCAL,
    QUALIFIED,
    SUSPECT,
    TARGETS,
    Check,
    Unsupported,
    allow_only,
    count_of,
    messages_of,
    path_sparql,
    severity_of,
    sparql_term,
)


@dataclass
class Plan:
    shape: Node
    checks: list[Check]


class _Owner(TypedDict, total=False):
    """What the checks of one shape share (the keyword arguments of ``Check``)."""

    messages: list[Node]
    severity: str
    shape: Node
    path: Node | None
    value_is_focus: bool


def plan(g: Graph, shape: Node, implicit: bool = False) -> Plan:
    """The checks of one targeted node shape (``implicit``: it is also a class, and so targets
    its instances), or ``Unsupported``."""
    allowed = IGNORED | set(TARGETS) | LOCAL | GRAPH | {SH.property, SH.sparql, SH.message, SH.severity}
    allow_only(g, shape, allowed)
    if (shape, RDF.type, SH.PropertyShape) in g or (shape, SH.path, None) in g:
        raise Unsupported("a property shape with its own targets")
    focus = _targets(g, shape, implicit)
    checks = []
    messages = messages_of(g, shape)
    if messages and (shape, SH.sparql, None) in g:
        raise Unsupported("a node shape with both sh:message and sh:sparql (pySHACL gives two messages)")
    if any(p in LOCAL | GRAPH for p in g.predicates(shape, None)):
        checks += _value_checks(g, shape, focus, None, node_level=True)
    for prop in g.objects(shape, SH.property):
        checks += _property(g, prop, focus)
    for constraint in g.objects(shape, SH.sparql):
        checks.append(sparql_check(g, shape, constraint, focus))
    head = prefixes(g, shape)
    for check in checks:
        check.query, check.suspects, check.rows = (
            head + q if q else q for q in (check.query, check.suspects, check.rows)
        )
    return Plan(shape, checks)


def _targets(g: Graph, shape: Node, implicit: bool) -> str:
    """A group binding ?this to each focus node of ``shape`` once."""
    instance = f"{RDF.type.n3()}/{RDFS.subClassOf.n3()}*"
    classes = [*g.objects(shape, SH.targetClass), *([shape] if implicit else [])]
    parts = [f"?this {instance} {sparql_term(c)} ." for c in classes]
    parts += [f"VALUES ?this {{ {sparql_term(n)} }}" for n in g.objects(shape, SH.targetNode)]
    parts += [f"?this {sparql_term(p)} [] ." for p in g.objects(shape, SH.targetSubjectsOf)]
    parts += [f"[] {sparql_term(p)} ?this ." for p in g.objects(shape, SH.targetObjectsOf)]
    for target in g.objects(shape, SH.target):
        allow_only(g, target, {RDF.type, RDFS.comment, SH.select, SH.prefixes})
        if (target, RDF.type, SH.SPARQLTarget) not in g:
            raise Unsupported("a target that is not an sh:SPARQLTarget")
        parts.append(subquery(g, target, g.value(target, SH.select)))
    if not parts:
        raise Unsupported("no target")
    union = " UNION ".join(f"{{ {p} }}" for p in parts)
    return f"{{ SELECT DISTINCT ?this WHERE {{ {union} }} }}"


def _property(g: Graph, prop: Node, focus: str) -> list[Check]:
    allowed = (
        IGNORED | LOCAL | GRAPH | COUNTS | QUALIFIED | {SH.path, SH.message, SH.severity, SH.uniqueLang, SH.disjoint}
    )
    allow_only(g, prop, allowed)
    if isinstance(prop, URIRef) and (prop, SH.targetClass, None) in g:
        raise Unsupported("a property shape with targets of its own")
    path = g.value(prop, SH.path)
    walk = path_sparql(g, path)
    checks = _value_checks(g, prop, focus, walk, node_level=False)
    base = _Owner(messages=messages_of(g, prop), severity=severity_of(g, prop), shape=prop, path=path)
    counts = [(SH.minCount, count_of(g, prop, SH.minCount)), (SH.maxCount, count_of(g, prop, SH.maxCount))]
    for parameter, bound in counts:
        checks += [
            Check("focus", query, **base, constraint=(parameter, bound))
            for query in _counted(focus, lambda v: f"?this {walk} {v}", parameter, bound)
        ]
    for value in g.objects(prop, SH.hasValue):  # MINUS: the nodes that have it, found once (?this is always bound)
        missing = f"MINUS {{ ?this {walk} {sparql_term(value)} }}"
        checks.append(
            Check("focus", f"SELECT ?this WHERE {{ {focus} {missing} }}", **base, constraint=(SH.hasValue, value))
        )
    for unique in g.objects(prop, SH.uniqueLang):
        if unique != Literal(True):  # pySHACL reads "1"^^xsd:boolean as true, and the W3C tests say it is not
            raise Unsupported("sh:uniqueLang other than true")
        # one result per language used twice, as SHACL has it
        checks.append(
            Check(
                "focus",
                f"""SELECT DISTINCT ?this (LCASE(LANG(?v)) AS ?l)
            WHERE {{ {focus} ?this {walk} ?v, ?w .
            FILTER (isLiteral(?v) && lang(?v) != "" && lcase(lang(?v)) = lcase(lang(?w)) && !sameTerm(?v, ?w)) }}""",
                **base,
                constraint=(SH.uniqueLang, unique),
            )
        )
    for other in g.objects(prop, SH.disjoint):
        shared = f"?this {walk} ?v . ?this {sparql_term(other)} ?v ."
        checks.append(
            Check(
                "value",
                f"SELECT DISTINCT ?this ?v WHERE {{ {focus} {shared} }}",
                **base,
                constraint=(SH.disjoint, other),
            )
        )
    if (prop, SH.qualifiedValueShape, None) in g:
        checks += [
            Check("focus", query, **base, constraint=(parameter, shape))
            for query, parameter, shape in _qualified(g, prop, focus, walk)
        ]
    return checks


def _counted(focus: str, values: Callable[[str], str], parameter: Node, bound: int | None) -> list[str]:
    """Queries whose ``?this`` are the focus nodes with fewer than ``bound`` distinct values
    (``parameter`` a minimum) or more (a maximum); ``values(var)``: the pattern binding them to
    ``var``. Grouping every focus node is Oxigraph's slowest form, so the usual bounds get joins
    instead: none (``NOT EXISTS``), two different values (a pair)."""
    if bound is None:
        return []
    if parameter in (SH.minCount, SH.qualifiedMinCount):
        if bound == 0:
            return []
        if bound == 1:
            return [f"SELECT ?this WHERE {{ {focus} FILTER NOT EXISTS {{ {values('?v')} }} }}"]
        return [_grouped(focus, f"OPTIONAL {{ {values('?v')} }}", f"COUNT(DISTINCT ?v) < {bound}")]
    if bound == 0:
        return [f"SELECT DISTINCT ?this WHERE {{ {focus} {values('?v')} }}"]
    if bound == 1:
        pair = f"{values('?v')} . {values('?w')} FILTER (!sameTerm(?v, ?w))"
        return [f"SELECT DISTINCT ?this WHERE {{ {focus} {pair} }}"]
    return [_grouped(focus, values("?v"), f"COUNT(DISTINCT ?v) > {bound}")]


def _grouped(focus: str, pattern: str, having: str) -> str:
    return f"SELECT ?this WHERE {{ {focus} {pattern} }} GROUP BY ?this HAVING ({having})"


def _qualified(g: Graph, prop: Node, focus: str, walk: str) -> list[tuple[str, Node, Node]]:
    if (prop, SH.qualifiedValueShapesDisjoint, None) in g:
        raise Unsupported("sh:qualifiedValueShapesDisjoint")
    shapes = list(g.objects(prop, SH.qualifiedValueShape))
    if len(shapes) != 1:
        raise Unsupported("several sh:qualifiedValueShape")
    counter = [0]

    def values(var: str) -> str:
        return f"?this {walk} {var} . FILTER ({conforms(g, shapes[0], var, counter)})"

    found: list[tuple[str, Node, Node]] = []
    for parameter in (SH.qualifiedMinCount, SH.qualifiedMaxCount):
        bound = count_of(g, prop, parameter)
        found += [(query, parameter, shapes[0]) for query in _counted(focus, values, parameter, bound)]
    return found


def _value_checks(g: Graph, shape: Node, focus: str, walk: str | None, node_level: bool) -> list[Check]:
    """The constraints on each value node (the focus itself at node level): those decided by the
    term alone (``Local``) in one check whose rows the engine attributes to each constraint that
    fails; those that look at the graph in one check each."""
    local = [(p, o) for p, o in g.predicate_objects(shape) if p in LOCAL and p != SH.flags]
    local += [
        (p, o)
        for p, o in g.predicate_objects(shape)
        if p in (SH["not"], SH["or"], SH["and"])
        and is_local(g, o if p == SH["not"] else None, o if p != SH["not"] else None)
    ]
    graph = [
        (p, o)
        for p, o in g.predicate_objects(shape)
        if p in GRAPH and (p, o) not in local and not (p == SH.hasValue and not node_level)
    ]
    if not local and not graph:
        return []
    base = _Owner(
        messages=messages_of(g, shape),
        severity=severity_of(g, shape),
        shape=shape,
        path=None if node_level else g.value(shape, SH.path),
        value_is_focus=node_level,
    )
    values = f"{focus} BIND (?this AS ?v)" if node_level else f"{focus} ?this {walk} ?v ."
    flags = g.value(shape, SH.flags)
    checks = []
    if local:
        test = " && ".join(atom(g, p, o, "?v", flags, [0]) for p, o in local)
        checks.append(
            Check(
                "local",
                f"SELECT DISTINCT ?this ?v WHERE {{ {values} FILTER (!{SUSPECT} && !({test})) }}",
                **base,
                suspects=f"SELECT DISTINCT ?v WHERE {{ {values} FILTER {SUSPECT} }}",
                rows=f"SELECT DISTINCT ?this ?v WHERE {{ {values} VALUES ?v {{ %s }} }}",
                constraints=local + ([(SH.flags, flags)] if flags is not None else []),
            )
        )
    for p, o in graph:
        test = atom(g, p, o, "?v", flags, [0])
        group = single_exists(test)
        unless = f"FILTER (!({test}))" if group is None else f"MINUS {{ {group} }}"
        kind = "focus" if p == SH.hasValue else "value"  # SHACL reports sh:hasValue without a value
        checks.append(Check(kind, f"SELECT DISTINCT ?this ?v WHERE {{ {values} {unless} }}", **base, constraint=(p, o)))
    return checks
