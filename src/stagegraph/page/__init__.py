"""The relationship page: a networkx graph → one self-contained HTML file.

``model`` turns the networkx graph into vis-network nodes (at positions computed here, by
``layout``), edges and options; the page is our own template, because pyvis's loads Bootstrap
(and, unless inlined, vis-network) from a CDN: pyvis is used for its copy of vis-network.
Everything the page needs is inside the file: the vis-network build, our script and style,
and the data as JSON in a non-executed ``<script>`` block. A Content-Security-Policy allows
only those exact scripts (by hash) and no network at all.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from importlib import resources
from pathlib import Path

from .. import __version__
from ..errors import StagegraphError
from ..network.graph import shown_from
from ..words.relationships import round_name, words
from . import model

BIG_GRAPH = model.BIG_GRAPH
vis_model = model.vis_model


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def _vis_files() -> tuple[str, str]:
    """The vis-network script and style that pyvis ships, read from its package folder without
    importing it (``import pyvis`` imports IPython and Jinja: 0.1 s for a file path)."""
    from importlib.util import find_spec

    spec = find_spec("pyvis")
    folders = list(spec.submodule_search_locations or []) if spec else []
    candidates = sorted(p for f in folders for p in (Path(f) / "templates" / "lib").glob("vis-*/vis-network.min.js"))
    if not candidates:
        raise StagegraphError(
            "pyvis's copy of vis-network was not found; reinstall pyvis (pip install --force-reinstall pyvis)"
        )
    script = candidates[-1]
    return html_safe_script(script.read_text(encoding="utf-8")), (script.parent / "vis-network.css").read_text(
        encoding="utf-8"
    )


# The code points HTML forbids in a document: controls but for tab, line feed, form feed and
# carriage return, and noncharacters. Data may hold them (a label with U+0085, a NUL).
NONCHARACTERS = "".join(chr(plane * 0x10000 + end) for plane in range(17) for end in (0xFFFE, 0xFFFF))
FORBIDDEN = re.compile(f"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef{NONCHARACTERS}]")


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


def _sha256(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def page(
    net,
    episodes: list,
    *,
    title: str,
    lang: str = "en",
    cut=None,
    view: str = "all",
    bracket: dict | None = None,
    horizon=None,
) -> str:
    """The whole HTML page as text (with ``horizon``, each source says from which episode its
    slider may show it)."""
    nodes, edges, options = vis_model(net, lang)
    vis_js, vis_css = _vis_files()
    page_js = _asset("page.js")
    w = words(lang)
    characters = sum(1 for n in nodes if n["kind"] == "character")
    footer = [f"stagegraph {__version__}", w["footer_nodes"].format(nodes=len(nodes), edges=len(edges))]
    footer += [w["footer_cut"].format(episode=cut.label)] if cut else []
    data = {
        "title": title,
        "lang": lang,
        "options": options,
        "nodes": nodes,
        "edges": edges,
        "words": w,
        "sources": shared_sources(nodes, edges, horizon),
        "episodes": [{"iri": e.iri, "label": e.label, "order": e.order} for e in episodes],
        "cut": {"label": cut.label, "order": cut.order, "iri": cut.iri} if cut else None,
        "legend": model.legend(nodes, edges, view, lang),
        "bracket": _named_rounds(bracket or {"rounds": []}, lang),
        "hint": w["big_hint"].format(n=characters) if len(nodes) > BIG_GRAPH else "",
        "footer": " · ".join(footer + [w["footer_click"]]),
    }
    csp = "; ".join(
        [
            "default-src 'none'",
            f"script-src {_sha256(vis_js)} {_sha256(page_js)}",
            "style-src 'unsafe-inline'",
            "img-src data:",
            "font-src 'none'",
            "connect-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )
    replacements = {
        "{{CSP}}": csp,
        "{{LANG}}": lang,
        "{{VERSION}}": __version__,
        "{{TITLE}}": _html(title),
        "{{VIS_CSS}}": vis_css.replace("</", "<\\/"),
        "{{PAGE_CSS}}": _asset("page.css"),
        "{{DATA}}": script_json(data),
        "{{MENU}}": _html(w["menu"]),
        "{{FIND}}": _html(w["find"]),
        "{{FIND_HINT}}": _html(w["find_hint"]),
        "{{WATCHED}}": _html(w["watched"]),
        "{{CLOSE}}": _html(w["close"]),
        "{{SHOW}}": _html(w["show"]),
        "{{LEGEND}}": _html(w["legend"]),
        "{{BRACKET}}": _html(w["bracket"]),
        "{{LIST}}": _html(w["list"]),
        "{{GRAPH}}": _html(w["graph"]),
        "{{VIS_JS}}": vis_js,
        "{{PAGE_JS}}": page_js,
    }
    # One pass: inserted text is never scanned again, so data cannot smuggle in a marker.
    return re.sub(r"\{\{[A-Z_]+\}\}", lambda m: replacements[m.group(0)], _asset("template.html"))


def shared_sources(nodes: list[dict], edges: list[dict], horizon=None) -> list[dict]:
    """Every cited source once; the facts of ``nodes`` and ``edges`` then cite it by its index.

    A big universe cites a few hundred sources tens of thousands of times: written out at each
    fact they were two thirds of the page (7 of 12 MB on 2,000 characters)."""
    table: list[dict] = []
    index: dict[str, int] = {}

    def cite(sources: list[dict]) -> list[int]:
        for source in sources:
            if source["iri"] not in index:
                index[source["iri"]] = len(table)
                table.append(source)
        return [index[source["iri"]] for source in sources]

    for node in nodes:
        if node.get("fate"):
            node["fate"] = {**node["fate"], "sources": cite(node["fate"].get("sources", []))}
        if node.get("matches"):
            node["matches"] = [{**m, "sources": cite(m.get("sources", []))} for m in node["matches"]]
    for edge in edges:
        edge["sources"] = cite(edge.get("sources", []))
    if horizon is not None:  # from which episode each may be shown: the slider withholds it before
        table = [{**s, "shown_from": shown_from(horizon, s["iri"])} if s.get("iri") else s for s in table]
    return table


def _named_rounds(bracket: dict, lang: str) -> dict:
    """Each round named in ``lang`` by its distance from the final, counted over every stage (a
    view cut before the final shows fewer rounds than the tournament has)."""
    rounds = bracket.get("rounds", [])
    stages = bracket.get("stages") or len(rounds)
    named = bracket.get("named", True)
    return {
        "rounds": [
            {**r, "name": round_name(lang, stages - r.get("stage", i + 1), None if named else r.get("stage", i + 1))}
            for i, r in enumerate(rounds)
        ],
        "stages": stages,
    }


def _html(text: str) -> str:
    return html.escape(html_text(text), quote=True)
