"""What each result of the set-at-a-time engine says and which constraint component it names,
as pySHACL words it: the shape's ``sh:message`` when it has one, else pySHACL's own words for
the constraint, made by pySHACL's constraint component itself (so both engines agree)."""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING, cast

from rdflib import BNode, Graph
from rdflib.namespace import SH
from rdflib.term import Node

from ..report import message_of

if TYPE_CHECKING:
    from pyshacl.constraints.constraint_component import ConstraintComponent
    from pyshacl.shapes_graph import ShapesGraph

    from .terms import Check

OWN: dict[Node, str] = {
    SH.qualifiedMinCount: "QualifiedMinCount",
    SH.qualifiedMaxCount: "QualifiedMaxCount",
    SH.sparql: "SPARQL",
}


class Words:
    """The messages and components of one shapes graph's constraints, made on demand."""

    def __init__(self, shapes: Graph, describe: Callable[[BNode], Graph]) -> None:
        self.shapes = shapes
        self.describe = describe  # describe(node) -> the triples of a blank node of the data, as an rdflib graph
        self._components: dict[tuple[Node, Node], ConstraintComponent] = {}

    @cached_property
    def _pyshacl(self) -> ShapesGraph:
        from pyshacl.shapes_graph import ShapesGraph

        graph = ShapesGraph(self.shapes)
        graph.shapes  # noqa: B018  (builds pySHACL's cache of shapes)
        return graph

    def component(self, parameter: Node) -> str:
        """The IRI of the constraint component a parameter belongs to."""
        if parameter in OWN:
            return str(SH) + OWN[parameter] + "ConstraintComponent"
        from pyshacl.constraints import CONSTRAINT_PARAMETERS_MAP

        return str(CONSTRAINT_PARAMETERS_MAP[parameter].shacl_constraint_component)

    def message(self, check: Check, parameter: Node, focus: Node, value: Node | None) -> str:
        """The message of one result of ``check``, found by its constraint ``parameter`` (rdflib
        terms ``focus`` and ``value``)."""
        if check.messages:
            return cast(str, message_of(check.messages))  # (a message, since there are some)
        component = self._instance(check.shape, parameter)
        data = Graph()  # pySHACL words a term with the namespaces of a fresh graph, as it validates one
        for node in (focus, value):
            if isinstance(node, BNode):
                data += self.describe(node)
        return str(component.make_generic_messages(data, focus, value)[0])

    def _instance(self, shape: Node, parameter: Node) -> ConstraintComponent:
        key = (shape, parameter)
        if key not in self._components:
            from pyshacl.constraints import CONSTRAINT_PARAMETERS_MAP

            owner = self._pyshacl.lookup_shape_from_node(shape)
            if parameter in (SH.qualifiedMinCount, SH.qualifiedMaxCount):
                parameter = SH.qualifiedValueShape
            self._components[key] = CONSTRAINT_PARAMETERS_MAP[parameter](owner)
        return self._components[key]
