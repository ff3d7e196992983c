"""SHACL validation → a report made of data (formatted elsewhere, in output.py)."""

from __future__ import annotations

import functools
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

SH = "http://www.w3.org/ns/shacl#"
SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}


@dataclass(frozen=True)
class Result:
    """One problem found in the data."""

    severity: str  # "Violation", "Warning" or "Info"
    focus: str
    message: str
    path: str | None = None
    value: str | None = None
    shape: str | None = None  # the node shape whose constraint failed
    file: str | None = None

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class Report:
    """The outcome of validating a graph."""

    results: list[Result] = field(default_factory=list)
    allow_warnings: bool = False

    @property
    def conforms(self) -> bool:
        blocking = {"Violation"} if self.allow_warnings else {"Violation", "Warning"}
        return not any(r.severity in blocking for r in self.results)

    def count(self, severity: str) -> int:
        return sum(1 for r in self.results if r.severity == severity)


BATCHED = 50_000  # triples above which validation runs shape by shape, reporting progress


def validate_graph(data: Graph, ontology: Graph, shapes: Graph, *, allow_warnings: bool = False,
                   origin: dict | None = None, progress=None, focus=None, shape_files: dict | None = None) -> Report:
    """Validate ``data`` against ``shapes``, with ``ontology`` merged into the data graph.

    The whole ontology is merged, not passed as pySHACL's ``ont_graph``: pySHACL mixes in
    only class and property axioms from it, and the shapes also need the SKOS concept
    schemes (``skos:inScheme``) to check controlled values.
    ``origin`` maps subjects to the file they came from, so each result can name it.
    ``focus`` (IRIs) restricts validation to those focus nodes (pySHACL's ``focus_nodes``).
    A large graph is validated one shape at a time, in place (no second copy in memory),
    calling ``progress(done, total, shape)`` before each shape.
    Broken shapes are an InputError naming their file (``shape_files``: subject → file), found
    before validation starts (shapecheck.py) or, failing that, when pySHACL stops on them.
    """
    from . import shapecheck

    shapecheck.check(shapes, shape_files, ontology)
    run = functools.partial(_run, shape_files=shape_files or {})
    combined = Graph()
    combined += data
    combined += ontology
    if len(combined) > BATCHED and progress is not None:
        targeted = sorted(_targeted_shapes(shapes))
        helpers = sorted(set(shapes.subjects(RDF.type, URIRef(SH + "NodeShape"))) - set(targeted))
        graphs = []
        for done, shape in enumerate(targeted):
            progress(done, len(targeted), shape)
            # Shapes used through sh:node must be in use_shapes too, or pySHACL skips them.
            graphs.append(run(combined, shapes, allow_warnings, use_shapes=[shape, *helpers]))
        progress(len(targeted), len(targeted), None)
    elif focus is not None:
        graphs = [run(combined, shapes, allow_warnings, focus_nodes=sorted(focus))] if focus else []
    else:
        graphs = [run(combined, shapes, allow_warnings)]
    results = [r for g in graphs for r in _results(g, shapes, origin or {})]
    results.sort(key=lambda r: (SEVERITY_ORDER.get(r.severity, 9), r.file or "", r.focus, r.path or "", r.message))
    return Report(_dedupe(results), allow_warnings)


def _run(combined: Graph, shapes: Graph, allow_warnings: bool, *, shape_files: dict, **options) -> Graph:
    import pyshacl
    from pyshacl.errors import ReportableRuntimeError

    from .joinorder import join_order
    from .shapecheck import broken

    try:
        with _quiet(), _parsed_sparql_reused(), join_order(), _focus_filter_on_targets_only():
            _conforms, results_graph, _text = pyshacl.validate(
                combined, shacl_graph=shapes, inference="none", advanced=True, inplace=True,
                allow_warnings=allow_warnings, allow_infos=True, **options)
    except (ReportableRuntimeError, BrokenQuery) as exc:
        results_graph = exc
    if not isinstance(results_graph, Graph):  # pySHACL returns a ValidationFailure in place of the report
        what = str(getattr(results_graph, "message", results_graph)).strip().splitlines()[0].rstrip(".")
        what = what if isinstance(results_graph, BrokenQuery) else f"pySHACL cannot use it: {what}"
        raise broken(shapes, shape_files, getattr(results_graph, "stagegraph_shape", None),
                     f"{what}; fix the shape") from None
    return results_graph


class BrokenQuery(Exception):
    """A SPARQL query of a shape that rdflib cannot parse."""


@contextmanager
def _quiet():
    """Keep pySHACL's and rdflib's log records and warnings off the user's terminal while
    validating (pySHACL logs to a handler of its own on standard error): what matters reaches
    the user as results or as an error. stagegraph's own progress is printed, not logged."""
    import logging
    import warnings

    muted = [logging.getLogger(name) for name in ("pyshacl-validate", "pyshacl-rules")]
    raised = [logging.getLogger(name) for name in ("pyshacl", "rdflib")]  # their modules' loggers inherit the level
    before = [(logger.disabled, logger.level) for logger in muted + raised]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for logger in muted:
            logger.disabled = True
        for logger in raised:
            logger.setLevel(logging.CRITICAL + 1)
        try:
            yield
        finally:
            for logger, (disabled, level) in zip(muted + raised, before):
                logger.disabled, logger.level = disabled, level


def _results(results_graph: Graph, shapes: Graph, origin: dict) -> list[Result]:
    detail = URIRef(SH + "detail")
    return [_result(results_graph, node, shapes, origin)
            for node in results_graph.subjects(RDF.type, URIRef(SH + "ValidationResult"))
            if (None, detail, node) not in results_graph]


def _targeted_shapes(shapes: Graph) -> set:
    targets = [URIRef(SH + t) for t in ("targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf", "target")]
    return {s for t in targets for s in shapes.subjects(t, None) if isinstance(s, URIRef)}


def _dedupe(results: list[Result]) -> list[Result]:
    seen, unique = set(), []
    for result in results:
        if result not in seen:
            seen.add(result)
            unique.append(result)
    return unique


def _result(graph: Graph, node, shapes: Graph, origin: dict) -> Result:
    def value(prop: str):
        return graph.value(node, URIRef(SH + prop))

    focus = value("focusNode")
    source_shape = value("sourceShape")
    severity = str(value("resultSeverity") or SH + "Violation").removeprefix(SH)
    message = str(value("resultMessage") or "does not conform to its shape")
    file = origin.get(focus)
    return Result(
        severity=severity,
        focus=str(focus),
        message=message,
        path=_text(value("resultPath")),
        value=_text(value("value")),
        shape=_node_shape(shapes, source_shape),
        file=str(file) if file else None,
    )


def _text(term) -> str | None:
    return None if term is None else str(term)


def _node_shape(shapes: Graph, shape) -> str | None:
    """The named node shape a (possibly blank) property shape belongs to."""
    if shape is None:
        return None
    if isinstance(shape, URIRef):
        return str(shape)
    parent = shapes.value(predicate=URIRef(SH + "property"), object=shape)
    return _node_shape(shapes, parent) if parent is not None else None


@functools.lru_cache(maxsize=1024)
def _prepared(text: str, base, namespaces: frozenset):
    from rdflib.plugins.sparql import processor

    try:
        return processor.translateQuery(processor.parseQuery(text), base, dict(namespaces))
    except Exception as exc:  # pyparsing's ParseException, rdflib's "Unknown namespace prefix" …
        why = str(getattr(exc, "msg", "") or exc).split("  (at char")[0]
        raise BrokenQuery(f"its SPARQL query has a syntax error: {why}") from None


@contextmanager
def _parsed_sparql_reused():
    """Parse each SPARQL constraint once, not once per focus node.

    pySHACL hands rdflib the text of a SPARQL constraint for every focus node, and rdflib
    parses it anew each time (10-20 ms a query): on the bundled graph that is most of the
    validation time. A parsed query is what rdflib's own ``prepareQuery`` reuses, so the
    results are unchanged. The patch is undone when validation ends.
    """
    from rdflib.plugins.sparql import processor

    original = processor.SPARQLProcessor.query

    def query(self, query, initBindings=None, initNs=None, base=None, DEBUG=False):  # noqa: N803
        if isinstance(query, str):
            query = _prepared(query, base, frozenset((initNs or {}).items()))
        return processor.evalQuery(self.graph, query, initBindings or {}, base)

    processor.SPARQLProcessor.query = query
    try:
        yield
    finally:
        processor.SPARQLProcessor.query = original


@contextmanager
def _focus_filter_on_targets_only():
    """Make pySHACL's ``focus_nodes`` option filter only the nodes a shape targets, in linear time.

    pySHACL keeps the option as a list and tests every node a shape targets against it
    (``node in list``): targets × focus nodes comparisons, quadratic in the size of a
    contribution. The list is made a set the first time a shape runs.

    pySHACL (0.40) also filters the value nodes handed to a nested shape (a
    ``sh:qualifiedValueShape``, ``sh:node``…) by that list, so a literal value never passes
    and every qualified count fails. Nested evaluations (those given their focus) run with
    the option unset; the patch is undone when validation ends.
    """
    from pyshacl.shape import Shape

    original = Shape.validate

    def validate(self, executor, target_graph, focus=None, _evaluation_path=None):
        if isinstance(executor.focus_nodes, list):  # pySHACL tests each target with `in` on this list
            executor.focus_nodes = frozenset(executor.focus_nodes)
        if focus is None or not executor.focus_nodes:
            return original(self, executor, target_graph, focus, _evaluation_path)
        chosen, executor.focus_nodes = executor.focus_nodes, None
        try:
            return original(self, executor, target_graph, focus, _evaluation_path)
        finally:
            executor.focus_nodes = chosen

    def named(self, executor, target_graph, focus=None, _evaluation_path=None):
        """``validate``, noting on a pySHACL error which shape it came from (the innermost)."""
        from pyshacl.errors import ReportableRuntimeError

        try:
            return validate(self, executor, target_graph, focus, _evaluation_path)
        except (ReportableRuntimeError, BrokenQuery) as exc:
            if getattr(exc, "stagegraph_shape", None) is None:
                exc.stagegraph_shape = self.node
            raise

    Shape.validate = named
    try:
        yield
    finally:
        Shape.validate = original
