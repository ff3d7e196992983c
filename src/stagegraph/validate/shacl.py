"""SHACL validation → a report made of data (formatted elsewhere, in output.py)."""

from __future__ import annotations

import functools
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
    return finish([r for g in graphs for r in _results(g, shapes, origin or {})], allow_warnings)


def finish(results: list[Result], allow_warnings: bool) -> Report:
    """The report of ``results``: in the order users read them, each once."""
    results = sorted(results, key=lambda r: (SEVERITY_ORDER.get(r.severity, 9), r.file or "", r.focus, r.path or "",
                                             r.message))
    return Report(_dedupe(results), allow_warnings)


def validate_shapes(data: Graph, ontology: Graph, shapes: Graph, chosen: list, *, allow_warnings: bool = False,
                    origin: dict | None = None, shape_files: dict | None = None) -> list[Result]:
    """The results of the ``chosen`` targeted shapes alone (pySHACL, for the shapes the fast path
    leaves to it); the shapes are checked by the caller."""
    combined = Graph()
    combined += data
    combined += ontology
    helpers = sorted(set(shapes.subjects(RDF.type, URIRef(SH + "NodeShape"))) - _targeted_shapes(shapes))
    results = []
    for shape in chosen:
        graph = _run(combined, shapes, allow_warnings, shape_files=shape_files or {}, use_shapes=[shape, *helpers])
        results += _results(graph, shapes, origin or {})
    return results


def _run(combined: Graph, shapes: Graph, allow_warnings: bool, *, shape_files: dict, **options) -> Graph:
    import pyshacl
    from pyshacl.errors import ReportableRuntimeError

    from ..store.joinorder import join_order
    from .shaclrun import BrokenQuery, focus_filter_on_targets_only, parameters_as_set, parsed_sparql_reused, quiet
    from .shapecheck import broken

    try:
        with quiet(), parsed_sparql_reused(), join_order(), focus_filter_on_targets_only(), parameters_as_set():
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
