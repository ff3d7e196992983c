"""A real SPARQL server: publish to an Oxigraph server on loopback and query it there.

The server is the ``oxigraph`` binary installed next to the test interpreter, started once
for the module on a free port of 127.0.0.1; all traffic stays on loopback. Without the
binary the module is skipped, unless CI is set, where that is a failure.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from helpers import assert_clean_error, cli, json_rows, ok
from stagegraph import bundle
from stagegraph.query import library
from stagegraph.rdf.namespaces import BASE

NAMES = sorted(library.library())
PARAMS = {
    "bonds": {"character": "Till"},
    "song-credits": {"song": "MY CLEMATIS"},
    "sources": {"entity": "Mizi"},
    "credits-by-person": {"person": "Studio LICO"},
}
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
NAMED = "https://example.org/stagegraph-test/named"


def param_args(name: str) -> list[str]:
    return [a for key, value in PARAMS.get(name, {}).items() for a in ("-p", key, value)]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def oxigraph_binary() -> Path:
    binary = Path(sys.executable).parent / "oxigraph"
    if not binary.is_file():
        message = f"the oxigraph server binary is not installed at {binary} (pip install oxigraph)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return binary


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A fresh Oxigraph server on 127.0.0.1; yields its base URL and stops it afterwards."""
    binary = oxigraph_binary()
    port = free_port()
    store = tmp_path_factory.mktemp("oxigraph")
    log = (store.parent / "oxigraph.log").open("wb")
    process = subprocess.Popen(
        [str(binary), "serve", "--location", str(store), "--bind", f"127.0.0.1:{port}"],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):  # up to about 10 s
            if process.poll() is not None:
                pytest.fail(f"oxigraph exited with {process.returncode}: see {log.name}")
            try:
                urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=1).read()
                break
            except urllib.error.HTTPError:
                break  # it answers, even if with an error: it is up
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail(f"oxigraph did not answer on {base} within 10 s")
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        log.close()


@pytest.fixture(scope="module")
def published(sg, server):
    """The bundled graph published once to the server's default graph; yields the query URL."""
    result = sg("publish", "--endpoint", f"{server}/store")
    assert result.exit_code == 0, (result.output, result.exception)
    return f"{server}/query"


def remote_count(sg, query_url: str, text: str = COUNT) -> int:
    return int(json_rows(sg("query", "-", "--endpoint", query_url, "--format", "json", input=text))[0]["n"])


# --- the same rows here and there --------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("name", NAMES)
def test_every_library_query_gives_the_same_rows_remotely(sg, published, name, lang):
    args = ["query", name, *param_args(name), "--lang", lang, "--format", "json"]
    local = json_rows(sg(*args))
    remote = json_rows(sg(*args, "--endpoint", published))
    assert remote == local
    assert local, f"{name} returned no rows"


def test_remote_must_answer_rows(sg, published):
    matches = json_rows(sg("query", "matches", "--endpoint", published, "--format", "json"))
    assert [(m["contestant1"], m["contestant2"], m["winner"]) for m in (matches[0], matches[-1])] == [
        ("Mizi", "Sua", "Mizi"),
        ("Luka", "Till", "Luka"),
    ]
    assert matches[2]["contestant2"] is None
    bonds = json_rows(
        sg("query", "bonds", "-p", "character", "Till", "--lang", "ko", "--endpoint", published, "--format", "json")
    )
    assert {"미지", "이반"} <= {b["other"] for b in bonds}


def test_remote_sparql_json_and_ask_and_construct(sg, published, universe):
    local = ok(sg("query", "timeline", "--format", "sparql-json")).stdout
    remote = ok(sg("query", "timeline", "--format", "sparql-json", "--endpoint", published)).stdout
    assert json.loads(remote) == json.loads(local)
    ask = f"ASK {{ <{BASE}character/sua> ?p ?o }}"
    assert ok(sg("query", "-", "--endpoint", published, input=ask)).stdout.strip() == "true"
    construct = f"CONSTRUCT {{ <{BASE}character/sua> ?p ?o }} WHERE {{ <{BASE}character/sua> ?p ?o }}"
    turtle = ok(sg("query", "-", "--endpoint", published, input=construct)).stdout
    parsed = Graph().parse(data=turtle, format="turtle")
    assert set(parsed) == set(universe.graph.triples((URIRef(f"{BASE}character/sua"), None, None)))


def test_hostile_literal_parameter_is_sent_as_a_term(sg, published):
    value = 'Mizi" } ; DROP ALL ; #'
    before = remote_count(sg, published)
    rows = json_rows(
        sg(
            "query",
            "-",
            "-p",
            "value",
            value,
            "--endpoint",
            published,
            "--format",
            "json",
            input="SELECT ?got WHERE { BIND(?value AS ?got) }",
        )
    )
    assert rows == [{"got": value}]
    assert remote_count(sg, published) == before


def test_iri_parameter_that_would_break_out_is_refused_before_sending(sg, published):
    result = sg(
        "query",
        "-",
        "-p",
        "value",
        "http://x> <y",
        "--endpoint",
        published,
        input="SELECT ?got WHERE { BIND(?value AS ?got) }",
    )
    assert_clean_error(result, 2, "not a valid IRI")


def test_update_is_refused_before_reaching_the_server(sg, published):
    before = remote_count(sg, published)
    result = sg("query", "-", "--endpoint", published, input="DROP ALL")
    assert_clean_error(result, 2, "read-only")
    assert remote_count(sg, published) == before > 0


# --- publishing --------------------------------------------------------------------------


def test_publish_reports_and_uploads_every_triple(sg, server, published, universe):
    assert remote_count(sg, published) == len(universe.graph)


def test_publishing_twice_replaces_rather_than_doubles(sg, server, published, universe):
    first = remote_count(sg, published)
    result = ok(sg("publish", "--endpoint", f"{server}/store"))
    assert str(len(universe.graph)) in result.stdout
    assert remote_count(sg, published) == first == len(universe.graph)


def test_publish_to_a_named_graph_and_query_it(sg, server, published, tmp_path):
    """A smaller universe in a named graph: --graph reads it, the default graph is untouched."""
    subset = tmp_path / "subset"
    subset.mkdir()
    for name in ("characters.ttl", "series.ttl", "sources.ttl"):
        shutil.copy(bundle.data_dir() / name, subset / name)
    default_before = remote_count(sg, published)
    result = cli("--data", str(subset), "publish", "--endpoint", f"{server}/store", "--graph", NAMED, catch=True)
    assert result.exit_code == 0, (result.output, result.exception)
    assert NAMED in result.stdout

    in_named = remote_count(sg, published, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{NAMED}> {{ ?s ?p ?o }} }}")
    assert 0 < in_named < default_before
    assert remote_count(sg, published) == default_before

    local = cli("--data", str(subset), "query", "characters", "--format", "json", catch=True)
    remote = sg("query", "characters", "--endpoint", published, "--graph", NAMED, "--format", "json")
    assert json_rows(remote) == json.loads(local.stdout)
    # the subset has no fates: Sua's fate is unknown there, died (Round 1) in the default graph
    sua = lambda rows: next(r["fate"] for r in rows if r["name"] == "Sua")  # noqa: E731
    assert sua(json_rows(remote)) == "unknown"
    assert sua(json_rows(sg("query", "characters", "--endpoint", published, "--format", "json"))) == "died (Round 1)"

    # publishing the named graph again replaces it too
    again = cli("--data", str(subset), "publish", "--endpoint", f"{server}/store", "--graph", NAMED, catch=True)
    assert again.exit_code == 0
    assert (
        remote_count(sg, published, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{NAMED}> {{ ?s ?p ?o }} }}") == in_named
    )


def test_graph_that_was_never_published_reads_empty(sg, published):
    rows = json_rows(
        sg(
            "query",
            "matches",
            "--endpoint",
            published,
            "--graph",
            "https://example.org/stagegraph-test/never",
            "--format",
            "json",
        )
    )
    assert rows == []


# --- failures ----------------------------------------------------------------------------


def test_server_down_exits_4_with_a_message(sg):
    url = f"http://127.0.0.1:{free_port()}/query"
    result = sg("query", "matches", "--endpoint", url, "--timeout", "5")
    assert_clean_error(result, 4, "cannot reach", url)
    assert result.stdout == ""


def test_publish_to_a_server_that_is_down_exits_4(sg):
    result = sg("publish", "--endpoint", f"http://127.0.0.1:{free_port()}/store", "--timeout", "5")
    assert_clean_error(result, 4, "cannot reach")


def test_wrong_path_exits_4_with_the_server_answer(sg, published, server):
    assert_clean_error(sg("query", "matches", "--endpoint", f"{server}/nope"), 4, "404")
    assert_clean_error(sg("publish", "--endpoint", f"{server}/nope"), 4, "404")


def test_query_the_server_rejects_exits_4_with_its_message(sg, published):
    result = sg(
        "query",
        "-",
        "--endpoint",
        published,
        input="SELECT * WHERE { ?s ?p ?o FILTER(<http://example.org/no-such-function>(?s)) }",
    )
    assert_clean_error(result, 4, "answered", "no-such-function")


def test_endpoint_must_be_http(sg):
    assert_clean_error(sg("query", "matches", "--endpoint", "ftp://127.0.0.1/query"), 4, "http")


def test_a_server_that_never_answers_is_stopped_by_timeout(sg, monkeypatch):
    from stagegraph.store import transport

    monkeypatch.setattr(transport, "PROBE_SECONDS", 1)  # it never answers: the probe need not wait 10 s to see it
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)
    try:
        started = time.monotonic()
        result = sg(
            "query", "matches", "--endpoint", f"http://127.0.0.1:{silent.getsockname()[1]}/query", "--timeout", "1"
        )
        assert time.monotonic() - started < 20
    finally:
        silent.close()
    assert result.exit_code in (3, 4), (result.output, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "1 s" in result.output or "timed out" in result.output


# --- credentials -------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["publish", "query"])
def test_no_password_or_token_on_the_command_line(sg, command):
    text = ok(sg(command, "--help")).output.lower()
    assert "--password" not in text and "--token" not in text and "--user" not in text
    assert "STAGEGRAPH_ENDPOINT_TOKEN" in ok(sg("publish", "--help")).output


@pytest.fixture
def recorder():
    """A tiny HTTP server on 127.0.0.1 that records each request's headers."""
    seen: list[dict] = []

    class Handler(BaseHTTPRequestHandler):
        def _answer(self, status: int, body: bytes, kind: str):
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            seen.append({"method": self.command, "path": self.path, **dict(self.headers)})
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self):
            self._answer(
                200, b'{"head": {"vars": ["n"]}, "results": {"bindings": []}}', "application/sparql-results+json"
            )

        def do_PUT(self):
            self._answer(204, b"", "text/plain")

        def do_GET(self):  # publish first asks the graph store for a graph that is not there
            self._answer(404, b"no such graph", "text/plain")

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", seen
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


@pytest.mark.parametrize("command", ["publish", "query"])
def test_token_from_the_environment_is_sent_as_bearer(sg, recorder, monkeypatch, command):
    url, seen = recorder
    monkeypatch.setenv("STAGEGRAPH_ENDPOINT_TOKEN", "s3cret-token")
    monkeypatch.delenv("STAGEGRAPH_ENDPOINT_USER", raising=False)
    args = (
        ["publish", "--endpoint", f"{url}/store"]
        if command == "publish"
        else ["query", "-", "--endpoint", f"{url}/query"]
    )
    result = sg(*args, input=COUNT)
    assert result.exit_code == 0, (result.output, result.exception)
    assert {h.get("Authorization") for h in seen} == {"Bearer s3cret-token"}
    assert seen[-1]["method"] == ("PUT" if command == "publish" else "POST")
    assert "s3cret-token" not in result.output


def test_user_and_password_from_the_environment_are_sent_as_basic(sg, recorder, monkeypatch):
    url, seen = recorder
    monkeypatch.delenv("STAGEGRAPH_ENDPOINT_TOKEN", raising=False)
    monkeypatch.setenv("STAGEGRAPH_ENDPOINT_USER", "alice")
    monkeypatch.setenv("STAGEGRAPH_ENDPOINT_PASSWORD", "pa:ss")
    result = sg("publish", "--endpoint", f"{url}/store", "--graph", NAMED)
    assert result.exit_code == 0, (result.output, result.exception)
    assert [h["method"] for h in seen] == ["GET", "PUT"]
    assert seen[1]["Authorization"] == "Basic " + base64.b64encode(b"alice:pa:ss").decode()
    assert "pa:ss" not in result.output


def test_no_credentials_no_authorization_header(sg, recorder, monkeypatch):
    url, seen = recorder
    for name in ("STAGEGRAPH_ENDPOINT_TOKEN", "STAGEGRAPH_ENDPOINT_USER", "STAGEGRAPH_ENDPOINT_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    assert sg("query", "-", "--endpoint", f"{url}/query", input=COUNT).exit_code == 0
    assert "Authorization" not in seen[0]
