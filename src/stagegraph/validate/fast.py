"""Validation set-at-a-time on Oxigraph: the fast path of ``validate`` (``--engine fast``).

Each targeted shape is planned (fastplan.py) into a few SPARQL queries over all its focus
nodes at once, run on an Oxigraph store of the data and ontology (``Universe.check`` loads
one in memory: half the cost of building the cached on-disk store, and scans read it faster,
so it wins cold and warm alike); the rows become
the same ``Result`` values pySHACL's results graph gives (shacl.py), in the same order.
A shape the planner does not translate is validated by pySHACL, alone (``fallback``).
Literals that rdflib may read differently from Oxigraph (see ``fastterms.SUSPECT``) are
judged in Python, by the rules pySHACL applies to rdflib's terms.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD

from ..rdf.oxigraph import to_rdflib
from .fastplan import plan
from .fastterms import Check, Unsupported
from .shacl import Report, Result, _node_shape, _targeted_shapes, finish


def validate_store(store, shapes: Graph, *, allow_warnings: bool = False, progress=None,
                   fallback: Callable[[list], list[Result]] | None = None,
                   origin: Callable[[set], dict] | None = None) -> Report:
    """Validate the data in the pyoxigraph ``store`` (data and ontology) against ``shapes``.

    ``fallback(shapes)`` validates the shapes the fast path does not cover with pySHACL and
    returns their results; ``origin(nodes)`` maps focus nodes (pyoxigraph terms) to their files.
    """
    targeted = sorted(_targeted_shapes(shapes))
    if any(isinstance(s, BNode) for s in shapes.subjects(SH.targetClass, None)):
        targeted = []  # a blank targeted shape: pySHACL sees it, the shape-by-shape batches do not
    from .shaclrun import quiet

    with quiet():  # rdflib logs each ill-typed literal it reads
        results, focus_of, slow = _fast(store, shapes, targeted, progress)
    files = origin(set(focus_of)) if origin is not None and focus_of else {}
    results = [_with_file(r, files.get(f)) for r, f in zip(results, focus_of, strict=True)]
    if slow and fallback is not None:
        results += fallback(slow)
    elif slow:
        raise Unsupported(f"{len(slow)} shapes need pySHACL")
    return finish(results, allow_warnings)


WORKERS = min(4, os.cpu_count() or 1)  # queries run side by side: Oxigraph releases the GIL while it evaluates


def _fast(store, shapes: Graph, targeted: list, progress):
    planned, slow = [], []
    for shape in targeted:
        try:
            planned.append((shape, plan(shapes, shape).checks))
        except Unsupported:
            slow.append(shape)

    def checked(item):
        return item[0], [row for check in item[1] for row in _run(store, shapes, check)]

    found = {}
    with ThreadPoolExecutor(WORKERS) as pool:
        for done, (shape, rows) in enumerate(pool.map(checked, planned)):
            found[shape] = rows
            if progress is not None:
                progress(done, len(targeted), shape)
    if progress is not None and targeted:
        progress(len(targeted), len(targeted), None)
    rows = [row for shape, _ in planned for row in found[shape]]
    return [result for _, result in rows], [focus for focus, _ in rows], slow


def unsupported(shapes: Graph) -> list:
    """The targeted shapes the fast path leaves to pySHACL."""
    slow = []
    for shape in sorted(_targeted_shapes(shapes)):
        try:
            plan(shapes, shape)
        except Unsupported:
            slow.append(shape)
    return slow


def _with_file(result: Result, file) -> Result:
    if file is None:
        return result
    return Result(result.severity, result.focus, result.message, result.path, result.value, result.shape, str(file))


def _run(store, shapes: Graph, check: Check):
    """(focus term, Result) for each violation ``check`` finds."""
    shape = _node_shape(shapes, check.shape)
    path = None if check.path is None else str(check.path)

    def result(focus, value, message=check.message, path=path):
        value = focus if check.value_is_focus and value is None else value
        text = None if value is None else str(to_rdflib(value))
        return focus, Result(check.severity, str(to_rdflib(focus)), message, path, text, shape)

    if check.kind == "sparql":
        solutions = store.query(check.query)
        names = [v.value for v in solutions.variables]
        for row in solutions:
            yield _sparql_result(check, names, row, shape)
        return
    for row in store.query(check.query):
        yield result(row["this"], row["v"] if check.kind in ("value", "local") else None)
    if check.kind == "local":
        bad = [v for v in (row["v"] for row in store.query(check.suspects))
               if not all(holds(shapes, p, o, to_rdflib(v), check.constraints) for p, o in check.constraints
                          if p != SH.flags)]
        if bad:
            for row in store.query(check.rows % " ".join(str(v) for v in bad)):
                yield result(row["this"], row["v"])


def _sparql_result(check: Check, names: list[str], row, shape):
    """A row of an sh:sparql constraint as pySHACL reports it (its message filled in as pySHACL does)."""
    bound = {name: to_rdflib(row[name]) for name in names if row[name] is not None}
    this = bound.pop("this")
    path, value = bound.pop("path", None), bound.pop("value", None)
    value = this if value is None else value
    fills = dict(bound)
    fills.update({"this": this, **({"path": path} if path is not None else {}), "value": value})
    message = check.message
    for name, term in fills.items():
        message = re.sub(f"{{[?$]{name}}}", str(term), message)
    return row["this"], Result(check.severity, str(this), message, None if path is None else str(path), str(value),
                               shape)


# --- local constraints, as pySHACL decides them on rdflib terms -------------------------------

def holds(g: Graph, p, o, v, constraints) -> bool:
    """Whether the rdflib term ``v`` satisfies one constraint ``p o`` (pySHACL's rules)."""
    if p == SH.datatype:
        return _datatype(v, o)
    if p == SH.nodeKind:
        kinds = {SH.IRI: (URIRef,), SH.BlankNode: (BNode,), SH.Literal: (Literal,), SH.BlankNodeOrIRI: (BNode, URIRef),
                 SH.BlankNodeOrLiteral: (BNode, Literal), SH.IRIOrLiteral: (URIRef, Literal)}
        return isinstance(v, kinds[o])
    if p == SH["in"]:
        return v in set(Collection(g, o))
    if p == SH.pattern:
        flags = dict(constraints).get(SH.flags)
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


def _conforms(g: Graph, shape, v) -> bool:
    constraints = list(g.predicate_objects(shape))
    return all(holds(g, p, o, v, constraints) for p, o in constraints
               if p not in (RDF.type, RDFS.comment, RDFS.label, SH.message, SH.severity, SH.flags))


def _datatype(v, datatype) -> bool:
    from pyshacl.constraints.core.value_constraints import DatatypeConstraintComponent

    if not isinstance(v, Literal):
        return False
    if v.datatype == datatype:
        return v.ill_typed is not True and DatatypeConstraintComponent._assert_actual_datatype(None, v, datatype)
    if datatype == RDFS.Literal or (datatype == RDFS.Datatype and v.datatype):
        return True
    if v.datatype is None and v.language is None and datatype == XSD.string:
        return True
    return datatype == RDF.langString and bool(v.language)


def _pattern(v, pattern, flags: str) -> bool:
    if isinstance(v, BNode):
        return False
    options = (re.I if "i" in flags else 0) | (re.M if "m" in flags else 0)
    text = str(v.value) if isinstance(v, Literal) and v.value is not None and v.datatype in (
        None, RDF.langString, XSD.string) else str(v)
    return re.compile(str(pattern), options).search(text) is not None


def _language_in(g: Graph, v, tags) -> bool:
    wanted = {str(t).lower() for t in Collection(g, tags)}
    if not isinstance(v, Literal) or not v.language:
        return False
    language = str(v.language).lower()
    return "*" in wanted or language in wanted or language.split("-")[0] in wanted


def _range(p, v, bound) -> bool:
    from pyshacl.rdfutil import compare_literal

    if not isinstance(v, Literal) or isinstance(v.value, str) != isinstance(bound.value, str):
        return False
    try:
        order = compare_literal(v, bound)
    except (TypeError, NotImplementedError):
        return False
    return {SH.minInclusive: order >= 0, SH.minExclusive: order > 0, SH.maxInclusive: order <= 0,
            SH.maxExclusive: order < 0}[p]


# --- the files results come from --------------------------------------------------------------

def origins(files: list[Path], nodes: set, store=None) -> dict:
    """Each of ``nodes`` (pyoxigraph terms) → the first of ``files`` that describes it (as
    load.py's ``origin``). A blank node is recognised by its statements, as its label differs."""
    import pyoxigraph

    wanted = {n for n in nodes if not isinstance(n, pyoxigraph.BlankNode)}
    blanks = {_signature(store, n): n for n in nodes if isinstance(n, pyoxigraph.BlankNode)} if store else {}
    found: dict = {}
    for path in files:
        if len(found) == len(nodes):
            break
        fmt = pyoxigraph.RdfFormat.N_TRIPLES if Path(path).suffix == ".nt" else pyoxigraph.RdfFormat.TURTLE
        described: dict = {}
        for triple in pyoxigraph.parse(path=str(path), format=fmt, base_iri=Path(path).resolve().as_uri()):
            subject = triple.subject
            if subject in wanted and subject not in found:
                found[subject] = path
            elif blanks and isinstance(subject, pyoxigraph.BlankNode) and not isinstance(triple.object,
                                                                                         pyoxigraph.BlankNode):
                described.setdefault(subject, set()).add((triple.predicate, triple.object))
        for statements in described.values():
            node = blanks.get(frozenset(statements))
            if node is not None and node not in found:
                found[node] = path
    return found


def _signature(store, node) -> frozenset:
    import pyoxigraph

    return frozenset((q.predicate, q.object) for q in store.quads_for_pattern(node, None, None)
                     if not isinstance(q.object, pyoxigraph.BlankNode))
