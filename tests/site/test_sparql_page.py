"""The site's SPARQL page in a real browser, from file://, with every request blocked and recorded.

Issue 15: the page starts Oxigraph (WebAssembly) in a Blob Web Worker, with no network; every
library query gives the CLI's rows (`stagegraph query NAME --format json`) over the same graph,
the bundled one and a second, smaller universe (tests/browser/hostile.ttl, whose texts try to
break out of the page); updates are refused; Stop ends a runaway query; downloads hold the
rows; axe-core finds no serious or critical issue. Screenshot: build/screenshots/sparql.png.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from test_browser import HOSTILE, SCREENSHOTS, TIMEOUT_MS, Visit, browser, offline_visit  # noqa: F401  (fixture)

from helpers import cli
from stagegraph.site.horizon import trees
from stagegraph.site.linked import description_all, turtle
from stagegraph.site.sparqlpage import write_sparql_page
from stagegraph.universe import Universe

pytestmark = pytest.mark.slow

AXE = Path(__file__).resolve().parents[1] / "browser" / "vendor" / "axe-core" / "axe.min.js"
MIZI = "https://w3id.org/stagegraph/character/mizi"


def cli_json(*args: str, data: Path | None = None) -> str:
    result = cli(*(["--data", str(data)] if data else []), *args)
    assert result.exit_code == 0, result.output
    return result.output


def exported(data: Path | None = None) -> str:
    return cli_json("export", "--format", "nt", data=data)


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """Three trees, each with its SPARQL page: the bundled graph, the hostile universe, and the
    site's Round 3 horizon tree (its graph made by the site's own horizon code)."""
    folder = tmp_path_factory.mktemp("sparql")
    universe = Universe()
    tree = next(t for t in trees(universe) if t.slug == "round-3")
    horizon = folder / "round-3.ttl"
    horizon.write_text(turtle(description_all(universe.graph, tree)), encoding="utf-8")
    return {
        "full": write_sparql_page(folder / "full", exported()),
        "hostile": write_sparql_page(folder / "hostile", exported(HOSTILE)),
        "horizon": write_sparql_page(folder / "horizon", horizon.read_text(encoding="utf-8")),
        "horizon-data": horizon,
    }


@pytest.fixture
def open_page(browser):  # noqa: F811
    contexts = []

    def opened(path: Path, *, audit: bool = False, viewport=None) -> Visit:
        context, seen = offline_visit(
            browser, path, viewport=viewport or {"width": 1400, "height": 900}, bypass_csp=audit, accept_downloads=True
        )
        contexts.append(context)
        seen.page.goto(seen.url)
        seen.page.wait_for_selector("body[data-settled=true]", state="attached", timeout=TIMEOUT_MS)
        status = seen.page.locator("#engine-status").text_content()
        assert seen.eval("() => document.body.dataset.state") == "ready", status
        return seen

    yield opened
    for context in contexts:
        context.close()


def run_in_form(seen: Visit, example: str | None = None, text: str | None = None) -> str:
    """Click an example (or type a query), press Run, wait for the outcome; the body's state."""
    if example:
        seen.page.get_by_role("button", name=example, exact=True).click()
    if text is not None:
        seen.page.locator("#query").fill(text)
    seen.page.locator("#run").click()
    seen.page.wait_for_selector("body:not([data-state=running])", state="attached")
    return seen.eval("() => document.body.dataset.state")


def table_rows(seen: Visit) -> list[list[str]]:
    return seen.page.locator("#result-view tbody tr").evaluate_all(
        "(rows) => rows.map((r) => Array.from(r.cells).map((c) => c.textContent))"
    )


# --- the same answers as the CLI ------------------------------------------------------------


def page_rows(seen: Visit, name: str, params: dict) -> tuple[list, list]:
    result = seen.eval("async ([n, p]) => (await window.sparqlPage.runExample(n, p)).json", [name, params])
    columns = result["head"]["vars"]
    rows = [tuple(row[c]["value"] if c in row else None for c in columns) for row in result["results"]["bindings"]]
    return columns, rows


def cli_rows(name: str, params: dict, data: Path | None) -> tuple[list, list]:
    args = ["query", name, "--format", "json"]
    for key, value in params.items():
        args += ["-p", key, value]
    records = json.loads(cli_json(*args, data=data))
    columns = list(records[0]) if records else None
    return columns, [tuple(record.values()) for record in records]


def parameters(seen: Visit, name: str, graph: str) -> dict | None:
    """A value for each parameter: Mizi for bonds on the full graph, else the first choice."""
    example = seen.eval("(n) => window.sparqlPage.data.examples.find((e) => e.name === n)", name)
    values = {}
    for param in example["params"]:
        choices = [iri for iri, _label in param["choices"]]
        if not choices:
            return None
        values[param["name"]] = MIZI if (graph == "full" and MIZI in choices) else choices[0]
    return values


@pytest.mark.parametrize("graph", ["full", "hostile", "horizon"])
def test_every_library_query_gives_the_cli_rows(open_page, sites, graph):
    seen = open_page(sites[graph])
    names = seen.eval("() => window.sparqlPage.data.examples.map((e) => e.name)")
    assert "love-chains" in names and "bonds" in names
    compared = []
    for name in names:
        params = parameters(seen, name, graph)
        if params is None:  # no entity of the parameter's class in this graph
            continue
        columns, rows = page_rows(seen, name, params)
        data = {"hostile": HOSTILE, "horizon": sites["horizon-data"]}.get(graph)
        expected_columns, expected = cli_rows(name, params, data)
        assert expected_columns in (None, columns), name
        assert sorted(rows, key=repr) == sorted(expected, key=repr), f"{name} {params}: the page and the CLI differ"
        compared.append(name)
    assert "bonds" in compared
    if graph == "full":
        assert len(compared) == len(names)
        assert page_rows(seen, "bonds", {"character": MIZI})[1], "bonds -p character Mizi returned nothing"
    seen.assert_quiet()


def test_post_processed_examples_come_in_the_cli_order(open_page, sites):
    """love-chains' labels, chain and order (#+ headers) are done in the page as the CLI does them."""
    seen = open_page(sites["full"])
    columns, rows = page_rows(seen, "love-chains", {})
    expected_columns, expected = cli_rows("love-chains", {}, None)
    assert columns == expected_columns == ["chain", "length"]
    assert rows == expected and any(" → " in row[0] for row in rows)
    seen.assert_quiet()


def test_a_post_processed_example_says_so_and_an_edited_one_is_raw(open_page, sites):
    seen = open_page(sites["full"])
    assert run_in_form(seen, example="love-chains") == "done"
    note = seen.page.locator("#post-note")
    assert note.is_visible() and "#+ labels" in note.text_content()
    head = seen.page.locator("#result-view thead th").all_text_contents()
    assert head == ["chain", "length"]
    with seen.page.expect_download() as download:
        seen.page.locator("#download-csv").click()
    table = list(csv.reader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8"))))
    assert table[0] == ["chain", "length"] and table[1:] == table_rows(seen)
    edited = seen.page.locator("#query").input_value() + "\n# edited\n"
    assert run_in_form(seen, text=edited) == "done"
    assert not note.is_visible()
    assert seen.page.locator("#result-view thead th").all_text_contents()[:2] == ["n1", "n2"]
    assert run_in_form(seen, example="characters") == "done"  # no #+ labels, chain or order
    assert not note.is_visible()
    seen.assert_quiet()


# --- used the way a person uses it ------------------------------------------------------------


def test_page_loads_quietly_and_asks_for_nothing_but_itself(open_page, sites):
    seen = open_page(sites["full"])
    assert "triples loaded" in seen.page.locator("#engine-status").text_content()
    csp = seen.page.locator("meta[http-equiv=Content-Security-Policy]").get_attribute("content")
    assert "connect-src 'none'" in csp and "default-src 'none'" in csp
    seen.assert_quiet()


def test_clicking_matches_and_run_shows_the_seven_matches(open_page, sites):
    seen = open_page(sites["full"])
    assert run_in_form(seen, example="matches") == "done"
    rows = table_rows(seen)
    assert len(rows) == 7
    assert seen.page.locator("#result-status").text_content().startswith("7 rows")
    seen.assert_quiet()


def test_a_typed_query_uses_the_declared_prefixes(open_page, sites):
    seen = open_page(sites["full"])
    typed = 'SELECT ?name WHERE { character:mizi rdfs:label ?name FILTER(lang(?name) = "en") }'
    assert run_in_form(seen, text=typed) == "done"
    assert table_rows(seen) == [["Mizi"]]
    seen.assert_quiet()


def test_result_cells_link_to_entity_pages(open_page, sites):
    seen = open_page(sites["full"])
    assert run_in_form(seen, text='SELECT ?c WHERE { ?c rdfs:label "Mizi"@en }') == "done"
    link = seen.page.locator("#result-view a", has_text="character:mizi")
    assert link.get_attribute("href") == "../character/mizi/index.html"
    seen.assert_quiet()


@pytest.mark.parametrize(
    "update",
    [
        "INSERT DATA { sg:x sg:y sg:z }",
        "PREFIX ex: <http://example.org/>\nDELETE WHERE { ?s ?p ?o }",
        "CLEAR ALL",
        "LOAD <http://example.org/data.ttl>",
    ],
)
def test_an_update_is_refused_and_changes_nothing(open_page, sites, update):
    seen = open_page(sites["full"])
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert run_in_form(seen, text=count) == "done"
    before = table_rows(seen)
    assert run_in_form(seen, text=update) == "refused"
    assert "only reads the graph" in seen.page.locator("#result-status").text_content()
    assert run_in_form(seen, text=count) == "done"
    assert table_rows(seen) == before
    seen.assert_quiet()


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "works offline"),
        ("SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }", "Remove the FROM clause"),
    ],
)
def test_service_and_from_are_refused(open_page, sites, query, words):
    seen = open_page(sites["full"])
    assert run_in_form(seen, text=query) == "refused"
    assert words in seen.page.locator("#result-status").text_content()
    seen.assert_quiet()


def test_a_parameter_is_bound_as_a_term(open_page, sites):
    seen = open_page(sites["full"])
    seen.page.get_by_role("button", name="bonds", exact=True).click()
    seen.page.get_by_label("character —").select_option(MIZI)
    assert run_in_form(seen) == "done"
    others = {row[0] for row in table_rows(seen)}
    assert {"Till", "Hyuna"} <= others
    seen.assert_quiet()


def test_stop_ends_a_runaway_query_and_the_engine_comes_back(open_page, sites):
    seen = open_page(sites["full"])
    seen.page.locator("#timeout").select_option("0")
    seen.page.locator("#query").fill("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }")
    seen.page.locator("#run").click()
    seen.page.wait_for_timeout(500)
    assert seen.eval("() => document.body.dataset.state") == "running"
    seen.page.locator("#stop").click()
    seen.page.wait_for_selector("body[data-state=stopped]", state="attached")
    seen.page.wait_for_selector("#run:not([disabled])")
    assert run_in_form(seen, example="matches") == "done"
    assert len(table_rows(seen)) == 7
    seen.assert_quiet()


def test_downloads_hold_the_rows(open_page, sites):
    seen = open_page(sites["full"])
    assert run_in_form(seen, example="matches") == "done"
    shown = table_rows(seen)
    got = {}
    for kind in ("csv", "tsv", "json"):
        with seen.page.expect_download() as download:
            seen.page.locator(f"#download-{kind}").click()
        got[kind] = Path(download.value.path()).read_text(encoding="utf-8")
        assert download.value.suggested_filename.startswith("matches.")
    table = list(csv.reader(io.StringIO(got["csv"])))
    assert table[0] == ["episode", "song", "contestant1", "contestant2", "winner", "match"]
    assert [row[:5] for row in table[1:]] == [row[:5] for row in shown]
    assert got["tsv"].splitlines()[0].split("\t")[0] == "?episode"
    assert len(json.loads(got["json"])["results"]["bindings"]) == 7
    seen.assert_quiet()


def test_hostile_texts_stay_text(open_page, sites):
    seen = open_page(sites["hostile"])
    assert run_in_form(seen, text="SELECT ?label WHERE { ?s rdfs:label ?label }") == "done"
    assert seen.eval("() => window.__pwned") is None
    assert any("<img" in cell for row in table_rows(seen) for cell in row)
    seen.assert_quiet()


def test_axe_finds_no_serious_issue_and_love_chains_screenshot(open_page, sites):
    seen = open_page(sites["full"], audit=True)
    assert run_in_form(seen, example="love-chains") == "done"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    seen.page.screenshot(path=str(SCREENSHOTS / "sparql.png"), full_page=True)
    seen.page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    found = seen.eval(
        "async () => (await axe.run(document)).violations"
        ".map((v) => ({id: v.id, impact: v.impact, nodes: v.nodes.length}))"
    )
    serious = [v for v in found if v["impact"] in ("serious", "critical")]
    assert serious == [], serious
