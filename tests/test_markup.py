"""markup.py, the one HTML-safety module both pages use: the Jinja2 environment (autoescape,
StrictUndefined, forbidden code points cleaned from every printed text), what goes inline
(scripts, JSON, styles) and the Content-Security-Policy."""

from __future__ import annotations

import base64
import hashlib
import json

import pytest
from jinja2 import UndefinedError
from markupsafe import Markup

from stagegraph import markup
from stagegraph.errors import StagegraphError

TEMPLATE_TEXT = "{{ 7*7 }} {% if true %}yes{% endif %} {# gone #} {{TITLE}} {{w:sq_run}} <b>&"


@pytest.fixture(scope="module")
def env():
    return markup.environment("stagegraph.page", ".")


def test_data_text_is_escaped_and_never_evaluated(env):
    page = env.from_string("<p title='{{ x }}'>{{ x }}</p>").render(x=TEMPLATE_TEXT + "'\"")
    literal = "{{ 7*7 }} {% if true %}yes{% endif %} {# gone #} {{TITLE}} {{w:sq_run}} &lt;b&gt;&amp;&#39;&#34;"
    assert page == f"<p title='{literal}'>{literal}</p>"


def test_a_name_the_template_is_not_given_fails_loudly(env):
    with pytest.raises(UndefinedError):
        env.from_string("<p>{{ missing }}</p>").render()
    with pytest.raises(UndefinedError):
        env.from_string("<p>{{ w.missing }}</p>").render(w={})


def test_every_printed_text_loses_the_code_points_html_forbids(env):
    forbidden = "a\x00b\x85c\ufdd0d\U0010ffffe\tf\ng"
    assert env.from_string("{{ x }}").render(x=forbidden) == "a\ufffdb\ufffdc\ufffdd\ufffde\tf\ng"
    assert env.from_string("{{ x }}").render(x=Markup("<i>\x01</i>")) == "<i>\ufffd</i>"
    assert env.from_string("{{ x }}").render(x=42) == "42"


def test_a_script_goes_inline_with_forbidden_code_points_escaped():
    script = markup.inline_script('let s = "a\x85b\U0010fffe";')
    assert isinstance(script, Markup)
    assert script == 'let s = "a\\u0085b\\udbff\\udffe";'


@pytest.mark.parametrize("script", ['x = "</script>";', 'x = "</SCRIPT ";', "x = 1; <!-- y"])
def test_a_script_that_could_end_its_element_is_refused(script):
    with pytest.raises(StagegraphError, match="</script"):
        markup.inline_script(script)


def test_json_goes_inline_and_cannot_end_its_block():
    value = {"label": "</script><!--<script>&\u2028\u2029\x00", "n": 1}
    inline = markup.inline_json(value)
    assert isinstance(inline, Markup)
    assert not any(c in inline for c in "<>&\u2028\u2029\x00")
    assert json.loads(inline) == value


def test_a_style_goes_inline_and_cannot_end_its_element():
    assert markup.inline_style("a::after { content: '</style>\x01'; }") == "a::after { content: '<\\/style>\ufffd'; }"


def test_the_policy_hashes_the_script_and_keeps_the_order():
    script = markup.inline_script("console.log(1);\n")
    digest = base64.b64encode(hashlib.sha256(b"console.log(1);\n").digest()).decode()
    assert markup.csp_hash(script) == f"'sha256-{digest}'"
    sources = [markup.csp_hash(script), "'wasm-unsafe-eval'"]
    policy = markup.csp(default_src="'none'", script_src=sources, img_src="data:")
    assert policy == f"default-src 'none'; script-src 'sha256-{digest}' 'wasm-unsafe-eval'; img-src data:"
    assert isinstance(policy, Markup)  # inserted as it is: a source is one plain word


@pytest.mark.parametrize("source", ["'none'; script-src *", "a b", '"><script>', "a&b", "", []])
def test_a_source_that_could_add_a_directive_or_leave_the_attribute_is_refused(source):
    with pytest.raises(ValueError, match="default-src"):
        markup.csp(default_src=source)
