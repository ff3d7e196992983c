"""SHACL shapes → set-at-a-time checks: each constraint of a targeted shape becomes one SPARQL
query over all its focus nodes at once (fast.py runs them on Oxigraph).

A shape the planner cannot translate exactly raises ``Unsupported`` (saying why) and is
validated by pySHACL instead, alone: every construct is on an allow-list, never guessed.
Constraints whose outcome depends on how rdflib reads a literal (``sh:datatype``, ``sh:in``,
ranges, on typed literals other than strings) are decided in Python, by rdflib's own terms,
on the distinct values concerned (``Local``); everything else is decided by the query.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD

from .sparqlrewrite import Unbalanced, not_exists_as_minus, unions_apart


class Unsupported(Exception):
    """A shape (or part of one) that the fast path does not translate; pySHACL validates it."""


IGNORED = {RDF.type, RDFS.comment, RDFS.label, SH.name, SH.description, SH.order, SH.group, SH.defaultValue}
TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)
LOCAL = {SH.datatype, SH.nodeKind, SH["in"], SH.pattern, SH.flags, SH.languageIn, SH.minInclusive, SH.minExclusive,
         SH.maxInclusive, SH.maxExclusive}
GRAPH = {SH["class"], SH.node, SH["not"], SH["or"], SH["and"], SH.hasValue}
COUNTS = {SH.minCount, SH.maxCount}
QUALIFIED = {SH.qualifiedValueShape, SH.qualifiedMinCount, SH.qualifiedMaxCount}
STRINGS = (XSD.string, RDF.langString)
# A literal whose reading rdflib and Oxigraph may differ on (normalised or ill-typed forms).
SUSPECT = f"(isLiteral(?v) && datatype(?v) != {XSD.string.n3()} && datatype(?v) != {RDF.langString.n3()})"
KINDS = {SH.IRI: "isIRI({0})", SH.BlankNode: "isBlank({0})", SH.Literal: "isLiteral({0})",
         SH.BlankNodeOrIRI: "(isIRI({0}) || isBlank({0}))", SH.BlankNodeOrLiteral: "(isBlank({0}) || isLiteral({0}))",
         SH.IRIOrLiteral: "(isIRI({0}) || isLiteral({0}))"}
COMPARE = {SH.minInclusive: ">=", SH.minExclusive: ">", SH.maxInclusive: "<=", SH.maxExclusive: "<"}


@dataclass
class Check:
    """One query whose rows are results. ``kind``: ``focus`` (rows: ?this; no value), ``value``
    (rows: ?this ?v), ``sparql`` (an sh:sparql constraint's rows) or ``local`` (see below)."""
    kind: str
    query: str
    message: str
    severity: str
    shape: URIRef | BNode  # the shape that owns the constraint (its node shape names it in the report)
    path: URIRef | BNode | None = None
    value_is_focus: bool = False  # node-level constraints: the value is the focus node
    # local: ``query`` gives the violations among literals both engines read alike; ``suspects``
    # the distinct other values, judged in Python by ``constraints``, then ``rows`` finds their focus nodes.
    suspects: str = ""
    rows: str = ""
    constraints: list = field(default_factory=list)  # (parameter, object) of the local constraints


@dataclass
class Plan:
    shape: URIRef
    checks: list[Check]


def plan(g: Graph, shape: URIRef) -> Plan:
    """The checks of one targeted node shape, or ``Unsupported``."""
    allowed = IGNORED | set(TARGETS) | LOCAL | GRAPH | {SH.property, SH.sparql, SH.message, SH.severity}
    _only(g, shape, allowed)
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
        checks.append(_sparql(g, shape, constraint, focus))
    head = prefixes(g, shape)
    for check in checks:
        check.query, check.suspects, check.rows = (head + q if q else q
                                                   for q in (check.query, check.suspects, check.rows))
    return Plan(shape, checks)


def _only(g: Graph, node, allowed: set) -> None:
    for p in set(g.predicates(node, None)):
        if p not in allowed:
            raise Unsupported(f"the parameter {p.n3(g.namespace_manager)}")


def _severity(g: Graph, shape) -> str:
    values = list(g.objects(shape, SH.severity))
    if len(values) > 1 or (values and not str(values[0]).startswith(str(SH))):
        raise Unsupported("several or unknown sh:severity")
    return str(values[0]).removeprefix(str(SH)) if values else "Violation"


def _message(g: Graph, shape) -> str:
    messages = list(g.objects(shape, SH.message))
    if len(messages) != 1 or not isinstance(messages[0], Literal):
        raise Unsupported("not exactly one sh:message (pySHACL would make its own)")
    return str(messages[0].value)


# --- targets and paths -------------------------------------------------------------------------

def _targets(g: Graph, shape) -> str:
    """A group binding ?this to each focus node of ``shape`` once."""
    parts = [f"?this {RDF.type.n3()}/{RDFS.subClassOf.n3()}* {_term(c)} ." for c in g.objects(shape, SH.targetClass)]
    parts += [f"VALUES ?this {{ {_term(n)} }}" for n in g.objects(shape, SH.targetNode)]
    parts += [f"?this {_term(p)} [] ." for p in g.objects(shape, SH.targetSubjectsOf)]
    parts += [f"[] {_term(p)} ?this ." for p in g.objects(shape, SH.targetObjectsOf)]
    for target in g.objects(shape, SH.target):
        _only(g, target, {RDF.type, RDFS.comment, SH.select, SH.prefixes})
        if (target, RDF.type, SH.SPARQLTarget) not in g:
            raise Unsupported("a target that is not an sh:SPARQLTarget")
        parts.append(_subquery(g, target, g.value(target, SH.select)))
    if not parts:
        raise Unsupported("no target")
    union = " UNION ".join(f"{{ {p} }}" for p in parts)
    return f"{{ SELECT DISTINCT ?this WHERE {{ {union} }} }}"


def path_sparql(g: Graph, path, depth: int = 0) -> str:
    """A SHACL property path as a SPARQL property path."""
    if depth > 20:
        raise Unsupported("a path nested too deep")
    if isinstance(path, URIRef):
        return path.n3()
    if not isinstance(path, BNode):
        raise Unsupported("a path that is neither an IRI nor a blank node")
    if (path, RDF.first, None) in g:
        return "(" + "/".join(path_sparql(g, p, depth + 1) for p in Collection(g, path)) + ")"
    unary = {SH.inversePath: "^{}", SH.oneOrMorePath: "({})+", SH.zeroOrMorePath: "({})*", SH.zeroOrOnePath: "({})?"}
    for predicate, form in unary.items():
        inner = g.value(path, predicate)
        if inner is not None:
            return form.format(path_sparql(g, inner, depth + 1))
    alternatives = g.value(path, SH.alternativePath)
    if alternatives is not None:
        return "(" + "|".join(path_sparql(g, p, depth + 1) for p in Collection(g, alternatives)) + ")"
    raise Unsupported("an unknown kind of path")


def _term(term) -> str:
    if isinstance(term, BNode):
        raise Unsupported("a blank node as a constraint value")
    return term.n3()


# --- property shapes ---------------------------------------------------------------------------

def _property(g: Graph, prop, focus: str) -> list[Check]:
    allowed = IGNORED | LOCAL | GRAPH | COUNTS | QUALIFIED | {SH.path, SH.message, SH.severity, SH.uniqueLang,
                                                              SH.disjoint}
    _only(g, prop, allowed)
    if isinstance(prop, URIRef) and (prop, SH.targetClass, None) in g:
        raise Unsupported("a property shape with targets of its own")
    path = g.value(prop, SH.path)
    walk = path_sparql(g, path)
    checks = _value_checks(g, prop, focus, walk, node_level=False)
    base = dict(message=_message(g, prop), severity=_severity(g, prop), shape=prop, path=path)
    low, high = _count(g, prop, SH.minCount), _count(g, prop, SH.maxCount)
    if low is not None or high is not None:
        checks.append(Check("focus", _counted(focus, f"?this {walk} ?v", low, high), **base))
    for value in g.objects(prop, SH.hasValue):
        missing = f"FILTER NOT EXISTS {{ ?this {walk} {_term(value)} }}"
        checks.append(Check("focus", f"SELECT ?this WHERE {{ {focus} {missing} }}", **base))
    if (prop, SH.uniqueLang, Literal(True)) in g:
        checks.append(Check("focus", f"""SELECT DISTINCT ?this WHERE {{ {focus} ?this {walk} ?v, ?w .
            FILTER (isLiteral(?v) && lang(?v) != "" && lcase(lang(?v)) = lcase(lang(?w)) && !sameTerm(?v, ?w)) }}""",
                            **base))
    elif (prop, SH.uniqueLang, None) in g:
        raise Unsupported("sh:uniqueLang other than true")
    for other in g.objects(prop, SH.disjoint):
        shared = f"?this {walk} ?v . ?this {_term(other)} ?v ."
        checks.append(Check("value", f"SELECT DISTINCT ?this ?v WHERE {{ {focus} {shared} }}", **base))
    if (prop, SH.qualifiedValueShape, None) in g:
        checks.append(Check("focus", _qualified(g, prop, focus, walk), **base))
    return checks


def _count(g: Graph, node, parameter) -> int | None:
    values = list(g.objects(node, parameter))
    if len(values) > 1 or (values and not isinstance(values[0].toPython(), int)):
        raise Unsupported(f"several or non-integer {parameter.n3(g.namespace_manager)}")
    return int(values[0]) if values else None


def _counted(focus: str, pattern: str, low: int | None, high: int | None) -> str:
    if low == 1 and high is None:
        return f"SELECT ?this WHERE {{ {focus} FILTER NOT EXISTS {{ {pattern} }} }}"
    if high == 0 and low is None:
        return f"SELECT DISTINCT ?this WHERE {{ {focus} {pattern} }}"
    having = [f"COUNT(DISTINCT ?v) < {low}"] if low is not None else []
    having += [f"COUNT(DISTINCT ?v) > {high}"] if high is not None else []
    return (f"SELECT ?this WHERE {{ {focus} OPTIONAL {{ {pattern} }} }} GROUP BY ?this "
            f"HAVING ({' || '.join(having)})")


def _qualified(g: Graph, prop, focus: str, walk: str) -> str:
    if (prop, SH.qualifiedValueShapesDisjoint, None) in g:
        raise Unsupported("sh:qualifiedValueShapesDisjoint")
    shapes = list(g.objects(prop, SH.qualifiedValueShape))
    if len(shapes) != 1:
        raise Unsupported("several sh:qualifiedValueShape")
    test = conforms(g, shapes[0], "?v", [0])
    pattern = f"?this {walk} ?v . FILTER ({test})"
    return _counted_always(focus, pattern, _count(g, prop, SH.qualifiedMinCount), _count(g, prop, SH.qualifiedMaxCount))


def _counted_always(focus: str, pattern: str, low, high) -> str:
    having = [f"COUNT(DISTINCT ?v) < {low}"] if low is not None else []
    having += [f"COUNT(DISTINCT ?v) > {high}"] if high is not None else []
    if not having:
        return "SELECT ?this WHERE { FILTER (false) }"
    return (f"SELECT ?this WHERE {{ {focus} OPTIONAL {{ {pattern} }} }} GROUP BY ?this "
            f"HAVING ({' || '.join(having)})")


def _value_checks(g: Graph, shape, focus: str, walk: str | None, node_level: bool) -> list[Check]:
    """The constraints on each value node (the focus itself at node level): those decided by the
    term alone (``Local``) in one check, those that look at the graph in another."""
    local = [(p, o) for p, o in g.predicate_objects(shape) if p in LOCAL and p != SH.flags]
    local += [(p, o) for p, o in g.predicate_objects(shape) if p in (SH["not"], SH["or"], SH["and"])
              and _is_local(g, o if p == SH["not"] else None, o if p != SH["not"] else None)]
    graph = [(p, o) for p, o in g.predicate_objects(shape) if p in GRAPH and (p, o) not in local
             and not (p == SH.hasValue and not node_level)]
    if not local and not graph:
        return []
    base = dict(message=_message(g, shape), severity=_severity(g, shape), shape=shape,
                path=None if node_level else g.value(shape, SH.path), value_is_focus=node_level)
    values = f"{focus} BIND (?this AS ?v)" if node_level else f"{focus} ?this {walk} ?v ."
    flags = g.value(shape, SH.flags)
    checks = []
    if local:
        test = " && ".join(_atom(g, p, o, "?v", flags, [0]) for p, o in local)
        checks.append(Check(
            "local", f"SELECT DISTINCT ?this ?v WHERE {{ {values} FILTER (!{SUSPECT} && !({test})) }}", **base,
            suspects=f"SELECT DISTINCT ?v WHERE {{ {values} FILTER {SUSPECT} }}",
            rows=f"SELECT DISTINCT ?this ?v WHERE {{ {values} VALUES ?v {{ %s }} }}",
            constraints=local + ([(SH.flags, flags)] if flags is not None else [])))
    if graph:
        test = " && ".join(_atom(g, p, o, "?v", flags, [0]) for p, o in graph)
        checks.append(Check("value", f"SELECT DISTINCT ?this ?v WHERE {{ {values} FILTER (!({test})) }}", **base))
    return checks


def _is_local(g: Graph, shape, shapes) -> bool:
    """Whether a nested shape (or a list of them) only has constraints on the term itself."""
    nodes = [shape] if shape is not None else list(Collection(g, shapes))
    for node in nodes:
        for p, o in g.predicate_objects(node):
            if p in IGNORED or p in (SH.message, SH.severity) or p in LOCAL:
                continue
            if p in (SH["not"], SH["or"], SH["and"]) and _is_local(g, o if p == SH["not"] else None,
                                                                   o if p != SH["not"] else None):
                continue
            return False
    return True


# --- nested shapes as SPARQL expressions ---------------------------------------------------------

def conforms(g: Graph, shape, var: str, counter: list, depth: int = 0) -> str:
    """A SPARQL expression true when the node in ``var`` conforms to the nested ``shape``."""
    if depth > 10:
        raise Unsupported("shapes nested too deep (or a cycle of sh:node)")
    _only(g, shape, IGNORED | LOCAL | GRAPH | {SH.property, SH.message, SH.severity})
    flags = g.value(shape, SH.flags)
    parts = [_atom(g, p, o, var, flags, counter, depth) for p, o in g.predicate_objects(shape)
             if p in LOCAL | GRAPH and p != SH.flags]
    parts += [_nested_property(g, prop, var, counter, depth) for prop in g.objects(shape, SH.property)]
    return "(" + " && ".join(parts) + ")" if parts else "true"


def _atom(g: Graph, p, o, var: str, flags, counter: list, depth: int = 0) -> str:
    """One constraint on the node in ``var``, false (never an error) when it does not hold."""
    if p == SH["class"]:
        return f"EXISTS {{ {var} {RDF.type.n3()}/{RDFS.subClassOf.n3()}* {_term(o)} }}"
    if p == SH.node:
        return conforms(g, o, var, counter, depth + 1)
    if p == SH["not"]:
        return f"!{conforms(g, o, var, counter, depth + 1)}"
    if p in (SH["or"], SH["and"]):
        joined = (" || " if p == SH["or"] else " && ").join(conforms(g, s, var, counter, depth + 1)
                                                             for s in Collection(g, o))
        return f"({joined or ('false' if p == SH['or'] else 'true')})"
    if p == SH.hasValue:
        return f"sameTerm({var}, {_term(o)})"
    if p == SH.datatype:
        return f"COALESCE(isLiteral({var}) && datatype({var}) = {_term(o)}, false)"
    if p == SH.nodeKind:
        if o not in KINDS:
            raise Unsupported("an unknown sh:nodeKind")
        return KINDS[o].format(var)
    if p == SH["in"]:
        members = [f"sameTerm({var}, {_term(m)})" for m in Collection(g, o)]
        return "(" + (" || ".join(members) or "false") + ")"
    if p == SH.pattern:
        flag = f", {Literal(str(flags)).n3()}" if flags is not None else ""
        return f"COALESCE(!isBlank({var}) && REGEX(STR({var}), {Literal(str(o)).n3()}{flag}), false)"
    if p == SH.languageIn:
        tags = [str(t) for t in Collection(g, o)]
        if any(t == "*" or "-" in t for t in tags):
            raise Unsupported("a language range other than a plain language")
        matches = " || ".join(f"langMatches(lang({var}), {Literal(t).n3()})" for t in tags) or "false"
        return f"COALESCE(isLiteral({var}) && ({matches}), false)"
    if p in COMPARE:
        return f"COALESCE(isLiteral({var}) && {var} {COMPARE[p]} {_term(o)}, false)"
    raise Unsupported(f"the parameter {p.n3(g.namespace_manager)} here")


def _nested_property(g: Graph, prop, var: str, counter: list, depth: int) -> str:
    _only(g, prop, IGNORED | LOCAL | GRAPH | COUNTS | {SH.path, SH.message, SH.severity})
    walk = path_sparql(g, g.value(prop, SH.path))
    counter[0] += 1
    inner = f"?n{counter[0]}"
    parts = []
    low, high = _count(g, prop, SH.minCount), _count(g, prop, SH.maxCount)
    if low not in (None, 0, 1) or high not in (None, 0):
        raise Unsupported("counts other than sh:minCount 1 or sh:maxCount 0 in a nested shape")
    if low == 1:
        parts.append(f"EXISTS {{ {var} {walk} {inner} }}")
    if high == 0:
        parts.append(f"NOT EXISTS {{ {var} {walk} {inner} }}")
    parts += [f"EXISTS {{ {var} {walk} {_term(v)} }}" for v in g.objects(prop, SH.hasValue)]
    flags = g.value(prop, SH.flags)
    atoms = [_atom(g, p, o, inner, flags, counter, depth + 1) for p, o in g.predicate_objects(prop)
             if p in LOCAL | GRAPH and p not in (SH.flags, SH.hasValue)]
    if any(p == SH.datatype and o not in STRINGS for p, o in g.predicate_objects(prop)):
        raise Unsupported("sh:datatype of a typed literal in a nested shape")
    if atoms:
        parts.append(f"NOT EXISTS {{ {var} {walk} {inner} FILTER (!({' && '.join(atoms)})) }}")
    return "(" + " && ".join(parts) + ")" if parts else "true"


# --- SPARQL-based constraints --------------------------------------------------------------------

THIS = re.compile(r"[$?]this\b")
REFUSED = re.compile(r"\$(?!this\b)\w+|\?failure\b|\bMINUS\b|\bVALUES\b|\bBIND\b|\{\s*SELECT\b|\bSERVICE\b|\bGRAPH\b",
                     re.IGNORECASE)


def _sparql(g: Graph, shape, constraint, focus: str) -> Check:
    _only(g, constraint, {RDF.type, RDFS.comment, SH.select, SH.message, SH.prefixes})
    text = f"SELECT * WHERE {{ {focus} {_subquery(g, constraint, g.value(constraint, SH.select))} }}"
    return Check("sparql", text, _message(g, constraint), _severity(g, shape), shape, value_is_focus=True)


def _subquery(g: Graph, node, select) -> str:
    """A SELECT of a shape, with ``$this`` free, as a nested group (its prefixes: ``prefixes``)."""
    if not isinstance(select, Literal):
        raise Unsupported("a SPARQL constraint without sh:select")
    text = str(select)
    if REFUSED.search(text):
        raise Unsupported("a SPARQL query with pre-bound variables other than $this, sub-queries, VALUES or BIND")
    head = re.match(r"\s*SELECT\s+(DISTINCT\s+)?(.*?)\bWHERE\b", text, re.IGNORECASE | re.DOTALL)
    if head is None or not (head.group(2).strip() == "*" or THIS.search(head.group(2))):
        raise Unsupported("a SPARQL query that does not select $this")
    try:
        return "{ " + unions_apart(not_exists_as_minus(THIS.sub("?this", text))) + " }"
    except Unbalanced as exc:
        raise Unsupported(str(exc)) from None


def prefixes(g: Graph, shape) -> str:
    """The PREFIX lines of every SPARQL query of ``shape`` (its targets and constraints)."""
    found: dict[str, str] = {}
    for node in [*g.objects(shape, SH.target), *g.objects(shape, SH.sparql)]:
        for prefix, namespace in _declared(g, node):
            if found.setdefault(prefix, namespace) != namespace:
                raise Unsupported(f"the prefix {prefix}: declared twice")
    return "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in sorted(found.items()))


def _declared(g: Graph, node) -> list[tuple[str, str]]:
    found = []
    for owner in g.objects(node, SH.prefixes):
        for declaration in g.objects(owner, SH.declare):
            found.append((str(g.value(declaration, SH.prefix)), str(g.value(declaration, SH.namespace))))
    return sorted(set(found))
