"""Every command against real SPARQL servers: Oxigraph Server and Virtuoso, on 127.0.0.1.

For each server: publish the bundled graph (Virtuoso: with digest authentication, to a named
graph), run every library query and compare its rows with the local ones, run the read
commands over ``--endpoint`` and compare their output with the local output, and the error
paths with their exit codes and one-sentence messages. The Virtuoso suite is slow (the
server builds its database on start); under CI a missing server fails rather than skips.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner
from rdflib import RDFS, Graph, URIRef

import servers
from helpers import ROOT, assert_clean_error, differing, synth_module
from site_fixtures import built_site  # noqa: F401  (the bundled site, built once per session)
from stagegraph.cli import main
from stagegraph.query import library, post
from stagegraph.store import endpoint, transport, whole
from stagegraph.universe import Universe

NAMES = sorted(library.library())
PARAMS = {
    "bonds": ["-p", "character", "Till"],
    "song-credits": ["-p", "song", "MY CLEMATIS"],
    "sources": ["-p", "entity", "Mizi"],
    "credits-by-person": ["-p", "person", "Studio LICO"],
}
READS = [
    ["stats"],
    ["stats", "--format", "json"],
    ["show", "Mizi"],
    ["show", "Till", "--lang", "ko", "--format", "json"],
    ["analyze"],
    ["analyze", "--format", "json", "--as-of", "round-3"],
    ["validate"],
    *[["export", "--format", f] for f in ("ttl", "nt", "jsonld", "graphml", "gexf", "cytoscape", "csv")],
]
NO_CREDENTIALS = {
    "STAGEGRAPH_ENDPOINT_USER": None,
    "STAGEGRAPH_ENDPOINT_PASSWORD": None,
    "STAGEGRAPH_ENDPOINT_TOKEN": None,
    "STAGEGRAPH_ENDPOINT": None,
    "STAGEGRAPH_GRAPH": None,
}


def run(*args: str, env: dict | None = None, input: str | None = None):
    return CliRunner().invoke(main, list(args), env={**NO_CREDENTIALS, **(env or {})}, input=input)


def ok(result):
    assert result.exit_code == 0, (result.output, result.exception)
    return result


@pytest.fixture(scope="module", params=["oxigraph", pytest.param("virtuoso", marks=pytest.mark.slow)])
def server(request, tmp_path_factory):
    start = getattr(servers, request.param)
    with start(tmp_path_factory.mktemp(request.param)) as running:
        yield running


@pytest.fixture(scope="module")
def published(server):
    """The bundled universe published to a named graph; yields the global options that read it."""
    result = ok(run("publish", "--endpoint", server.store, "--graph", servers.GRAPH, env=server.env))
    assert f"graph {servers.GRAPH}" in result.stdout
    return ["--endpoint", server.query, "--graph", servers.GRAPH]


@pytest.fixture(scope="module")
def local():
    cache: dict = {}

    def output(*args: str) -> str:
        if args not in cache:
            cache[args] = ok(run(*args)).stdout
        return cache[args]

    return output


# --- the same answers there as here -----------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("name", NAMES)
def test_every_library_query_gives_the_local_rows(published, local, name, lang):
    args = ("query", name, *PARAMS.get(name, []), "--lang", lang, "--format", "json")
    remote = ok(run(*published, *args)).stdout
    assert json.loads(remote) == json.loads(local(*args))
    assert json.loads(remote), f"{name} returned no rows"


@pytest.mark.parametrize("args", READS, ids=lambda a: "-".join(a))
def test_every_read_command_prints_what_it_prints_locally(published, local, args):
    assert ok(run(*published, *args)).stdout == local(*args)


def test_graph_page_is_the_local_page(published, tmp_path):
    ok(run("graph", "-o", str(tmp_path / "here.html")))
    ok(run(*published, "graph", "-o", str(tmp_path / "there.html")))
    assert (tmp_path / "there.html").read_bytes() == (tmp_path / "here.html").read_bytes()


@pytest.mark.slow  # over 3 s here (make test-fast --durations)
def test_site_is_the_local_site(published, built_site, tmp_path):  # noqa: F811
    """The whole static site (12 trees, the SPARQL page's data included) written from the server
    is the one written from the files (the session's build of the bundled site), file for file."""
    ok(run(*published, "site", "-q", "-o", str(tmp_path / "there")))
    assert (tmp_path / "there" / "character" / "mizi" / "index.html").is_file()
    assert differing(built_site.root, tmp_path / "there") == []


def test_endpoint_and_graph_from_the_environment(published, local):
    env = {"STAGEGRAPH_ENDPOINT": published[1], "STAGEGRAPH_GRAPH": published[3]}
    assert ok(run("show", "Mizi", env=env)).stdout == local("show", "Mizi")


def test_endpoint_and_graph_from_the_configuration_file(published, local, tmp_path, monkeypatch):
    (tmp_path / "stagegraph.toml").write_text(f'endpoint = "{published[1]}"\ngraph = "{published[3]}"\n')
    monkeypatch.chdir(tmp_path)
    assert ok(run("show", "Mizi")).stdout == local("show", "Mizi")
    assert ok(run("query", "characters", "--format", "json")).stdout == local("query", "characters", "--format", "json")


def test_graph_is_read_in_pages_that_join_up(published, server, universe):
    """Small pages: the blank-node-free data joins up across pages, and nothing is lost."""
    fetched = endpoint.fetch(server.query, graph_iri=servers.GRAPH, page=500)
    expected = Graph()
    expected += universe.ontology.graph
    expected += universe.data.graph
    assert len(fetched) == len(expected)


@pytest.mark.slow  # over 3 s here (make test-fast --durations)
@pytest.mark.parametrize("page", [None, 4_000], ids=["one-answer", "pages"])
def test_whole_graph_larger_than_a_page_or_the_servers_cut_is_read_complete(server, tmp_path, page):
    """About 29,000 triples: Virtuoso cuts an answer at ResultSetMaxRows (10,000 in the tests'
    virtuoso.ini) without a word, so the cut is seen and the graph read again in pages; pages
    set by the caller join up on both servers. Every triple comes back, none twice."""
    texts, _ = synth_module().generate(300)
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    files = sorted(tmp_path.iterdir())
    graph_iri = servers.GRAPH + "/large"
    with pytest.MonkeyPatch.context() as patch:
        for name, value in server.env.items():
            patch.setenv(name, value)
        sent = endpoint.publish_files(server.store, files, graph_iri=graph_iri)
    assert sent > 2 * endpoint.PAGE
    read = whole.read_graph(server.query, graph_iri=graph_iri, page=page)
    local = Graph()
    for path in files:
        local.parse(path)
    assert len(read) == len(local) == sent
    assert set(read.subjects()) == set(local.subjects())


def test_publish_in_chunks_replaces_the_graph(published, server, universe):
    graph_iri = servers.GRAPH + "/chunked"
    seen = []
    with pytest.MonkeyPatch.context() as patch:
        for name, value in server.env.items():
            patch.setenv(name, value)
        endpoint.publish(
            server.store,
            universe.data.graph,
            graph_iri=graph_iri,
            chunk=700,
            progress=lambda sent, total: seen.append(sent),
        )
        endpoint.publish(server.store, universe.data.graph, graph_iri=graph_iri, chunk=700)
    assert len(seen) > 2 and seen[-1] == len(universe.data.graph)
    count = ok(
        run(
            "query",
            "-",
            "--endpoint",
            server.query,
            "--graph",
            graph_iri,
            "--format",
            "json",
            input="SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
        )
    ).stdout
    assert int(json.loads(count)[0]["n"]) == len(universe.data.graph)
    rows = Universe(endpoint=server.query, graph_iri=graph_iri).data.graph
    assert len(rows) == len(universe.data.graph)


BLANKS = """@prefix ex: <https://example.org/blank/> .
ex:a ex:list ( ex:x ex:y ex:z ) ; ex:nested [ ex:p "1" ; ex:q [ ex:p "2" ] ] .
_:b ex:p "first file" .
"""
MORE = """@prefix ex: <https://example.org/blank/> .
_:b ex:p "second file" .
ex:c ex:p "plain" .
"""


def test_publish_streams_files_and_keeps_blank_node_groups_whole(server, tmp_path):
    """Each request is its own document to the server (a label in two requests is two nodes),
    so with chunks of two triples the lists and nested nodes must still arrive joined up; two
    files' ``_:b`` stay two nodes, as when the files are merged locally."""
    from rdflib.compare import isomorphic

    (tmp_path / "one.ttl").write_text(BLANKS)
    (tmp_path / "two.ttl").write_text(MORE)
    files = sorted(tmp_path.glob("*.ttl"))
    graph_iri, seen = servers.GRAPH + "/blanks", []
    with pytest.MonkeyPatch.context() as patch:
        for name, value in server.env.items():
            patch.setenv(name, value)
        sent = endpoint.publish_files(
            server.store, files, graph_iri=graph_iri, chunk=2, progress=lambda done, total: seen.append((done, total))
        )
    expected = Graph()
    for path in files:
        expected.parse(path)
    assert sent == len(expected) and seen[-1] == (sent, sent) and len(seen) > 3
    assert isomorphic(endpoint.fetch(server.query, graph_iri=graph_iri), expected)


def test_publish_refuses_a_syntax_error_before_sending_anything(server, tmp_path):
    graph_iri = servers.GRAPH + "/untouched"
    (tmp_path / "good.ttl").write_text(MORE)
    ok(run("--data", str(tmp_path), "publish", "--endpoint", server.store, "--graph", graph_iri, env=server.env))
    (tmp_path / "zbad.ttl").write_text('@prefix ex: <https://example.org/blank/> .\nex:d ex:p "open .\n')
    result = run("--data", str(tmp_path), "publish", "--endpoint", server.store, "--graph", graph_iri, env=server.env)
    assert_clean_error(result, 2, "zbad.ttl:2", "syntax error")
    assert len(endpoint.fetch(server.query, graph_iri=graph_iri)) > 0  # the earlier publish is still there


@pytest.mark.slow  # over 3 s here (make test-fast --durations)
def test_show_reads_the_neighbourhood_not_the_graph(server, tmp_path):
    """``show`` on a server CONSTRUCTs what the card needs around the character (a few hundred
    triples of a synthetic universe of 30 000), never the whole graph, and prints the local card."""
    synth = synth_module()
    triples = synth.write(synth.characters_for(30_000), tmp_path, 0)
    graph_iri = servers.GRAPH + "/synthetic"
    ok(run("--data", str(tmp_path), "publish", "--endpoint", server.store, "--graph", graph_iri, env=server.env))
    from stagegraph.network.card import card, find

    there, here = Universe(endpoint=server.query, graph_iri=graph_iri), Universe(data_paths=(tmp_path,))
    for index in (0, 7, 50):
        name = synth.character_name(index)
        node = find(there, name)
        near = there.around(node)
        assert "data" not in there.__dict__  # the whole graph was never read
        assert 0 < len(near.data.graph) < triples / 20
        assert card(there, node) == card(here, find(here, name)), name


ONLY_THERE = """@prefix character: <https://w3id.org/stagegraph/character/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix sg: <https://w3id.org/stagegraph/ns#> .
character:zephyrine a sg:Contestant ; rdfs:label "Zephyrine"@en .
character:zephyrina a sg:Contestant ; rdfs:label "Zephyrina"@en .
"""


def test_query_parameters_are_resolved_on_the_server(server, tmp_path):
    """``query --endpoint -p character NAME``: the name is looked up among the server's
    characters, not the local files' (which do not have it)."""
    (tmp_path / "only.ttl").write_text(ONLY_THERE)
    graph_iri = servers.GRAPH + "/only-there"
    ok(run("--data", str(tmp_path), "publish", "--endpoint", server.store, "--graph", graph_iri, env=server.env))
    there = ["query", "bonds", "--endpoint", server.query, "--graph", graph_iri, "--format", "json"]
    assert json.loads(ok(run(*there, "-p", "character", "zephyrine")).stdout) == []
    assert_clean_error(run(*there, "-p", "character", "Zephyrin"), 2, "closest matches: Zephyrin")
    assert_clean_error(run("query", "bonds", "-p", "character", "Zephyrine"), 2, "no character named")
    as_global = ["--endpoint", server.query, "--graph", graph_iri, "query", "bonds", "--format", "json"]
    assert json.loads(ok(run(*as_global, "-p", "character", "ZEPHYRINA")).stdout) == []


FAULTS = [
    "SlotShape/bad-position-three.ttl",
    "BondShape/bad-two-types.ttl",
    "BondShape/bad-to-a-place.ttl",
    "ProvenanceRequired/bad-two-confidences.ttl",
]


def test_validate_fast_over_an_endpoint_checks_the_server_data(published, server, tmp_path):
    """The server holds faults the local files do not: the fast engine finds pySHACL's, there."""
    shapes = ROOT / "tests" / "shapes"
    for name in ["base.ttl", *FAULTS]:
        (tmp_path / name.replace("/", "-")).write_bytes((shapes / name).read_bytes())
    faulty = ["--endpoint", server.query, "--graph", servers.GRAPH + "/faulty"]
    ok(run("--data", str(tmp_path), "publish", "--endpoint", server.store, "--graph", faulty[3], env=server.env))
    reference = run(*faulty, "validate", "--engine", "pyshacl")
    result = run(*faulty, "validate", "--engine", "fast")
    assert (result.exit_code, reference.exit_code) == (1, 1)
    assert result.stdout == reference.stdout
    assert "sg:position must be the number 1 or 2" in result.stdout


# --- failures ----------------------------------------------------------------------------


def test_wrong_path_exits_4_and_says_the_status(published, server):
    assert_clean_error(run("--endpoint", f"{server.base}/nope", "stats"), 4, "404")
    wrong = run("publish", "--endpoint", f"{server.base}/nope", env=server.env)
    assert_clean_error(wrong, 4, "check the URL")  # Oxigraph: 404; Virtuoso: 501 to a PUT there


def test_publish_to_the_query_endpoint_is_refused_fast(server):
    started = time.monotonic()
    result = run("publish", "--endpoint", server.query, "--graph", servers.GRAPH, env=server.env)
    assert time.monotonic() - started < 10
    assert_clean_error(result, 4, "not a Graph Store Protocol endpoint", "sparql-graph-crud-auth")


def test_server_down_exits_4(server):
    url = f"http://127.0.0.1:{servers.free_port()}/sparql"
    assert_clean_error(run("--endpoint", url, "show", "Mizi"), 4, "cannot reach", "running")


def test_a_hung_server_is_told_apart_from_a_slow_query(server, published):
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)
    try:
        with pytest.MonkeyPatch.context() as patch:  # it never answers: the probe need not wait 10 s to see it
            patch.setattr(transport, "PROBE_SECONDS", 1)
            hung = run(
                "query", "matches", "--endpoint", f"http://127.0.0.1:{silent.getsockname()[1]}/sparql", "--timeout", "1"
            )
    finally:
        silent.close()
    assert_clean_error(hung, 4, "answered nothing", "hung")
    # Two copies of the graph joined (millions of rows): slow, yet under Virtuoso's cost estimate
    # limit (a three-way join is refused up front once the store holds a few thousand triples).
    slow = run(
        *published,
        "query",
        "-",
        "--timeout",
        "0.2",
        "--format",
        "json",
        input="SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f FILTER(STR(?c) != STR(?f)) }",
    )
    assert_clean_error(slow, 3, "ran past 0.2 s", "raise --timeout")


def test_an_answer_cut_at_the_servers_row_limit_is_refused_not_taken_whole(server, published):
    """Virtuoso cuts an answer at ResultSetMaxRows (10,000 here, as Debian ships it) and says so
    only in a header: the query is refused, exit 4. Oxigraph Server has no limit: every row."""
    text = "SELECT ?a ?b WHERE { ?a a ?x . ?b a ?y } LIMIT 12000"
    result = run(*published, "query", "-", "--format", "csv", input=text)
    if server.name == "virtuoso":
        assert_clean_error(result, 4, "cut the answer at its limit of 10000 rows", "ResultSetMaxRows")
    else:
        assert len(ok(result).stdout.splitlines()) == 12_001


def test_a_redirect_keeps_the_query(published, server, local):
    """A proxy that moved the endpoint (307): the form POST follows it, method and body kept."""

    class Moved(BaseHTTPRequestHandler):
        def do_POST(self):
            self.send_response(307)
            self.send_header("Location", server.query)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    proxy = ThreadingHTTPServer(("127.0.0.1", 0), Moved)
    thread = threading.Thread(target=proxy.serve_forever, daemon=True)
    thread.start()
    try:
        moved = f"http://127.0.0.1:{proxy.server_address[1]}/old"
        result = ok(run("--endpoint", moved, "--graph", servers.GRAPH, "query", "characters", "--format", "json"))
    finally:
        proxy.shutdown()
        proxy.server_close()
    assert result.stdout == local("query", "characters", "--format", "json")


# --- Virtuoso's authentication and reasons -------------------------------------------------


def test_virtuoso_wrong_password_is_refused_with_the_scheme_named(server):
    if server.name != "virtuoso":
        pytest.skip("Oxigraph Server has no authentication")
    env = {"STAGEGRAPH_ENDPOINT_USER": "dba", "STAGEGRAPH_ENDPOINT_PASSWORD": "wrong"}
    result = run("publish", "--endpoint", server.store, "--graph", servers.GRAPH, env=env)
    assert_clean_error(result, 4, "401", "refused the credentials", "digest")
    nobody = run("publish", "--endpoint", server.store, "--graph", servers.GRAPH)
    assert_clean_error(nobody, 4, "401", "STAGEGRAPH_ENDPOINT_USER", "digest")


def test_virtuoso_digest_only_never_sends_basic(server, published, local):
    if server.name != "virtuoso":
        pytest.skip("Oxigraph Server has no authentication")
    env = {**server.env, "STAGEGRAPH_ENDPOINT_AUTH": "digest"}
    ok(run("publish", "--endpoint", server.store, "--graph", servers.GRAPH, env=env))
    assert ok(run(*published, "stats")).stdout == local("stats")


@pytest.mark.parametrize("auth", ["anonymous", "digest"])
def test_label_lookups_sent_together_give_what_one_at_a_time_gives(server, published, universe, auth, monkeypatch):
    """The labels post-pass sends its lookups several at a time, also through the digest handler
    (one nonce count for all threads), and gets what it gets sending them one by one."""
    url = server.query
    if auth == "digest":
        if server.name != "virtuoso":
            pytest.skip("Oxigraph Server has no authentication")
        url = server.query + "-auth"  # Virtuoso's query endpoint behind digest authentication
        for name, value in {**server.env, "STAGEGRAPH_ENDPOINT_AUTH": "digest"}.items():
            monkeypatch.setenv(name, value)
    iris = {str(s) for s in universe.graph.subjects(RDFS.label, None) if isinstance(s, URIRef)}

    def ask(text):
        return endpoint.query(url, text, "select", default_graph=servers.GRAPH)

    alone = post.labels_by_query(ask, workers=1, batch=9)(iris, "ko")
    assert len(alone) > 100  # many lookups of 9
    assert post.labels_by_query(ask, workers=4, batch=9)(iris, "ko") == alone


def test_virtuoso_digest_upload_of_megabytes_is_not_cut_off(server):
    """Virtuoso answers 401 to a large upload before reading it and closes the connection (a
    broken pipe on our side): the digest answer must go up front, from the probe's challenge."""
    if server.name != "virtuoso":
        pytest.skip("Oxigraph Server has no authentication")
    from rdflib import Literal, URIRef

    big = Graph()
    for i in range(60_000):
        big.add((URIRef(f"urn:stagegraph:test:{i}"), URIRef("urn:stagegraph:test:p"), Literal(f"value {i} " * 4)))
    with pytest.MonkeyPatch.context() as patch:
        for name, value in server.env.items():
            patch.setenv(name, value)
        endpoint.publish(server.store, big, graph_iri=servers.GRAPH + "/big", chunk=100_000)
    count = ok(
        run(
            "query",
            "-",
            "--endpoint",
            server.query,
            "--graph",
            servers.GRAPH + "/big",
            "--format",
            "json",
            input="SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
        )
    ).stdout
    assert int(json.loads(count)[0]["n"]) == 60_000


def test_virtuoso_permission_denied_shows_its_reason_not_its_html(server):
    if server.name != "virtuoso":
        pytest.skip("a Virtuoso error page")
    result = run("publish", "--endpoint", f"{server.base}/sparql-graph-crud", "--graph", servers.GRAPH)
    assert_clean_error(result, 4, "403", "SQ110", "Permission denied")
    assert "<" not in result.output
