"""The set-at-a-time engine (``--engine fast``): SHACL as a few SPARQL queries per shape on Oxigraph.

Each targeted shape is planned (plan.py) into queries over all its focus nodes at once, run on
an Oxigraph store of the data and the ontology; the rows become the results pySHACL gives
(report.py), one per constraint component and source shape, in pySHACL's words (messages.py).
The engine is right or it declines: when a shape uses anything the planner does not translate
exactly, or the store would hold a literal otherwise than written (faithful.py), the whole
validation goes to the engine it was given to decline to, with the whole shapes graph.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias, cast

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH, XSD
from rdflib.term import Node

from ...rdf.oxigraph_terms import to_rdflib
from ..engine import Data, Engine, Progress, Shapes
from ..report import Report, Result, finish, node_shape, path_text, shape_text, term_text, value_text
from ..targets import class_shapes, targeted_shapes
from .faithful import Rewrites, audit
from .local import holds
from .messages import Words
from .plan import plan
from .terms import Check, Constraint, Unsupported

if TYPE_CHECKING:
    import pyoxigraph

    from ..engine import OxigraphTerm

    # What a check finds: (focus, value, constraint, bindings), in pyoxigraph terms
    Row: TypeAlias = tuple[OxigraphTerm, OxigraphTerm | None, Constraint, dict[str, OxigraphTerm]]

WORKERS = min(4, os.cpu_count() or 1)  # queries run side by side: Oxigraph releases the GIL while it evaluates


class SetwiseEngine:
    """The set-at-a-time engine, declining to ``fallback`` for what it does not cover."""

    name = "fast"

    def __init__(self, *, fallback: Engine, allow_warnings: bool = False, progress: Progress | None = None) -> None:
        self.fallback, self.allow_warnings, self.progress = fallback, allow_warnings, progress

    def validate(self, data: Data, shapes: Shapes, focus: set[URIRef] | None = None) -> Report:
        from ..shapecheck import check

        check(shapes.graph, shapes.files, data.ontology)
        planned, declined = plans(shapes.graph)
        rewrites = Rewrites({}, None)
        if not declined:
            with ThreadPoolExecutor(1) as reader:  # the files are read for their literals while the store loads
                audited = reader.submit(audit, data.literals()) if data.literals is not None else None
                store = data.store
                rewrites = audited.result() if audited is not None else rewrites
            declined = _unfaithful(shapes.graph, rewrites)
        if declined:
            report = self.fallback.validate(data, shapes, focus)
            report.declined = declined
            return report
        found = _run_all(store, shapes.graph, planned, self.progress, rewrites)
        words = Words(shapes.graph, lambda node: _describe(store, node))
        results = [_result(shapes.graph, words, check, *row, rewrites) for check, row in found]
        files = data.files_of({row[0] for _, row in found}) if data.files_of is not None else {}
        results = [_with_file(r, files.get(row[0])) for r, (_, row) in zip(results, found, strict=True)]
        if focus is not None:
            wanted = {term_text(f) for f in focus}
            results = [r for r in results if r.focus_term in wanted]
        return finish(results, self.allow_warnings, setwise=[shape_text(s) for s, _ in planned])


def plans(shapes: Graph) -> tuple[list[tuple[Node, list[Check]]], list[str]]:
    """([(shape, checks)] for every targeted shape, [why a shape is left out]) — all or none."""
    implicit = class_shapes(shapes)
    planned: list[tuple[Node, list[Check]]] = []
    declined: list[str] = []
    for shape in sorted(targeted_shapes(shapes), key=lambda s: (isinstance(s, BNode), str(s))):
        try:
            planned.append((shape, plan(shapes, shape, implicit=shape in implicit).checks))
        except Unsupported as why:
            declined.append(f"{shape_text(shape)}: {why}")
    return planned, declined


def _unfaithful(shapes: Graph, rewrites: Rewrites) -> list[str]:
    """Why the store cannot stand for the data, if it cannot (faithful.py)."""
    if rewrites.problem:
        return [rewrites.problem]
    if not rewrites.written:
        return []
    constants = [*shapes.objects(None, SH.hasValue)]
    constants += [m for head in shapes.objects(None, SH["in"]) for m in Collection(shapes, head)]
    typed = any(isinstance(o, Literal) and o.datatype not in (None, XSD.string) for o in constants)
    if typed or (None, SH.sparql, None) in shapes:
        example = next(iter(rewrites.written.values()))
        return [
            f"the data writes {example}, which Oxigraph's store rewrites, and the shapes compare values "
            "with constants (sh:hasValue, sh:in or SPARQL)"
        ]
    return []


def _run_all(
    store: pyoxigraph.Store,
    shapes: Graph,
    planned: list[tuple[Node, list[Check]]],
    progress: Progress | None,
    rewrites: Rewrites,
) -> list[tuple[Check, Row]]:
    """[(check, (focus, value, bindings))] for every violation, in the order of the plan."""

    def checked(item: tuple[Node, list[Check]]) -> list[tuple[Check, Row]]:
        return [(check, row) for check in item[1] for row in _rows(store, shapes, check, rewrites)]

    found: list[tuple[Check, Row]] = []
    with ThreadPoolExecutor(WORKERS) as pool:
        for done, rows in enumerate(pool.map(checked, planned)):
            found += rows
            if progress is not None:
                progress(done, len(planned), planned[done][0])
    if progress is not None and planned:
        progress(len(planned), len(planned), None)
    return found


def _rows(store: pyoxigraph.Store, shapes: Graph, check: Check, rewrites: Rewrites) -> Iterator[Row]:
    """(focus, value, constraint, bindings) of each violation ``check`` finds (pyoxigraph terms)."""
    # (a check of any kind but local names its constraint; every query of a check is a SELECT)
    declared = cast(Constraint, check.constraint)
    if check.kind == "sparql":
        solutions = cast("pyoxigraph.QuerySolutions", store.query(check.query))
        names = [v.value for v in solutions.variables]
        for row in solutions:
            bound = {name: row[name] for name in names if row[name] is not None}
            yield bound["this"], bound.get("value", bound["this"]), declared, bound
        return
    if check.kind != "local":
        for row in cast("pyoxigraph.QuerySolutions", store.query(check.query)):
            yield row["this"], row["v"] if check.kind == "value" else None, declared, {}
        return
    rows = [(row["this"], row["v"]) for row in cast("pyoxigraph.QuerySolutions", store.query(check.query))]
    suspected = cast("pyoxigraph.QuerySolutions", store.query(check.suspects))
    suspects = [v for v in (row["v"] for row in suspected) if _failed(shapes, check, rewrites.as_written(v))]
    if suspects:
        more = cast("pyoxigraph.QuerySolutions", store.query(check.rows % " ".join(str(v) for v in suspects)))
        rows += [(row["this"], row["v"]) for row in more]
    for this, value in rows:  # one result for each constraint the value fails, as pySHACL reports them
        for constraint in _failed(shapes, check, rewrites.as_written(value)):
            yield this, value, constraint, {}


def _failed(shapes: Graph, check: Check, value: OxigraphTerm) -> list[tuple[Node, Node]]:
    term = to_rdflib(value)
    return [(p, o) for p, o in check.constraints if p != SH.flags and not holds(shapes, p, o, term, check.constraints)]


def _result(
    shapes: Graph,
    words: Words,
    check: Check,
    stored_focus: OxigraphTerm,
    stored_value: OxigraphTerm | None,
    constraint: Constraint,
    bound: dict[str, OxigraphTerm],
    rewrites: Rewrites,
) -> Result:
    focus: Node = to_rdflib(rewrites.as_written(stored_focus))
    value: Node | None = None if stored_value is None else to_rdflib(rewrites.as_written(stored_value))
    path = check.path
    if check.kind == "sparql":
        path = to_rdflib(bound["path"]) if "path" in bound else None
        message = _filled(check.messages[0], {k: to_rdflib(t) for k, t in bound.items()}, focus, path, value)
    else:
        message = words.message(check, constraint[0], focus, value)
    return Result(
        check.severity,
        str(focus),
        message,
        path_text(shapes, path),
        value_text(value),
        node_shape(shapes, check.shape),
        None,
        term_text(focus),
        term_text(value),
        shape_text(check.shape),
        words.component(constraint[0]),
    )


def _filled(message: Node, bound: dict[str, Node], this: Node, path: Node | None, value: Node | None) -> str:
    """An sh:sparql constraint's message with its {?var} filled in, as pySHACL fills it."""
    fills: dict[str, Node | None] = {k: t for k, t in bound.items() if k not in ("this", "path", "value")}
    fills.update({"this": this, **({"path": path} if path is not None else {}), "value": value})
    text = str(message)
    for name, term in fills.items():
        text = re.sub(f"{{[?$]{name}}}", str(term), text)
    return text


def _with_file(result: Result, file: Path | str | None) -> Result:
    return result if file is None else Result(**{**result.__dict__, "file": str(file)})


def _describe(store: pyoxigraph.Store, node: BNode) -> Graph:
    """The triples about a blank node of the data (pySHACL words one by what it says)."""
    import pyoxigraph

    graph = Graph()
    for quad in store.quads_for_pattern(pyoxigraph.BlankNode(str(node)), None, None):
        graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
    return graph


def unsupported(shapes: Graph) -> list[str]:
    """Why the engine would decline these shapes (empty: it runs every one)."""
    return plans(shapes)[1]
