"""A site built from hostile data: tests/browser/hostile.ttl (markup and script in labels,
source titles, notes, a javascript: URL) plus tests/site/hostile_site.ttl (IRIs with ``..``,
``.``, ``%2e%2e``, an encoded slash, a 300-character slug, two that differ only in case,
statement IRIs that slug alike, ``</textarea>``, an attribute breakout, control characters
and noncharacters, RTL overrides, an odd language tag, ``data:`` and disguised ``javascript:``
URLs). Nothing may escape the output folder, every file name stays in its tree, no link with
another scheme than http(s) is clickable, the pages are valid HTML, and in Chromium, from
file:// with every other request blocked, no injected script runs and no error appears."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from test_browser import TIMEOUT_MS, browser, offline_visit  # noqa: F401  (fixture)

from helpers import ROOT, cli
from html_check import vnu_errors
from stagegraph.site.horizon import PAGE_KINDS, SLUG

pytestmark = pytest.mark.slow  # builds a site, starts Java and Chromium

HOSTILE = ROOT / "tests" / "browser" / "hostile.ttl"
EXTRA = Path(__file__).with_name("hostile_site.ttl")
PART = re.compile(SLUG)  # every folder and file name of the site (but .htaccess)
PAGES = (
    "index.html",
    "all/index.html",
    "character/index.html",
    "character/eta/index.html",
    "character/alpha/index.html",
    "source/official/index.html",
    "source/data-url/index.html",
    "source/upper-js/index.html",
    "source/spaced-js/index.html",
    "graph/index.html",
    "timeline/index.html",
)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile-site")
    data = folder / "hostile.ttl"
    data.write_text(HOSTILE.read_text(encoding="utf-8") + EXTRA.read_text(encoding="utf-8"), encoding="utf-8")
    out = folder / "out" / "site"
    result = cli("--data", str(data), "site", "-o", str(out), "-q")
    assert result.exit_code == 0, result.output
    return out


def test_nothing_is_written_outside_the_output_folder(hostile_site):
    assert sorted(p.name for p in hostile_site.parent.iterdir()) == ["site"]
    for path in hostile_site.rglob("*"):
        assert path.resolve().is_relative_to(hostile_site.resolve()), path


def test_every_file_name_stays_in_its_tree(hostile_site):
    """Every name is a safe slug, pages only at ``[at/<episode>/]<kind>/<slug>/`` (and the full
    tree's warnings before a withheld source, ``spoiler/<token>/``): ``..``, ``.``, ``%2e%2e``, an
    encoded slash, an over-long slug and a pair that differs only in case get no page."""
    for path in hostile_site.rglob("*"):
        parts = path.relative_to(hostile_site).parts
        assert parts == (".htaccess",) or all(PART.fullmatch(part) for part in parts), parts
        if parts[0] == "at":
            parts = parts[2:]
        assert len(parts) <= 3 and (len(parts) < 3 or parts[0] in (*PAGE_KINDS, "queries", "spoiler")), parts
    characters = {p.name for p in (hostile_site / "character").iterdir() if p.is_dir()}
    assert characters == {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta"}
    assert not (hostile_site / "index.ttl").exists()  # character/.. would put its alternates here
    assert "landing" in (hostile_site / "index.html").read_text(encoding="utf-8")


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.clickable, self.ids = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("a", "area", "form", "iframe", "object", "embed") or attrs.get("src"):
            self.clickable += [attrs[k] for k in ("href", "action", "src", "data") if attrs.get(k) is not None]
        if attrs.get("id"):
            self.ids.append(attrs["id"])


def test_only_http_links_are_clickable_and_anchors_are_unique(hostile_site):
    """(pyLODE's page is its own: it gives a class and a property with one local name one id.)"""
    for page in hostile_site.rglob("*.html"):
        links = Links()
        links.feed(page.read_text(encoding="utf-8"))
        schemes = {urlsplit(href.strip()).scheme.lower() for href in links.clickable}
        assert schemes <= {"", "http", "https"}, (page, schemes)
        twice = sorted(i for i in links.ids if links.ids.count(i) > 1)
        assert page.name == "pylode.html" or twice == [], (page, twice)


def test_the_hostile_pages_are_valid_html(hostile_site):
    assert vnu_errors([hostile_site / page for page in PAGES]) == []


def test_no_injected_script_runs_and_no_error_appears_in_chromium(hostile_site, browser):  # noqa: F811
    for page in (*PAGES, "sparql/index.html"):
        context, seen = offline_visit(browser, hostile_site / page, viewport={"width": 1200, "height": 900})
        try:
            seen.page.goto(seen.url)
            if page == "sparql/index.html":
                seen.page.wait_for_selector("body[data-settled=true]", state="attached", timeout=TIMEOUT_MS)
            elif seen.page.locator("#q").count():
                seen.page.fill("#q", "<")  # the search lists hostile names
                seen.page.locator("#q-results a").first.hover()
                seen.page.press("#q", "Escape")
            for link in seen.page.locator("main a:visible").all()[:40]:
                link.hover(force=True)  # an onmouseover that got out of its attribute would fire
            assert seen.eval("() => window.__pwned") is None, page
            assert [u for u in seen.routed + seen.requested if not u.startswith("file:")] == [], page
            assert seen.page_errors == [] and seen.console_errors == [], (page, seen.page_errors, seen.console_errors)
        finally:
            context.close()
