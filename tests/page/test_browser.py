"""The relationship page in a real browser, used the way a person uses it.

Headless Chromium (Debian's ``chromium``; any Chrome or Chromium locally) driven by
Playwright for Python with the system browser: no browser download. Every page is loaded
from ``file://`` with every network request recorded and everything that is not
``file://`` aborted; each test ends by checking that the page asked for nothing but its
own file and logged no error. The page's Content-Security-Policy stays on (no bypass):
it is part of what is tested.

Without a browser the tests skip with a reason; under CI (``CI`` set) they fail instead.
Screenshots for people to look at: build/screenshots/graph.png and graph-round-1.png.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from helpers import ROOT, cli
from stagegraph.network import graph as network

HOSTILE = ROOT / "tests" / "browser" / "hostile.ttl"
SCREENSHOTS = ROOT / "build" / "screenshots"

SG = "https://w3id.org/stagegraph/"
TILL, IVAN, MIZI = SG + "character/till", SG + "character/ivan", SG + "character/mizi"
IVAN_TILL_ROMANTIC = SG + "bond/ivan-till-romantic"
ROUND_1_MATCH = SG + "match/round-1"
LATER_FACTS = (SG + "fate/ivan", IVAN_TILL_ROMANTIC, SG + "match/round-6", SG + "match/final")
DISPUTED_COLOUR = "#E69F00"

TIMEOUT_MS = 30_000
VIEWPORT = {"width": 1400, "height": 900}
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "chrome")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]

# The hostile strings of tests/browser/hostile.ttl.
EVIL_LABEL = '<img src=x onerror="window.__pwned=1">'
EVIL_SOURCE_TITLE = "</script><script>window.__pwned=2</script>"
EVIL_URL = "javascript:window.__pwned=3"
EVIL_SERIES = 'Test Show <svg onload="window.__pwned=4">'
EVIL_EPISODE = 'Round 1 <b onmouseover="window.__pwned=5">bold</b>'
EVIL_BETA = "Beta <!--<script>"
EVIL_NOTE = 'Raised together <a href="javascript:window.__pwned=6">in the garden</a>.'
ALPHA, BETA = SG + "character/alpha", SG + "character/beta"

pytestmark = pytest.mark.slow


# --- the browser ---------------------------------------------------------------------------


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _unavailable(reason: str):
    if _in_ci():
        pytest.fail(f"{reason} (CI is set: the browser tests must run, not skip)")
    pytest.skip(reason)


def find_browser() -> str:
    """STAGEGRAPH_CHROMIUM, else the first Chromium or Chrome on PATH."""
    named = os.environ.get("STAGEGRAPH_CHROMIUM", "").strip()
    if named:
        found = shutil.which(named)
        if not found:
            pytest.fail(f"STAGEGRAPH_CHROMIUM={named!r} is not an executable browser")
        return found
    for name in BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return found
    _unavailable("no Chromium or Chrome found; install Debian's chromium")


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright for Python is not installed (pip install -e '.[test]')")
    executable = find_browser()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable, args=LAUNCH_ARGS, headless=True, timeout=TIMEOUT_MS
        )
        try:
            yield launched
        finally:
            launched.close()


@dataclass
class Visit:
    """A loaded page and what it did: requests, console errors, uncaught exceptions."""

    page: object
    url: str
    routed: list = field(default_factory=list)
    requested: list = field(default_factory=list)
    console_errors: list = field(default_factory=list)
    page_errors: list = field(default_factory=list)

    def eval(self, script: str, arg=None):
        return self.page.evaluate(script, arg)

    def assert_quiet(self, *, console_errors: bool = True):
        """Nothing but the page's own file was requested, and nothing went wrong."""
        offsite = [u for u in self.routed + self.requested if not u.startswith("file:")]
        assert offsite == [], f"the page tried to reach the network: {offsite}"
        others = sorted({u for u in self.routed + self.requested} - {self.url})
        assert others == [], f"the page asked for files besides itself: {others}"
        assert self.page_errors == [], f"uncaught exceptions: {self.page_errors}"
        if console_errors:
            assert self.console_errors == [], f"console errors: {self.console_errors}"


def offline_visit(browser, path: Path, *, fragment_free: bool = False, **options):
    """A fresh context (service workers blocked, ``options`` such as viewport or bypass_csp) and a
    Visit of ``path`` that records every request, aborts any that leaves file://, and collects
    console and page errors; the caller navigates. The one way the browser suites open a page."""
    context = browser.new_context(service_workers="block", **options)
    context.set_default_timeout(TIMEOUT_MS)
    seen = Visit(page=None, url=path.resolve().as_uri())

    def route(handled):
        seen.routed.append(handled.request.url)
        if handled.request.url.startswith("file:"):
            handled.continue_()
        else:
            handled.abort("blockedbyclient")

    context.route("**/*", route)
    seen.page = context.new_page()
    seen.page.on("request", lambda r: seen.requested.append(r.url.split("#")[0] if fragment_free else r.url))
    seen.page.on("console", lambda m: seen.console_errors.append(m.text) if m.type == "error" else None)
    seen.page.on("pageerror", lambda error: seen.page_errors.append(str(error)))
    return context, seen


@pytest.fixture
def visit(browser):
    """``visit(path)`` → a Visit of the page at ``path``, loaded and settled, in a fresh context."""
    contexts = []

    def open_page(path: Path) -> Visit:
        context, seen = offline_visit(browser, path, viewport=VIEWPORT)
        contexts.append(context)
        seen.page.goto(seen.url)
        seen.page.wait_for_selector("body[data-settled=true]", state="attached", timeout=TIMEOUT_MS)
        return seen

    yield open_page
    for context in contexts:
        context.close()


# --- the pages -----------------------------------------------------------------------------


def build_page(out: Path, *options: str, data: Path | None = None) -> Path:
    """``stagegraph [--data DATA] graph OPTIONS -o OUT``, which must succeed."""
    args = (["--data", str(data)] if data else []) + ["graph", *options, "-o", str(out)]
    result = cli(*args)
    assert result.exit_code == 0, result.output
    assert out.is_file()
    return out


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pages")
    return {
        "all": build_page(folder / "graph.html"),
        "round-1": build_page(folder / "graph-round-1.html", "--as-of", "round-1"),
        "hostile": build_page(folder / "hostile.html", data=HOSTILE),
    }


@pytest.fixture(scope="module")
def net(universe):
    return network.build(universe.graph, universe.ontology.graph)


@pytest.fixture(scope="module")
def net_round_1(universe):
    episode = next(e for e in network.episodes(universe.graph) if e.iri == SG + "episode/round-1")
    return network.build(universe.graph, universe.ontology.graph, cut=episode.order)


def page_data(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    found = re.search(r'<script id="graph-data" type="application/json">(.*?)</script>', text, re.S)
    assert found, "the page has no graph-data block"
    return json.loads(found.group(1))


def edge_ids(graph, *kinds: str) -> set[str]:
    return {key for _a, _b, key, attrs in graph.edges(keys=True, data=True) if attrs["kind"] in kinds}


def character_ids(graph) -> set[str]:
    return {node for node, attrs in graph.nodes(data=True) if attrs["kind"] == "character"}


# --- what the page shows, read from the browser ----------------------------------------------

VISIBLE_EDGES = "() => window.stagegraph.edges.get({filter: (e) => !e.hidden}).map((e) => e.id)"
VISIBLE_CHARACTERS = (
    "() => window.stagegraph.nodes.get({filter: (n) => n.kind === 'character' && !n.hidden}).map((n) => n.id)"
)


def visible_edge_count(seen: Visit) -> int:
    return int(seen.eval("() => document.body.dataset.visibleEdges"))


def click_node(seen: Visit, node_id: str) -> None:
    """Click the node where it is drawn on the canvas, as a person would."""
    spot = seen.eval(
        "(id) => { const n = window.stagegraph.network; return n.canvasToDOM(n.getPosition(id)); }", node_id
    )
    box = seen.page.locator("#graph canvas").bounding_box()
    assert 0 < spot["x"] < box["width"] and 0 < spot["y"] < box["height"], f"{node_id} is drawn off the canvas: {spot}"
    under = seen.eval("(p) => window.stagegraph.network.getNodeAt(p)", spot)
    assert under == node_id, f"another node ({under}) is drawn over {node_id}"
    seen.page.mouse.click(box["x"] + spot["x"], box["y"] + spot["y"])
    seen.page.wait_for_selector("#panel:not([hidden])", timeout=TIMEOUT_MS)


def search(seen: Visit, name: str) -> None:
    box = seen.page.locator("#search")
    box.fill(name)
    box.press("Enter")


def slide_to(seen: Visit, label: str) -> None:
    """Move the episode slider with the keyboard to the step labelled ``label``."""
    labels = seen.eval("() => window.stagegraph.data.episodes.map((e) => e.label)")
    slider = seen.page.locator("#episode-slider")
    slider.focus()
    slider.press("Home")
    for _ in range(labels.index(label)):
        slider.press("ArrowRight")
    assert seen.page.locator("#episode-label").text_content() == label
    assert slider.input_value() == str(labels.index(label))


def panel_links(seen: Visit) -> list[str]:
    return seen.page.locator("#panel .sources a").evaluate_all("(links) => links.map((a) => a.getAttribute('href'))")


def screenshot(seen: Visit, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / name
    seen.page.screenshot(path=str(path), full_page=True)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    return path


def canvas_has_drawing(seen: Visit) -> bool:
    return seen.eval("""() => {
        const canvas = document.querySelector('#graph canvas');
        const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) return true;
        return false;
    }""")


# --- the harness itself --------------------------------------------------------------------


def test_recorder_sees_and_blocks_requests(visit, tmp_path):
    """The request recorder is not blind: a page that asks for the network is caught and blocked."""
    probe = tmp_path / "probe.html"
    probe.write_text(
        '<!DOCTYPE html><html><body data-settled="true"><img src="https://example.org/x.png">'
        '<img src="missing.png"></body></html>',
        encoding="utf-8",
    )
    seen = visit(probe)
    seen.page.wait_for_load_state("load")
    assert "https://example.org/x.png" in seen.routed
    assert (tmp_path / "missing.png").as_uri() in seen.requested
    with pytest.raises(AssertionError, match="network"):
        seen.assert_quiet(console_errors=False)


# --- the whole graph -----------------------------------------------------------------------


def test_page_loads_offline_without_errors(visit, pages):
    seen = visit(pages["all"])
    assert seen.eval("() => typeof window.stagegraph.network") == "object"
    assert seen.routed == [seen.url]
    seen.assert_quiet()


def test_counts_match_the_graph(visit, pages, net):
    seen = visit(pages["all"])
    assert set(seen.eval(VISIBLE_CHARACTERS)) == character_ids(net)
    shown = set(seen.eval(VISIBLE_EDGES))
    assert {e for e in shown if e in edge_ids(net, "bond")} == edge_ids(net, "bond")
    # Credits and voices start hidden; bonds and matches are all drawn.
    assert shown == edge_ids(net, "bond", "match")
    assert visible_edge_count(seen) == len(shown)
    # Drawn means drawn: vis-network placed every visible node on the canvas.
    positions = seen.eval("() => window.stagegraph.network.getPositions()")
    assert character_ids(net) <= set(positions)
    assert seen.page.locator("#footer").text_content().startswith("stagegraph ")
    seen.assert_quiet()


def test_screenshot_of_the_page(visit, pages):
    seen = visit(pages["all"])
    assert canvas_has_drawing(seen)
    path = screenshot(seen, "graph.png")
    assert path.stat().st_size > 10_000
    seen.assert_quiet()


def test_csp_is_enforced(visit, pages):
    """The policy holds in the browser: a script injected at run time does not run."""
    seen = visit(pages["all"])
    policy = seen.page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert "default-src 'none'" in policy and "connect-src 'none'" in policy
    ran = seen.eval("""() => {
        const s = document.createElement('script');
        s.textContent = 'window.__injected = 1';
        document.body.appendChild(s);
        return window.__injected;
    }""")
    assert ran is None
    assert any("Content Security Policy" in e for e in seen.console_errors), seen.console_errors
    seen.assert_quiet(console_errors=False)


def test_clicking_a_character_opens_its_panel_with_sources(visit, pages, net):
    seen = visit(pages["all"])
    assert seen.page.locator("#panel").is_hidden()
    click_node(seen, TILL)
    assert seen.page.locator("#panel").is_visible()
    assert seen.page.locator("#panel-title").text_content() == "Till"
    links = panel_links(seen)
    assert links and all(re.match(r"https?://", href) for href in links), links
    assert any(href.startswith("https://") for href in links)
    # Exactly the sources of Till's fate and of Till's drawn bonds and matches.
    expected = {s["url"] for s in net.nodes[TILL]["fate"]["sources"]}
    for a, b, _key, attrs in net.edges(keys=True, data=True):
        if TILL in (a, b) and attrs["kind"] in ("bond", "match"):
            expected |= {s["url"] for s in attrs["sources"]}
    assert set(links) == {u for u in expected if re.match(r"https?://", u)}
    for link in seen.page.locator("#panel .sources a").all():
        assert link.get_attribute("rel") == "noopener noreferrer"
    seen.page.locator("#panel-close").click()
    assert seen.page.locator("#panel").is_hidden()
    seen.assert_quiet()


@pytest.mark.parametrize("name", ["Till", "till", "틸", "ティル"])
def test_search_opens_the_panel(visit, pages, name):
    seen = visit(pages["all"])
    search(seen, name)
    seen.page.wait_for_selector("#panel:not([hidden])", timeout=TIMEOUT_MS)
    assert seen.page.locator("#panel-title").text_content() == "Till"
    assert "틸" in seen.page.locator("#panel-body").text_content()
    assert seen.eval("() => window.stagegraph.network.getSelectedNodes()") == [TILL]
    assert panel_links(seen)
    seen.assert_quiet()


def test_search_for_an_unknown_name_says_so(visit, pages):
    seen = visit(pages["all"])
    search(seen, "Nobody at all")
    assert seen.page.locator("#search-status").text_content() == "not in this view"
    assert seen.page.locator("#panel").is_hidden()
    seen.assert_quiet()


FILTER_MATCHES = {
    "data-kind": "(e, v) => e.kind === v",
    "data-nature": "(e, v) => e.kind === 'bond' && e.nature === v",
    "data-canon": "(e, v) => e.kind === 'bond' && e.canon === v",
}


@pytest.mark.parametrize(
    "attribute, value",
    [("data-nature", "romantic"), ("data-canon", "disputed"), ("data-kind", "match"), ("data-kind", "bond")],
)
def test_a_filter_hides_its_edges(visit, pages, attribute, value):
    seen = visit(pages["all"])
    matching = seen.eval(
        f"""([v]) => window.stagegraph.edges.get({{filter: (e) => !e.hidden
        && ({FILTER_MATCHES[attribute]})(e, v)}}).map((e) => e.id)""",
        [value],
    )
    assert matching, f"no visible edge has {attribute}={value}"
    before = visible_edge_count(seen)
    box = seen.page.locator(f"#filters input[{attribute}={value}]")
    box.uncheck()
    assert visible_edge_count(seen) == before - len(matching)
    hidden = seen.eval("(ids) => ids.map((id) => window.stagegraph.edges.get(id).hidden)", matching)
    assert all(hidden)
    assert len(seen.eval(VISIBLE_EDGES)) == before - len(matching)
    box.check()
    assert visible_edge_count(seen) == before
    assert not any(seen.eval("(ids) => ids.map((id) => window.stagegraph.edges.get(id).hidden)", matching))
    seen.assert_quiet()


def test_ticking_credits_shows_them(visit, pages, net):
    seen = visit(pages["all"])
    before = set(seen.eval(VISIBLE_EDGES))
    seen.page.locator("#filters input[data-kind=credit]").check()
    assert set(seen.eval(VISIBLE_EDGES)) - before == edge_ids(net, "credit")
    seen.assert_quiet()


def test_slider_hides_later_facts(visit, pages, net_round_1):
    seen = visit(pages["all"])
    assert seen.page.locator("#episode-label").text_content() == "everything"
    ivan = seen.eval("(id) => window.stagegraph.nodes.get(id)", IVAN)
    assert ivan["color"]["background"] == DISPUTED_COLOUR  # at "everything", Ivan's fate shows
    slide_to(seen, "Round 1")
    hidden = seen.eval(
        "(ids) => ids.map((id) => window.stagegraph.edges.get(id).hidden)", [IVAN_TILL_ROMANTIC, ROUND_1_MATCH]
    )
    assert hidden == [True, False]
    shown = set(seen.eval(VISIBLE_EDGES))
    assert shown == edge_ids(net_round_1, "bond", "match")
    assert visible_edge_count(seen) == len(shown)
    revealed = seen.eval("(ids) => ids.map((id) => window.stagegraph.edges.get(id).revealed)", sorted(shown))
    assert all(r is not None and r <= 1 for r in revealed), revealed
    ivan = seen.eval("(id) => window.stagegraph.nodes.get(id)", IVAN)
    assert ivan["hidden"] or ivan["color"]["background"] != DISPUTED_COLOUR
    # Searching for Ivan tells nothing; Mizi's panel holds no later fact.
    search(seen, "Ivan")
    assert seen.page.locator("#search-status").text_content() == "not in this view"
    assert seen.page.locator("#panel").is_hidden()
    search(seen, "Mizi")
    seen.page.wait_for_selector("#panel:not([hidden])", timeout=TIMEOUT_MS)
    text = seen.page.locator("#panel-body").text_content()
    assert "Round 1: Mizi vs Sua" in text
    for later in ("rescued", "Round 5", "Luka", "Till"):
        assert later not in text, f"{later!r} is in Mizi's panel at Round 1"
    # Back to the end: everything is drawn again.
    seen.page.locator("#episode-slider").press("End")
    assert seen.page.locator("#episode-label").text_content() == "everything"
    assert seen.eval("(id) => window.stagegraph.edges.get(id).hidden", IVAN_TILL_ROMANTIC) is False
    assert seen.eval("(id) => window.stagegraph.nodes.get(id).color.background", IVAN) == DISPUTED_COLOUR
    seen.assert_quiet()


# --- the page cut at Round 1 -----------------------------------------------------------------


def test_as_of_file_holds_no_later_fact(pages, net, universe):
    text = pages["round-1"].read_text(encoding="utf-8")
    for iri in LATER_FACTS:
        assert iri not in text, f"{iri} is in the Round 1 page"
    # Generally: no later (or undated) bond, match, fate, song or episode, in data or source.
    later = {
        key
        for _a, _b, key, attrs in net.edges(keys=True, data=True)
        if attrs["kind"] in ("bond", "match") and not network.visible(attrs["revealed"], 1)
    }
    for _node, attrs in net.nodes(data=True):
        if attrs["kind"] == "character":
            if attrs["fate"]["iri"] and not network.visible(attrs["fate"]["revealed"], 1):
                later.add(attrs["fate"]["iri"])
            later |= {m["match"] for m in attrs["matches"] if not network.visible(m["revealed"], 1)}
    later |= {e.iri for e in network.episodes(universe.graph) if e.order is None or e.order > 1}
    assert len(later) > 20
    assert sorted(iri for iri in later if iri in text) == []
    data = page_data(pages["round-1"])
    assert [e["label"] for e in data["episodes"]] == ["Sweet Dream", "Round 1"]
    assert data["cut"]["label"] == "Round 1"


def test_as_of_page_ends_at_round_1(visit, pages, net_round_1):
    seen = visit(pages["round-1"])
    slider = seen.page.locator("#episode-slider")
    assert seen.page.locator("#episode-label").text_content() == "Round 1"
    assert slider.input_value() == slider.get_attribute("max") == "1"
    slider.focus()
    slider.press("End")
    assert seen.page.locator("#episode-label").text_content() == "Round 1"
    options = seen.page.locator("#search-names option").evaluate_all("(os) => os.map((o) => o.value)")
    assert "Ivan" not in options
    shown = set(seen.eval(VISIBLE_EDGES))
    assert shown == edge_ids(net_round_1, "bond", "match")
    assert IVAN_TILL_ROMANTIC not in shown and ROUND_1_MATCH in shown
    assert seen.eval("(id) => window.stagegraph.nodes.get(id)", IVAN) is None
    slide_to(seen, "Sweet Dream")
    assert ROUND_1_MATCH not in set(seen.eval(VISIBLE_EDGES))
    slider.press("End")
    slider.blur()
    assert canvas_has_drawing(seen)
    screenshot(seen, "graph-round-1.png")
    seen.assert_quiet()


def test_slider_at_round_1_shows_what_the_round_1_page_shows(visit, pages):
    full = visit(pages["all"])
    slide_to(full, "Round 1")
    cut = visit(pages["round-1"])
    assert set(full.eval(VISIBLE_EDGES)) == set(cut.eval(VISIBLE_EDGES))
    assert set(full.eval(VISIBLE_CHARACTERS)) == set(cut.eval(VISIBLE_CHARACTERS))
    full.assert_quiet()
    cut.assert_quiet()


def test_slider_at_round_1_tells_each_character_what_the_round_1_page_tells(visit, pages):
    """One rule, two places: the full page's slider set to Round 1 and the file cut at Round 1
    give every character the same panel: the same notes (each with its own episode), the same
    sources (a withheld one says only that it discusses later episodes)."""
    full, cut = visit(pages["all"]), visit(pages["round-1"])
    slide_to(full, "Round 1")
    shown = cut.eval(VISIBLE_CHARACTERS)
    assert shown, "nothing is drawn at Round 1"
    for node_id in shown:
        texts = []
        name = cut.eval("(id) => window.stagegraph.nodes.get(id).label", node_id)
        for seen in (full, cut):
            search(seen, name)
            seen.page.wait_for_selector("#panel:not([hidden])", timeout=TIMEOUT_MS)
            texts.append(seen.page.locator("#panel-body").text_content())
        assert texts[0] == texts[1], node_id
    full.assert_quiet()
    cut.assert_quiet()


def test_as_of_page_shows_credits_it_holds(visit, pages):
    held = {e["id"] for e in page_data(pages["round-1"])["edges"] if e["kind"] == "credit"}
    assert held, "the Round 1 page holds no credit"
    seen = visit(pages["round-1"])
    seen.page.locator("#filters input[data-kind=credit]").check()
    assert held <= set(seen.eval(VISIBLE_EDGES))


# --- hostile data --------------------------------------------------------------------------

HOSTILE_STRINGS = (EVIL_LABEL, EVIL_SOURCE_TITLE, EVIL_URL, EVIL_SERIES, EVIL_EPISODE, EVIL_BETA, EVIL_NOTE)


def test_hostile_data_is_in_the_file_only_as_data(pages):
    text = pages["hostile"].read_text(encoding="utf-8")
    for evil in HOSTILE_STRINGS:
        if evil != EVIL_URL:
            assert evil not in text, f"{evil!r} is in the page as raw markup"
    assert "<img" not in text and "<svg" not in text and "<!--" not in text
    assert text.count("</script>") == 3  # the data block and the two scripts, nothing else
    data = page_data(pages["hostile"])
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    assert labels[ALPHA] == EVIL_LABEL and labels[BETA] == EVIL_BETA
    assert data["title"] == EVIL_SERIES + ": relationships"


def test_hostile_labels_are_shown_as_text_and_run_nothing(visit, pages):
    seen = visit(pages["hostile"])
    pwned = "() => window.__pwned"
    markup = (
        "() => document.querySelectorAll('img, svg:not(.swatch), iframe, object, embed, b, "
        "#panel a[href^=javascript]').length"
    )
    assert seen.eval(pwned) is None
    assert seen.eval(markup) == 0
    assert seen.page.title() == EVIL_SERIES + ": relationships"
    assert seen.page.locator("h1").text_content() == EVIL_SERIES + ": relationships"
    # The node, clicked on the canvas (the mouse passes over it: a tooltip would be HTML).
    click_node(seen, ALPHA)
    assert seen.page.locator("#panel-title").text_content() == EVIL_LABEL
    assert EVIL_LABEL in seen.page.locator("#panel-body").text_content()
    assert "<img src=x" in seen.page.locator("#panel").text_content()
    # The source whose title tries to close the data block is a link with that literal title.
    titled = seen.page.locator("#panel .sources a", has_text=EVIL_SOURCE_TITLE)
    assert titled.count() >= 1
    assert titled.first.text_content() == EVIL_SOURCE_TITLE
    assert titled.first.get_attribute("href") == "http://example.com/official"
    # The javascript: source is plain text, never a link.
    assert all(re.match(r"https?://", href) for href in panel_links(seen))
    wiki = seen.page.locator("#panel .sources li", has_text="Test wiki page")
    assert wiki.count() >= 1
    assert wiki.locator("a").count() == 0
    wiki.first.click()
    assert EVIL_NOTE in seen.page.locator("#panel-body").text_content()
    assert seen.page.locator("#panel-body a", has_text="in the garden").count() == 0
    # Beta's label opens a comment in raw HTML script data; here it is only text.
    search(seen, EVIL_BETA)
    seen.page.wait_for_function(
        "(t) => document.getElementById('panel-title').textContent === t", arg=EVIL_BETA, timeout=TIMEOUT_MS
    )
    # Search by the hostile label itself.
    search(seen, EVIL_LABEL)
    seen.page.wait_for_function(
        "(t) => document.getElementById('panel-title').textContent === t", arg=EVIL_LABEL, timeout=TIMEOUT_MS
    )
    # The slider label.
    slide_to(seen, EVIL_EPISODE)
    assert seen.page.locator("#episode-label").inner_html() == (
        EVIL_EPISODE.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    )
    seen.page.locator("#episode-label").hover()
    assert seen.eval(pwned) is None
    assert seen.eval(markup) == 0
    seen.assert_quiet()


@pytest.fixture(scope="module")
def big_page(tmp_path_factory):
    """A page of a synthetic universe above render.BIG_GRAPH nodes (benchmarks/synth.py)."""
    import subprocess
    import sys

    folder = tmp_path_factory.mktemp("big")
    root = ROOT
    subprocess.run(
        [sys.executable, str(root / "benchmarks" / "synth.py"), "--characters", "300", "--out", str(folder / "data")],
        check=True,
        capture_output=True,
    )
    return build_page(folder / "graph.html", data=folder / "data")


def test_a_big_graph_settles_and_says_how_to_filter(visit, big_page):
    from stagegraph.page import BIG_GRAPH

    data = page_data(big_page)
    assert len(data["nodes"]) > BIG_GRAPH
    # positions come with the page; vis-network runs no physics and no layout of its own
    assert data["options"]["physics"] == {"enabled": False}
    assert data["options"]["layout"] == {"improvedLayout": False}
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in data["nodes"])
    seen = visit(big_page)
    assert seen.eval("!document.getElementById('big-graph-hint').hidden")
    text = seen.eval("document.getElementById('big-graph-hint').textContent")
    assert "300 characters" in text and "--view bonds" in text and "--as-of" in text
    seen.assert_quiet()


def test_the_layout_is_computed_when_the_page_is_written(pages, tmp_path):
    """Two writes of the same universe give the same positions; no two characters share a place."""
    again = build_page(tmp_path / "again.html")
    first, second = page_data(pages["all"]), page_data(again)
    spots = {n["id"]: (n["x"], n["y"]) for n in first["nodes"]}
    assert spots == {n["id"]: (n["x"], n["y"]) for n in second["nodes"]}
    assert first["options"]["physics"] == {"enabled": False}
    characters = [spots[n["id"]] for n in first["nodes"] if n["kind"] == "character"]
    assert len(set(characters)) == len(characters)
