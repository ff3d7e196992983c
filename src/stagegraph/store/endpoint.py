"""A SPARQL 1.1 server as the store: the Protocol for queries, the Graph Store Protocol to publish.

Credentials come from the environment, never from the command line:
``STAGEGRAPH_ENDPOINT_TOKEN`` (sent as a bearer token), or ``STAGEGRAPH_ENDPOINT_USER`` and
``STAGEGRAPH_ENDPOINT_PASSWORD`` (HTTP basic authentication).
"""

from __future__ import annotations

import base64
import json
import os
import urllib.error
import urllib.parse
import urllib.request

from rdflib import BNode, Graph, Literal, URIRef

from ..errors import EndpointError, QueryTimeout
from .memory import QueryResult


def _check_url(url: str) -> None:
    if urllib.parse.urlparse(url).scheme not in ("http", "https"):
        raise EndpointError(f"'{url}' is not an http(s) URL; give the server's SPARQL endpoint URL")


def _headers(extra: dict) -> dict:
    headers = {"User-Agent": "stagegraph", **extra}
    token = os.environ.get("STAGEGRAPH_ENDPOINT_TOKEN")
    user = os.environ.get("STAGEGRAPH_ENDPOINT_USER")
    if token:
        headers["Authorization"] = f"Bearer {token}"
    elif user:
        secret = f"{user}:{os.environ.get('STAGEGRAPH_ENDPOINT_PASSWORD', '')}".encode()
        headers["Authorization"] = "Basic " + base64.b64encode(secret).decode()
    return headers


def _send(request: urllib.request.Request, timeout: float | None) -> bytes:
    url = request.full_url
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.read()
    except urllib.error.HTTPError as exc:
        body = exc.read().decode("utf-8", "replace").strip().splitlines()
        detail = f": {body[0][:300]}" if body else ""
        raise EndpointError(f"the server at {url} answered {exc.code} {exc.reason}{detail}") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise _timeout(url, timeout) from None
        raise EndpointError(f"cannot reach {url} ({exc.reason}); "
                            "check the URL and that the server is running") from None
    except TimeoutError:
        raise _timeout(url, timeout) from None


def _timeout(url: str, timeout: float | None):

    return QueryTimeout(f"{url} did not answer within {timeout:g} s and the request was stopped; "
                        "try again or raise --timeout")


def query(url: str, text: str, kind: str, *, timeout: float | None = 30,
          default_graph: str | None = None) -> QueryResult:
    """Run ``text`` on the server at ``url`` over the SPARQL 1.1 Protocol."""
    _check_url(url)
    params = {"default-graph-uri": default_graph} if default_graph else {}
    target = url + ("&" if "?" in url else "?") + urllib.parse.urlencode(params) if params else url
    accept = "text/turtle" if kind == "graph" else "application/sparql-results+json"
    request = urllib.request.Request(target, data=text.encode("utf-8"), method="POST", headers=_headers(
        {"Content-Type": "application/sparql-query; charset=utf-8", "Accept": accept}))
    body = _send(request, timeout)
    if kind == "graph":
        return QueryResult("graph", graph=Graph().parse(data=body.decode("utf-8"), format="turtle"))
    try:
        answer = json.loads(body)
    except ValueError:
        raise EndpointError(f"the server at {url} did not answer with SPARQL JSON results") from None
    if kind == "ask":
        return QueryResult("ask", boolean=bool(answer.get("boolean")))
    columns = answer["head"]["vars"]
    rows = [tuple(_term(b.get(c)) for c in columns) for b in answer["results"]["bindings"]]
    return QueryResult("select", columns, rows)


def _term(binding: dict | None):
    if binding is None:
        return None
    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    datatype = binding.get("datatype")
    return Literal(value, lang=binding.get("xml:lang"), datatype=URIRef(datatype) if datatype else None)


def publish(url: str, graph: Graph, *, graph_iri: str | None = None, timeout: float | None = 120) -> None:
    """Replace the target graph on the server with ``graph`` (Graph Store Protocol PUT)."""
    _check_url(url)
    param = urllib.parse.urlencode({"graph": graph_iri}) if graph_iri else "default"
    target = url + ("&" if "?" in url else "?") + param
    body = graph.serialize(format="nt", encoding="utf-8")
    request = urllib.request.Request(target, data=body, method="PUT", headers=_headers(
        {"Content-Type": "application/n-triples"}))
    _send(request, timeout)
