#!/usr/bin/env python3
"""How fast the site's SPARQL page starts in a real browser (issue 15; part of `make bench`).

    python benchmarks/sparql_start.py [TRIPLES ...]     # default: the bundled graph and 100000

For the bundled graph and for synthetic universes of about TRIPLES triples (benchmarks/synth.py,
about 99 triples a character, generated once into build/bench/sparql-<n>/data), writes the SPARQL
page, opens it from file:// in headless Chromium ($STAGEGRAPH_CHROMIUM or /usr/bin/chromium)
and prints, median of 3 loads: the WebAssembly compile (page), the worker's start with the graph
loaded, the graph load alone, navigation to ready, the page's size, and the time the
`love-chains` query takes there. Target: ready in under 1 s for the bundled graph.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BUILD = ROOT / "build" / "bench"
STAGEGRAPH = str(Path(sys.executable).parent / "stagegraph")


def graph_text(triples: int | None) -> str:
    args = [STAGEGRAPH]
    if triples:
        data = BUILD / f"sparql-{triples}" / "data"
        if not data.is_dir():
            subprocess.run(
                [
                    sys.executable,
                    str(HERE / "synth.py"),
                    "--characters",
                    str(max(8, triples // 96)),
                    "--out",
                    str(data),
                ],
                check=True,
            )
        args += ["--data", str(data)]
    return subprocess.run(args + ["export", "--format", "nt"], check=True, capture_output=True, text=True).stdout


def measure(page: Path, runs: int = 3) -> dict:
    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("STAGEGRAPH_CHROMIUM") or "/usr/bin/chromium"
    samples = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        for _ in range(runs):
            view = browser.new_page()
            start = time.perf_counter()
            view.goto(page.resolve().as_uri())
            view.wait_for_selector("body[data-settled=true]", state="attached", timeout=300_000)
            wall = time.perf_counter() - start
            marks = view.evaluate("() => ({...document.body.dataset})")
            query = view.evaluate("async () => (await window.sparqlPage.runExample('love-chains', {})).ms")
            samples.append(
                {
                    "compile": float(marks["compileMs"]),
                    "worker": float(marks["readyMs"]),
                    "load": float(marks["loadMs"]),
                    "ready": float(marks["startedMs"]),
                    "wall": wall * 1000,
                    "query": query,
                }
            )
            view.close()
        browser.close()
    return {key: statistics.median(s[key] for s in samples) for key in samples[0]}


def main(sizes: list[int | None]) -> int:
    sys.path.insert(0, str(ROOT / "src"))
    from stagegraph.site.sparqlpage import write_sparql_page

    print(
        "| graph | triples in page | page MB | wasm compile | worker start + load | graph load | "
        "navigation → ready | love-chains |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for size in sizes:
        text = graph_text(size)
        with tempfile.TemporaryDirectory() as tree:
            page = write_sparql_page(Path(tree), text)
            got = measure(page)
            mb = page.stat().st_size / 1e6
        name = "bundled" if size is None else f"synthetic {size:,}"
        lines = sum(1 for line in text.splitlines() if line.strip())
        print(
            f"| {name} | {lines:,} + ontology | {mb:.1f} | {got['compile']:.0f} ms | {got['worker']:.0f} ms | "
            f"{got['load']:.0f} ms | {got['ready']:.0f} ms | {got['query']:.0f} ms |"
        )
    return 0


if __name__ == "__main__":
    given = [int(a.replace("_", "")) for a in sys.argv[1:]]
    sys.exit(main([None] + (given or [100_000])))
