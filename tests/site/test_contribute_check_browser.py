"""The contribution check in Chromium from file://, as a page holds it: the parts
``contributecheck.checker_parts`` gives (the check data, the engine, the worker and the
WebAssembly as non-executed blocks, the Content-Security-Policy sources), ``check.js`` bundled into
the page's one script. It starts its Web Worker from a Blob, compiles the WebAssembly, and answers
as ``add --dry-run`` does (tests/site/test_contribute_check.py proves the answers equal), with no
request leaving the page and no console error."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from test_browser import LAUNCH_ARGS, TIMEOUT_MS, find_browser

from helpers import ROOT
from stagegraph import markup
from stagegraph.site.contributecheck import checker_parts

pytestmark = pytest.mark.slow

NODE = shutil.which("node")
BOND = """@prefix bond: <https://w3id.org/stagegraph/bond/> . @prefix sg: <https://w3id.org/stagegraph/ns#> .
@prefix character: <https://w3id.org/stagegraph/character/> . @prefix source: <https://w3id.org/stagegraph/source/> .
@prefix bondtype: <https://w3id.org/stagegraph/vocab/bondtype/> .
@prefix nature: <https://w3id.org/stagegraph/vocab/nature/> .
@prefix canon: <https://w3id.org/stagegraph/vocab/canon/> .
@prefix confidence: <https://w3id.org/stagegraph/vocab/confidence/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
bond:dewey-urak-rivalry a sg:Bond ; rdfs:label "Dewey → Urak"@en ; sg:bondType bondtype:one-sided ;
    sg:canonStatus canon:canon ; sg:nature nature:rivalry ; sg:from character:dewey ; sg:to character:urak ;
    sg:revealUnknown true ; sg:confidence confidence:single-source SOURCE .
"""


BUNDLE = """
import { build } from "esbuild";
const result = await build({
  stdin: {
    contents: 'import { startChecker } from "./check.js"; window.startChecker = startChecker;',
    resolveDir: process.argv[1],
  },
  bundle: true, format: "iife", target: "es2020", charset: "utf8", write: false,
});
process.stdout.write(result.outputFiles[0].text);
"""

REWRITTEN = (  # Oxigraph's store keeps "1"^^xsd:boolean as true, one of the shapes' constants: declined
    "<https://w3id.org/stagegraph/bond/x> <https://w3id.org/stagegraph/ns#revealUnknown> "
    '"1"^^<http://www.w3.org/2001/XMLSchema#boolean> .'
)


def page_script() -> str:
    """check.js and what it imports, bundled as the contribute page's script is (an IIFE)."""
    if NODE is None or not (ROOT / "node_modules" / "esbuild").exists():
        pytest.skip("node and esbuild (npm ci) are needed to bundle the page's script")
    folder = ROOT / "src" / "stagegraph" / "site" / "contribute" / "js"
    done = subprocess.run(
        [NODE, "--input-type=module", "-e", BUNDLE, str(folder)], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_check_runs_in_a_worker_from_file_and_answers(universe, tmp_path):
    parts = checker_parts(universe, universe.data.graph.serialize(format="nt"), "en")
    assert set(parts["csp"]) == {"script_src", "worker_src"}
    script = markup.inline_script(page_script())
    policy = markup.csp(
        default_src="'none'",
        script_src=[markup.csp_hash(script), *parts["csp"]["script_src"]],
        worker_src=parts["csp"]["worker_src"],
        connect_src="'none'",
    )
    blocks = "".join(f'<script id="{s["id"]}" type="{s["type"]}">{s["text"]}</script>\n' for s in parts["scripts"])
    page = (
        f'<!DOCTYPE html><html><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}"></head><body>\n'
        f'<script id="check" type="application/json">{markup.inline_json(parts["check"])}</script>\n'
        f"{blocks}<script>{script}</script></body></html>"
    )
    path = tmp_path / "check.html"
    path.write_text(page, encoding="utf-8")

    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=find_browser(), args=LAUNCH_ARGS, headless=True)
        try:
            context = browser.new_context(service_workers="block")
            context.set_default_timeout(TIMEOUT_MS)
            leaving = []
            outside = lambda url: not url.startswith(("file:", "blob:", "data:"))  # noqa: E731
            context.route(outside, lambda route: (leaving.append(route.request.url), route.abort()))
            tab = context.new_page()
            errors = []
            tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            tab.on("pageerror", lambda e: errors.append(str(e)))
            tab.goto(path.as_uri())
            assert tab.evaluate("typeof window.startChecker") == "function", errors
            answers = tab.evaluate(
                """async ([texts, ONE]) => {
                    const checker = await window.startChecker(JSON.parse(document.getElementById("check").textContent));
                    const answers = [checker.declined];
                    for (const text of texts) answers.push(await checker.check(text));
                    try { await checker.check(ONE); }
                    catch (error) { answers.push({ declined: error.declined, message: error.message }); }
                    return answers;
                }""",
                [[BOND.replace("SOURCE", "; sg:source source:ct"), BOND.replace("SOURCE", "")], REWRITTEN],
            )
        finally:
            browser.close()
    declined, valid, without_source, refused = answers
    assert declined is None
    assert valid == []
    assert {(r["focus"], r["path"]) for r in without_source} >= {("bond:dewey-urak-rivalry", "sg:source")}
    assert all(r["field"] for r in without_source)
    assert refused["declined"] is True and "Oxigraph" in refused["message"]
    assert not errors, errors
    assert not leaving, leaving
    json.dumps(answers)  # plain data, as the worker hands it over
