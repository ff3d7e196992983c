"""SPARQL JSON results read as they arrive give what ``json.loads`` of the whole answer gives,
however the bytes are cut into reads; a malformed or cut-off answer is a ValueError."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from helpers import assert_clean_error
from stagegraph.cli import main
from stagegraph.store import results

JSON = "application/sparql-results+json"

TERM = st.one_of(
    st.fixed_dictionaries({"type": st.just("uri"), "value": st.text()}),
    st.fixed_dictionaries(
        {"type": st.just("literal"), "value": st.text()},
        optional={
            "xml:lang": st.sampled_from(["en", "ko", "ja-Latn"]),
            "datatype": st.just("http://www.w3.org/2001/XMLSchema#integer"),
        },
    ),
    st.fixed_dictionaries({"type": st.just("bnode"), "value": st.from_regex(r"b[0-9a-f]{1,12}", fullmatch=True)}),
)
VARS = st.lists(st.from_regex(r"[a-z][a-z0-9]{0,6}", fullmatch=True), min_size=1, max_size=4, unique=True)


@st.composite
def answers(draw):
    columns = draw(VARS)
    rows = draw(st.lists(st.dictionaries(st.sampled_from(columns), TERM), max_size=12))
    head = {"vars": columns, **({"link": []} if draw(st.booleans()) else {})}
    results_ = {"bindings": rows, **({"distinct": False, "ordered": True} if draw(st.booleans()) else {})}
    parts = [("head", head), ("results", results_)]
    if draw(st.booleans()):  # JSON keeps no key order: the head may come last
        parts.reverse()
    return dict(parts)


def reads(data: bytes, cuts: list[int]):
    """``data`` handed out at most the size asked at a time, and cut at ``cuts`` besides (also
    inside a UTF-8 character), as a socket hands out what has arrived."""
    ends, at = sorted({cut for cut in cuts if 0 < cut < len(data)} | {len(data)}), 0

    def read(size: int) -> bytes:
        nonlocal at
        end = min(at + size, next(e for e in ends if e > at)) if at < len(data) else at
        piece, at = data[at:end], end
        return piece

    return read


def read_all(data: bytes, cuts=(), size: int = 5):
    head, rows = results.bindings(reads(data, list(cuts)), size)
    rows = list(rows)
    return head, rows


@given(
    answers(),
    st.sampled_from([None, 1, 2]),
    st.booleans(),
    st.lists(st.integers(0, 4000), max_size=30),
    st.integers(1, 300),
)
def test_bindings_are_what_json_loads_gives_however_the_answer_is_cut(answer, indent, ascii_only, cuts, size):
    data = json.dumps(answer, indent=indent, ensure_ascii=ascii_only).encode()
    head, rows = read_all(data, cuts, size)
    assert rows == answer["results"]["bindings"]
    assert head["vars"] == answer["head"]["vars"]


def test_a_value_longer_than_many_reads_is_read_whole(monkeypatch):
    long = "가" * 300_000  # three bytes each: about 14 reads of 64 KiB
    data = json.dumps(
        {
            "head": {"vars": ["x"]},
            "results": {
                "bindings": [{"x": {"type": "literal", "value": long}}, {"x": {"type": "literal", "value": "after"}}]
            },
        },
        ensure_ascii=False,
    ).encode()
    tries, more = [], results._Buffer.more
    monkeypatch.setattr(results._Buffer, "more", lambda self: tries.append(1) or more(self))
    head, rows = read_all(data, size=1000)
    assert [row["x"]["value"] for row in rows] == [long, "after"]
    assert len(tries) < 30  # the value decoded again a logarithmic number of times, not once a read (900)


def test_a_byte_order_mark_is_skipped_as_json_loads_skips_it():
    data = b"\xef\xbb\xbf" + json.dumps({"head": {"vars": ["x"]}, "results": {"bindings": [{}]}}).encode()
    assert json.loads(data)["results"]["bindings"] == [{}]
    assert read_all(data, size=1)[1] == [{}]


def test_an_ask_answer_gives_its_boolean_and_no_rows():
    for value in (True, False):
        head, rows = read_all(json.dumps({"head": {}, "boolean": value}).encode())
        assert head["boolean"] is value and rows == []


@pytest.mark.parametrize(
    "data",
    [
        b'{"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "uri", "value": "a"}}',  # cut off
        b'{"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "uri", "value": "a"}} {}]}}',  # no comma
        b'{"head": {"vars": ["x"]}, "results": {"bindings": [1]}}',  # a binding that is not an object
        b'{"head": {"vars": ["x"]}, "results": {"bindings": []}} trailing',
        b"<!DOCTYPE html><html><body>Service Unavailable</body></html>",
        b"",
    ],
    ids=["cut-off", "no-comma", "not-an-object", "trailing-text", "html", "empty"],
)
def test_a_malformed_answer_is_a_value_error(data):
    with pytest.raises(ValueError):
        read_all(data, range(0, len(data), 7))


def test_a_number_at_the_end_of_a_read_waits_for_the_rest():
    """``12`` then ``345``: a number cut by a read is not taken as the number so far (which
    would leave ``345`` where a comma belongs)."""
    data = b'{"n": 12345, "head": {"vars": ["x"]}, "results": {"bindings": [{}]}}'
    head, rows = read_all(data, size=data.index(b"12345") + 2)  # the first read ends in the number
    assert head["vars"] == ["x"] and rows == [{}]


# --- a hostile or broken server, through the command ---------------------------------------

NESTED = b"[" * 200_000 + b"]" * 200_000
ANSWERS = {  # path: (status, body, content type, Content-Length if not the body's)
    "html-with-200": (200, b"<!DOCTYPE html><html><body><h1>Maintenance</h1></body></html>", "text/html", None),
    "cut-off": (200, b'{"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "uri", "val', JSON, None),
    "nested-deep": (200, b'{"head": {"vars": ["x"]}, "results": {"bindings": [' + NESTED + b"]}}", JSON, None),
    "no-value": (200, b'{"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "literal"}}]}}', JSON, None),
    "term-not-an-object": (200, b'{"head": {"vars": ["x"]}, "results": {"bindings": [{"x": 5}]}}', JSON, None),
    "vars-not-a-list": (
        200,
        b'{"head": {"vars": 7}, "results": {"bindings": [{"x": {"type": "uri", "value": "a"}}]}}',
        JSON,
        None,
    ),
    "no-vars": (200, b'{"head": {}, "results": {"bindings": [{"x": {"type": "uri", "value": "a"}}]}}', JSON, None),
    "shorter-than-said": (200, b'{"head": {"vars": ["x"]}, "results": {"bindings": [', JSON, 10_000),
    "error-nested-deep": (500, b'{"message": ' + NESTED + b"}", "application/json", None),
    "error-messages-all-the-way-down": (500, b'{"message": ' * 900 + b'"deep"' + b"}" * 900, "application/json", None),
}
# Virtuoso's "anytime" answers: whole-looking, cut at its time limit, saying so only in headers.
ANYTIME = {
    "anytime-select": (200, b'{"head": {"vars": ["x"]}, "results": {"bindings": []}}', JSON, None),
    "anytime-construct": (200, b"<urn:a> <urn:b> <urn:c> .\n", "application/n-triples", None),
}


@pytest.fixture(scope="module")
def broken_server():
    """A real HTTP server on 127.0.0.1 answering each query with the body its path names."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            name = self.path.strip("/")
            status, body, kind, length = {**ANSWERS, **ANYTIME}[name]
            self.send_response(status)
            self.send_header("Content-Type", kind)
            if name in ANYTIME:
                self.send_header("X-SQL-State", "S1TAT")
                self.send_header("X-SQL-Message", "RC...: Returning incomplete results, query interrupted")
            self.send_header("Content-Length", str(length or len(body)))
            self.end_headers()
            self.wfile.write(body)
            self.wfile.flush()
            self.close_connection = True

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


@pytest.mark.parametrize("name", sorted(ANSWERS))
def test_a_broken_answer_is_one_sentence_and_exit_4_never_a_traceback(broken_server, name):
    result = CliRunner().invoke(
        main,
        ["--endpoint", f"{broken_server}/{name}", "query", "-", "--timeout", "10"],
        input="SELECT ?x WHERE { ?x ?p ?o }",
    )
    assert_clean_error(result, 4, f"{broken_server}/{name}")
    assert len(result.output.strip().splitlines()) == 1, result.output


@pytest.mark.parametrize("kind", ["select", "construct"])
def test_an_answer_the_server_says_it_cut_short_is_refused(broken_server, kind):
    text = {"select": "SELECT ?x WHERE { ?x ?p ?o }", "construct": "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"}[kind]
    result = CliRunner().invoke(main, ["--endpoint", f"{broken_server}/anytime-{kind}", "query", "-"], input=text)
    assert_clean_error(result, 4, "cut its answer short (S1TAT", "MaxQueryExecutionTime")
