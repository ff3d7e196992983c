"""Reading the whole graph from a server (store/whole.py) against servers that misbehave as real
ones do: answers cut at a row limit without a word, pages that do not join up, an answer that
streams for longer than the timeout, one that falls silent halfway. The real servers' side
(Oxigraph Server, Virtuoso's ResultSetMaxRows) is in test_servers.py."""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner

from helpers import assert_clean_error
from stagegraph.cli import main
from stagegraph.errors import EndpointError, QueryTimeout
from stagegraph.store.whole import read_graph

LINES = [f'<https://example.org/s{i}> <https://example.org/p> "{i}" .\n'.encode() for i in range(12)]


class _Server(ThreadingHTTPServer):
    block_on_close = False  # a handler still sleeping must not hold the test


@contextmanager
def serving(answer):
    """A SPARQL endpoint on 127.0.0.1 whose CONSTRUCT answers are written by ``answer(handler,
    limit, offset)``; COUNTs answer ``len(LINES)``."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"  # the answer ends when the connection closes: it can stream

        def do_POST(self):
            form = urllib.parse.parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
            text = form["query"][0]
            self.send_response(200)
            if "COUNT" in text:
                self.send_header("Content-Type", "application/sparql-results+json")
                self.end_headers()
                n = {"type": "literal", "value": str(len(LINES))}
                self.wfile.write(json.dumps({"head": {"vars": ["n"]}, "results": {"bindings": [{"n": n}]}}).encode())
                return
            self.send_header("Content-Type", "application/n-triples")
            self.end_headers()
            words = text.split()
            limit = int(words[words.index("LIMIT") + 1]) if "LIMIT" in words else None
            offset = int(words[words.index("OFFSET") + 1]) if "OFFSET" in words else 0
            answer(self, limit, offset)

        def do_GET(self):  # the liveness probe after a timeout
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = _Server(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    finally:
        server.shutdown()
        server.server_close()


def capped(cap: int, honour_offset: bool = True):
    def answer(handler, limit, offset):
        start = offset if honour_offset else 0
        handler.wfile.write(b"".join(LINES[start : start + min(cap, limit or cap)]))

    return answer


def test_an_answer_cut_at_the_servers_row_limit_is_read_again_in_pages():
    with serving(capped(5)) as url:
        graph = read_graph(url, timeout=10)
    assert len(graph) == len(LINES)


def test_a_cut_answer_whose_pages_do_not_join_up_is_refused_not_taken_for_the_graph():
    with serving(capped(5, honour_offset=False)) as url, pytest.raises(EndpointError) as error:
        read_graph(url, timeout=10)
    assert "gave 5 of its 12 triples" in str(error.value) and "ResultSetMaxRows" in str(error.value)


def test_stats_over_a_server_that_cuts_and_cannot_page_exits_4_in_one_sentence():
    with serving(capped(5, honour_offset=False)) as url:
        result = CliRunner().invoke(main, ["--endpoint", url, "stats"], env={"STAGEGRAPH_GRAPH": None})
    assert_clean_error(result, 4, "gave 5 of its 12 triples", "raise its result limit")


def test_an_answer_that_keeps_streaming_past_the_timeout_is_read_whole():
    def trickle(handler, limit, offset):
        for line in LINES:  # 12 × 0.15 s: 1.8 s in all, never 1 s without a byte
            handler.wfile.write(line)
            handler.wfile.flush()
            time.sleep(0.15)

    with serving(trickle) as url:
        graph = read_graph(url, timeout=1)
    assert len(graph) == len(LINES)


def test_an_answer_that_falls_silent_halfway_is_a_timeout():
    def stall(handler, limit, offset):
        handler.wfile.write(b"".join(LINES[:3]))
        handler.wfile.flush()
        time.sleep(3)

    with serving(stall) as url, pytest.raises(QueryTimeout) as error:
        read_graph(url, timeout=1)
    assert "reading the graph" in str(error.value) and "ran past 1 s" in str(error.value)
