"""HTML made safely, for every page stagegraph writes (the relationship page and the website).

One Jinja2 environment (``environment``) renders every template: it escapes what it inserts,
fails on a name the template does not get (``StrictUndefined``), and cleans every printed text
of the code points HTML forbids (``printable``). Text that is already HTML goes in only as
``Markup`` made here: an inline script (``inline_script``), JSON data (``inline_json``) or a
style sheet (``inline_style``), each made inert inside its element. A script is allowed by
the hash of exactly the text inserted (``csp_hash``) in the page's Content-Security-Policy
(``csp``).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from markupsafe import Markup

from .errors import StagegraphError

if TYPE_CHECKING:
    from jinja2 import Environment

# The code points HTML forbids in a document: controls but for tab, line feed, form feed and
# carriage return, and noncharacters. Data may hold them (a label with U+0085, a NUL).
NONCHARACTERS = "".join(chr(plane * 0x10000 + end) for plane in range(17) for end in (0xFFFE, 0xFFFF))
FORBIDDEN = re.compile(f"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef{NONCHARACTERS}]")

# What would end a <script> block early, or put the parser in the state where its </script>
# no longer ends it.
SCRIPT_END = re.compile(r"</script|<!--", re.IGNORECASE)


def _escaped(char: str) -> str:
    point = ord(char)
    if point < 0x10000:
        return f"\\u{point:04x}"
    point -= 0x10000
    return f"\\u{0xD800 + (point >> 10):04x}\\u{0xDC00 + (point & 0x3FF):04x}"


def html_safe_script(script: str) -> str:
    """A script or JSON text that can be inlined in HTML: each code point HTML forbids written
    as a ``\\uXXXX`` escape. JavaScript and JSON allow them only inside strings (and comments),
    where the escape means the same (vis-network has one, U+0085)."""
    if len(script) > LARGE:  # the same engine and libraries, inlined into every tree's pages
        return _large_safe_script(script)
    return FORBIDDEN.sub(lambda m: _escaped(m.group(0)), script)


LARGE = 100_000  # characters: scanning a vendored engine (5 MB) takes about 0.4 s a time


@lru_cache(maxsize=16)
def _large_safe_script(script: str) -> str:
    return FORBIDDEN.sub(lambda m: _escaped(m.group(0)), script)


def html_text(text: str) -> str:
    """``text`` as an HTML document can hold it: each forbidden code point becomes U+FFFD (HTML
    has no way to write them; a character reference to one is itself an error)."""
    return FORBIDDEN.sub("\ufffd", text)


def script_json(value) -> str:
    """JSON that cannot end its ``<script>`` block or open markup, whatever the data holds."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    escapes = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))
    for raw, escaped in escapes:
        text = text.replace(raw, escaped)
    return html_safe_script(text)


def inline_script(script: str) -> Markup:
    """``script`` (ours or a vendored library's, never data) as a template inserts it into a
    ``<script>`` element: ``html_safe_script``, and refused when it could end the element."""
    safe = html_safe_script(script)
    if SCRIPT_END.search(safe):
        raise StagegraphError(
            "a script to inline holds '</script' or '<!--', which would end its <script> element early; "
            "write it as '<\\/script' or '<\\!--' inside the string that holds it"
        )
    return Markup(safe)


def inline_json(value) -> Markup:
    """``value`` as JSON for a non-executed ``<script type="application/json">`` block (``script_json``)."""
    return Markup(script_json(value))


def inline_style(css: str) -> Markup:
    """A style sheet (ours or a vendored library's) as a template inserts it into a ``<style>``
    element: no forbidden code point, and no ``</`` that could end the element."""
    return Markup(html_text(css).replace("</", "<\\/"))


def csp_hash(script: str) -> str:
    """The Content-Security-Policy source that allows the inline script ``script`` (the exact
    text between its tags, as ``inline_script`` made it): ``'sha256-…'``."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def csp(**directives: str | Iterable[str]) -> Markup:
    """A Content-Security-Policy: one directive per keyword, in the order given (``script_src``
    is ``script-src``), its sources one text or several. A source is one word with nothing an
    HTML attribute would read (so nothing can add a directive, or end the ``content`` of its
    ``<meta>``): the policy is ``Markup``, inserted as it is."""
    parts = []
    for name, sources in directives.items():
        directive = name.replace("_", "-")
        words = [sources] if isinstance(sources, str) else list(sources)
        if not words or any(not w or re.search(r"[\s;,\"<>&]", w) for w in words):
            raise ValueError(f"the Content-Security-Policy directive {directive} has an unusable source: {words!r}")
        parts.append(" ".join([directive, *words]))
    return Markup("; ".join(parts))


def standalone_csp(script_src: Iterable[str], worker_src: Iterable[str] = ()) -> Markup:
    """The policy of a page that stands alone (the SPARQL and contribute pages): its own scripts
    (``script_src``: hashes, ``'wasm-unsafe-eval'``) and workers (``worker_src``), inline styles
    and data: images, and nothing from anywhere: no network, frame, form, plugin or base."""
    workers = list(worker_src)
    return csp(
        default_src="'none'",
        script_src=list(script_src),
        **({"worker_src": workers} if workers else {}),
        style_src="'unsafe-inline'",
        img_src="data:",
        connect_src="'none'",
        font_src="'none'",
        base_uri="'none'",
        form_action="'none'",
        frame_src="'none'",
        object_src="'none'",
    )


def printable(value):
    """Every value a template prints, without the code points HTML forbids (``html_text``): the
    environment's ``finalize``, so no data text reaches a page with one."""
    if isinstance(value, str):
        if value.isprintable():  # every code point HTML forbids is unprintable: nothing to clean
            return value
        cleaned = html_text(value)
        return Markup(cleaned) if isinstance(value, Markup) else cleaned
    return value


def environment(package: str, folder: str, *, keep_trailing_newline: bool = False) -> Environment:
    """The Jinja2 environment for the templates in ``package``'s ``folder``: autoescape on
    everywhere, a name the template is not given is an error, every printed value goes through
    ``printable``. Templates are read once (no stat per page). ``keep_trailing_newline`` for a
    page that ends as its template file does."""
    from jinja2 import Environment, PackageLoader, StrictUndefined

    return Environment(
        loader=PackageLoader(package, folder),
        autoescape=True,
        undefined=StrictUndefined,
        finalize=printable,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=keep_trailing_newline,
        auto_reload=False,
    )
