"""pyLODE's documentation of the ontology (ns/pylode.html): written, linked from the site's
ontology page, and made to work offline under the site's Content-Security-Policy."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from rdflib.namespace import RDFS

from site_fixtures import built_site  # noqa: F401
from stagegraph.rdf.namespaces import SG
from stagegraph.site import owlreference as pylode
from stagegraph.site.generate import CSP

pytestmark = pytest.mark.slow  # the bundled site


def test_pylode_documents_the_owl_part_under_the_ontology_title(universe):
    page = pylode.render(universe.ontology.graph)
    assert "<title>stagegraph ontology" in page  # not the title of a SKOS scheme
    assert "https://w3id.org/stagegraph/ns#Bond" in page


def test_pylode_is_given_only_the_english_labels(universe):
    """pyLODE writes English and shows every label it is given: the ontology's Korean and
    Japanese labels (there for the site's own pages) stay out of its page."""
    foreign = re.compile(r"[\uac00-\ud7a3\u3040-\u30ff]")  # Hangul syllables, kana
    graph = universe.ontology.graph
    assert any(foreign.search(str(o)) for o in graph.objects(SG.order, RDFS.label))  # not vacuous
    page = pylode.render(graph)
    assert "viewing order" in page and not foreign.search(page)


def test_the_pylode_page_loads_nothing_and_carries_the_site_policy(built_site):  # noqa: F811
    page = (built_site.root / "ns" / "pylode.html").read_text(encoding="utf-8")
    assert "<style" not in page and not re.search(r"\sstyle=|\son[a-z]+=", page)
    assert not re.search(r"<script\b[^>]*\bsrc=|<link\b[^>]*href=\"(?:https?:)?//", page)
    assert f'content="{CSP}"' in page and '<html lang="en">' in page
    assert (built_site.root / "ns" / "pylode.css").stat().st_size > 1000
    assert 'href="pylode.html"' in (built_site.root / "ns" / "index.html").read_text(encoding="utf-8")


def test_offline_moves_styles_out_and_drops_what_would_load_from_the_network():
    page, css = pylode.offline(
        '<html><head><style>a{}</style><link rel="stylesheet" href="https://x/y.css">'
        '<script src="//x/y.js"></script><link href="data:image/png;base64,AA" rel="icon">'
        "</head><body></body></html>",
        "default-src 'none'",
    )
    assert css == "a{}" and "https://x" not in page and "//x/y.js" not in page and "<style" not in page
    assert "data:" not in page


def test_pylode_page_is_the_same_in_every_run():
    """The same ontology gives the same page, byte for byte, whatever Python's string hash seed
    (pyLODE orders sections by set iteration unless told to sort): a site built twice diffs clean."""
    script = (
        "import sys; from stagegraph.universe import Universe; from stagegraph.site.owlreference import render; "
        "sys.stdout.write(render(Universe().ontology.graph))"
    )
    pages = {
        subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(pages) == 1 and "https://w3id.org/stagegraph/ns#Bond" in next(iter(pages))
