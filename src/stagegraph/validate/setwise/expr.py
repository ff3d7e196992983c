"""SPARQL expressions for nested shapes (sh:node, sh:not, sh:or, sh:and inside a constraint) and
the project's SPARQL-based constraints, for the fast validator's planner (plan.py)."""

from __future__ import annotations

import re
from typing import cast

from rdflib import Graph, Literal
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from .rewrite import Unbalanced, not_exists_as_minus, unions_apart
from .terms import (
    COMPARE,
    COUNTS,
    GRAPH,
    IGNORED,
    KINDS,
    LOCAL,
    STRINGS,
    Check,
    Unsupported,
    allow_only,
    count_of,
    messages_of,
    path_sparql,
    severity_of,
    sparql_term,
)


def is_local(g: Graph, shape: Node | None, shapes: Node | None) -> bool:
    """Whether a nested shape (or a list of them) only has constraints on the term itself."""
    nodes = [shape] if shape is not None else list(Collection(g, cast(Node, shapes)))  # (one of the two is given)
    for node in nodes:
        for p, o in g.predicate_objects(node):
            if p in IGNORED or p in (SH.message, SH.severity) or p in LOCAL:
                continue
            if p in (SH["not"], SH["or"], SH["and"]) and is_local(
                g, o if p == SH["not"] else None, o if p != SH["not"] else None
            ):
                continue
            return False
    return True


def conforms(g: Graph, shape: Node, var: str, counter: list[int], depth: int = 0) -> str:
    """A SPARQL expression true when the node in ``var`` conforms to the nested ``shape``."""
    if depth > 10:
        raise Unsupported("shapes nested too deep (or a cycle of sh:node)")
    allow_only(g, shape, IGNORED | LOCAL | GRAPH | {SH.property, SH.message, SH.severity})
    flags = g.value(shape, SH.flags)
    parts = [
        atom(g, p, o, var, flags, counter, depth)
        for p, o in g.predicate_objects(shape)
        if p in LOCAL | GRAPH and p != SH.flags
    ]
    parts += [_nested_property(g, prop, var, counter, depth) for prop in g.objects(shape, SH.property)]
    return "(" + " && ".join(parts) + ")" if parts else "true"


def atom(g: Graph, p: Node, o: Node, var: str, flags: Node | None, counter: list[int], depth: int = 0) -> str:
    """One constraint on the node in ``var``, false (never an error) when it does not hold."""
    if p == SH["class"]:
        return f"EXISTS {{ {var} {RDF.type.n3()}/{RDFS.subClassOf.n3()}* {sparql_term(o)} }}"
    if p == SH.node:
        return conforms(g, o, var, counter, depth + 1)
    if p == SH["not"]:
        return f"!{conforms(g, o, var, counter, depth + 1)}"
    if p in (SH["or"], SH["and"]):
        joined = (" || " if p == SH["or"] else " && ").join(
            conforms(g, s, var, counter, depth + 1) for s in Collection(g, o)
        )
        return f"({joined or ('false' if p == SH['or'] else 'true')})"
    if p == SH.hasValue:
        return f"sameTerm({var}, {sparql_term(o)})"
    if p == SH.datatype:
        return f"COALESCE(isLiteral({var}) && datatype({var}) = {sparql_term(o)}, false)"
    if p == SH.nodeKind:
        if o not in KINDS:
            raise Unsupported("an unknown sh:nodeKind")
        return KINDS[o].format(var)
    if p == SH["in"]:
        members = [f"sameTerm({var}, {sparql_term(m)})" for m in Collection(g, o)]
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
        return f"COALESCE(isLiteral({var}) && {var} {COMPARE[p]} {sparql_term(o)}, false)"
    raise Unsupported(f"the parameter {p.n3(g.namespace_manager)} here")


def single_exists(test: str) -> str | None:
    """P, when the expression ``test`` is only ``EXISTS { P }`` (in parentheses or not) and P is
    triple patterns about ``?v`` alone (no group, filter or ``?this``). ``FILTER (!test)`` is then
    ``MINUS { P }``, which Oxigraph answers set against set instead of once per value."""
    text = test.strip()
    while text.startswith("(") and text.endswith(")") and _balanced(text[1:-1]):
        text = text[1:-1].strip()
    found = re.fullmatch(r"EXISTS \{([^{}]*)\}", text)
    if found is None or THIS.search(found.group(1)) or re.search(r"\bFILTER\b", found.group(1), re.IGNORECASE):
        return None
    return found.group(1) if re.search(r"\?v\b", found.group(1)) else None


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def _nested_property(g: Graph, prop: Node, var: str, counter: list[int], depth: int) -> str:
    allow_only(g, prop, IGNORED | LOCAL | GRAPH | COUNTS | {SH.path, SH.message, SH.severity})
    walk = path_sparql(g, g.value(prop, SH.path))
    counter[0] += 1
    inner = f"?n{counter[0]}"
    parts = []
    low, high = count_of(g, prop, SH.minCount), count_of(g, prop, SH.maxCount)
    if low not in (None, 0, 1) or high not in (None, 0):
        raise Unsupported("counts other than sh:minCount 1 or sh:maxCount 0 in a nested shape")
    if low == 1:
        parts.append(f"EXISTS {{ {var} {walk} {inner} }}")
    if high == 0:
        parts.append(f"NOT EXISTS {{ {var} {walk} {inner} }}")
    parts += [f"EXISTS {{ {var} {walk} {sparql_term(v)} }}" for v in g.objects(prop, SH.hasValue)]
    flags = g.value(prop, SH.flags)
    atoms = [
        atom(g, p, o, inner, flags, counter, depth + 1)
        for p, o in g.predicate_objects(prop)
        if p in LOCAL | GRAPH and p not in (SH.flags, SH.hasValue)
    ]
    if any(p == SH.datatype and o not in STRINGS for p, o in g.predicate_objects(prop)):
        raise Unsupported("sh:datatype of a typed literal in a nested shape")
    if atoms:
        parts.append(f"NOT EXISTS {{ {var} {walk} {inner} FILTER (!({' && '.join(atoms)})) }}")
    return "(" + " && ".join(parts) + ")" if parts else "true"


THIS = re.compile(r"[$?]this\b")


REFUSED = re.compile(
    r"\$(?!this\b)\w+|\?failure\b|\bMINUS\b|\bVALUES\b|\bBIND\b|\{\s*SELECT\b|\bSERVICE\b|\bGRAPH\b", re.IGNORECASE
)


def sparql_check(g: Graph, shape: Node, constraint: Node, focus: str) -> Check:
    allow_only(g, constraint, {RDF.type, RDFS.comment, SH.select, SH.message, SH.prefixes})
    text = f"SELECT * WHERE {{ {focus} {subquery(g, constraint, g.value(constraint, SH.select))} }}"
    messages = messages_of(g, constraint)
    if len(messages) != 1:
        raise Unsupported("an sh:sparql constraint without exactly one sh:message")
    return Check(
        "sparql", text, messages, severity_of(g, shape), shape, value_is_focus=True, constraint=(SH.sparql, constraint)
    )


def subquery(g: Graph, node: Node, select: Node | None) -> str:
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


def prefixes(g: Graph, shape: Node) -> str:
    """The PREFIX lines of every SPARQL query of ``shape`` (its targets and constraints)."""
    found: dict[str, str] = {}
    for node in [*g.objects(shape, SH.target), *g.objects(shape, SH.sparql)]:
        for prefix, namespace in _declared(g, node):
            if found.setdefault(prefix, namespace) != namespace:
                raise Unsupported(f"the prefix {prefix}: declared twice")
    return "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in sorted(found.items()))


def _declared(g: Graph, node: Node) -> list[tuple[str, str]]:
    found = []
    for owner in g.objects(node, SH.prefixes):
        for declaration in g.objects(owner, SH.declare):
            found.append((str(g.value(declaration, SH.prefix)), str(g.value(declaration, SH.namespace))))
    return sorted(set(found))
