"""The relationship page as written, without a browser: data text holding template syntax (Jinja2's
and the old ``{{MARKER}}``s) is shown literally and never evaluated, every template name is filled,
and the policy allows exactly the page's two scripts. The page in a browser is test_browser.py."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import pytest

from helpers import ROOT, cli, ok

HOSTILE = ROOT / "tests" / "browser" / "hostile.ttl"
# Turtle literal bodies: Jinja2 expressions, statements and comments, and the markers the page
# and the SPARQL page were once filled by; then a control character HTML forbids.
SERIES = "{{ 7*7 }} {% if true %}yes{% endif %} {# c #} {{TITLE}} {{CSP}} {{w:sq_run}} <b>&\\u0001"
ALPHA = "{{ lipsum() }}{% raw %}{{DATA}}{% endraw %}{{PAGE_JS}}"


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("template-data")
    text = HOSTILE.read_text(encoding="utf-8")
    text = text.replace('rdfs:label "Test Show <svg onload=\\"window.__pwned=4\\">"@en', f'rdfs:label "{SERIES}"@en')
    text = text.replace('rdfs:label "<img src=x onerror=\\"window.__pwned=1\\">"@en', f'rdfs:label "{ALPHA}"@en')
    assert SERIES in text and ALPHA in text
    (folder / "data.ttl").write_text(text, encoding="utf-8")
    out = folder / "page.html"
    ok(cli("--data", folder / "data.ttl", "graph", "-o", out))
    return Path(out).read_text(encoding="utf-8")


def test_template_syntax_in_data_is_shown_literally_and_never_evaluated(page):
    literal = "{{ 7*7 }} {% if true %}yes{% endif %} {# c #} {{TITLE}} {{CSP}} {{w:sq_run}} "
    shown = literal + "&lt;b&gt;&amp;\ufffd: relationships"  # escaped, the control character replaced
    assert f"<title>{shown}</title>" in page and f"<h1>{shown}</h1>" in page
    data = json.loads(re.search(r'<script id="graph-data" type="application/json">(.*?)</script>', page, re.S)[1])
    assert data["title"] == literal + "<b>&\x01: relationships"
    assert "{{ lipsum() }}{% raw %}{{DATA}}{% endraw %}{{PAGE_JS}}" in {n["label"] for n in data["nodes"]}


def test_every_name_of_the_template_is_filled(page):
    """Outside the scripts and the data's own title, no template syntax is left in the page."""
    markup = re.sub(r"<script\b[^>]*>.*?</script>|<title>.*?</title>|<h1>.*?</h1>", "", page, flags=re.S)
    assert not re.search(r"\{\{|\{%|\{#", markup)
    assert '<html lang="en">' in page and page.endswith("</html>\n")


def test_the_policy_allows_exactly_the_two_inline_scripts(page):
    running = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(running) == 2
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)[1]
    hashes = [base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() for s in running]
    assert f"script-src 'sha256-{hashes[0]}' 'sha256-{hashes[1]}';" in policy
    assert policy.startswith("default-src 'none'; ") and "connect-src 'none'" in policy
