"""A SPARQL 1.1 server as the store: the Protocol for queries, the Graph Store Protocol to publish.

Queries go as a form-encoded POST (``query=…``), the one form every server reads
(Virtuoso never answers an ``application/sparql-query`` body); a neighbourhood is read back
in bounded CONSTRUCT pages (the whole graph in one streamed answer: ``whole``); publishing
streams N-Triples in chunks (PUT the first, POST the rest; the chunks are cut in ``upload``).
How requests travel (credentials, redirects, errors, timeouts) is in ``transport``.
"""

from __future__ import annotations

import time
import urllib.parse
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph
from rdflib import XSD, BNode, Graph, Literal
from rdflib.term import Node

from ..errors import EndpointError
from ..rdf.oxigraph_terms import from_rdflib, to_rdflib
from ..rdf.termparts import Terms, iri, literal
from . import results, upload
from .results import JSONObject
from .seam import Bindings, QueryResult
from .transport import Reader, check_url, reason_of, send, stream, with_params
from .values import with_values

if TYPE_CHECKING:
    from email.message import Message

ACCEPT = {
    "graph": "application/n-triples, text/turtle;q=0.9",
    "select": "application/sparql-results+json",
    "ask": "application/sparql-results+json",
}
PAGE = 10_000  # triples per CONSTRUCT page: Virtuoso's default ResultSetMaxRows
CHUNK = 50_000  # triples per publish request


class EndpointStore:
    """The ``Store`` of a SPARQL server: parameters travel as a VALUES block (``with_values``),
    the universe's named graph as the default graph."""

    def __init__(self, url: str, graph_iri: str | None = None) -> None:
        self.url, self.graph_iri = url, graph_iri

    def query(self, text: str, kind: str, bindings: Bindings, timeout: float | None = 30) -> QueryResult:
        return query(self.url, with_values(text, bindings), kind, timeout=timeout, default_graph=self.graph_iri)


def query(
    url: str, text: str, kind: str, *, timeout: float | None = 30, default_graph: str | None = None
) -> QueryResult:
    """Run ``text`` on the server at ``url`` over the SPARQL 1.1 Protocol. A SELECT's answer is
    decoded as it arrives (``results``), each row built as soon as its bytes are in; an answer
    the server cut short (at its time or row limit) is refused, never taken for the whole."""
    check_url(url)
    if kind == "graph":
        answer = send(url, "POST", _form(text, default_graph), _headers(kind), timeout=timeout, what="the query")
        refuse_partial(url, answer.headers)
        return QueryResult("graph", graph=parse_graph(url, answer.body, answer.content_type))
    return _answer(url, text, kind, timeout, default_graph)


def _form(text: str, default_graph: str | None) -> bytes:
    form = {"query": text, **({"default-graph-uri": default_graph} if default_graph else {})}
    return urllib.parse.urlencode(form).encode("ascii")


def _headers(kind: str) -> dict[str, str]:
    return {"Content-Type": "application/x-www-form-urlencoded", "Accept": ACCEPT.get(kind, ACCEPT["select"])}


def _answer(url: str, text: str, kind: str, timeout: float | None, default_graph: str | None) -> QueryResult:
    """One SELECT or ASK answer."""
    bindings: Iterable[JSONObject]
    deadline = time.monotonic() + timeout if timeout else None  # as send's: from before the request
    with stream(url, "POST", _form(text, default_graph), _headers(kind), timeout=timeout, what="the query") as response:
        refuse_partial(url, response.headers)
        start = Reader(response, deadline)
        try:
            head, bindings = results.bindings(start.read)
            if kind == "ask":
                return QueryResult("ask", boolean=bool(head.get("boolean")))
            if "vars" not in head:  # a head after the results (JSON keeps no order): read them all first
                bindings = list(bindings)
            columns, term = head.get("vars"), reader()
            if not isinstance(columns, list):
                raise ValueError("a SELECT answer names its columns in head.vars")
            rows = [tuple([term(b.get(c)) for c in columns]) for b in bindings]
        except (ValueError, TypeError, AttributeError, KeyError):  # not JSON, or JSON not shaped as results
            raise EndpointError(
                f"the server at {url} did not answer with SPARQL JSON results "
                f"({reason_of(start.first, response.headers.get('Content-Type', ''), 120)}); "
                "check the URL"
            ) from None
    refuse_cut(url, response.headers, len(rows))
    return QueryResult("select", columns, rows)


def refuse_partial(url: str, headers: Message) -> None:
    """Virtuoso's "anytime" answer (cut at MaxQueryExecutionTime) says so only in its headers."""
    state = headers.get("X-SQL-State")
    if state:
        message = headers.get("X-SQL-Message", "")
        raise EndpointError(
            f"the server at {url} cut its answer short ({state} {message}".rstrip()
            + "); raise its MaxQueryExecutionTime (Virtuoso: [SPARQL] in virtuoso.ini)"
        )


def refuse_cut(url: str, headers: Message, rows: int) -> None:
    """Refuse an answer the server cut at its row limit, which it says only in a header
    (Virtuoso's ``X-SPARQL-MaxRows``; it refuses to sort past the limit, so no paging reads on)."""
    limit = headers.get("X-SPARQL-MaxRows", "").strip()
    if limit.isdigit() and rows >= int(limit):
        raise EndpointError(
            f"the server at {url} cut the answer at its limit of {int(limit)} rows, so rows are missing; raise the "
            "limit (Virtuoso: ResultSetMaxRows and MaxSortedTopRows in virtuoso.ini's [SPARQL] section) "
            "or narrow the query"
        )


def parse_graph(url: str, body: bytes, content_type: str, into: Graph | None = None) -> Graph:
    """N-Triples or Turtle into an rdflib graph, keeping the server's blank node labels (so the
    pages of one graph join up)."""
    graph = into if into is not None else Graph()
    mime = pyoxigraph.RdfFormat.TURTLE if "turtle" in content_type else pyoxigraph.RdfFormat.N_TRIPLES
    try:
        for triple in pyoxigraph.parse(body, mime):
            graph.add((to_rdflib(triple.subject), to_rdflib(triple.predicate), from_server(to_rdflib(triple.object))))
    except SyntaxError as exc:
        raise EndpointError(
            f"the server at {url} answered a CONSTRUCT with RDF that does not parse ({exc}); check the URL"
        ) from None
    return graph


def canonical_case(tag: str) -> str:
    """A language tag in BCP 47's recommended case (``zh-Hans``, ``en-GB``): servers lowercase tags."""
    parts = tag.split("-")
    for i, part in enumerate(parts[1:], 1):
        if parts[i - 1].lower() == "x":
            break
        parts[i] = part.title() if len(part) == 4 and part.isalpha() else part.upper() if len(part) == 2 else part
    return "-".join([parts[0].lower(), *parts[1:]])


def from_server(term: Node) -> Node:
    """A literal as the files have it: tags in their usual case, decimals in XSD's canonical form
    (Virtuoso writes ``8.0`` as ``8``)."""
    if not isinstance(term, Literal):
        return term
    if term.language:
        return Literal(str(term), lang=canonical_case(term.language))
    if term.datatype == XSD.decimal and term.value is not None:
        text = format(term.value.normalize(), "f")
        return Literal(text if "." in text else text + ".0", datatype=XSD.decimal)
    return term


def reader() -> Callable[[JSONObject | None], Node | None]:
    """A function from a SPARQL JSON term (a binding's value) to the rdflib term, for one answer:
    the common forms built quickly (``rdf.termparts``), tags and decimals as the files have them."""
    terms = Terms(canonical_case, from_server)

    def term(binding: JSONObject | None) -> Node | None:
        if binding is None:
            return None
        kind, value = binding["type"], binding["value"]
        if kind == "uri":
            return iri(value)
        if kind == "bnode":
            return BNode(value)
        if (tag := binding.get("xml:lang")) is not None:  # "literal", or an old server's "typed-literal"
            return terms.tagged(value, tag)
        if (datatype := binding.get("datatype")) is not None:
            return terms.typed(value, datatype)
        return literal(value)

    return term


def fetch(
    url: str,
    *,
    graph_iri: str | None = None,
    timeout: float | None = 120,
    page: int = PAGE,
    progress: Callable[[int], None] | None = None,
    where: str = "?s ?p ?o",
    into: Graph | None = None,
) -> Graph:
    """The triples ``?s ?p ?o`` matching ``where`` (default: every triple) in the server's default
    graph (or ``graph_iri``), CONSTRUCTed ``page`` at a time in a stable order, so no single
    answer grows with the store (nor meets a server's result limit, which cuts silently)."""
    graph, offset = (into if into is not None else Graph()), 0
    while True:
        text = (
            f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {{ SELECT ?s ?p ?o WHERE {{ {where} }} "
            f"ORDER BY ?s ?p ?o LIMIT {page} OFFSET {offset} }} }}"
        )
        form = {"query": text, **({"default-graph-uri": graph_iri} if graph_iri else {})}
        answer = send(
            url,
            "POST",
            urllib.parse.urlencode(form).encode("ascii"),
            {"Content-Type": "application/x-www-form-urlencoded", "Accept": ACCEPT["graph"]},
            timeout=timeout,
            what="reading the graph",
        )
        page_graph = parse_graph(url, answer.body, answer.content_type)
        graph += page_graph
        offset += page
        if progress:
            progress(len(graph))
        if len(page_graph) < page:
            return graph


def publish(
    url: str,
    graph: Graph,
    *,
    graph_iri: str | None = None,
    timeout: float | None = 120,
    chunk: int = CHUNK,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Replace the target graph on the server with the rdflib ``graph`` (see ``publish_quads``)."""
    blanks: dict[BNode, pyoxigraph.BlankNode] = {}

    def term(node: Node) -> Any:  # the pyoxigraph term of the same kind, which fits the place node has
        if isinstance(node, BNode):
            return blanks.setdefault(node, pyoxigraph.BlankNode())
        return from_rdflib(node)

    quads = (pyoxigraph.Quad(term(s), term(p), term(o)) for s, p, o in graph)
    return publish_quads(url, quads, len(graph), graph_iri=graph_iri, timeout=timeout, chunk=chunk, progress=progress)


def publish_files(
    url: str,
    files: list[Path],
    *,
    graph_iri: str | None = None,
    timeout: float | None = 120,
    chunk: int = CHUNK,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Replace the target graph with the triples of ``files``, parsed and serialised by Oxigraph
    (no rdflib graph): every file is parsed once to refuse a syntax error before anything is
    sent, then again as it streams. Returns the number of triples sent."""
    total = upload.count(files)
    quads = (quad for path in files for quad in upload.parsed(path))
    return publish_quads(url, quads, total, graph_iri=graph_iri, timeout=timeout, chunk=chunk, progress=progress)


def publish_quads(
    url: str,
    quads: Iterable[pyoxigraph.Quad],
    total: int,
    *,
    graph_iri: str | None = None,
    timeout: float | None = 120,
    chunk: int = CHUNK,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Send ``quads`` in N-Triples chunks (see ``upload.chunks``): PUT the first, which replaces
    the graph, POST the rest; ``progress(sent, total)`` after each."""
    check_url(url)
    target = with_params(url, {"graph": graph_iri} if graph_iri else {"default": None})
    _check_graph_store(url)
    sent = 0
    for number, (body, count) in enumerate(upload.chunks(quads, chunk)):
        send(
            target,
            "PUT" if number == 0 else "POST",
            body,
            {"Content-Type": "application/n-triples"},
            timeout=timeout,
            what="publishing",
        )
        sent += count
        if progress:
            progress(sent, total)
    if sent == 0:  # nothing to send: the graph is still replaced, by an empty one
        send(target, "PUT", b"", {"Content-Type": "application/n-triples"}, timeout=timeout, what="publishing")
    return sent


def _check_graph_store(url: str) -> None:
    """Refuse, in a second, a URL that is not a Graph Store endpoint (a query endpoint such as
    Virtuoso's ``/sparql`` would swallow the upload and never answer)."""
    try:
        send(
            with_params(url, {"graph": "urn:stagegraph:probe"}),
            "GET",
            None,
            {"Accept": "application/n-triples"},
            timeout=10,
            what="checking the graph store",
        )
    except EndpointError as exc:
        status = getattr(exc, "status", None)
        if status in (400, 405):
            raise EndpointError(
                f"{url} is not a Graph Store Protocol endpoint (it answered {exc.reason}); publish to the server's "
                "graph store (Oxigraph …/store, Virtuoso …/sparql-graph-crud-auth, Fuseki …/DATASET/data)"
            ) from None
        if status != 404:
            raise
