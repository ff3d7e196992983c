"""The relationship page: a networkx graph → one self-contained HTML file.

pyvis turns the networkx graph into vis-network nodes, edges and options; the page itself
is our own template, because pyvis's loads Bootstrap (and, unless inlined, vis-network) from
a CDN. Everything the page needs is inside the file: the vis-network build that pyvis ships,
our script and style, and the data as JSON in a non-executed ``<script>`` block. A
Content-Security-Policy allows only those exact scripts (by hash) and no network at all.
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

FATE_COLOURS = {"alive": "#2e9d5b", "died": "#c0392b", "rescued": "#2e86de", "disputed": "#e67e22",
                "unknown": "#a4adb3"}
NATURE_COLOURS = {"romantic": "#e84393", "platonic": "#0984e3", "family": "#00a383", "rivalry": "#e1a200",
                  "guardianship": "#6c5ce7", "protective": "#00a8b5", "antagonistic": "#2d3436"}
KIND_LABELS = {"bond": "bonds", "match": "matches", "credit": "credits", "voice": "voices"}
CANON_STYLE = {"canon": (False, False, 1.0), "disputed": (True, False, 0.45), "fan-interpretation": (True, True, 0.3)}
NODE_SHAPES = {"character": "dot", "song": "diamond", "person": "box", "organization": "box", "series": "star",
               "work": "triangle"}
BIG_GRAPH = 500
MOVING = 250  # nodes + edges up to which the layout takes its full 400 physics steps


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def _vis_files() -> tuple[str, str]:
    """The vis-network script and style that pyvis ships (read from its package)."""
    import pyvis

    folder = Path(pyvis.__file__).parent / "templates" / "lib"
    candidates = sorted(folder.glob("vis-*/vis-network.min.js"))
    if not candidates:
        raise StagegraphError("pyvis's copy of vis-network was not found; reinstall pyvis (pip install --force-reinstall pyvis)")
    script = candidates[-1]
    return script.read_text(encoding="utf-8"), (script.parent / "vis-network.css").read_text(encoding="utf-8")


def _edge_style(attrs: dict) -> dict:
    kind = attrs["kind"]
    if kind == "bond":
        dashed, _faint, opacity = CANON_STYLE.get(attrs["canon"], (True, True, 0.3))
        colour = NATURE_COLOURS.get(attrs["nature"], "#555555")
        return {"color": _colour(colour, opacity), "dashes": dashed, "width": 2.5 if opacity == 1 else 1.5,
                "arrows": "" if attrs["mutual"] else "to"}
    if kind == "match":
        return {"color": _colour("#636e72", 0.8), "dashes": [8, 4], "width": 1.5, "arrows": ""}
    return {"color": _colour("#b2bec3", 0.9), "dashes": False, "width": 1, "arrows": "to"}


def _colour(colour: str, opacity: float) -> dict:
    return {"color": colour, "highlight": colour, "hover": colour, "opacity": opacity}


def vis_model(net, lang: str):
    """Nodes, edges and options for vis-network, built with pyvis from the networkx graph."""
    from pyvis.network import Network

    vis = Network(directed=True, cdn_resources="in_line")
    for node, attrs in sorted(net.nodes(data=True)):
        big = attrs["kind"] == "character"
        vis.add_node(node, label=attrs["label"], shape=NODE_SHAPES.get(attrs["kind"], "dot"), size=18 if big else 12,
                     font={"size": 18 if big else 13}, **{k: v for k, v in attrs.items() if k != "label"})
    for a, b, key, attrs in sorted(net.edges(keys=True, data=True), key=lambda e: e[2]):
        vis.add_edge(a, b, id=key, **{**attrs, **_edge_style(attrs)})
    vis.barnes_hut(gravity=-4000, spring_length=160)
    options = json.loads(vis.options.to_json())
    options["physics"]["stabilization"] = {"enabled": True, "iterations": 400, "updateInterval": 50}
    options["edges"] = {"smooth": {"type": "dynamic"}, "font": {"size": 11, "align": "middle"}}
    options["interaction"] = {"hover": True, "navigationButtons": False, "keyboard": False}
    moving = len(vis.nodes) + len(vis.edges)  # curved edges each add a physics node
    if moving > MOVING:  # a mid-size graph: about as many node-steps as the bundled one, at least 100
        options["physics"]["stabilization"]["iterations"] = max(100, 400 * MOVING // moving)
    if len(vis.nodes) > BIG_GRAPH:
        # Measured on 3,939 nodes / 10,262 edges in headless Chromium: curved edges add a
        # physics node per edge and the initial Kamada-Kawai layout is quadratic (over 2 min
        # to settle); straight edges, no improved layout and about 200k node-iterations
        # settle in 8 s.
        options["layout"] = {"improvedLayout": False}
        options["edges"]["smooth"] = False
        options["physics"]["stabilization"]["iterations"] = max(50, 400 * BIG_GRAPH // len(vis.nodes))
    return vis.nodes, vis.edges, options


def _legend(nodes, edges, view: str) -> dict:
    present = {e["kind"] for e in edges}
    natures = sorted({e["nature"] for e in edges if e["kind"] == "bond"})
    canon = [c for c in CANON_STYLE if any(e.get("canon") == c for e in edges)]
    return {
        "fates": [{"status": s, "label": s, "color": c} for s, c in FATE_COLOURS.items()],
        # In the "all" view, credits start hidden: the characters come first; a tick shows them.
        "kinds": [{"kind": k, "label": KIND_LABELS[k], "on": view != "all" or k in ("bond", "match")}
                  for k in KIND_LABELS if k in present],
        "natures": [{"nature": n, "label": n, "color": NATURE_COLOURS.get(n, "#555555")} for n in natures],
        "canon": [{"canon": c, "label": c.replace("-", " "), "dashed": CANON_STYLE[c][0], "faint": CANON_STYLE[c][2] < 1}
                  for c in canon],
        "styles": [
            {"label": "mutual bond (no arrow)", "color": "#555", "dashed": False, "faint": False},
            {"label": "one-sided or directed bond: arrow from the one who feels or acts", "color": "#555",
             "dashed": False, "faint": False},
            {"label": "disputed / fan interpretation: dashed and fainter", "color": "#555", "dashed": True, "faint": True},
            {"label": "match (grey dashes)", "color": "#636e72", "dashed": True, "faint": False},
        ],
    }


def script_json(value) -> str:
    """JSON that cannot end its ``<script>`` block or open markup, whatever the data holds."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return text


def _sha256(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def page(net, episodes: list, *, title: str, lang: str = "en", cut=None, view: str = "all") -> str:
    """The whole HTML page as text."""
    nodes, edges, options = vis_model(net, lang)
    vis_js, vis_css = _vis_files()
    page_js = _asset("page.js")
    data = {
        "title": title, "lang": lang, "options": options, "nodes": nodes, "edges": edges,
        "episodes": [{"iri": e.iri, "label": e.label, "order": e.order} for e in episodes],
        "cut": {"label": cut.label, "order": cut.order, "iri": cut.iri} if cut else None,
        "legend": _legend(nodes, edges, view),
        "hint": (f"{sum(1 for n in nodes if n['kind'] == 'character')} characters: use the filters and the episode "
                 "slider to show fewer at a time, or build the page with --view bonds or --as-of EPISODE.")
        if len(nodes) > BIG_GRAPH else "",
        "footer": f"stagegraph {__version__} · {len(nodes)} nodes, {len(edges)} edges"
                  + (f" · facts up to {cut.label} only" if cut else "") + " · click a node or an edge for its sources",
    }
    csp = "; ".join([
        "default-src 'none'", f"script-src {_sha256(vis_js)} {_sha256(page_js)}", "style-src 'unsafe-inline'",
        "img-src data:", "font-src 'none'", "connect-src 'none'", "base-uri 'none'", "form-action 'none'",
    ])
    replacements = {
        "{{CSP}}": csp, "{{LANG}}": lang, "{{VERSION}}": __version__, "{{TITLE}}": _html(title),
        "{{VIS_CSS}}": vis_css.replace("</", "<\\/"), "{{PAGE_CSS}}": _asset("page.css"),
        "{{DATA}}": script_json(data), "{{VIS_JS}}": vis_js, "{{PAGE_JS}}": page_js,
    }
    # One pass: inserted text is never scanned again, so data cannot smuggle in a marker.
    return re.sub(r"\{\{[A-Z_]+\}\}", lambda m: replacements[m.group(0)], _asset("template.html"))


def _html(text: str) -> str:

    return html.escape(text, quote=True)
