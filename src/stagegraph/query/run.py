"""The ``query`` command's work: pick the query, resolve its parameters, run it here or there."""

from __future__ import annotations

import re

from rdflib import Literal, URIRef

from ..errors import InputError
from ..rdf.labels import labels_in
from ..rdf.names import find_in, resolve
from ..store import guard
from ..store.endpoint import EndpointStore
from ..store.memory import MemoryStore
from ..store.remote import find_remote
from ..store.seam import QueryResult, Store
from . import library, post

# Label lookups a server is sent at once. Measured at a million triples with the server on the
# same 2-core machine: matches 1.28-1.40 s against 1.51-1.64 s one at a time on Oxigraph Server,
# no change on Virtuoso; a server with cores of its own answers more of them side by side.
LABEL_REQUESTS = 4


def _resolver(universe, endpoint: str | None = None, graph_iri: str | None = None):
    """Name → entity: on the server the query runs on, else from the in-memory graph, or from
    the Oxigraph store for large universes."""
    if endpoint:
        return lambda value, kind, param: find_remote(endpoint, graph_iri, universe.ontology.graph, value, kind, param)
    if universe.store_for_queries() != "oxigraph":
        return lambda value, kind, param: resolve(value, kind, universe.graph, universe.ontology.graph, param)

    def find(value: str, kind: str, param: str):
        if kind == "literal":
            return Literal(value)
        return find_in(universe.oxigraph, value, kind, kind.split(":")[-1].lower(), param)

    return find


def bindings_for(
    universe, named, given: dict, lang: str, endpoint: str | None = None, graph_iri: str | None = None
) -> dict:
    """Resolve ``-p`` values to RDF terms (on ``endpoint`` when the query runs there), apply
    defaults, and bind ``?lang`` when used."""
    text, bound, find = named.text, {}, _resolver(universe, endpoint, graph_iri)
    for name, value in given.items():
        param = named.param(name)
        if param is not None:
            bound[name] = find(value, param.kind, name)
        elif re.search(rf"[?$]{re.escape(name)}\b", text):
            bound[name] = URIRef(value) if re.match(r"^https?://", value) else Literal(value)
        else:
            known = ", ".join(p.name for p in named.params) or "none"
            raise InputError(
                f"the query has no parameter '{name}' (its parameters: {known}); "
                "check the name with 'stagegraph queries'",
                str(named.path),
            )
    for param in named.params:
        if param.name not in bound:
            if param.default is None:
                raise InputError(
                    f"the query needs a value for '{param.name}' ({param.description}); pass -p {param.name} VALUE",
                    str(named.path),
                )
            bound[param.name] = find(param.default, param.kind, param.name)
    if re.search(r"[?$]lang\b", text) and "lang" not in bound:
        bound["lang"] = Literal(lang)
    return bound


def run(
    universe,
    spec: str,
    given: dict,
    *,
    lang: str = "en",
    timeout: float | None = 30,
    allow_service: bool = False,
    endpoint: str | None = None,
    graph_iri: str | None = None,
    stdin_text: str | None = None,
) -> QueryResult:
    named = library.load(spec, stdin_text)
    if not endpoint and universe.endpoint:
        endpoint, graph_iri = universe.endpoint, graph_iri or universe.graph_iri
    source = str(named.path)
    store = store_for(universe, endpoint, graph_iri, allow_service)
    # Oxigraph and endpoints parse the query themselves; rdflib's parse (a third of a
    # second) is only needed when a quick look cannot rule out what check refuses.
    kind = None if isinstance(store, MemoryStore) else guard.quick_kind(named.text)
    checked = guard.check(named.text, source, allow_service=allow_service) if kind is None else None
    kind = kind or guard.kind_of(checked)
    bound = bindings_for(universe, named, given, lang, endpoint, graph_iri)
    try:
        result = store.query(named.text, kind, bound, timeout=timeout)
    except InputError:
        if checked is None:  # say what is wrong the way check does
            guard.check(named.text, source, allow_service=allow_service)
        raise
    result = post.apply(named, result, _labeller(universe, store, timeout), lang)
    return sort_sets(result, named.sets)


def store_for(universe, endpoint: str | None, graph_iri: str | None, allow_service: bool = False) -> Store:
    """Where the query runs: the server, the cached Oxigraph store (large universes), or rdflib."""
    if endpoint:
        return EndpointStore(endpoint, graph_iri)
    if universe.store_for_queries() == "oxigraph":
        return universe.oxigraph
    return MemoryStore(universe.graph, allow_service=allow_service)


def _labeller(universe, store: Store, timeout: float | None):
    """Where the ``#+ labels`` post-pass looks labels up: the graph's index in memory, the
    label table beside the Oxigraph store, or (on a server) one query per 500 entities,
    ``LABEL_REQUESTS`` at a time."""
    if isinstance(store, EndpointStore):
        return post.labels_by_query(
            lambda text: store.query(text, "select", {}, timeout=timeout), workers=LABEL_REQUESTS
        )
    if isinstance(store, MemoryStore):
        return lambda iris, lang: labels_in(universe.graph, iris)
    return universe.oxigraph.labels


def sort_sets(result: QueryResult, columns: list[str]) -> QueryResult:
    """Sort the members of ``"; "``-separated set columns, so every engine prints the same."""
    indexes = [result.columns.index(c) for c in columns if c in result.columns]
    if not indexes:
        return result
    rows = []
    for row in result.rows:
        row = list(row)
        for i in indexes:
            if isinstance(row[i], Literal):
                row[i] = Literal("; ".join(sorted(str(row[i]).split("; "))))
        rows.append(tuple(row))
    result.rows = rows
    return result
