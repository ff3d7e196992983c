"""The site is valid HTML: one page of each type, the relationship page and the SPARQL page,
checked by the Nu HTML Checker (the W3C's validator)."""

from __future__ import annotations

import pytest

from html_check import vnu_errors
from site_fixtures import built_site  # noqa: F401

pytestmark = pytest.mark.slow  # the bundled site, and Java starting the checker (~10 s)

PAGES = (
    "index.html",
    "all/index.html",
    "at/round-3/index.html",
    "character/index.html",
    "character/mizi/index.html",
    "at/round-3/character/mizi/index.html",
    "episode/round-1/index.html",
    "match/round-1/index.html",
    "song/sweet-dream/index.html",
    "person/cinah/index.html",
    "organization/studio-lico/index.html",
    "bond/mizi-sua-romantic/index.html",
    "source/ship-hl/index.html",
    "bracket/index.html",
    "timeline/index.html",
    "queries/index.html",
    "queries/bonds/index.html",
    "ns/index.html",
    "graph/index.html",
    "at/round-3/graph/index.html",
    "sparql/index.html",
)


def test_one_page_of_each_type_is_valid_html(built_site):  # noqa: F811
    pages = [built_site.root / page for page in PAGES]
    assert all(p.is_file() for p in pages), [str(p) for p in pages if not p.is_file()]
    assert vnu_errors(pages) == []
