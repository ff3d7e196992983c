"""Which shapes of a shapes graph have targets: the starting points of every engine."""

from __future__ import annotations

from rdflib import Graph
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)


def targeted_shapes(shapes: Graph) -> set[Node]:
    """Every shape with a target: explicit (``sh:targetClass`` …) or implicit (``class_shapes``)."""
    return {s for t in TARGETS for s in shapes.subjects(t, None)} | class_shapes(shapes)


def class_shapes(shapes: Graph) -> set[Node]:
    """The shapes that are also classes, and so target their instances (SHACL §2.1.3.3): typed
    ``rdfs:Class`` or a type declared a subclass of it, as pySHACL reads it."""
    found = set()
    for kind in {RDFS.Class, *shapes.subjects(RDFS.subClassOf, RDFS.Class)}:
        for node in shapes.subjects(RDF.type, kind):
            if any(str(p).startswith(str(SH)) for p in shapes.predicates(node, None)) or any(
                (node, RDF.type, t) in shapes for t in (SH.NodeShape, SH.PropertyShape)
            ):
                found.add(node)
    return found
