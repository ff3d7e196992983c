"""``make bench`` for SPARQL servers: publish and query a synthetic universe on Oxigraph Server
and Virtuoso, each started here on 127.0.0.1 (see tests/servers.py).

Rows, per server: ``publish`` (stagegraph, N-Triples chunks over HTTP) against the server's own
bulk loader on the same triples (``oxigraph load``; Virtuoso's ``ld_dir`` + ``rdf_loader_run``)
and against the same N-Triples sent as one Graph Store PUT with ``curl`` (the direct request);
each library query through stagegraph (the command, and the library call without the Python
start-up) against ``curl`` sending the very requests the library sent (the same form bodies: the
query, and for a query with a ``#+ labels`` header its label lookups), and against ``curl``
sending the query's request alone. The ways take turns in each round, after one untimed run.
Virtuoso is started with its row limit above the universe's largest answer (``_server``).

    python benchmarks/bench_servers.py [--triples 1000000] [--servers oxigraph,virtuoso] [--runs 3]

``--triples`` defaults to ``BENCH_SERVER_TRIPLES``, else a million (about 12 minutes on 2 cores).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests")]  # synth.py; the server starters the tests use

import pyoxigraph  # noqa: E402

import servers  # noqa: E402
import synth  # noqa: E402
from stagegraph.errors import StagegraphError  # noqa: E402
from stagegraph.query import run  # noqa: E402
from stagegraph.rdf.load import rdf_files  # noqa: E402
from stagegraph.store import endpoint, upload  # noqa: E402
from stagegraph.universe import Universe  # noqa: E402

BIN = Path(sys.executable).parent
STAGEGRAPH = str(BIN / "stagegraph")
GRAPH = "https://example.org/bench"
PLAIN = ("characters", "deaths", "love-chains", "matches", "timeline", "unrequited", "vocalists")


def timed(cmd: list[str], env: dict | None = None) -> tuple[float, float]:
    """(wall, CPU) seconds of a command; the CPU is the command's own (user + system), not the server's."""
    before, started = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, **(env or {})})
    wall, after = time.perf_counter() - started, resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode:
        raise SystemExit(f"{' '.join(cmd[:4])}… exited {done.returncode}: {done.stderr.decode()[-500:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def best(runs: int, work) -> tuple[float, float]:
    return min((work() for _ in range(runs)), key=lambda t: t[0])


def bulk_load(server, nt: Path) -> float:
    if server.name == "oxigraph":
        return timed(
            [
                str(BIN / "oxigraph"),
                "load",
                "--location",
                str(server.folder / "bulk"),
                "--file",
                str(nt),
                "--graph",
                GRAPH + "/bulk",
            ]
        )
    return timed(
        [
            "isql-vt",
            f"127.0.0.1:{server.sql}",
            "dba",
            "dba",
            f"exec=ld_dir('{nt.parent}', '{nt.name}', '{GRAPH}/bulk'); rdf_loader_run(); checkpoint;",
        ]
    )


def curl_put(server, nt: Path) -> float:
    """The same N-Triples as one Graph Store PUT with ``curl`` (digest credentials where the server asks)."""
    user, password = server.env.get("STAGEGRAPH_ENDPOINT_USER"), server.env.get("STAGEGRAPH_ENDPOINT_PASSWORD")
    auth = ["--digest", "-u", f"{user}:{password}"] if user else []
    return timed(
        [
            "curl",
            "-sf",
            "-o",
            "/dev/null",
            *auth,
            "-X",
            "PUT",
            "-H",
            "Content-Type: application/n-triples",
            "--data-binary",
            f"@{nt}",
            f"{server.store}?graph={GRAPH}/curl",
        ]
    )


def curl(server, bodies: list[Path]) -> tuple[float, float]:
    """The same requests (the same form bodies, one after another) from one ``curl``."""
    cmd = ["curl"]
    for i, body in enumerate(bodies):
        cmd += (["--next"] if i else []) + [
            "-sf",
            "-o",
            "/dev/null",
            "-H",
            "Accept: application/sparql-results+json",
            "-H",
            "Content-Type: application/x-www-form-urlencoded",
            "--data-binary",
            f"@{body}",
            server.query,
        ]
    return timed(cmd)


def bench(name: str, data: Path, triples: int, runs: int) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory(prefix=f"bench-{name}-") as tmp, _server(name, Path(tmp)) as server:
        nt = server.folder / "universe.nt"
        with nt.open("wb") as out:  # what publish sends: the data and the ontology
            files = rdf_files([data]) + Universe().ontology.files
            pyoxigraph.serialize((q for f in files for q in upload.parsed(f)), out, pyoxigraph.RdfFormat.N_TRIPLES)
        publish = timed(
            [
                STAGEGRAPH,
                "--data",
                str(data),
                "publish",
                "--endpoint",
                server.store,
                "--graph",
                GRAPH,
                "--timeout",
                "3600",
            ],
            server.env,
        )
        for query in PLAIN:
            rows.append({"server": name, "row": f"query {query}", **_query_row(server, query, runs)})
        # The bulk load last: on Virtuoso a second copy of the universe in the store doubles its
        # statistics, and its cost estimator then refuses the queries (estimates over 400 s).
        rows.insert(
            0,
            {
                "server": name,
                "row": "publish",
                "stagegraph": publish,
                "baseline": bulk_load(server, nt),
                "baseline_is": "bulk loader",
            },
        )
        rows.insert(
            1,
            {
                "server": name,
                "row": "publish",
                "stagegraph": publish,
                "baseline": curl_put(server, nt),
                "baseline_is": "one curl PUT",
            },
        )
    for row in rows:
        row["triples"] = triples
    return rows


def _server(name: str, folder: Path):
    """A server started by the tests' helper; Virtuoso set to answer a million-triple universe's
    queries whole (Debian's ResultSetMaxRows, 10,000, cuts ``characters``: docs/servers.md says so)."""
    return servers.virtuoso(folder, max_rows=1_000_000) if name == "virtuoso" else getattr(servers, name)(folder)


def _query_row(server, query: str, runs: int) -> dict:
    """One library query four ways, taking turns in each round after one untimed run (so no way
    is timed on caches another warmed): the command; the library call (the same work without
    the interpreter's start-up and the printing); ``curl`` sending the very requests the library
    sent (the query, and for a ``#+ labels`` query the label lookups); ``curl`` sending the
    query's request alone. A query the server refuses is a row with its error, not the end."""
    try:
        bodies = _requests(server, query)
        ways = {
            "stagegraph": lambda: timed(
                [
                    STAGEGRAPH,
                    "--endpoint",
                    server.query,
                    "--graph",
                    GRAPH,
                    "query",
                    query,
                    "--format",
                    "json",
                    "--timeout",
                    "600",
                ]
            ),
            "library": lambda: _library(server, query),
            "baseline": lambda: curl(server, bodies),
            "query_alone": lambda: curl(server, bodies[:1]),
        }
        times: dict[str, list] = {way: [] for way in ways}
        for round_ in range(runs):
            order = list(ways)[round_ % len(ways) :] + list(ways)[: round_ % len(ways)]
            for way in order:
                times[way].append(ways[way]())
        best = {way: min(found, key=lambda t: t[0]) for way, found in times.items()}
        return {**best, "requests": len(bodies), "baseline_is": "curl, the same requests"}
    except (SystemExit, StagegraphError) as exc:
        return {"error": str(exc)[:300]}


def _requests(server, query: str) -> list[Path]:
    """The form bodies the library sends for ``query``, each in a file for ``curl``."""
    sent, real_send, real_stream = [], endpoint.send, endpoint.stream

    def record(real):
        def recorded(url, method="GET", body=None, headers=None, **options):
            sent.append(body)
            return real(url, method, body, headers, **options)

        return recorded

    endpoint.send, endpoint.stream = record(real_send), record(real_stream)
    try:
        _library(server, query)
    finally:
        endpoint.send, endpoint.stream = real_send, real_stream
    paths = []
    for i, body in enumerate(sent):
        paths.append(server.folder / f"{query}-{i}.form")
        paths[-1].write_bytes(body)
    return paths


def _library(server, query: str) -> tuple[float, float]:
    started, cpu = time.perf_counter(), time.process_time()
    run.run(Universe(endpoint=server.query, graph_iri=GRAPH), query, {}, timeout=600)
    return time.perf_counter() - started, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=int(os.environ.get("BENCH_SERVER_TRIPLES", 1_000_000)))
    parser.add_argument("--servers", default="oxigraph,virtuoso")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-data-") as tmp:
        data = Path(tmp)
        triples = synth.write(synth.characters_for(args.triples), data, 0)
        rows = [r for name in args.servers.split(",") for r in bench(name, data, triples, args.runs)]
    print(
        f"{'server':9} {'row':22} {'triples':>8} {'stagegraph wall/cpu':>20} {'library wall/cpu':>17} "
        f"{'baseline wall/cpu':>18} {'query alone':>11}  overhead (wall): library, command"
    )
    for r in rows:
        if "error" in r:
            print(f"{r['server']:9} {r['row']:22} {r['triples']:>8} failed: {r['error']}")
            continue
        lib = "{:.3f}/{:.3f}".format(*r["library"]) if "library" in r else "-"
        alone = f"{r['query_alone'][0]:.3f}" if "query_alone" in r else "-"
        over = ", ".join(
            f"{(r[way][0] / r['baseline'][0] - 1) * 100:+.0f} %" for way in ("library", "stagegraph") if way in r
        )
        what = r["baseline_is"] + (f" ({r['requests']})" if r.get("requests", 1) > 1 else "")
        print(
            f"{r['server']:9} {r['row']:22} {r['triples']:>8} {r['stagegraph'][0]:>12.3f}/{r['stagegraph'][1]:.3f} "
            f"{lib:>17} {r['baseline'][0]:>10.3f}/{r['baseline'][1]:.3f} {alone:>11}  {over} vs {what}"
        )
    out = Path(os.environ.get("BENCH_DIR", HERE.parent / "build" / "bench")) / "servers.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(rows, indent=2) + "\n")


if __name__ == "__main__":
    main()
