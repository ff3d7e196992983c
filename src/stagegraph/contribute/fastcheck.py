"""A large contribution validated set-at-a-time (``add --engine fast``, or ``auto`` above a size).

pySHACL validates a contribution's neighbourhood node by node (validate/neighbourhood.py):
about half a millisecond per triple it adds. The set-at-a-time engine (validate/setwise/) runs each
shape as a few SPARQL queries over all focus nodes at once, so it validates the whole merged
data — the data files, the ontology and the contribution, bulk-loaded into an Oxigraph store
in memory — in time that grows with the data, not with the contribution's neighbourhood.

The report is the one the pySHACL path gives: when the contribution only brings new subjects,
results are kept for the nodes near it (within ``neighbourhood.REPORT`` links, walked the same
way, and every blank node), and each names the file its focus comes from (the contribution
for its own subjects).
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from ..rdf.namespaces import BASE
from ..rdf.oxigraph_terms import to_rdflib
from ..store.oxigraph import bulk_load_file
from ..validate import make_engine
from ..validate.engine import Data, Shapes
from ..validate.neighbourhood import NOT_THROUGH, REPORT
from ..validate.neighbourhood import walkable as walkable_rdflib
from ..validate.report import Report
from ..validate.setwise.faithful import file_literals
from ..validate.setwise.origins import origins

# "auto" takes the fast engine for a contribution of more than FAST_TRIPLES triples that is also
# at least 1/DATA_SHARE of the data. Measured on the bundled data (add --dry-run, CPU seconds
# with start-up): 910 triples 0.84 fast / 1.17 pySHACL, 5,050 triples 0.92 / 3.60, 27k 6 / 18;
# pySHACL's neighbourhood costs about 0.5 ms a contributed triple, the fast engine's bulk load
# and queries a few hundredths of that per triple of the whole merged data (hence DATA_SHARE:
# next to a large universe, a small contribution is cheaper around itself). Below 1,000
# triples (a fact or a few made with `new`) the reference engine stays.
FAST_TRIPLES = 1_000
DATA_SHARE = 20


def choose_engine(engine: str, contribution_triples: int, data_triples: int) -> str:
    """``fast`` or ``pyshacl`` for ``engine`` (``auto`` picks by the sizes, see FAST_TRIPLES)."""
    if engine != "auto":
        return engine
    big = contribution_triples > FAST_TRIPLES and contribution_triples * DATA_SHARE >= data_triples
    return "fast" if big else "pyshacl"


def validate_merged(
    universe,
    files: list[Path],
    contribution: Graph,
    name: str,
    *,
    path: Path | None,
    text: str | None,
    whole: bool,
    named_files: bool = True,
) -> Report:
    """The report on ``files`` (the data) with the contribution (``path`` or ``text``, parsed as
    ``contribution``) merged in, by the fast engine; ``whole``: every result (the contribution
    changes existing entities), else the results near the contribution. ``named_files``: results
    about the data's entities name their file (as the memory path does; the store path does not)."""
    store = pyoxigraph.Store()
    for file in [*files, *universe.ontology.files]:
        bulk_load_file(store, Path(file))
    if path is not None:
        bulk_load_file(store, path)
    else:
        store.bulk_load(
            input=text.encode("utf-8"), format=pyoxigraph.RdfFormat.TURTLE, base_iri=Path.cwd().resolve().as_uri() + "/"
        )
    subjects = set(contribution.subjects())

    def origin(nodes: set) -> dict:
        found = origins(files, nodes, store) if named_files else {}
        for node in nodes - found.keys():
            if to_rdflib(node) in subjects or (
                isinstance(node, pyoxigraph.BlankNode) and next(store.quads_for_pattern(node, None, None), None)
            ):
                found[node] = name
        return found

    def loaded():  # what pySHACL reads if the set-at-a-time engine declines (never for the project's shapes)
        from ..rdf.load import load

        current = load(files)
        where = {**{s: name for s in subjects}, **(current.origin if named_files else {})}
        return current.graph + contribution, where

    def literals():
        from_contribution = (t.object for t in contribution_triples(path, text) if type(t.object) is pyoxigraph.Literal)
        return (*file_literals([*files, *universe.ontology.files]), *from_contribution)

    data = Data(universe.ontology.graph, loaded, lambda: store, origin, literals)
    report = make_engine("fast").validate(data, Shapes(universe.shapes.graph, universe.shapes.origin))
    if whole or not report.results:
        return report
    near = near_nodes(store, contribution)
    kept = [r for r in report.results if r.focus in near or not r.focus.startswith(("http://", "https://"))]
    return Report(kept, report.allow_warnings, report.setwise, report.declined)


def contribution_triples(path: Path | None, text: str | None):
    """The contribution's triples as pyoxigraph parses them."""
    fmt = pyoxigraph.RdfFormat.N_TRIPLES if path is not None and path.suffix == ".nt" else pyoxigraph.RdfFormat.TURTLE
    if path is not None:
        return pyoxigraph.parse(path=str(path), format=fmt, base_iri=path.resolve().as_uri())
    return pyoxigraph.parse(input=text.encode("utf-8"), format=fmt, base_iri=Path.cwd().resolve().as_uri() + "/")


def _walkable(term) -> bool:
    return (
        isinstance(term, pyoxigraph.NamedNode)
        and term.value.startswith(BASE)
        and not term.value.startswith(NOT_THROUGH)
    )


def near_nodes(store, contribution: Graph) -> set[str]:
    """The IRIs within ``REPORT`` links of the contribution's nodes, walked as neighbourhood.py
    walks them (out and in, through entities only; ``rdf:type`` links are not followed in)."""
    start = {t for triple in contribution for t in (triple[0], triple[2]) if walkable_rdflib(t)}
    start |= {s for s in contribution.subjects() if isinstance(s, URIRef)}
    seen = {str(node) for node in start}
    frontier = [pyoxigraph.NamedNode(iri) for iri in seen]
    kind = pyoxigraph.NamedNode(str(RDF.type))
    for _hop in range(REPORT):
        reached = set()
        for node in frontier:
            for quad in store.quads_for_pattern(node, None, None):
                if _walkable(quad.object):
                    reached.add(quad.object.value)
            for quad in store.quads_for_pattern(None, None, node):
                if quad.predicate != kind and _walkable(quad.subject):
                    reached.add(quad.subject.value)
        reached -= seen
        seen |= reached
        frontier = [pyoxigraph.NamedNode(iri) for iri in reached]
    return seen
