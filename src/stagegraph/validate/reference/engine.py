"""pySHACL, the reference engine: node by node, every SHACL Core constraint, with the whole
shapes graph (patches that keep it quick and quiet are in patches.py)."""

from __future__ import annotations

from typing import Any

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from ..engine import Data, Origin, Progress, Shapes
from ..report import (
    Report,
    Result,
    finish,
    message_of,
    node_shape,
    path_text,
    severity_name,
    shape_text,
    term_text,
    value_text,
)
from ..targets import targeted_shapes

BATCHED = 50_000  # triples above which validation runs shape by shape, reporting progress


class PyshaclEngine:
    """The reference engine."""

    name = "pyshacl"

    def __init__(self, *, allow_warnings: bool = False, progress: Progress | None = None) -> None:
        self.allow_warnings, self.progress = allow_warnings, progress

    def validate(self, data: Data, shapes: Shapes, focus: set[URIRef] | None = None) -> Report:
        graph, origin = data.rdflib
        return validate_graph(
            graph,
            data.ontology,
            shapes.graph,
            allow_warnings=self.allow_warnings,
            origin=origin,
            progress=self.progress,
            focus=focus,
            shape_files=shapes.files,
        )


def validate_graph(
    data: Graph,
    ontology: Graph,
    shapes: Graph,
    *,
    allow_warnings: bool = False,
    origin: Origin | None = None,
    progress: Progress | None = None,
    focus: set[URIRef] | None = None,
    shape_files: Origin | None = None,
) -> Report:
    """Validate ``data`` against ``shapes``, with ``ontology`` merged into the data graph.

    The whole ontology is merged, not passed as pySHACL's ``ont_graph``: pySHACL mixes in
    only class and property axioms from it, and the shapes also need the SKOS concept
    schemes (``skos:inScheme``) to check controlled values.
    ``origin`` maps subjects to the file they came from, so each result can name it.
    ``focus`` (IRIs) restricts validation to those focus nodes (pySHACL's ``focus_nodes``).
    A large graph is validated one targeted shape at a time, in place (no second copy in
    memory), calling ``progress(done, total, shape)`` before each shape; pySHACL always has
    the whole shapes graph, and finds the shapes each one refers to itself.
    Broken shapes are an InputError naming their file (``shape_files``: subject → file), found
    before validation starts (shapecheck.py) or, failing that, when pySHACL stops on them.
    """
    from .. import shapecheck

    shapecheck.check(shapes, shape_files, ontology)
    shape_files = shape_files or {}
    combined = Graph()
    combined += data
    combined += ontology
    roots = sorted(targeted_shapes(shapes), key=str)
    if len(combined) > BATCHED and progress is not None and all(isinstance(s, URIRef) for s in roots):
        # pySHACL looks up only the shapes in use_shapes (and blank nodes under them): the named
        # shapes the root refers to go with it; having no targets, they add no results.
        helpers = sorted(_named_shapes(shapes) - set(roots))
        graphs = []
        for done, shape in enumerate(roots):
            progress(done, len(roots), shape)
            graphs.append(_run(combined, shapes, allow_warnings, shape_files, use_shapes=[shape, *helpers]))
        progress(len(roots), len(roots), None)
    elif focus is not None:
        graphs = [_run(combined, shapes, allow_warnings, shape_files, focus_nodes=sorted(focus))] if focus else []
    else:
        graphs = [_run(combined, shapes, allow_warnings, shape_files)]
    return finish([r for g in graphs for r in results_of(g, shapes, origin or {})], allow_warnings)


def _named_shapes(shapes: Graph) -> set[URIRef]:
    """Every shape named by an IRI: typed as a shape, or the value of a shape-expecting parameter."""
    from rdflib.collection import Collection

    found = set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(RDF.type, SH.PropertyShape))
    found |= {o for p in (SH.node, SH.property, SH.qualifiedValueShape, SH["not"]) for o in shapes.objects(None, p)}
    for p in (SH["and"], SH["or"], SH.xone):
        for head in shapes.objects(None, p):
            found.update(Collection(shapes, head))
    return {s for s in found if isinstance(s, URIRef)}


def _run(combined: Graph, shapes: Graph, allow_warnings: bool, shape_files: Origin, **options: Any) -> Graph:
    """pySHACL's results graph (``options``: its ``use_shapes`` or ``focus_nodes``)."""
    import pyshacl
    from pyshacl.errors import ReportableRuntimeError

    from ...store.joinorder import join_order
    from ..shapecheck import broken
    from .patches import (
        BrokenQuery,
        focus_filter_on_targets_only,
        literals_kept,
        parameters_as_set,
        parsed_sparql_reused,
        quiet,
    )

    try:
        with (
            literals_kept(),
            quiet(),
            parsed_sparql_reused(),
            join_order(),
            focus_filter_on_targets_only(),
            parameters_as_set(),
        ):
            _conforms, results_graph, _text = pyshacl.validate(
                combined,
                shacl_graph=shapes,
                inference="none",
                advanced=True,
                inplace=True,
                allow_warnings=allow_warnings,
                allow_infos=True,
                **options,
            )
    except (ReportableRuntimeError, BrokenQuery) as exc:
        results_graph = exc
    if not isinstance(results_graph, Graph):  # pySHACL returns a ValidationFailure in place of the report
        what = str(getattr(results_graph, "message", results_graph)).strip().splitlines()[0].rstrip(".")
        what = what if isinstance(results_graph, BrokenQuery) else f"pySHACL cannot use it: {what}"
        raise broken(
            shapes, shape_files, getattr(results_graph, "stagegraph_shape", None), f"{what}; fix the shape"
        ) from None
    return results_graph


def results_of(results_graph: Graph, shapes: Graph, origin: Origin) -> list[Result]:
    """The top-level results of a pySHACL results graph (not those nested as ``sh:detail``)."""
    return [
        _result(results_graph, node, shapes, origin)
        for node in results_graph.subjects(RDF.type, SH.ValidationResult)
        if (None, SH.detail, node) not in results_graph
    ]


def _result(graph: Graph, node: Node, shapes: Graph, origin: Origin) -> Result:
    def value(prop: Node) -> Node | None:
        return graph.value(node, prop)

    focus, path, found = value(SH.focusNode), value(SH.resultPath), value(SH.value)
    source = value(SH.sourceShape)
    file = origin.get(focus) if focus is not None else None
    return Result(
        severity=severity_name(value(SH.resultSeverity)),
        focus=str(focus),
        message=message_of(list(graph.objects(node, SH.resultMessage))) or "does not conform to its shape",
        path=path_text(graph if isinstance(path, BNode) and (path, None, None) in graph else shapes, path),
        value=value_text(found),
        shape=node_shape(shapes, source),
        file=str(file) if file else None,
        focus_term=term_text(focus),
        value_term=term_text(found),
        source_shape=shape_text(source),
        component=value_text(value(SH.sourceConstraintComponent)),
    )
