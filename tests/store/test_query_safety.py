"""``stagegraph query`` is safe to point at anything: parameters are RDF terms, never text
pasted into the query; updates are refused and change nothing; SERVICE and FROM never reach
the network; --timeout stops a runaway query; a bad query is a message, not a traceback.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDFS

from helpers import assert_clean_error, cli, json_rows
from stagegraph import bundle
from stagegraph.errors import QueryRefused
from stagegraph.rdf.namespaces import BASE
from stagegraph.store import guard, values

SUA = f"{BASE}character/sua"
HOSTILE = [
    'Mizi" } ; DROP ALL ; #',
    "x> <y",
    'Mizi" . } UNION { ?s ?p ?o',
    "} ; CLEAR ALL",
    "<https://w3id.org/stagegraph/character/mizi>",
    "?character",
]
AWKWARD = HOSTILE + ['say "hi"', "it's", '"""', 'end"', "back\\slash", "two\nlines", "tab\there", ""]


def fingerprint(*folders: Path) -> dict[str, str]:
    """Every file under the folders, by path, with the SHA-256 of its bytes."""
    return {
        str(p): hashlib.sha256(p.read_bytes()).hexdigest()
        for folder in folders
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


BUNDLE = (bundle.data_dir(), bundle.ontology_dir(), bundle.queries_dir())


# --- parameters are terms ----------------------------------------------------------------


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_entity_parameter_is_refused_and_changes_nothing(sg, universe, value):
    before, size = fingerprint(*BUNDLE), len(universe.graph)
    result = sg("query", "bonds", "-p", "character", value)
    assert_clean_error(result, 2, "no character named")
    assert result.stdout == ""
    assert fingerprint(*BUNDLE) == before and len(universe.graph) == size


@pytest.mark.parametrize("value", AWKWARD)
def test_literal_parameter_of_a_user_query_binds_as_that_exact_string(sg, value):
    text = (
        "SELECT ?got ?length ?kind WHERE { BIND(?value AS ?got) BIND(STRLEN(?value) AS ?length) "
        "BIND(DATATYPE(?value) AS ?kind) }"
    )
    rows = json_rows(sg("query", "-", "-p", "value", value, "--format", "json", input=text))
    assert rows == [{"got": value, "length": str(len(value)), "kind": "http://www.w3.org/2001/XMLSchema#string"}]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_literal_is_matched_literally_not_run(sg, universe, value):
    text = f"PREFIX rdfs: <{RDFS}>\nSELECT ?entity WHERE {{ ?entity rdfs:label ?name FILTER(STR(?name) = ?value) }}"
    size = len(universe.graph)
    assert json_rows(sg("query", "-", "-p", "value", value, "--format", "json", input=text)) == []
    assert len(universe.graph) == size
    # the same query finds a real name: the filter does compare with the bound value
    assert {"entity": f"{BASE}character/mizi"} in json_rows(
        sg("query", "-", "-p", "value", "Mizi", "--format", "json", input=text)
    )


def test_iri_looking_parameter_with_angle_brackets_is_matched_literally_or_refused(sg):
    value = "http://x> <y"
    result = sg(
        "query",
        "-",
        "-p",
        "value",
        value,
        "--format",
        "json",
        input="SELECT ?got (COUNT(?o) AS ?n) WHERE { OPTIONAL { ?value ?p ?o } BIND(STR(?value) AS ?got) } "
        "GROUP BY ?got",
    )
    if result.exit_code == 0:
        assert json_rows(result) == [{"got": value, "n": "0"}]
    else:
        assert_clean_error(result, 2)


@pytest.mark.parametrize("value", AWKWARD)
def test_values_block_sent_to_servers_round_trips_exact_strings(value):
    """Parameters travel to a server as a VALUES block: another engine must read back the same string."""
    ox = pytest.importorskip("pyoxigraph")
    text = values.with_values("SELECT ?got WHERE { BIND(?value AS ?got) }", {"value": Literal(value)})
    assert [s["got"].value for s in ox.Store().query(text)] == [value]


@pytest.mark.parametrize("iri", ["http://x> <y", 'http://x/"} ; DROP ALL ; #', "http://x/ y", "http://x/{a}"])
def test_values_block_refuses_an_iri_that_would_break_out(iri):
    with pytest.raises(QueryRefused):
        values.with_values("SELECT ?s WHERE { ?s ?p ?o }", {"s": URIRef(iri)})


def test_values_block_binds_the_outermost_where_group():
    text = (
        "# a comment with WHERE { in it\nPREFIX ex: <http://example.org/WHERE/>\n"
        'SELECT ?s WHERE { ?s ex:p "WHERE {" { SELECT ?s WHERE { ?s ?p ?o } } }'
    )
    bound = values.with_values(text, {"s": URIRef("http://example.org/a")})
    assert bound.index("VALUES (?s) { (<http://example.org/a>) }") > bound.index("SELECT ?s WHERE {")
    assert bound.index("VALUES") < bound.index('ex:p "WHERE {"')
    guard.check(bound)  # still a valid query


# --- updates are refused -----------------------------------------------------------------

UPDATES = [
    f'PREFIX rdfs: <{RDFS}>\nINSERT DATA {{ <{SUA}> rdfs:label "HACKED"@en }}',
    f'PREFIX rdfs: <{RDFS}>\nDELETE DATA {{ <{SUA}> rdfs:label "Sua"@en }}',
    "DELETE WHERE { ?s ?p ?o }",
    f'PREFIX rdfs: <{RDFS}>\nDELETE {{ ?s rdfs:label ?l }} INSERT {{ ?s rdfs:label "HACKED"@en }} '
    "WHERE { ?s rdfs:label ?l }",
    "LOAD <http://127.0.0.1:9/evil.ttl>",
    "CLEAR ALL",
    "CLEAR DEFAULT",
    "DROP ALL",
    "DROP GRAPH <http://example.org/g>",
    "CREATE GRAPH <http://example.org/g>",
    "ADD DEFAULT TO <http://example.org/g>",
    "MOVE DEFAULT TO <http://example.org/g>",
    "COPY DEFAULT TO <http://example.org/g>",
    f'PREFIX rdfs: <{RDFS}>\nINSERT DATA {{ <{SUA}> rdfs:label "HACKED"@en }} ;\nDROP ALL',
]


@pytest.mark.parametrize("update", UPDATES, ids=lambda u: u.split("\n")[-1][:30])
def test_update_from_stdin_is_refused_as_read_only(sg, universe, update):
    before, size = fingerprint(*BUNDLE), len(universe.graph)
    result = sg("query", "-", input=update)
    assert_clean_error(result, 2, "read-only")
    assert result.stdout == ""
    assert fingerprint(*BUNDLE) == before
    assert len(universe.graph) == size
    assert (URIRef(SUA), RDFS.label, Literal("HACKED", lang="en")) not in universe.graph


def test_update_from_a_file_leaves_the_data_files_byte_identical(tmp_path):
    """A real load of copied files (no shared graph): run updates on them, then read them back."""
    data = tmp_path / "data"
    shutil.copytree(bundle.data_dir(), data)
    before = fingerprint(data, *BUNDLE)
    for number, update in enumerate(UPDATES):
        path = tmp_path / f"update-{number}.rq"
        path.write_text(update, encoding="utf-8")
        result = cli("--data", str(data), "query", str(path), catch=True)
        assert_clean_error(result, 2, "read-only")
    assert fingerprint(data, *BUNDLE) == before
    check = cli(
        "--data",
        str(data),
        "query",
        "-",
        "--format",
        "json",
        catch=True,
        input=f"PREFIX rdfs: <{RDFS}> SELECT ?l WHERE {{ <{SUA}> rdfs:label ?l }}",
    )
    labels = {row["l"] for row in json_rows(check)}
    assert "Sua" in labels and "HACKED" not in labels


# --- nothing reaches the network ---------------------------------------------------------


@pytest.fixture
def listener():
    """A listening socket on 127.0.0.1 nobody should connect to; ``connected()`` says if anybody did."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(8)

    class Listener:
        url = f"http://127.0.0.1:{server.getsockname()[1]}"

        @staticmethod
        def connected(wait: float = 0.2) -> bool:
            server.settimeout(wait)
            try:
                conn, _ = server.accept()
            except TimeoutError:
                return False
            conn.close()
            return True

    yield Listener
    server.close()


SERVICE_QUERIES = [
    "SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ ?a ?b ?c OPTIONAL {{ SERVICE SILENT <{url}/sparql> {{ ?s ?p ?o }} }} }} LIMIT 1",
    "SELECT * WHERE {{ ?a ?b ?c FILTER EXISTS {{ SERVICE <{url}/sparql> {{ ?a ?p ?o }} }} }}",
    "SELECT * WHERE {{ {{ SELECT ?s WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }} }} }}",
    "SELECT * WHERE {{ ?a ?b ?c MINUS {{ SERVICE <{url}/sparql> {{ ?a ?p ?o }} }} }}",
    "SELECT * WHERE {{ SERVICE ?endpoint {{ ?s ?p ?o }} VALUES ?endpoint {{ <{url}/sparql> }} }}",
    "ASK {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
    "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
]


@pytest.mark.parametrize("template", SERVICE_QUERIES, ids=range(len(SERVICE_QUERIES)))
def test_service_is_refused_and_makes_no_connection(sg, listener, template):
    result = sg("query", "-", "--timeout", "5", input=template.format(url=listener.url))
    assert_clean_error(result, 2, "SERVICE", "--allow-service")
    assert not listener.connected(), "the refused SERVICE query connected to the listener"


def test_service_with_a_bound_endpoint_parameter_is_refused(sg, listener):
    result = sg(
        "query",
        "-",
        "-p",
        "endpoint",
        f"{listener.url}/sparql",
        "--timeout",
        "5",
        input="SELECT * WHERE { SERVICE ?endpoint { ?s ?p ?o } }",
    )
    assert_clean_error(result, 2, "SERVICE")
    assert not listener.connected()


def test_allow_service_does_reach_the_listener(sg, listener):
    """The control: with --allow-service the same kind of query does connect, so the listener would see one."""
    seen = []

    def accept_once():
        seen.append(listener.connected(wait=10))

    thread = threading.Thread(target=accept_once)
    thread.start()
    result = sg("query", "-", "--allow-service", "--timeout", "10", input=SERVICE_QUERIES[0].format(url=listener.url))
    thread.join(timeout=15)
    assert seen == [True]
    assert result.exception is None or isinstance(result.exception, SystemExit)  # the closed socket is a message


@pytest.mark.parametrize(
    "template",
    [
        "SELECT * FROM <{url}/graph.ttl> WHERE {{ ?s ?p ?o }}",
        "SELECT * FROM NAMED <{url}/graph.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        "ASK FROM <{url}/graph.ttl> {{ ?s ?p ?o }}",
        "CONSTRUCT {{ ?s ?p ?o }} FROM <{url}/graph.ttl> WHERE {{ ?s ?p ?o }}",
    ],
    ids=["from", "from-named", "ask-from", "construct-from"],
)
def test_from_is_refused_and_makes_no_connection(sg, listener, template):
    result = sg("query", "-", "--timeout", "5", input=template.format(url=listener.url))
    assert_clean_error(result, 2, "FROM")
    assert not listener.connected()


def test_load_is_refused_and_makes_no_connection(sg, listener):
    result = sg("query", "-", input=f"LOAD <{listener.url}/graph.ttl>")
    assert_clean_error(result, 2, "read-only")
    assert not listener.connected()


def test_graph_clause_never_fetches_the_graph(sg, listener):
    result = sg(
        "query", "-", "--timeout", "5", input=f"SELECT * WHERE {{ GRAPH <{listener.url}/graph.ttl> {{ ?s ?p ?o }} }}"
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert not listener.connected()


# --- timeouts ----------------------------------------------------------------------------


def _property_path_chain(universe) -> str:
    steps = "|".join(f"<{p}>|^<{p}>" for p in sorted(set(universe.graph.predicates())))
    return (
        f"SELECT (COUNT(*) AS ?n) WHERE {{ ?a ({steps})* ?b . ?b ({steps})* ?c . ?c ({steps})* ?d . ?d ({steps})* ?e }}"
    )


CROSS_PRODUCT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f . ?g ?s ?h }"


@pytest.mark.parametrize("shape", ["property-paths", "cross-product"])
def test_timeout_stops_a_runaway_query_with_exit_3(universe, shape):
    text = _property_path_chain(universe) if shape == "property-paths" else CROSS_PRODUCT
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "stagegraph", "query", "-", "--timeout", "1"],
        input=text,
        capture_output=True,
        text=True,
        timeout=90,
    )
    elapsed = time.monotonic() - started
    assert result.returncode == 3, result.stderr
    assert "Traceback" not in result.stderr
    assert "--timeout" in result.stderr and "1 s" in result.stderr
    assert result.stdout == ""
    assert elapsed < 30  # it ended; the exact time is the machine's business


def test_a_query_that_finishes_in_time_is_unaffected_by_timeout(sg):
    result = sg("query", "matches", "--timeout", "20", "--format", "json")
    assert result.exit_code == 0 and len(json_rows(result)) == 7


@pytest.mark.parametrize("value", ["0", "-1", "soon"])
def test_timeout_must_be_a_positive_number(sg, value):
    result = sg("query", "matches", "--timeout", value)
    assert_clean_error(result, 2, "--timeout")


# --- bad queries -------------------------------------------------------------------------


def test_syntax_error_from_stdin_names_line_and_column(sg):
    text = "PREFIX sg: <https://w3id.org/stagegraph/ns#>\nSELECT ?x WHERE {\n  ?x sg:from ?y .\n  ?x ?? ?z\n}\n"
    result = sg("query", "-", input=text)
    assert_clean_error(result, 2, "syntax error", "line 4", "column")
    assert result.stdout == ""


def test_syntax_error_in_a_file_names_the_file_line_and_column(sg, tmp_path):
    path = tmp_path / "broken.rq"
    path.write_text("SELECT ?x WHERE {\n  ?x ?y ?z .\n  FILTER(?x = )\n}\n", encoding="utf-8")
    result = sg("query", str(path))
    assert_clean_error(result, 2, str(path), "line 3", "column")


def test_syntax_error_column_points_into_the_line(sg):
    result = sg("query", "-", input="SELECT ?x WHERE { ?x ?y }")
    assert_clean_error(result, 2, "line 1")
    column = int(re.search(r"column (\d+)", result.output).group(1))
    assert 1 <= column <= len("SELECT ?x WHERE { ?x ?y }")


def test_a_query_failing_while_running_is_a_message(sg):
    result = sg("query", "-", input="SELECT ?x WHERE { ?x ?p ?o } ORDER BY <http://example.org/nofunction>(?x)")
    assert_clean_error(result, 2, "failed while running")


def test_undeclared_prefix_is_a_clean_error(sg):
    result = sg("query", "-", input="PREFIX ex: <http://example.org/>\nSELECT ?x WHERE { ?x ex:p nope:q }")
    assert_clean_error(result, 2, "nope")


def test_query_file_that_is_not_utf8_is_a_clean_error(sg, tmp_path):
    path = tmp_path / "latin1.rq"
    path.write_bytes('SELECT ?x WHERE { ?x ?p "café" }'.encode("latin-1"))
    assert_clean_error(sg("query", str(path)), 2, str(path))


@pytest.mark.parametrize("text", ["", "   \n", "# only a comment\n"], ids=["empty", "blank", "comment"])
def test_empty_query_is_not_called_an_update(sg, text):
    result = sg("query", "-", input=text)
    assert result.exit_code == 2
    assert "update" not in result.output


# --- on Oxigraph, rdflib's parse is skipped only when nothing refusable can be in the query ---


@pytest.fixture
def oxigraph_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


@pytest.mark.parametrize("update", UPDATES, ids=lambda u: u.split("\n")[-1][:30])
def test_updates_are_refused_on_oxigraph_too(sg, oxigraph_cache, update):
    before = fingerprint(*BUNDLE)
    assert_clean_error(sg("--store", "oxigraph", "query", "-", input=update), 2, "read-only")
    assert fingerprint(*BUNDLE) == before


@pytest.mark.parametrize(
    "template",
    SERVICE_QUERIES
    + [
        "SELECT * WHERE{{FILTER(1<2)SERVICE?e{{?s?p?o.FILTER(?o>0)}}VALUES ?e{{<{url}/sparql>}}}}",
        "PREFIX : <http://e.org/#x> SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
        "SELECT * FROM <{url}/g> WHERE {{ ?s ?p ?o }}",
    ],
    ids=range(len(SERVICE_QUERIES) + 3),
)
def test_service_and_from_are_refused_on_oxigraph_too(sg, oxigraph_cache, listener, template):
    result = sg("--store", "oxigraph", "query", "-", "--timeout", "5", input=template.format(url=listener.url))
    assert result.exit_code == 2 and "Traceback" not in result.output, result.output
    assert any(word in result.output for word in ("SERVICE", "FROM", "syntax error"))
    assert not listener.connected()


@pytest.mark.parametrize(
    "text, kind",
    [
        ("SELECT * WHERE { ?s <http://e.org/a#b> ?o } # SERVICE in a comment", "select"),
        ('SELECT * WHERE { ?s ?p "SERVICE and FROM in a string" }', "select"),
        ("PREFIX sg: <https://w3id.org/stagegraph/ns#> SELECT ?from WHERE { ?b sg:from ?from }", "select"),
        ("ASK { ?s ?p ?o }", "ask"),
        ("CONSTRUCT WHERE { ?s ?p ?o }", "graph"),
        ("SELECT * WHERE { ?s <http://e.org/service> ?o }", None),  # a keyword in an IRI: check decides
        ("SELECT * WHERE {FILTER(1<2)SERVICE?e{?s?p?o.FILTER(?o>0)}}", None),
    ],
)
def test_quick_kind_reads_the_form_or_defers_to_check(text, kind):
    assert guard.quick_kind(text) == kind


def test_a_syntax_error_on_oxigraph_is_reported_as_check_reports_it(sg, oxigraph_cache):
    broken = "SELECT ?s WHERE {\n  ?s ?p \n}"
    on_oxigraph = sg("--store", "oxigraph", "query", "-", input=broken)
    in_memory = sg("--store", "memory", "query", "-", input=broken)
    assert_clean_error(on_oxigraph, 2, "SPARQL syntax error", "line")
    assert on_oxigraph.output == in_memory.output
