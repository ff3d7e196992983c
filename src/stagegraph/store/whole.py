"""The whole graph read from a SPARQL server: one CONSTRUCT streamed as N-Triples, checked complete.

``CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }`` without ORDER BY costs the server one scan (a
sorted page re-sorts the whole store for every page: at a million triples on Oxigraph Server,
minutes). The answer is parsed by Oxigraph as it arrives, and ``--timeout`` bounds a silence,
not the transfer. A server may cut an answer without saying so (Virtuoso's
``ResultSetMaxRows``, 10 000 in Debian's ``virtuoso.ini``, and at most 2^20 rows over HTTP
whatever it is set to), so the triples read are compared with the server's count: when short,
the graph is read again in unordered ``LIMIT``/``OFFSET`` pages of the size the server cut at
(each page one scan), and the pages must add up to the server's count of distinct triples, or
the read fails saying so: never part of a graph taken for the whole.
"""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TypeAlias

import pyoxigraph
from rdflib import BNode, Graph, URIRef
from rdflib.term import Node

from ..errors import EndpointError
from ..rdf.oxigraph_terms import to_rdflib
from .endpoint import ACCEPT, from_server, refuse_partial
from .transport import send, stream

if TYPE_CHECKING:
    import http.client

ALL = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
DISTINCT = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"
REPORT_EVERY = 100_000  # triples between two progress calls

Progress: TypeAlias = Callable[[int], None]  # called with the number of triples read so far


def read_graph(
    url: str,
    *,
    graph_iri: str | None = None,
    timeout: float | None = 120,
    page: int | None = None,
    progress: Progress | None = None,
) -> Graph:
    """Every triple of the server's default graph (or ``graph_iri``): one streamed CONSTRUCT,
    or, when the server cut it short (or ``page`` is given), pages of that many triples."""
    if page is None:
        graph = Graph()
        page = _construct(url, ALL, graph_iri, timeout, graph, progress)
        if page >= _count(url, COUNT, graph_iri, timeout):
            return graph
    return _pages(url, graph_iri, timeout, progress, max(page, 1))


def _pages(url: str, graph_iri: str | None, timeout: float | None, progress: Progress | None, size: int) -> Graph:
    """Unordered pages until the graph holds the server's distinct triples; a page that brings
    no triple not read before means the pages do not join up (the server's order changed
    between two of them, or it ignores OFFSET)."""
    graph, offset = Graph(), 0
    expected = _count(url, DISTINCT, graph_iri, timeout)
    while len(graph) < expected:
        before = len(graph)
        got = _construct(url, f"{ALL} LIMIT {size} OFFSET {offset}", graph_iri, timeout, graph, progress)
        if len(graph) == before:
            raise EndpointError(
                f"the server at {url} gave {len(graph)} of its {expected} triples: it cuts every answer at {size} "
                "and its pages did not join up; raise its result limit (Virtuoso: ResultSetMaxRows in "
                "virtuoso.ini) above the graph's size"
            )
        offset += got
    return graph


def _construct(
    url: str, text: str, graph_iri: str | None, timeout: float | None, graph: Graph, progress: Progress | None
) -> int:
    """Add the answer to ``text`` to ``graph`` as it streams in; the number of triples read."""
    form = {"query": text, **({"default-graph-uri": graph_iri} if graph_iri else {})}
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": ACCEPT["graph"]}
    with stream(
        url, "POST", urllib.parse.urlencode(form).encode("ascii"), headers, timeout=timeout, what="reading the graph"
    ) as response:
        refuse_partial(url, response.headers)
        kind = response.headers.get("Content-Type", "")
        rdf = pyoxigraph.RdfFormat.TURTLE if "turtle" in kind else pyoxigraph.RdfFormat.N_TRIPLES
        reader = _Reader(response)
        try:  # (pyoxigraph reads any object with a read method: its stub names only IO)
            return _add(pyoxigraph.parse(reader, rdf), graph, progress)  # type: ignore[arg-type]
        except SyntaxError as exc:
            raise EndpointError(
                f"the server at {url} answered a CONSTRUCT with RDF that does not parse ({exc}); check the URL"
            ) from None
        except OSError:
            raise reader.failure or EndpointError(f"the server at {url} broke off its answer; check its log") from None


def _add(triples: Iterable[pyoxigraph.Quad], graph: Graph, progress: Progress | None) -> int:
    """Add parsed triples to ``graph``, one rdflib term per IRI (they repeat: memory), keeping the
    server's blank node labels (so pages join up); the number added."""
    iris: dict[str, URIRef] = {}

    def term(node: pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal | pyoxigraph.Triple) -> Node:
        if isinstance(node, pyoxigraph.NamedNode):
            found = iris.get(node.value)
            return found if found is not None else iris.setdefault(node.value, URIRef(node.value))
        if isinstance(node, pyoxigraph.BlankNode):
            return BNode(node.value)
        return from_server(to_rdflib(node))

    count = 0
    for triple in triples:
        graph.add((term(triple.subject), term(triple.predicate), term(triple.object)))
        count += 1
        if progress and count % REPORT_EVERY == 0:
            progress(len(graph))
    if progress:
        progress(len(graph))
    return count


class _Reader:
    """The response as the parser reads it, keeping the failure (a timeout, a reset) the parser
    would turn into a bare OSError, so it is told as itself."""

    def __init__(self, response: http.client.HTTPResponse) -> None:
        self.response = response
        self.failure: Exception | None = None

    def read(self, size: int = -1) -> bytes:
        try:
            return self.response.read(size)
        except Exception as exc:
            self.failure = exc
            raise


def _count(url: str, text: str, graph_iri: str | None, timeout: float | None) -> int:
    form = {"query": text, **({"default-graph-uri": graph_iri} if graph_iri else {})}
    answer = send(
        url,
        "POST",
        urllib.parse.urlencode(form).encode("ascii"),
        {"Content-Type": "application/x-www-form-urlencoded", "Accept": ACCEPT["select"]},
        timeout=timeout,
        what="counting the graph",
    )
    try:
        return int(json.loads(answer.body)["results"]["bindings"][0]["n"]["value"])
    except (ValueError, KeyError, IndexError, TypeError, RecursionError):
        raise EndpointError(
            f"the server at {url} did not answer a COUNT with SPARQL JSON results; check the URL"
        ) from None
