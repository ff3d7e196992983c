"""pySHACL as the reference engine (reference/engine.py) runs it: patches scoped to one run, each undone when it ends.

They make pySHACL linear and quick on large graphs (a parsed SPARQL constraint reused,
focus nodes and constraint parameters looked up in sets), keep its log and warnings off
the terminal, and note which shape an error came from (``stagegraph_shape``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from rdflib.term import Identifier, Node, URIRef

if TYPE_CHECKING:
    from pyshacl.pytypes import GraphLike, RDFNode, SHACLExecutor
    from pyshacl.shape import Shape
    from rdflib.plugins.sparql.processor import SPARQLProcessor
    from rdflib.plugins.sparql.sparql import Query


class BrokenQuery(Exception):
    """A SPARQL query of a shape that rdflib cannot parse."""

    stagegraph_shape: Node | None  # the shape it came from, once noted (see focus_filter_on_targets_only)


@contextmanager
def quiet() -> Iterator[None]:
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
            for logger, (disabled, level) in zip(muted + raised, before, strict=True):
                logger.disabled, logger.level = disabled, level


@functools.lru_cache(maxsize=1024)
def _prepared(text: str, base: str | None, namespaces: frozenset[tuple[str, Any]]) -> Query:
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        return translateQuery(parseQuery(text), base, dict(namespaces))
    except Exception as exc:  # pyparsing's ParseException, rdflib's "Unknown namespace prefix" …
        why = str(getattr(exc, "msg", "") or exc).split("  (at char")[0]
        raise BrokenQuery(f"its SPARQL query has a syntax error: {why}") from None


_PREFIX_LINE = re.compile(r"PREFIX [^\s:<>]*: <[^<>\s]*>")


def _prefixes_sorted(text: str) -> str:
    """The query with the PREFIX lines pySHACL puts before it in one order. pySHACL writes them
    from the shapes graph's sh:declare in the order a set of its blank nodes iterates, which
    changes each time the shapes are parsed: in a process that validates more than once (a
    library caller, a test session), every validation after the first parsed each query again. Declarations of
    distinct prefixes mean the same in any order; anything else is left as it is."""
    head, blank, rest = text.partition("\n\n")
    lines = head.split("\n")
    if not blank or not all(_PREFIX_LINE.fullmatch(line) for line in lines):
        return text
    if len({line.split(":", 1)[0] for line in lines}) != len(lines):
        return text
    return "\n".join(sorted(lines)) + blank + rest


@contextmanager
def parsed_sparql_reused() -> Iterator[None]:
    """Parse each SPARQL constraint once, not once per focus node.

    pySHACL hands rdflib the text of a SPARQL constraint for every focus node, and rdflib
    parses it anew each time (10-20 ms a query): on the bundled graph that is most of the
    validation time. A parsed query is what rdflib's own ``prepareQuery`` reuses, so the
    results are unchanged. The patch is undone when validation ends.
    """
    from rdflib.plugins.sparql import processor
    from rdflib.plugins.sparql.evaluate import evalQuery

    original = processor.SPARQLProcessor.query

    def query(
        self: SPARQLProcessor,
        query: str | Query,
        initBindings: Mapping[str, Identifier] | None = None,  # noqa: N803
        initNs: Mapping[str, Any] | None = None,  # noqa: N803
        base: str | None = None,
        DEBUG: bool = False,  # noqa: N803
    ) -> Mapping[str, Any]:
        if isinstance(query, str):
            query = _prepared(_prefixes_sorted(query), base, frozenset((initNs or {}).items()))
        return evalQuery(self.graph, query, initBindings or {}, base)

    # for this run, restored below; its first parameter is not named as rdflib's, which passes it by position
    processor.SPARQLProcessor.query = query  # type: ignore[method-assign, assignment]
    try:
        yield
    finally:
        processor.SPARQLProcessor.query = original  # type: ignore[method-assign]


@contextmanager
def focus_filter_on_targets_only() -> Iterator[None]:
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

    def validate(
        self: Shape,
        executor: SHACLExecutor,
        target_graph: GraphLike,
        focus: Sequence[RDFNode] | RDFNode | None = None,
        _evaluation_path: list[Any] | None = None,
    ) -> object:  # what pySHACL's returns
        if isinstance(executor.focus_nodes, list):  # pySHACL tests each target with `in` on this list
            executor.focus_nodes = frozenset(executor.focus_nodes)  # type: ignore[assignment]  # the patch's point
        if focus is None or not executor.focus_nodes:
            return original(self, executor, target_graph, focus, _evaluation_path)
        chosen, executor.focus_nodes = executor.focus_nodes, None
        try:
            return original(self, executor, target_graph, focus, _evaluation_path)
        finally:
            executor.focus_nodes = chosen

    def named(
        self: Shape,
        executor: SHACLExecutor,
        target_graph: GraphLike,
        focus: Sequence[RDFNode] | RDFNode | None = None,
        _evaluation_path: list[Any] | None = None,
    ) -> object:
        """``validate``, noting on a pySHACL error which shape it came from (the innermost)."""
        from pyshacl.errors import ReportableRuntimeError

        try:
            return validate(self, executor, target_graph, focus, _evaluation_path)
        except (ReportableRuntimeError, BrokenQuery) as exc:
            if getattr(exc, "stagegraph_shape", None) is None:
                exc.stagegraph_shape = self.node  # type: ignore[union-attr]  # a note added to pySHACL's error
            raise

    Shape.validate = named  # type: ignore[method-assign]  # for this run: restored below
    try:
        yield
    finally:
        Shape.validate = original  # type: ignore[method-assign]


class _Members(list[URIRef]):
    """A list whose ``in`` is a set look-up (and so is that of its copies)."""

    def __init__(self, items: Iterable[URIRef] = ()) -> None:
        super().__init__(items)
        self._set = set(self)

    def __contains__(self, item: object) -> bool:
        return item in self._set

    def copy(self) -> _Members:
        return _Members(self)

    def append(self, item: URIRef) -> None:
        super().append(item)
        self._set.add(item)


@contextmanager
def parameters_as_set() -> Iterator[None]:
    """Let pySHACL find a shape's constraint parameters by set look-up.

    Each time a shape runs (once per focus node for a nested shape) pySHACL tests each of
    the shape's predicates with ``in`` on the list of some 40 constraint parameters: a
    sixth of the validation time of a large contribution. The same parameters, in a list
    that looks up in a set; undone when validation ends.
    """
    import pyshacl.shape as shape_module
    from pyshacl.constraints import ALL_CONSTRAINT_PARAMETERS, CONSTRAINT_PARAMETERS_MAP

    # CONSTRAINT_PARAMS: pySHACL's cache, which it sets with setattr (so its module does not declare it)
    missing = object()
    before = getattr(shape_module, "CONSTRAINT_PARAMS", missing)
    as_set = (_Members(ALL_CONSTRAINT_PARAMETERS), CONSTRAINT_PARAMETERS_MAP)
    shape_module.CONSTRAINT_PARAMS = as_set  # type: ignore[attr-defined]
    try:
        yield
    finally:
        if before is missing:
            del shape_module.CONSTRAINT_PARAMS  # type: ignore[attr-defined]
        else:
            shape_module.CONSTRAINT_PARAMS = before  # type: ignore[attr-defined]


@contextmanager
def literals_kept() -> Iterator[None]:
    """Keep rdflib's reading of literals as stagegraph sets it (terms as written, see rdf/):
    pySHACL sets ``rdflib.NORMALIZE_LITERALS`` back to True, and the reading of xsd:boolean
    back to rdflib's, whenever a validation ends."""
    import rdflib
    from rdflib.term import _XSD_PFX, URIRef, _toPythonMapping

    boolean = URIRef(_XSD_PFX + "boolean")
    before = rdflib.NORMALIZE_LITERALS, _toPythonMapping.get(boolean)
    try:
        yield
    finally:
        rdflib.NORMALIZE_LITERALS, _toPythonMapping[boolean] = before
