"""The site in Chromium from file:// with every request outside the site blocked: the landing
page routes to a horizon, search finds Mizi by 미지, a character page shows bonds and sources,
a bond page links both characters, no request leaves, no console error; axe-core on each page
type. Screenshots go to build/screenshots/site-*.png."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_browser import LAUNCH_ARGS, ROOT, TIMEOUT_MS, find_browser

from labels_on_screen import ON_SCREEN_LABELS, overlapping
from site_fixtures import built_site  # noqa: F401

pytestmark = pytest.mark.slow

MIZI_IRI = "https://w3id.org/stagegraph/character/mizi"
AXE = ROOT / "tests" / "browser" / "vendor" / "axe-core" / "axe.min.js"
SHOTS = ROOT / "build" / "screenshots"
DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": 390, "height": 844}
PAGE_TYPES = (
    "index.html",
    "all/index.html",
    "at/round-3/index.html",
    "at/round-3/character/mizi/index.html",
    "character/mizi/index.html",
    "bond/mizi-sua-rivalry/index.html",
    "episode/round-1/index.html",
    "song/my-clematis/index.html",
    "source/ct/index.html",
    "match/round-1/index.html",
    "person/vivinos/index.html",
    "bracket/index.html",
    "timeline/index.html",
    "queries/matches/index.html",
    "ns/index.html",
    "character/index.html",
)


@pytest.fixture(scope="module")
def chromium():
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=find_browser(), args=LAUNCH_ARGS, headless=True, timeout=TIMEOUT_MS
        )
        yield launched
        launched.close()


@pytest.fixture
def browse(chromium, built_site):  # noqa: F811
    opened = []

    def open_page(path: str, screen: dict = DESKTOP, *, audit: bool = False):
        context = chromium.new_context(viewport=screen, service_workers="block", bypass_csp=audit)
        opened.append(context)
        context.set_default_timeout(TIMEOUT_MS)
        page = context.new_page()
        page.offsite, page.problems = [], []

        def route(handled):
            url = handled.request.url
            if url.startswith(built_site.root.resolve().as_uri()):
                handled.continue_()
            else:
                page.offsite.append(url)
                handled.abort("blockedbyclient")

        context.route("**/*", route)
        page.on("console", lambda m: page.problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: page.problems.append(str(e)))
        page.goto((built_site.root / path).resolve().as_uri())
        return page

    yield open_page
    for context in opened:
        context.close()


def quiet(page) -> None:
    assert page.offsite == [], page.offsite
    assert page.problems == [], page.problems


def test_landing_routes_to_a_horizon(browse):
    page = browse("index.html")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "site-landing.png"), full_page=True)
    page.get_by_role("link", name="Round 3").click()
    page.wait_for_load_state()
    assert page.url.endswith("/at/round-3/index.html")
    assert "Reading as of Round 3" in page.inner_text("header")
    quiet(page)


def test_search_finds_mizi_by_her_korean_name(browse):
    page = browse("at/round-3/index.html")
    page.fill("#q", "미지")
    first = page.locator("#q-results a").first
    assert first.inner_text().startswith("Mizi")
    page.screenshot(path=str(SHOTS / "site-search.png"))
    first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/at/round-3/character/mizi/index.html")
    quiet(page)


def test_a_character_page_shows_its_bonds_and_their_sources(browse):
    page = browse("character/mizi/index.html")
    page.screenshot(path=str(SHOTS / "site-character-desktop.png"), full_page=True)
    bonds = page.locator("#h-bonds + ul li")
    assert bonds.count() >= 3
    first = bonds.first
    assert first.locator("a.ref").count() >= 1
    ref = first.locator("a.ref").first.get_attribute("href")
    assert page.locator(ref).locator("a").first.get_attribute("href").startswith("../../source/")
    quiet(page)
    phone = browse("at/round-3/character/mizi/index.html", PHONE)
    phone.screenshot(path=str(SHOTS / "site-character-phone.png"), full_page=True)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "the page scrolls sideways on a phone"
    quiet(phone)


NEIGHBOURHOOD = """() => {
  const s = window.stagegraph, shown = s.nodes.get().filter((n) => !n.hidden).map((n) => n.id);
  const edges = s.edges.get().filter((e) => !e.hidden);
  const focusable = [...document.querySelectorAll("a[href], button, input, select, [tabindex]")]
    .filter((e) => e.getClientRects().length > 0 && !e.closest("#graph"));
  const drawn = (e) => (s.network.body.edges[e.id].options.label || "").trim();  // what vis-network draws
  return { shown, edges: edges.map((e) => [e.from, e.to, drawn(e)]), cut: s.data.cut && s.data.cut.label,
           chrome: getComputedStyle(document.querySelector("header")).display, focusable: focusable.length,
           label: document.getElementById("graph").getAttribute("aria-label"),
           canvas: document.querySelector("#graph canvas").getBoundingClientRect().height };
}"""


@pytest.mark.parametrize("where, screen", [("at/round-3/", DESKTOP), ("", PHONE)])
def test_a_character_page_draws_its_neighbourhood(browse, where, screen):
    """The page's <iframe> is its tree's relationship page, drawing Mizi, her neighbours and
    their captions only, without the page's controls; it works from file:// under both CSPs."""
    page = browse(where + "character/mizi/index.html", screen)
    frame = page.locator("figure.neighbourhood iframe")
    frame.scroll_into_view_if_needed()
    assert "Mizi" in frame.get_attribute("title")
    inner = frame.element_handle().content_frame()
    inner.wait_for_function("document.body.dataset.settled === 'true'")
    drawn = inner.evaluate(NEIGHBOURHOOD)
    mizi = MIZI_IRI
    neighbours = {a if b == mizi else b for a, b, _ in drawn["edges"]}
    assert mizi in drawn["shown"] and len(neighbours) >= 2, drawn
    assert set(drawn["shown"]) == neighbours | {mizi}, drawn  # nobody outside the neighbourhood
    assert all(mizi in (a, b) for a, b, _label in drawn["edges"]), drawn
    # Every line captioned; a phone withholds the few that would cover another (declutter).
    captioned = [label for _a, _b, label in drawn["edges"] if label]
    assert len(captioned) >= len(drawn["edges"]) - (2 if screen is PHONE else 0), drawn
    assert overlapping(inner.evaluate(ON_SCREEN_LABELS)) == []
    assert drawn["chrome"] == "none" and drawn["focusable"] == 0 and drawn["canvas"] > 200, drawn  # only the drawing
    assert drawn["label"].startswith("Mizi") and "list" not in drawn["label"], drawn
    assert drawn["cut"] == ("Round 3" if where else None)  # the graph of this tree, not the full one
    linked = page.locator("#h-bonds + ul a[href^='../../character/']").evaluate_all(
        "links => links.map(a => a.getAttribute('href').split('/')[3])"
    )
    assert {iri.rsplit("/", 1)[-1] for iri in neighbours} >= set(linked)
    page.screenshot(path=str(SHOTS / f"site-character-neighbourhood-{'phone' if screen is PHONE else 'desktop'}.png"))
    quiet(page)


def test_a_bond_page_links_both_characters(browse):
    page = browse("bond/mizi-sua-rivalry/index.html")
    hrefs = page.locator("main a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert "../../character/mizi/index.html" in hrefs and "../../character/sua/index.html" in hrefs
    page.locator("main a[href='../../character/sua/index.html']").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/character/sua/index.html")
    quiet(page)


@pytest.mark.parametrize("path", PAGE_TYPES)
def test_axe_finds_nothing_serious(browse, path):
    page = browse(path, audit=True)
    page.add_script_tag(content=Path(AXE).read_text(encoding="utf-8"))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    serious = [
        (v["id"], [n["target"] for n in v["nodes"]][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], serious
    assert page.offsite == [], page.offsite  # (axe itself reads the style sheets by XHR, which file:// refuses)
