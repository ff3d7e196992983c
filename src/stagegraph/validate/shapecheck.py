"""A shapes file that pySHACL cannot use, or must not run, is an input error, found before validation.

pySHACL stops in the middle of a run on some broken shapes (a literal ``sh:path``, a property
shape without a path, a SPARQL syntax error) and silently accepts others (a literal
``sh:class`` or an unknown ``sh:datatype`` just fail or pass every value); and it hands each
SPARQL constraint to rdflib, which would follow a ``SERVICE`` or ``FROM`` over the network.
So the shapes graph is checked here first: the first problem becomes an ``InputError`` that
names the file (and line), the shape and what to do. ``broken`` words what pySHACL still
raises the same way (see reference/engine.py).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Node

from ..errors import InputError
from ..rdf.namespaces import short

if TYPE_CHECKING:
    from rdflib.plugins.sparql.sparql import Query

    from .engine import Origin

XSD_TYPES = {
    URIRef(str(XSD) + name)
    for name in [
        "string",
        "boolean",
        "decimal",
        "integer",
        "double",
        "float",
        "date",
        "time",
        "dateTime",
        "dateTimeStamp",
        "duration",
        "dayTimeDuration",
        "yearMonthDuration",
        "gYear",
        "gYearMonth",
        "gMonth",
        "gMonthDay",
        "gDay",
        "hexBinary",
        "base64Binary",
        "anyURI",
        "QName",
        "NOTATION",
        "normalizedString",
        "token",
        "language",
        "NMTOKEN",
        "NMTOKENS",
        "Name",
        "NCName",
        "ID",
        "IDREF",
        "IDREFS",
        "ENTITY",
        "ENTITIES",
        "nonPositiveInteger",
        "negativeInteger",
        "long",
        "int",
        "short",
        "byte",
        "nonNegativeInteger",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
        "positiveInteger",
        "anyAtomicType",
        "anySimpleType",
    ]
}
RDF_TYPES = {RDF.langString, RDF.HTML, RDF.XMLLiteral, RDF.JSON, RDF.PlainLiteral}
NODE_KINDS = {SH.IRI, SH.BlankNode, SH.Literal, SH.BlankNodeOrIRI, SH.BlankNodeOrLiteral, SH.IRIOrLiteral}
IRI_VALUED = (
    SH["class"],
    SH.targetClass,
    SH.targetSubjectsOf,
    SH.targetObjectsOf,
    SH.equals,
    SH.disjoint,
    SH.lessThan,
    SH.lessThanOrEquals,
)
SHAPE_VALUED = (SH.node, SH.property, SH["not"], SH.qualifiedValueShape)
SHAPE_LISTS = (SH["and"], SH["or"], SH.xone)
LISTS = (*SHAPE_LISTS, SH["in"], SH.languageIn, SH.ignoredProperties)
COUNTS = (SH.minCount, SH.maxCount, SH.minLength, SH.maxLength, SH.qualifiedMinCount, SH.qualifiedMaxCount)
PATH_OPERATORS = (SH.inversePath, SH.alternativePath, SH.zeroOrMorePath, SH.oneOrMorePath, SH.zeroOrOnePath)
QUERY_FORMS = {SH.select: "SelectQuery", SH.ask: "AskQuery", SH.construct: "ConstructQuery"}
_KINDS = {"SelectQuery": "select", "AskQuery": "ask", "ConstructQuery": "graph"}
PYSHACL_PREFIXES = {"rdf": str(RDF), "rdfs": str(RDFS), "owl": "http://www.w3.org/2002/07/owl#"}


class Problem(Exception):
    """What is wrong with one node of the shapes graph (made an InputError by ``check``)."""

    def __init__(self, node: Node | None, what: str) -> None:
        super().__init__(what)
        self.node, self.what = node, what


def check(shapes: Graph, origin: Origin | None = None, ontology: Graph | None = None) -> None:
    """Raise an InputError for the first broken shape of ``shapes`` (``origin``: subject → file)."""
    try:
        _check(shapes, ontology if ontology is not None else Graph())
    except Problem as problem:
        raise broken(shapes, origin or {}, problem.node, problem.what) from None


def broken(shapes: Graph, origin: Origin, node: Node | None, what: str) -> InputError:
    """The InputError for a problem with ``node`` (a shape or a part of one) of ``shapes``."""
    shape = owner(shapes, node)
    file = origin.get(shape) if shape is not None else None
    if shape is None or file is None:
        files = sorted({str(f) for f in origin.values()})
        return InputError(f"the SHACL shapes cannot be used: {what}", ", ".join(files) or None)
    return InputError(f"shape {short(shape)}: {what}", str(file), _line_of(Path(file), shape))


def owner(shapes: Graph, node: Node | None) -> URIRef | None:
    """The named shape ``node`` is part of (itself if it is named), or None."""
    seen: set[Node] = set()
    while isinstance(node, BNode) and node not in seen:
        seen.add(node)
        node = next(iter(shapes.subjects(None, node)), None)
    return node if isinstance(node, URIRef) else None


def _check(shapes: Graph, ontology: Graph) -> None:
    declared = {d for g in (shapes, ontology) for d in g.subjects(RDF.type, RDFS.Datatype)}
    for node, predicate, value in shapes.triples((None, None, None)):
        _check_value(node, predicate, value, declared)
    for prop in set(shapes.objects(None, SH.property)) | set(shapes.subjects(SH.path, None)):
        paths = list(shapes.objects(prop, SH.path))
        if len(paths) != 1:
            raise Problem(
                prop,
                f"a property shape has {len(paths)} sh:path values; give it exactly one "
                "(an IRI such as sg:name, or a path expression)",
            )
        _check_path(shapes, prop, paths[0])
    for predicate in LISTS:
        for node, head in shapes.subject_objects(predicate):
            if head != RDF.nil and (head, RDF.first, None) not in shapes:
                raise Problem(node, f"{short(predicate)} is not a well-formed list; write its values as ( … )")
    for node in set(shapes.objects(None, SH.sparql)):
        if len(list(shapes.objects(node, SH.select))) != 1:
            raise Problem(node, "an sh:sparql constraint needs exactly one sh:select query; give it one")
    for predicate, form in QUERY_FORMS.items():
        for node, text in shapes.subject_objects(predicate):
            _check_query(shapes, node, predicate, text, form)


def _check_value(node: Node, predicate: Node, value: Node, declared: set[Node]) -> None:
    name = short(predicate)
    if predicate in IRI_VALUED and not isinstance(value, URIRef):
        raise Problem(
            node, f"{name} is {_shown(value)}, not an IRI; write the class or property as an IRI, such as sg:Character"
        )
    if predicate in SHAPE_VALUED and isinstance(value, Literal):
        raise Problem(node, f"{name} is the literal {_shown(value)}, not a shape; point it at a shape")
    if predicate in LISTS and value != RDF.nil and not isinstance(value, BNode):
        raise Problem(node, f"{name} is {_shown(value)}, not a list; write the values as a list such as ( … )")
    if predicate == SH.datatype and value not in XSD_TYPES | RDF_TYPES | declared:
        raise Problem(
            node,
            f"sh:datatype {_shown(value)} is not a datatype; use an XSD datatype such as "
            "xsd:string or xsd:integer, rdf:langString, or one declared as rdfs:Datatype",
        )
    if predicate == SH.nodeKind and value not in NODE_KINDS:
        raise Problem(
            node,
            f"sh:nodeKind {_shown(value)} is not a node kind; use sh:IRI, sh:Literal, "
            "sh:BlankNode or one of their combinations such as sh:BlankNodeOrIRI",
        )
    if predicate == SH.severity and not isinstance(value, URIRef):
        raise Problem(
            node,
            f"sh:severity {_shown(value)} is not an IRI; use sh:Violation, sh:Warning, sh:Info or an IRI of your own",
        )
    if predicate in COUNTS and not (
        isinstance(value, Literal)
        and isinstance(value.value, int)
        and not isinstance(value.value, bool)
        and value.value >= 0
    ):
        raise Problem(node, f"{name} is {_shown(value)}, not a whole number; write a number such as 1")
    if predicate == SH.pattern:
        try:
            re.compile(str(value))
        except re.error as exc:
            raise Problem(
                node, f"sh:pattern {_shown(value)} is not a valid regular expression ({exc}); fix the pattern"
            ) from None


def _check_path(shapes: Graph, prop: Node, path: Node, depth: int = 0) -> None:
    if isinstance(path, URIRef):
        return
    if depth > 20:
        raise Problem(prop, "sh:path is nested more than 20 levels deep (a list that contains itself?); fix the path")
    if not isinstance(path, BNode):
        raise Problem(
            prop,
            f"sh:path is {_shown(path)}, not a property; write it as an IRI such as sg:name "
            "(or a path expression such as [ sh:inversePath sg:slot ])",
        )
    operators = [(p, o) for p, o in shapes.predicate_objects(path) if p in PATH_OPERATORS]
    if len(operators) == 1:
        inner = operators[0][1]
        steps = _list(shapes, inner) if operators[0][0] == SH.alternativePath else [inner]
    else:
        steps = _list(shapes, path)
    if not steps:
        raise Problem(
            prop,
            "sh:path is a blank node that is neither a list of steps nor one path operator "
            "(sh:inversePath, sh:alternativePath, sh:zeroOrMorePath …); fix the path",
        )
    for step in steps:
        _check_path(shapes, prop, step, depth + 1)


def _list(shapes: Graph, node: Node) -> list[Node]:
    if (node, RDF.first, None) not in shapes:
        return []
    return list(Collection(shapes, node))


def _check_query(shapes: Graph, node: Node, predicate: Node, text: Node, form: str) -> None:
    """A shape's query only reads the loaded data: the query guard's words (store/guard.py) that
    could reach further (SERVICE, FROM, an update) are refused before anything runs."""
    from ..store.guard import RISKY, quick_kind
    from ..store.values import masked as _masked

    name, wanted = short(predicate), form.removesuffix("Query").upper()
    if not (isinstance(text, Literal) and isinstance(text.value, str)):
        raise Problem(node, f"{name} is {_shown(text)}, not the text of a SPARQL query; write the query as a string")
    risky = RISKY.search(_masked(str(text)))
    if risky:
        raise Problem(
            node,
            f"its {name} query uses {risky.group(1).upper()}, which reaches beyond the loaded data "
            "(the network, other graphs or changes to them); a shape's query only reads the data: "
            "remove it",
        )
    kind = quick_kind(str(text))
    if kind is None:  # no query form: parse it, for the error
        header = " ".join(f"PREFIX {p}: <{ns}>" for p, ns in _prefixes(shapes) if re.fullmatch(r"[A-Za-z][\w.-]*|", p))
        try:
            _parsed(header + " " + str(text))
        except InputError as exc:
            raise Problem(node, f"its {name} query has an error ({exc.detail.split('; ')[0]}); fix the query") from None
    elif kind != _KINDS[form]:
        raise Problem(node, f"its {name} query is not a {wanted} query; {name} takes a {wanted} query")


def _prefixes(shapes: Graph) -> tuple[tuple[str, str], ...]:
    """Every prefix the shapes declare (sh:declare) and the ones pySHACL always adds."""
    found = dict(PYSHACL_PREFIXES)
    for declaration in shapes.objects(None, SH.declare):
        prefix, namespace = shapes.value(declaration, SH.prefix), shapes.value(declaration, SH.namespace)
        if prefix is not None and namespace is not None:
            found[str(prefix)] = str(namespace)
    return tuple(sorted(found.items()))


@functools.lru_cache(maxsize=256)
def _parsed(text: str) -> Query:
    """The checked query (see queries.check); the prefixes are on its first line, so lines match."""
    from ..store.guard import check

    return check(text, "<shape>")


def _shown(term: Node) -> str:
    if isinstance(term, Literal):
        return f'the literal "{term}"'
    return short(term) if isinstance(term, URIRef) else "a blank node"


def _line_of(path: Path, shape: Node) -> int | None:
    """The line where ``shape``'s description starts in ``path`` (its name at the start of a line)."""
    local = re.split(r"[#/:]", str(shape))[-1]
    if not local:
        return None
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except OSError:
        return None
    pattern = re.compile(rf"^(?:<{re.escape(str(shape))}>|[\w.-]*:{re.escape(local)})(?=\s|$)")
    return next((i for i, line in enumerate(lines, 1) if pattern.match(line)), None)
