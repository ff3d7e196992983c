"""The SPARQL page as written (issue 15): the engine turned into a classic script, the checks on
the vendored files, the links, the page's one script and its Content-Security-Policy.
The page in a browser is tests/test_sparql_page.py."""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import re
import shutil
import subprocess
from importlib import resources
from pathlib import Path

import pytest

from stagegraph.errors import InputError, StagegraphError
from stagegraph.site import sparqlpage as sparql

VENDOR = Path(str(resources.files("stagegraph.site").joinpath("vendor/oxigraph")))
GRAPH = '<https://w3id.org/stagegraph/character/x> <http://www.w3.org/2000/01/rdf-schema#label> "X"@en .\n'


def test_the_classic_script_has_no_module_syntax_and_sets_self_oxigraph():
    script = sparql.engine().script
    assert not re.search(r"^\s*(import|export)\b|import\.meta", script, re.M)
    assert "self.oxigraph = {" in script and "init: __wbg_init" in script and "Store" in script


@pytest.mark.skipif(not shutil.which("node"), reason="node is not installed")
def test_the_classic_script_runs_and_answers_a_query(tmp_path):
    built = sparql.engine()
    (tmp_path / "engine.js").write_text(built.script, encoding="utf-8")
    (tmp_path / "engine.wasm").write_bytes(base64.b64decode(built.wasm_base64))
    program = """
      globalThis.self = globalThis;
      const fs = require("fs");
      require("vm").runInThisContext(fs.readFileSync(process.argv[1], "utf8"));
      oxigraph.init({ module_or_path: fs.readFileSync(process.argv[2]) }).then(() => {
        const store = new oxigraph.Store();
        store.load('<http://e/a> <http://e/b> "c" .', { format: "application/n-triples" });
        console.log(store.query("SELECT ?o WHERE { ?s ?p ?o }", { results_format: "json" }));
      });"""
    done = subprocess.run(
        ["node", "-e", program, str(tmp_path / "engine.js"), str(tmp_path / "engine.wasm")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["results"]["bindings"] == [{"o": {"type": "literal", "value": "c"}}]


def test_a_vendored_file_that_does_not_match_its_manifest_is_refused(tmp_path):
    copy = tmp_path / "oxigraph"
    shutil.copytree(VENDOR, copy)
    wasm = copy / "web_bg.wasm"
    wasm.write_bytes(wasm.read_bytes()[:-1] + b"\0")
    with pytest.raises(StagegraphError, match="does not match the sha256 in its MANIFEST"):
        sparql.engine(copy)


def test_the_manifest_names_the_vendored_files_sums():
    manifest = (VENDOR / "MANIFEST").read_text(encoding="utf-8")
    for name in ("web.js", "web_bg.wasm"):
        assert f"file {name} sha256: {hashlib.sha256((VENDOR / name).read_bytes()).hexdigest()}" in manifest
    assert (VENDOR / "LICENSE-MIT").is_file() and (VENDOR / "LICENSE-APACHE").is_file()


@pytest.mark.parametrize("module", ["export default 1;", "const x = import.meta.url;\nexport function f() {}"])
def test_a_module_of_another_shape_is_refused(module):
    with pytest.raises(StagegraphError, match="not the wasm-bindgen module"):
        sparql.classic_script(module)


@pytest.mark.parametrize(
    ("iri", "href"),
    [
        ("https://w3id.org/stagegraph/character/mizi", "../character/mizi/index.html"),
        ("https://w3id.org/stagegraph/episode/round-1", "../episode/round-1/index.html"),
        ("https://w3id.org/stagegraph/ns#Character", None),
        ("https://w3id.org/stagegraph/vocab/nature/romantic", None),
        ("https://w3id.org/stagegraph/character/../../etc", None),
        ("https://example.org/character/mizi", None),
    ],
)
def test_default_entity_links(iri, href):
    assert sparql.default_entity_href(iri) == href


def test_a_graph_that_does_not_parse_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="not valid N-Triples or Turtle"):
        sparql.write_sparql_page(tmp_path, "<http://e/a> <http://e/b> .\n")


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    hostile = GRAPH + '<https://w3id.org/stagegraph/character/x> <http://e/n> "</script><script>alert(1)</script>" .\n'
    out = sparql.write_sparql_page(
        tmp_path_factory.mktemp("tree"), hostile, entity_href=lambda iri: "../x.html" if iri.endswith("/x") else None
    )
    return out, out.read_text(encoding="utf-8")


def test_the_page_goes_to_sparql_index_html_and_carries_its_data(written):
    out, text = written
    assert out.parts[-2:] == ("sparql", "index.html")
    data = json.loads(re.search(r'<script id="sg-data" type="application/json">(.*?)</script>', text, re.S).group(1))
    assert data["links"] == {"https://w3id.org/stagegraph/character/x": "../x.html"}
    assert {e["name"] for e in data["examples"]} >= {"matches", "love-chains", "bonds"}
    assert "</script><script>alert(1)</script>" in data["graph"]


def test_only_the_page_script_runs_and_the_policy_forbids_the_network(written):
    _out, text = written
    assert "<script>alert" not in text
    running = re.findall(r"<script>(.*?)</script>", text, re.S)
    assert len(running) == 1
    assert len(re.findall(r"<script\b", text)) == 5  # data, engine, worker, wasm: typed, never run
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', text).group(1)
    digest = base64.b64encode(hashlib.sha256(running[0].encode("utf-8")).digest()).decode()
    assert f"script-src 'sha256-{digest}' 'wasm-unsafe-eval'" in policy
    for rule in ("default-src 'none'", "connect-src 'none'", "worker-src blob:", "form-action 'none'"):
        assert rule in policy
    assert not re.search(r"""(src|href)=["']https?:""", text)


def test_the_page_size_is_logged(tmp_path, caplog):
    with caplog.at_level(logging.INFO, logger="stagegraph.site.sparqlpage"):
        out = sparql.write_sparql_page(tmp_path, GRAPH, queries={})
    assert f"{out}: " in caplog.text and " MB" in caplog.text


TEMPLATE_TEXT = "{{ 7*7 }} {% if true %}yes{% endif %} {# c #} {{TITLE}} {{DATA}} {{w:sq_run}} {{ w.sq_run }}"


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_template_syntax_in_data_is_shown_literally_and_never_evaluated(tmp_path, lang):
    """Data text holding Jinja2 syntax or the markers the page was once filled by stays that text;
    outside the page's scripts no template syntax is left, and every word is in the page's language."""
    graph = GRAPH + f'<https://w3id.org/stagegraph/character/x> <http://e/n> "{TEMPLATE_TEXT}" .\n'
    text = sparql.write_sparql_page(tmp_path, graph, lang, queries={}).read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script id="sg-data" type="application/json">(.*?)</script>', text, re.S).group(1))
    assert TEMPLATE_TEXT in data["graph"]
    assert TEMPLATE_TEXT in text  # in the JSON block: < > & are escaped there, braces need not be
    outside = re.sub(r"<script\b[^>]*>.*?</script>", "", text, flags=re.S)
    assert not re.search(r"\{\{|\{%|\{#", outside)
    run = {"en": "Run", "ko": "실행"}[lang]
    assert f'<button type="button" id="run" disabled>{run}</button>' in outside
    assert text.endswith("</html>\n")
