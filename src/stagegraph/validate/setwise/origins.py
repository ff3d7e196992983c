"""The file each focus node of a result comes from, found by reading the files once."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyoxigraph

    from ..engine import OxigraphTerm


def origins(
    files: list[Path], nodes: set[OxigraphTerm], store: pyoxigraph.Store | None = None
) -> dict[OxigraphTerm, Path]:
    """Each of ``nodes`` (pyoxigraph terms) → the first of ``files`` that describes it (as
    load.py's ``origin``). A blank node is recognised by its statements, as its label differs."""
    import pyoxigraph

    wanted = {n for n in nodes if not isinstance(n, pyoxigraph.BlankNode)}
    blanks = {_signature(store, n): n for n in nodes if isinstance(n, pyoxigraph.BlankNode)} if store else {}
    found: dict[OxigraphTerm, Path] = {}
    for path in files:
        if len(found) == len(nodes):
            break
        fmt = pyoxigraph.RdfFormat.N_TRIPLES if Path(path).suffix == ".nt" else pyoxigraph.RdfFormat.TURTLE
        described: dict[pyoxigraph.BlankNode, set[tuple[pyoxigraph.NamedNode, OxigraphTerm]]] = {}
        for triple in pyoxigraph.parse(path=str(path), format=fmt, base_iri=Path(path).resolve().as_uri()):
            subject = triple.subject
            if subject in wanted and subject not in found:
                found[subject] = path
            elif (
                blanks
                and isinstance(subject, pyoxigraph.BlankNode)
                and not isinstance(triple.object, pyoxigraph.BlankNode)
            ):
                described.setdefault(subject, set()).add((triple.predicate, triple.object))
        for statements in described.values():
            node = blanks.get(frozenset(statements))
            if node is not None and node not in found:
                found[node] = path
    return found


def _signature(
    store: pyoxigraph.Store, node: pyoxigraph.BlankNode
) -> frozenset[tuple[pyoxigraph.NamedNode, OxigraphTerm]]:
    import pyoxigraph

    return frozenset(
        (q.predicate, q.object)
        for q in store.quads_for_pattern(node, None, None)
        if not isinstance(q.object, pyoxigraph.BlankNode)
    )
