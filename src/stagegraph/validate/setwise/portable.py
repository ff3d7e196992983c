"""The set-at-a-time plan as data another runtime runs: the contribute page's check, which runs
it in the reader's browser on Oxigraph compiled to WebAssembly (site/contributecheck.py,
site/contribute/js/check*.js).

Each check of every targeted shape (plan.py) is given as it is run here (engine.py): its
SPARQL queries, kind, severity, source shape, path, the message of each constraint it decides
(the shape's ``sh:message``, or pySHACL's own words made a template whose only holes are the
focus node and the value, made by pySHACL itself: messages.py), and the local constraints
(local.py) spelled out as rules: ``sh:datatype`` with how rdflib reads the datatype's lexical
forms, ``sh:nodeKind``, ``sh:in``, ``sh:pattern`` (Python's regular expression rewritten as the
same JavaScript one), ``sh:languageIn``, ranges with a numeric bound, and ``sh:not``, ``sh:or``,
``sh:and`` of those.

It is right or it declines, all or nothing, like the engine: what the other runtime could not
do exactly as this one does is ``Unsupported`` here, with the reason, and no plan is given.
"""

from __future__ import annotations

import json
import re
import sys
from functools import lru_cache
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Node, XSDToPython

from ..report import message_of, node_shape, path_text, shape_text
from .engine import plans
from .expr import prefixes
from .messages import Words
from .terms import COMPARE, KINDS, LOCAL, Check, Unsupported

Json = dict[str, Any]

FORMAT = 1  # the form of the data, so a page and its script can tell they agree

# How rdflib reads a literal of each datatype it maps to a Python value (rdflib.term.XSDToPython),
# as the browser's rules know it: "str" (the value is the lexical form), "integer", "decimal",
# "boolean", "date", "double", "float"; any other datatype rdflib maps is not judged in the
# browser (rdflib's checks of it are not ported), and a datatype rdflib does not map has no value.
PORTED = {
    XSD.integer: "integer",
    XSD.decimal: "decimal",
    XSD.boolean: "boolean",
    XSD.date: "date",
    XSD.double: "double",
    XSD.float: "float",
}
NORMALISED = (XSD.normalizedString, XSD.token)  # rdflib rewrites their lexical forms


def literal_modes() -> dict[str, str]:
    """Datatype IRI → how rdflib reads its literals: "str" (the value is the lexical form), a
    reading ported to the browser ("integer", "decimal", "boolean", "date", "double", "float"), or
    one that is not: "numeric" (a bounded integer type), "normalised" (rdflib rewrites the lexical
    form), "time" (a date-time or time, which pySHACL cannot order against a number), "unported"."""
    from rdflib.term import _NUMERIC_LITERAL_TYPES, _check_well_formed_types

    modes = {}
    for datatype, cast in XSDToPython.items():
        if datatype is None:
            continue
        if datatype in PORTED:
            modes[str(datatype)] = PORTED[URIRef(datatype)]
        elif datatype in _NUMERIC_LITERAL_TYPES:
            modes[str(datatype)] = "numeric" if datatype in _check_well_formed_types else "integer"
        elif cast is None:
            modes[str(datatype)] = "normalised" if datatype in NORMALISED else "str"
        elif datatype in (XSD.dateTime, XSD.time):
            modes[str(datatype)] = "time"
        else:
            modes[str(datatype)] = "unported"
    return modes


# A focus node and a value that pySHACL's generic words are made with, twice (an IRI, then a
# literal): the words around them must be the same both times, so only those holes are filled.
SENTINELS = (
    (URIRef("urn:x-stagegraph:focus"), URIRef("urn:x-stagegraph:value")),
    (URIRef("urn:x-stagegraph:other-focus"), Literal("urn:x-stagegraph:other-value")),
)
WRITTEN = {
    URIRef("urn:x-stagegraph:focus"): "<urn:x-stagegraph:focus>",
    URIRef("urn:x-stagegraph:value"): "<urn:x-stagegraph:value>",
    URIRef("urn:x-stagegraph:other-focus"): "<urn:x-stagegraph:other-focus>",
    Literal("urn:x-stagegraph:other-value"): 'Literal("urn:x-stagegraph:other-value")',
}


def portable_plan(shapes: Graph) -> Json:
    """``{"format", "declined": [why…], "checks": [...], "literals", "namespaces", "literalModes"}``:
    every check of every targeted shape, or (``declined`` not empty) none."""
    planned, declined = plans(shapes)
    if declined:
        return {"format": FORMAT, "declined": declined, "checks": []}
    words = Words(shapes, lambda node: Graph())
    checks: list[Json] = []
    for shape, shape_checks in planned:
        try:
            checks += [_check(shapes, words, check) for check in shape_checks]
        except Unsupported as why:
            declined.append(f"{shape_text(shape)}: {why}")
    try:
        literals = literal_safety(shapes)
    except Unsupported as why:
        declined.append(str(why))
    if declined:
        return {"format": FORMAT, "declined": declined, "checks": []}
    return stable(
        {
            "format": FORMAT,
            "declined": [],
            "checks": checks,
            "literals": literals,
            "namespaces": fresh_namespaces(),
            "literalModes": literal_modes(),
        }
    )


BLANK = re.compile(r"_:N[0-9a-f]{32}")  # rdflib's blank node labels: new ones with every parse


def stable(plan: Json) -> Json:
    """``plan`` the same for the same shapes in every run (a site is rebuilt byte for byte): its
    checks in the order of what they say, blank nodes aside, and each blank node named by where
    it first appears (``_:b1``, ``_:b2`` …) instead of by rdflib's label of this parse."""

    def key(check: Json) -> str:
        return BLANK.sub("_:", json.dumps(check, sort_keys=True, ensure_ascii=False))

    text = json.dumps({**plan, "checks": sorted(plan["checks"], key=key)}, ensure_ascii=False)
    names: dict[str, str] = {}
    text = BLANK.sub(lambda m: names.setdefault(m.group(0), f"_:b{len(names) + 1}"), text)
    stabilised: Json = json.loads(text)
    return stabilised


def literal_safety(shapes: Graph) -> Json:
    """When a literal Oxigraph's store keeps otherwise than written (faithful.py) changes no result.

    The engine declines as soon as one is rewritten and the shapes compare values with constants
    or run SPARQL (engine._unfaithful). The browser cannot decline to pySHACL, so it looks closer:
    a rewrite that maps one written form to one stored form (the others are refused) keeps every
    join, count and sameTerm of the queries as they are on the written terms, and every value
    comparison; what it changes is a term compared with a constant that the store keeps the same
    way (``"1"^^xsd:boolean`` and ``true``), and the lexical form a string function reads. So:
    ``{"constants": [[stored, written], …]}``, the shapes' typed constants (``sh:hasValue``,
    ``sh:in``, the literals of their SPARQL) as the store keeps them and as written, which a
    rewritten literal must not meet in another form; ``{"lexical": [why, …]}``, what in the shapes
    reads a literal's lexical form where a rewritten one could reach it (then no rewrite is safe)."""
    constants: set[Literal] = {o for o in shapes.objects(None, SH.hasValue) if isinstance(o, Literal)}
    constants |= {
        m for head in shapes.objects(None, SH["in"]) for m in Collection(shapes, head) if isinstance(m, Literal)
    }
    lexical: list[Json] = []
    for owner, node in [
        *((s, n) for s, n in shapes.subject_objects(SH.sparql)),
        *((s, n) for s, n in shapes.subject_objects(SH.target)),
    ]:
        select = shapes.value(node, SH.select)
        if select is None:
            continue
        found, readings = _sparql_literals(prefixes(shapes, owner) + str(select))
        constants |= found
        lexical += [{**r, "why": f"{shape_text(owner)}: {r['why']}"} for r in readings]
    lexical += [
        {"why": f"{shape_text(n)}: sh:pattern in a nested shape", "objectOf": None}
        for n in _nested_shapes(shapes)
        if (n, SH.pattern, None) in shapes
    ]
    typed = sorted((c for c in constants if c.datatype not in (None, XSD.string, RDF.langString)), key=str)
    stored = _stored_forms(typed)
    for constant in typed:
        if stored[constant] != _oxigraph_literal(constant):
            raise Unsupported(f"the constant {constant.n3()}, which Oxigraph's store keeps as {stored[constant]}")
    return {
        "constants": [[str(stored[c]), str(_oxigraph_literal(c))] for c in typed],
        "lexical": sorted(lexical, key=lambda r: r["why"]),
    }


# SPARQL functions whose answer depends on a literal's lexical form (rdflib's algebra names), and
# those whose answer never does (what is inside them is not read as text).
LEXICAL = {
    f"Builtin_{name}"
    for name in [
        *("STR", "STRLEN", "SUBSTR", "UCASE", "LCASE", "STRSTARTS", "STRENDS", "CONTAINS", "STRBEFORE", "STRAFTER"),
        *("ENCODE_FOR_URI", "CONCAT", "REPLACE", "REGEX", "MD5", "SHA1", "SHA256", "SHA384", "SHA512"),
        *("IRI", "BNODE", "STRDT", "STRLANG"),
    ]
} | {"Aggregate_GroupConcat"}
NOT_LEXICAL = {
    f"Builtin_{name}" for name in ["LANG", "DATATYPE", "isIRI", "isBLANK", "isLITERAL", "isNUMERIC", "BOUND"]
}
REQUIRED = {"p", "p1"}  # the parts of an algebra node every solution of it matches (not LeftJoin's or Minus's p2)
ALWAYS = {
    "SelectQuery",
    "Project",
    "Distinct",
    "Reduced",
    "Slice",
    "OrderBy",
    "Filter",
    "Join",
    "LeftJoin",
    "Minus",
    "Extend",
    "ToMultiSet",
    "AggregateJoin",
    "Group",
}


def _sparql_literals(text: str) -> tuple[set[Literal], list[Json]]:
    """(the literals of a SPARQL query, where it reads the lexical form of a literal): each
    variable a function reads as text is either the subject of a triple pattern every solution
    matches (never a literal), or ``{"why", "objectOf": [IRI, …]}``: it is the object of those
    properties in every solution (so only a literal that is the object of all of them reaches
    it), or ``"objectOf": None``: any literal may."""
    from rdflib.plugins.sparql import prepareQuery
    from rdflib.plugins.sparql.parserutils import CompValue
    from rdflib.term import Variable

    try:
        algebra = prepareQuery(text).algebra
    except Exception as exc:  # pyparsing's errors, an unknown prefix …
        raise Unsupported(f"a SPARQL query rdflib cannot parse ({exc})") from None
    literals: set[Literal] = set()
    read: set[Variable] = set()
    required: list[list[Node]] = []  # the triple patterns every solution matches

    def triples(value: Any) -> list[list[Node]]:
        found = []
        for group in value:  # (s, p, o), or before translation s p o s p o …
            terms = list(group)
            if len(terms) % 3:
                raise Unsupported("a SPARQL triple pattern of a form not read here")
            found += [terms[i : i + 3] for i in range(0, len(terms), 3)]
        return found

    def visit(node: object, reading: bool, needed: bool) -> None:
        if isinstance(node, Literal):
            literals.add(node)
        elif isinstance(node, Variable):
            if reading:
                read.add(node)
        elif isinstance(node, CompValue):
            inside = (reading or node.name in LEXICAL) and node.name not in NOT_LEXICAL
            for key, value in node.items():
                if key == "_vars":
                    continue
                if key == "triples":
                    found = triples(value)
                    if needed and node.name == "BGP":
                        required.extend(found)
                    for triple in found:
                        visit(triple, inside, False)
                else:
                    every = key in REQUIRED or (node.name == "Join" and key == "p2")
                    visit(value, inside, needed and node.name in ALWAYS and every)
        elif isinstance(node, (list, tuple, set)):
            for item in node:
                visit(item, reading, False)
        elif isinstance(node, dict):
            for value in node.values():
                visit(value, reading, False)

    visit(algebra, False, True)
    readings = []
    for variable in sorted(read):
        if any(s == variable for s, _, _ in required):
            continue
        properties = [p for _, p, o in required if o == variable]
        bounded = bool(properties) and all(isinstance(p, URIRef) for p in properties)
        readings.append(
            {
                "why": f"a function reads the lexical form of ?{variable}, which may be a literal",
                "objectOf": sorted({str(p) for p in properties}) if bounded else None,
            }
        )
    return literals, readings


def _nested_shapes(shapes: Graph) -> set[Node]:
    """Every shape reached from another through sh:node, sh:qualifiedValueShape, sh:not, sh:or,
    sh:and (and their property shapes)."""
    found: set[Node] = set()
    todo: list[Node] = [
        *shapes.objects(None, SH.node),
        *shapes.objects(None, SH.qualifiedValueShape),
        *shapes.objects(None, SH["not"]),
    ]
    for head in [*shapes.objects(None, SH["or"]), *shapes.objects(None, SH["and"])]:
        todo += list(Collection(shapes, head))
    while todo:
        node = todo.pop()
        if node in found:
            continue
        found.add(node)
        todo += list(shapes.objects(node, SH.property))
    return found


def _oxigraph_literal(term: Literal) -> Any:
    import pyoxigraph

    return pyoxigraph.Literal(str(term), datatype=pyoxigraph.NamedNode(str(term.datatype)))


def _stored_forms(literals: list[Literal]) -> dict[Literal, Any]:
    """Each typed literal as Oxigraph's store keeps it."""
    import pyoxigraph

    scratch = pyoxigraph.Store()
    predicate = pyoxigraph.NamedNode("urn:x-stagegraph:is")
    for i, term in enumerate(literals):
        scratch.add(pyoxigraph.Quad(pyoxigraph.NamedNode(f"urn:x-stagegraph:{i}"), predicate, _oxigraph_literal(term)))
    kept = {quad.subject.value: quad.object for quad in scratch}
    return {term: kept[f"urn:x-stagegraph:{i}"] for i, term in enumerate(literals)}


def fresh_namespaces() -> list[list[str]]:
    """The prefixes pySHACL writes a data term with: a fresh graph's, and sh (messages.py)."""
    graph = Graph()
    graph.namespace_manager.bind("sh", SH, override=False, replace=False)
    return sorted([prefix, str(namespace)] for prefix, namespace in graph.namespace_manager.namespaces())


def _check(shapes: Graph, words: Words, check: Check) -> Json:
    out: Json = {
        "kind": check.kind,
        "query": check.query,
        "severity": check.severity,
        "shape": shape_text(check.shape),
        "nodeShape": node_shape(shapes, check.shape),
        "path": path_text(shapes, check.path),
        "field": _field(shapes, check),
    }
    if check.kind == "local":
        flags = dict(check.constraints).get(SH.flags)
        out["suspects"], out["rows"] = check.suspects, check.rows
        out["constraints"] = [
            {
                "parameter": _local_name(p),
                "rule": _rule(shapes, p, o, flags),
                "component": words.component(p),
                "message": _message(words, check, p),
            }
            for p, o in check.constraints
            if p != SH.flags
        ]
        return out
    parameter = check.constraint[0] if check.constraint else None
    if parameter is None:
        raise Unsupported("a check that names no constraint")
    out["component"] = words.component(parameter)
    if check.kind == "sparql":
        out["message"] = {"fill": str(check.messages[0])}
    else:
        if not check.messages and parameter == SH.hasValue and len(set(shapes.objects(check.shape, SH.hasValue))) > 1:
            raise Unsupported("pySHACL's words for several sh:hasValue list them in no fixed order")
        out["message"] = _message(words, check, parameter)
    return out


def _message(words: Words, check: Check, parameter: Node) -> Json:
    """``{"text"}``: the shape's message; or ``{"parts"}``: pySHACL's words, a list of texts and
    ``{"slot": "focus" | "value"}`` holes, made by pySHACL with sentinel terms."""
    if check.messages:
        return {"text": message_of(check.messages)}
    members = [m for head in words.shapes.objects(check.shape, SH["in"]) for m in Collection(words.shapes, head)]
    if parameter == SH["in"] and len(members) > 1:
        raise Unsupported("pySHACL's words for sh:in list its members in no fixed order")
    made = []
    for focus, value in SENTINELS:
        text = words.message(check, parameter, focus, None if check.kind == "focus" else value)
        made.append(_holes(text, {WRITTEN[focus]: "focus", WRITTEN[value]: "value"}))
    if made[0] != made[1]:
        raise Unsupported(f"pySHACL's words for {parameter.n3()} depend on more than the focus node and value")
    return {"parts": made[0]}


def _holes(text: str, slots: dict[str, str]) -> list[str | Json]:
    parts: list[str | Json] = []
    pattern = "|".join(re.escape(s) for s in slots)
    last = 0
    for found in re.finditer(pattern, text):
        if found.start() > last:
            parts.append(text[last : found.start()])
        parts.append({"slot": slots[found.group(0)]})
        last = found.end()
    if last < len(text):
        parts.append(text[last:])
    return parts


def _local_name(parameter: Node) -> str:
    return str(parameter).removeprefix(str(SH))


def _term(term: Node) -> Json:
    """A constant of a shape as the browser compares it with a data term."""
    if isinstance(term, URIRef):
        return {"termType": "NamedNode", "value": str(term)}
    if isinstance(term, Literal):
        if term.datatype == XSD.string:
            raise Unsupported("a constant typed xsd:string (rdflib tells it from a plain string; Oxigraph does not)")
        if term.datatype in NORMALISED:
            raise Unsupported(f"a constant typed {term.datatype.n3()} (rdflib rewrites its lexical form)")
        datatype = term.datatype or (RDF.langString if term.language else XSD.string)
        return {"termType": "Literal", "value": str(term), "language": term.language or "", "datatype": str(datatype)}
    raise Unsupported("a blank node as a constant")


RULE_SKIP = {RDF.type, RDFS.comment, RDFS.label, SH.message, SH.severity, SH.flags}  # local._conforms's


def _rule(shapes: Graph, p: Node, o: Node, flags: Node | None) -> Json:
    """One local constraint as the browser's rules judge it (local.holds)."""
    if p == SH.datatype:
        if o == RDFS.Datatype:
            raise Unsupported(
                "sh:datatype rdfs:Datatype (rdflib tells a plain string from an xsd:string; Oxigraph does not)"
            )
        mode = literal_modes().get(str(o), "none")
        if o not in (XSD.string, RDF.langString, RDFS.Literal) and mode in (
            "numeric",
            "normalised",
            "time",
            "unported",
        ):
            raise Unsupported(f"sh:datatype {o.n3()}, whose lexical forms the browser does not read as rdflib does")
        return {"datatype": str(o), "mode": mode}
    if p == SH.nodeKind:
        if o not in KINDS:
            raise Unsupported("an unknown sh:nodeKind")
        return {"nodeKind": _local_name(o)}
    if p == SH["in"]:
        return {"in": [_term(m) for m in Collection(shapes, o)]}
    if p == SH.pattern:
        return {"pattern": js_pattern(str(o), str(flags) if flags is not None else "")}
    if p == SH.languageIn:
        return {"languageIn": [str(t).lower() for t in Collection(shapes, o)]}
    if p in COMPARE:
        if not (isinstance(o, Literal) and o.datatype in (XSD.integer, XSD.decimal) and o.ill_typed is not True):
            raise Unsupported(f"{p.n3()} with a bound that is not an xsd:integer or xsd:decimal")
        if o.value is None:
            raise Unsupported(f"{p.n3()} with an ill-typed bound")
        return {"compare": COMPARE[p], "bound": {"kind": str(o.datatype).removeprefix(str(XSD)), "value": str(o)}}
    if p == SH["not"]:
        return {"not": _nested(shapes, o)}
    if p in (SH["or"], SH["and"]):
        return {_local_name(p): [_nested(shapes, s) for s in Collection(shapes, o)]}
    raise Unsupported(f"the local constraint {p.n3()} in the browser")


def _nested(shapes: Graph, shape: Node) -> list[Json]:
    """A nested shape's constraints, as local._conforms reads them (its own sh:flags for its pattern)."""
    flags = shapes.value(shape, SH.flags)
    rules = []
    for p, o in shapes.predicate_objects(shape):
        if p in RULE_SKIP:
            continue
        if p not in LOCAL and p not in (SH["not"], SH["or"], SH["and"]):
            raise Unsupported(f"the parameter {p.n3()} in a nested shape")
        rules.append(_rule(shapes, p, o, flags))
    return rules


def _field(shapes: Graph, check: Check) -> str | None:
    """The property a result of ``check`` concerns, for a form to show it beside its field: the
    path's (first) IRI; for a SPARQL constraint, the first property its query reads from ``$this``."""
    if check.kind == "sparql":
        constraint = check.constraint[1] if check.constraint else None
        select = shapes.value(constraint, SH.select) if isinstance(constraint, Node) else None
        found = _first_property(str(select or ""), check.query)
        if found is None:
            found = next((str(p) for p in shapes.objects(check.shape, SH.targetSubjectsOf)), None)
        return found
    if check.value_is_focus or check.path is None:
        return None
    if isinstance(check.path, URIRef):
        return str(check.path)
    text = path_text(shapes, check.path) or ""
    first = re.search(r"<([^<>]*)>", text)
    return first.group(1) if first else None


def _first_property(select: str, query: str) -> str | None:
    declared = dict(re.findall(r"PREFIX\s+([\w.-]*):\s*<([^<>]*)>", query))
    for found in re.finditer(r"[$?]this\s+(<[^<>\s]*>|[A-Za-z][\w.-]*:[\w.-]*)", select):
        term = found.group(1)
        iri = term[1:-1] if term.startswith("<") else None
        if iri is None:
            prefix, local = term.split(":", 1)
            iri = declared[prefix] + local if prefix in declared else None
        if iri and iri != str(RDF.type):
            return iri
    return None


# Python's regular expressions (sh:pattern, as local.py runs them) as the same JavaScript ones.
# Only what means the same in both once rewritten is taken: anything else is Unsupported.

SIMPLE_ESCAPES = set(".^$*+?()[]{}|\\/-") | set("tnrfv")


@lru_cache(maxsize=8)
def _python_class(escape: str) -> str:
    """The code points Python's ``\\d``, ``\\w`` or ``\\s`` matches in a str pattern, as the inside
    of a JavaScript character class (``u`` flag)."""
    test = re.compile(f"\\{escape}")
    ranges: list[list[int]] = []
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF:
            continue
        if test.match(chr(code)):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    return "".join(_js_char(a) if a == b else f"{_js_char(a)}-{_js_char(b)}" for a, b in ranges)


def _js_char(code: int) -> str:
    char = chr(code)
    if char.isalnum() and code < 128:
        return char
    return f"\\u{{{code:x}}}"


def js_pattern(pattern: str, flags: str) -> Json:
    """``{"source", "flags"}`` of the JavaScript RegExp that matches what Python's ``re.search``
    with ``pattern`` and ``flags`` (``i``, ``m``; others ignored, as local.py ignores them) matches."""
    multiline = "m" in flags.lower()
    out: list[str] = []
    i, n = 0, len(pattern)
    previous_quantifiable = False
    while i < n:
        char = pattern[i]
        if char == "\\":
            piece, i = _escape(pattern, i, in_class=False)
            out.append(piece)
            previous_quantifiable = True
            continue
        if char == "[":
            piece, i = _char_class(pattern, i)
            out.append(piece)
            previous_quantifiable = True
            continue
        if char == "(":
            if pattern.startswith("(?", i):
                head = pattern[i : i + 4]
                if head.startswith(("(?:", "(?=", "(?!")):
                    out.append(head[:3])
                    i += 3
                elif head.startswith(("(?<=", "(?<!")):
                    out.append(head)
                    i += 4
                else:
                    raise Unsupported(f"the pattern {pattern!r}: the group form {head!r}")
            else:
                out.append("(")
                i += 1
            previous_quantifiable = False
            continue
        if char in "*+?":
            if not previous_quantifiable:
                raise Unsupported(f"the pattern {pattern!r}: a quantifier with nothing before it")
            out.append(char)
            i += 1
            if i < n and pattern[i] == "?":
                out.append("?")
                i += 1
            elif i < n and pattern[i] == "+":
                raise Unsupported(f"the pattern {pattern!r}: a possessive quantifier")
            previous_quantifiable = False
            continue
        if char == "{":
            found = re.match(r"\{(\d*)(,(\d*))?\}", pattern[i:])
            if found and (found.group(1) or found.group(3)) and previous_quantifiable:
                low, comma, high = found.group(1) or "0", found.group(2), found.group(3) or ""
                out.append("{" + low + ("," + high if comma else "") + "}")
                i += found.end()
                if i < n and pattern[i] == "?":
                    out.append("?")
                    i += 1
                elif i < n and pattern[i] == "+":
                    raise Unsupported(f"the pattern {pattern!r}: a possessive quantifier")
                previous_quantifiable = False
                continue
            out.append("\\{")
            i += 1
            previous_quantifiable = True
            continue
        if char == "}":
            out.append("\\}")
        elif char == "]":
            out.append("\\]")
        elif char == ".":
            out.append("[^\\n]")
        elif char == "^":
            out.append("(?:(?<![\\s\\S])|(?<=\\n))" if multiline else "(?<![\\s\\S])")
        elif char == "$":
            out.append("(?=\\n|(?![\\s\\S]))" if multiline else "(?=\\n?(?![\\s\\S]))")
        elif char == "/":
            out.append("\\/")
        else:
            out.append(char)  # a literal, | or )
        previous_quantifiable = char not in "|^$"
        i += 1
    return {"source": "".join(out), "flags": "iu" if "i" in flags.lower() else "u"}


def _escape(pattern: str, i: int, in_class: bool) -> tuple[str, int]:
    """One escape of a Python pattern at ``i``: (the JavaScript for it, where the pattern goes on)."""
    if i + 1 >= len(pattern):
        raise Unsupported(f"the pattern {pattern!r}: a lone backslash at its end")
    char = pattern[i + 1]
    if char in "dws":
        inner = _python_class(char)
        return (inner if in_class else f"[{inner}]"), i + 2
    if char in "DWS":
        if in_class:
            raise Unsupported(f"the pattern {pattern!r}: \\{char} inside a character class")
        return f"[^{_python_class(char.lower())}]", i + 2
    if char in "tnrfv":
        return "\\" + char, i + 2
    if char == "x" and re.fullmatch(r"[0-9A-Fa-f]{2}", pattern[i + 2 : i + 4]):
        return _js_char(int(pattern[i + 2 : i + 4], 16)), i + 4
    if char == "u" and re.fullmatch(r"[0-9A-Fa-f]{4}", pattern[i + 2 : i + 6]):
        return _js_char(int(pattern[i + 2 : i + 6], 16)), i + 6
    if char.isascii() and char.isalnum():
        raise Unsupported(f"the pattern {pattern!r}: the escape \\{char}")
    return _js_char(ord(char)), i + 2  # any other character escaped stands for itself


def _char_class(pattern: str, i: int) -> tuple[str, int]:
    """A character class of a Python pattern at ``i`` (its ``[``)."""
    j = i + 1
    negated = j < len(pattern) and pattern[j] == "^"
    j += negated
    if j < len(pattern) and pattern[j] == "]":
        raise Unsupported(f"the pattern {pattern!r}: a character class that starts with ]")
    items: list[tuple[str, str]] = []  # ("char", JavaScript for one code point) or ("set", a class's inside)
    while j < len(pattern) and pattern[j] != "]":
        char = pattern[j]
        if char == "\\":
            piece, j = _escape(pattern, j, in_class=True)
            kind = "set" if pattern[j - 1] in "dws" and pattern[j - 2] == "\\" else "char"
            items.append((kind, piece))
            continue
        if char == "[" and pattern.startswith(("[:", "[=", "[."), j):
            raise Unsupported(f"the pattern {pattern!r}: a POSIX class")
        items.append(("dash" if char == "-" else "char", _js_char(ord(char))))
        j += 1
    if j >= len(pattern):
        raise Unsupported(f"the pattern {pattern!r}: an unclosed character class")
    out = ["[^" if negated else "["]
    for k, (kind, piece) in enumerate(items):
        if kind != "dash":
            out.append(piece)
            continue
        before = items[k - 1][0] if k > 0 else None
        after = items[k + 1][0] if k + 1 < len(items) else None
        if before is None or after is None:
            out.append(_js_char(ord("-")))  # a - at either end stands for itself
        elif before == "char" and after == "char":
            out.append("-")
        else:
            raise Unsupported(f"the pattern {pattern!r}: a - beside a class or another - in a character class")
    out.append("]")
    return "".join(out), j + 1
