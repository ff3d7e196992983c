"""The server benchmark (benchmarks/bench_servers.py) measures what it says: each library query
through the command, the library call, and ``curl`` replaying the very requests the library sent.

Timings are never asserted here; they live in the benchmark (make bench).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from helpers import ROOT

pytestmark = pytest.mark.slow
QUERIES = {"characters", "deaths", "love-chains", "matches", "timeline", "unrequited", "vocalists"}


@pytest.fixture(scope="module")
def rows(tmp_path_factory):
    if shutil.which("curl") is None:
        pytest.fail("curl is missing: the server benchmark compares with it (.ci/run installs it)")
    out = tmp_path_factory.mktemp("bench")
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "bench_servers.py"),
            "--triples",
            "3000",
            "--servers",
            "oxigraph",
            "--runs",
            "1",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "BENCH_DIR": str(out)},
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads((out / "servers.json").read_text()), done.stdout


def test_every_plain_library_query_is_timed_four_ways_and_printed(rows):
    found, printed = rows
    queries = {r["row"].removeprefix("query "): r for r in found if r["row"].startswith("query ")}
    assert set(queries) == QUERIES
    for name, row in queries.items():
        assert "error" not in row, (name, row)
        assert {"stagegraph", "library", "baseline", "query_alone"} <= set(row)
        assert all(row[way][0] > 0 for way in ("stagegraph", "library", "baseline", "query_alone"))
        assert f"query {name}" in printed


def test_curl_replays_the_label_lookups_a_labels_query_sends(rows):
    queries = {r["row"]: r for r in rows[0]}
    assert queries["query matches"]["requests"] >= 2  # the query, then its labels
    assert queries["query love-chains"]["requests"] >= 2
    assert queries["query characters"]["requests"] == 1  # labels inside the query itself


def test_publish_is_compared_with_the_bulk_loader_and_one_put(rows):
    publish = [r for r in rows[0] if r["row"] == "publish"]
    assert {r["baseline_is"] for r in publish} == {"bulk loader", "one curl PUT"}
