"""SHACL shapes → set-at-a-time checks: each constraint of a targeted shape becomes one SPARQL
query over all its focus nodes at once (fast.py runs them on Oxigraph).

A shape the planner cannot translate exactly raises ``Unsupported`` (saying why) and is
validated by pySHACL instead, alone: every construct is on an allow-list, never guessed.
Constraints whose outcome depends on how rdflib reads a literal (``sh:datatype``, ``sh:in``,
ranges, on typed literals other than strings) are decided in Python, by rdflib's own terms,
on the distinct values concerned (``Local``); everything else is decided by the query.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH

from .fastexpr import (
    atom,
    conforms,
    is_local,
    prefixes,
    single_exists,
    sparql_check,
    subquery,
)
from .fastterms import (
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
    message_of,
    path_sparql,
    severity_of,
    sparql_term,
)


@dataclass
class Plan:
    shape: URIRef
    checks: list[Check]


def plan(g: Graph, shape: URIRef) -> Plan:
    """The checks of one targeted node shape, or ``Unsupported``."""
    allowed = IGNORED | set(TARGETS) | LOCAL | GRAPH | {SH.property, SH.sparql, SH.message, SH.severity}
    allow_only(g, shape, allowed)
    if (shape, RDF.type, SH.PropertyShape) in g or (shape, SH.path, None) in g:
        raise Unsupported("a property shape with its own targets")
    focus = _targets(g, shape)
    checks = []
    messages = list(g.objects(shape, SH.message))
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
        check.query, check.suspects, check.rows = (head + q if q else q
                                                   for q in (check.query, check.suspects, check.rows))
    return Plan(shape, checks)


def _targets(g: Graph, shape) -> str:
    """A group binding ?this to each focus node of ``shape`` once."""
    instance = f"{RDF.type.n3()}/{RDFS.subClassOf.n3()}*"
    parts = [f"?this {instance} {sparql_term(c)} ." for c in g.objects(shape, SH.targetClass)]
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


def _property(g: Graph, prop, focus: str) -> list[Check]:
    allowed = IGNORED | LOCAL | GRAPH | COUNTS | QUALIFIED | {SH.path, SH.message, SH.severity, SH.uniqueLang,
                                                              SH.disjoint}
    allow_only(g, prop, allowed)
    if isinstance(prop, URIRef) and (prop, SH.targetClass, None) in g:
        raise Unsupported("a property shape with targets of its own")
    path = g.value(prop, SH.path)
    walk = path_sparql(g, path)
    checks = _value_checks(g, prop, focus, walk, node_level=False)
    base = dict(message=message_of(g, prop), severity=severity_of(g, prop), shape=prop, path=path)
    low, high = count_of(g, prop, SH.minCount), count_of(g, prop, SH.maxCount)
    checks += [Check("focus", query, **base) for query in _counted(focus, lambda v: f"?this {walk} {v}", low, high)]
    for value in g.objects(prop, SH.hasValue):  # MINUS: the nodes that have it, found once (?this is always bound)
        missing = f"MINUS {{ ?this {walk} {sparql_term(value)} }}"
        checks.append(Check("focus", f"SELECT ?this WHERE {{ {focus} {missing} }}", **base))
    if (prop, SH.uniqueLang, Literal(True)) in g:
        checks.append(Check("focus", f"""SELECT DISTINCT ?this WHERE {{ {focus} ?this {walk} ?v, ?w .
            FILTER (isLiteral(?v) && lang(?v) != "" && lcase(lang(?v)) = lcase(lang(?w)) && !sameTerm(?v, ?w)) }}""",
                            **base))
    elif (prop, SH.uniqueLang, None) in g:
        raise Unsupported("sh:uniqueLang other than true")
    for other in g.objects(prop, SH.disjoint):
        shared = f"?this {walk} ?v . ?this {sparql_term(other)} ?v ."
        checks.append(Check("value", f"SELECT DISTINCT ?this ?v WHERE {{ {focus} {shared} }}", **base))
    if (prop, SH.qualifiedValueShape, None) in g:
        checks += [Check("focus", query, **base) for query in _qualified(g, prop, focus, walk)]
    return checks


def _counted(focus: str, values, low: int | None, high: int | None) -> list[str]:
    """Queries whose ``?this`` are the focus nodes with fewer than ``low`` or more than ``high``
    distinct values (``values(var)``: the pattern binding them to ``var``). Grouping every focus
    node is Oxigraph's slowest form, so the usual bounds get joins instead: none (``NOT
    EXISTS``), two different values (a pair)."""
    if low is not None and low > 1:  # one grouping answers both bounds
        return [_grouped(focus, f"OPTIONAL {{ {values('?v')} }}", low, high)]
    queries = [f"SELECT ?this WHERE {{ {focus} FILTER NOT EXISTS {{ {values('?v')} }} }}"] if low == 1 else []
    if high == 0:
        queries.append(f"SELECT DISTINCT ?this WHERE {{ {focus} {values('?v')} }}")
    elif high == 1:
        pair = f"{values('?v')} . {values('?w')} FILTER (!sameTerm(?v, ?w))"
        queries.append(f"SELECT DISTINCT ?this WHERE {{ {focus} {pair} }}")
    elif high is not None:
        queries.append(_grouped(focus, values("?v"), None, high))
    return queries


def _grouped(focus: str, pattern: str, low: int | None, high: int | None) -> str:
    having = [f"COUNT(DISTINCT ?v) < {low}"] if low is not None else []
    having += [f"COUNT(DISTINCT ?v) > {high}"] if high is not None else []
    return f"SELECT ?this WHERE {{ {focus} {pattern} }} GROUP BY ?this HAVING ({' || '.join(having)})"


def _qualified(g: Graph, prop, focus: str, walk: str) -> list[str]:
    if (prop, SH.qualifiedValueShapesDisjoint, None) in g:
        raise Unsupported("sh:qualifiedValueShapesDisjoint")
    shapes = list(g.objects(prop, SH.qualifiedValueShape))
    if len(shapes) != 1:
        raise Unsupported("several sh:qualifiedValueShape")
    counter = [0]

    def values(var: str) -> str:
        return f"?this {walk} {var} . FILTER ({conforms(g, shapes[0], var, counter)})"

    low, high = count_of(g, prop, SH.qualifiedMinCount), count_of(g, prop, SH.qualifiedMaxCount)
    return _counted(focus, values, low, high)


def _value_checks(g: Graph, shape, focus: str, walk: str | None, node_level: bool) -> list[Check]:
    """The constraints on each value node (the focus itself at node level): those decided by the
    term alone (``Local``) in one check, those that look at the graph in another."""
    local = [(p, o) for p, o in g.predicate_objects(shape) if p in LOCAL and p != SH.flags]
    local += [(p, o) for p, o in g.predicate_objects(shape) if p in (SH["not"], SH["or"], SH["and"])
              and is_local(g, o if p == SH["not"] else None, o if p != SH["not"] else None)]
    graph = [(p, o) for p, o in g.predicate_objects(shape) if p in GRAPH and (p, o) not in local
             and not (p == SH.hasValue and not node_level)]
    if not local and not graph:
        return []
    base = dict(message=message_of(g, shape), severity=severity_of(g, shape), shape=shape,
                path=None if node_level else g.value(shape, SH.path), value_is_focus=node_level)
    values = f"{focus} BIND (?this AS ?v)" if node_level else f"{focus} ?this {walk} ?v ."
    flags = g.value(shape, SH.flags)
    checks = []
    if local:
        test = " && ".join(atom(g, p, o, "?v", flags, [0]) for p, o in local)
        checks.append(Check(
            "local", f"SELECT DISTINCT ?this ?v WHERE {{ {values} FILTER (!{SUSPECT} && !({test})) }}", **base,
            suspects=f"SELECT DISTINCT ?v WHERE {{ {values} FILTER {SUSPECT} }}",
            rows=f"SELECT DISTINCT ?this ?v WHERE {{ {values} VALUES ?v {{ %s }} }}",
            constraints=local + ([(SH.flags, flags)] if flags is not None else [])))
    if graph:
        test = " && ".join(atom(g, p, o, "?v", flags, [0]) for p, o in graph)
        group = single_exists(test)
        unless = f"FILTER (!({test}))" if group is None else f"MINUS {{ {group} }}"
        checks.append(Check("value", f"SELECT DISTINCT ?this ?v WHERE {{ {values} {unless} }}", **base))
    return checks
