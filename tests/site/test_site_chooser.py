"""The reader's horizon (#24) in Chromium from file://: the landing page remembers the episode
chosen, every page of a tree says which it is read as of, its "change" chooser leads to the
same page in another tree (or the nearest one there), the choice survives a reload, the
landing page offers to continue; a tree's home refuses a hostile ``#goto=``; no storage, no
script: every link still leads somewhere sensible; axe-core on the open chooser; the keyboard.
Screenshots go to build/screenshots/site-chooser-*.png."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_site_browser import AXE, DESKTOP, PHONE, SHOTS, browse, chromium, quiet  # noqa: F401

from site_fixtures import built_site  # noqa: F401

pytestmark = pytest.mark.slow

SCREENS = [pytest.param(DESKTOP, id="desktop"), pytest.param(PHONE, id="phone")]
KEY = "stagegraph.reading"


def uri(built, path: str) -> str:
    return (built.root / path).resolve().as_uri()


def choose(page, episode: str) -> None:
    """Open the page's chooser and follow its link to ``episode``'s tree."""
    page.locator(".chooser summary").click()
    link = page.locator(".chooser .trees a", has_text=re.compile(rf"(^|\s){re.escape(episode)}$"))
    assert link.count() == 1, episode
    link.click()
    page.wait_for_load_state()


def settled(page, ending: str) -> None:
    page.wait_for_url(re.compile(re.escape(ending) + "$"))
    page.wait_for_load_state()


@pytest.mark.parametrize("screen", SCREENS)
def test_the_chosen_episode_is_remembered_and_switching_keeps_the_page(browse, built_site, screen):  # noqa: F811
    page = browse("index.html", screen)
    assert page.locator("p.continue:visible").count() == 0  # nothing chosen yet
    page.locator(".horizons").get_by_role("link", name="Round 3").click()
    settled(page, "/at/round-3/index.html")
    assert page.evaluate(f"localStorage.getItem('{KEY}')") == "at/round-3/"

    page.goto(uri(built_site, "at/round-3/character/mizi/index.html"))
    assert page.locator("header .horizon").inner_text().startswith("Reading as of Round 3")
    assert page.locator(".chooser [aria-current]").text_content().strip().endswith("Round 3")
    name = "phone" if screen is PHONE else "desktop"
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"site-chooser-banner-{name}.png"))
    page.locator(".chooser summary").click()
    assert page.locator(".chooser .trees").is_visible()
    page.screenshot(path=str(SHOTS / f"site-chooser-open-{name}.png"))
    page.locator(".chooser summary").click()

    choose(page, "Round 1")  # Mizi is on stage from Round 1: the same page there
    settled(page, "/at/round-1/character/mizi/index.html")
    assert page.locator("header .horizon").inner_text().startswith("Reading as of Round 1")
    page.reload()
    page.wait_for_load_state()
    assert page.url.endswith("/at/round-1/character/mizi/index.html")
    assert page.locator("header .horizon").inner_text().startswith("Reading as of Round 1")
    assert page.evaluate(f"localStorage.getItem('{KEY}')") == "at/round-1/"

    page.goto(uri(built_site, "index.html"))
    shown = page.locator("p.continue:visible")
    assert shown.count() == 1, shown.all_inner_texts()
    assert shown.inner_text().startswith("Continue reading as of Round 1"), shown.all_inner_texts()
    shown.get_by_role("link").click()
    settled(page, "/at/round-1/index.html")
    quiet(page)


def test_switching_to_a_tree_without_the_page_lands_on_the_nearest(browse, built_site):  # noqa: F811
    later = sorted(
        {p.parent.name for p in (built_site.root / "at/round-3/bond").glob("*/index.html")}
        - {p.parent.name for p in (built_site.root / "at/round-1/bond").glob("*/index.html")}
    )
    assert later, "no bond revealed between Round 1 and Round 3 to test with"
    page = browse(f"at/round-3/bond/{later[0]}/index.html")
    choose(page, "Round 1")  # not revealed yet at Round 1: its kind's list
    settled(page, "/at/round-1/bond/index.html")
    page.goto(uri(built_site, "queries/matches/index.html"))  # the query library is the full tree's only
    choose(page, "Round 1")
    settled(page, "/at/round-1/index.html")
    assert "#" not in page.url
    page.goto(uri(built_site, "at/round-1/character/mizi/index.html"))
    page.locator(".chooser summary").click()
    page.locator(".chooser .trees .all a").click()  # and back to everything, the same page
    settled(page, "/character/mizi/index.html")
    assert page.url == uri(built_site, "character/mizi/index.html")
    assert page.locator("header .horizon").inner_text().startswith("⚠ Reading everything (spoilers)")
    quiet(page)


HOSTILE = (
    "#goto=//evil.example/",
    "#goto=//evil.example/index.html",
    "#goto=../../x",
    "#goto=../../index.html",
    "#goto=javascript:alert(document.domain)",
    "#goto=https://evil.example/index.html",
    "#goto=%2e%2e/%2e%2e/index.html",
    "#goto=character/mizi/index.html?x=//evil.example",
    "#goto=/etc/index.html",
    "#goto=character/nobody-at-all/../../../../index.html",
    "#//evil.example/",
    "#../../x",
    "#javascript:alert(1)",
)


def test_a_trees_home_refuses_a_hostile_goto(browse, built_site):  # noqa: F811
    page = browse("index.html")
    home = uri(built_site, "at/round-1/index.html")
    page.goto(home + "#goto=character/mizi/index.html")  # the control: a good one is followed
    settled(page, "/at/round-1/character/mizi/index.html")
    for fragment in HOSTILE:
        page.goto(uri(built_site, "index.html"))  # a new document each time, as a chooser link makes
        page.goto(home + fragment)
        page.wait_for_load_state()
        page.wait_for_timeout(150)  # time for a location.replace, were one made
        assert page.url.split("#")[0] == home, fragment
        assert page.evaluate("window.__pwned") is None, fragment
    quiet(page)


def test_without_storage_or_script_every_link_still_leads_somewhere(chromium, browse, built_site):  # noqa: F811
    page = browse("index.html")
    page.context.add_init_script(
        "Object.defineProperty(window, 'localStorage', {get() { throw new DOMException('refused', 'SecurityError'); }})"
    )
    page.reload()
    page.locator(".horizons").get_by_role("link", name="Round 3").click()
    settled(page, "/at/round-3/index.html")
    page.goto(uri(built_site, "at/round-3/character/mizi/index.html"))
    choose(page, "Round 1")  # no storage: nothing remembered, the page still found
    settled(page, "/at/round-1/character/mizi/index.html")
    page.goto(uri(built_site, "index.html"))
    assert page.locator("p.continue:visible").count() == 0
    quiet(page)

    context = chromium.new_context(java_script_enabled=False, viewport=DESKTOP)
    try:
        plain = context.new_page()
        plain.goto(uri(built_site, "at/round-3/character/mizi/index.html"))
        hrefs = plain.locator(".chooser .trees a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        assert "../../../round-1/index.html" in hrefs and all(h.endswith("index.html") for h in hrefs), hrefs
        plain.locator(".chooser summary").click()  # <details> opens without script
        plain.locator(".chooser .trees a", has_text=re.compile(r"Round 1$")).click()
        settled(plain, "/at/round-1/index.html")  # the tree's home
    finally:
        context.close()


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize(
    "path", ["at/round-3/character/mizi/index.html", "character/mizi/index.html", "at/round-3/index.html", "index.html"]
)
def test_axe_finds_nothing_serious_with_the_chooser_open(browse, path, screen):  # noqa: F811
    page = browse(path, screen, audit=True)
    if path == "index.html":  # the landing page offers to continue
        page.evaluate(f"localStorage.setItem('{KEY}', 'at/round-3/')")
        page.reload()
        assert page.locator("p.continue:visible").count() == 1
    else:
        page.locator(".chooser summary").click()
        assert page.locator(".chooser .trees").is_visible()
    page.add_script_tag(content=Path(AXE).read_text(encoding="utf-8"))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    serious = [
        (v["id"], [n["target"] for n in v["nodes"]][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], serious


@pytest.mark.parametrize("screen", SCREENS)
def test_the_keyboard_reaches_and_uses_the_chooser(browse, screen):  # noqa: F811
    page = browse("at/round-3/character/mizi/index.html", screen)
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.chooser summary')"):
            break
    else:
        pytest.fail("Tab never reaches the chooser")
    focused = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert focused != "none", "no visible focus on the chooser"
    page.keyboard.press("Enter")
    assert page.evaluate("document.querySelector('.chooser').open")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.chooser .trees') !== null")
    page.keyboard.press("Escape")  # closes, focus back on "change"
    assert not page.evaluate("document.querySelector('.chooser').open")
    assert page.evaluate("document.activeElement.matches('.chooser summary')")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # Sweet Dream, Round 1
    assert page.evaluate("document.activeElement.textContent.trim()").endswith("Round 1")
    page.keyboard.press("Enter")
    settled(page, "/at/round-1/character/mizi/index.html")
    quiet(page)


CHOOSER = re.compile(r'<details class="chooser">(.*?)</details>', re.S)


def test_every_chooser_links_each_trees_home_and_nothing_else(built_site):  # noqa: F811
    """Whatever tree a page belongs to, its chooser names every tree, marks its own, and leads
    only to the trees' homes (site.js adds ``#goto=``): a tree's files never list another
    tree's pages."""
    root = built_site.root.resolve()
    homes = {root / "all/index.html"} | {p.parent / "index.html" for p in root.glob("at/*/search-index.js")}
    assert len(homes) > 2
    pages = [
        p
        for p in root.rglob("index.html")
        if p.parent.name not in ("graph", "sparql", "contribute") and p != root / "index.html"
    ]  # (the graph, SPARQL and contribute pages stand alone: a banner that names their tree, no chooser)
    for page in pages:
        found = CHOOSER.findall(page.read_text(encoding="utf-8"))
        assert len(found) == 1, page
        targets = {(page.parent / href).resolve() for href in re.findall(r'href="([^"]+)"', found[0])}
        assert targets == homes, page
        current = re.findall(r'<a href="([^"]+)" data-tree="([^"]+)" aria-current="true">', found[0])
        parts = page.relative_to(root).parts
        mine = root / "at" / parts[1] / "index.html" if parts[0] == "at" else root / "all/index.html"
        assert len(current) == 1 and (page.parent / current[0][0]).resolve() == mine, page
