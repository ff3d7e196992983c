"""The vis-network model of the page: nodes with fixed positions, styled edges, options, legend.

Meaning is never colour alone: each bond nature has a colour from the Okabe–Ito palette
(safe for colour-blind readers) *and* its own line pattern and caption; one-sided and
directed bonds carry an arrow, mutual ones none; a fate has a colour, a shape and a badge.
Bonds between the same two characters are fanned out (curves of different roundness).
"""

from __future__ import annotations

from collections import defaultdict

from ..words.relationships import caption, words
from . import layout

# Okabe & Ito (2008): colours told apart with every common colour vision deficiency.
NATURES = {  # nature → (colour, colour on a dark page, dashes)
    "romantic": ("#CC79A7", "#E59CC4", False),
    "family": ("#009E73", "#2FC79B", [16, 4]),
    "platonic": ("#0072B2", "#56B4E9", [7, 5]),
    "rivalry": ("#E69F00", "#E69F00", [12, 4, 3, 4]),
    "guardianship": ("#5A4FCF", "#A59BFF", [12, 4, 3, 4, 3, 4]),
    "protective": ("#333333", "#DDDDDD", [2, 4]),
    "antagonistic": ("#D55E00", "#FF8A3D", [4, 3]),
}
OTHER_NATURE = ("#777777", "#AAAAAA", [1, 3])
CANON = {"canon": (3.0, 1.0), "disputed": (2.0, 0.7), "fan-interpretation": (1.5, 0.5)}  # width, opacity
FATES = {  # fate key → (colour, shape, badge after the name, dashed border)
    "alive": ("#009E73", "dot", "", False),
    "rescued": ("#56B4E9", "square", "↑", False),
    "died": ("#D55E00", "triangleDown", "✝", False),
    "disputed": ("#E69F00", "diamond", "✝?", False),
    "open": ("#BBBBBB", "dot", "?", False),
    "none": ("#FFFFFF", "dot", "", True),
}
NODE_SHAPES = {"song": "diamond", "person": "box", "organization": "box", "series": "star", "work": "triangle"}
MATCH = ("#666666", "#BBBBBB")
CREDIT = ("#9AA5AB", "#6B7378")
KIND_ORDER = ("bond", "match", "credit", "voice")
KIND_WORDS = {"bond": "bonds", "match": "matches", "credit": "credits", "voice": "voices"}
FAN = 0.22  # roundness between two neighbouring parallel edges
BIG_GRAPH = 500


def fate_key(fate: dict) -> str:
    """alive, rescued, died, disputed, open (a fate left open by the story) or none (no source says)."""
    if not fate or not fate.get("iri"):
        return "none"
    status = fate.get("status", "unknown")
    return "open" if status == "unknown" else status if status in FATES else "open"


def vis_model(net, lang: str):
    """Nodes, edges and options for vis-network, from the networkx graph (network.build)."""
    spots = layout.positions(net)
    nodes = [_node(node, attrs, spots.get(node, (0, 0)), lang) for node, attrs in sorted(net.nodes(data=True))]
    big = len(nodes) > BIG_GRAPH
    edges = [
        _edge(a, b, key, attrs, lang)
        for a, b, key, attrs in sorted(net.edges(keys=True, data=True), key=lambda e: e[2])
    ]
    _fan(edges)
    options = {
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "nodes": {
            "font": {"size": 16, "face": "system-ui, sans-serif", "strokeWidth": 4, "strokeColor": "#ffffff"},
            "borderWidth": 2,
        },
        "edges": {
            "smooth": False,
            "font": {"size": 14, "align": "horizontal", "strokeWidth": 4, "strokeColor": "#ffffff"},
            "selectionWidth": 2,
            "hoverWidth": 1.5,
        },
        "interaction": {
            "hover": not big,
            "navigationButtons": False,
            "tooltipDelay": 3_600_000,
            "keyboard": {"enabled": True, "bindToWindow": False},
            "hideEdgesOnDrag": big,
        },
    }
    return nodes, edges, options


def _node(node: str, attrs: dict, spot, lang: str) -> dict:
    names = attrs.get("names") or {}
    shown_lang = next((code for code, name in names.items() if name == attrs["label"]), "")
    item = {
        **attrs,
        "id": node,
        "x": spot[0],
        "y": spot[1],
        "fallback": shown_lang if names and lang not in names and shown_lang != lang else "",
    }
    if attrs["kind"] == "character":
        item.update(size=16, fate_key=fate_key(attrs.get("fate")))
    else:
        item.update(shape=NODE_SHAPES.get(attrs["kind"], "dot"), color={"background": "#E8E8E8", "border": "#888888"})
    return item


def _edge(a: str, b: str, key: str, attrs: dict, lang: str) -> dict:
    item = {**attrs, "id": key, "from": a, "to": b}
    kind = attrs["kind"]
    if kind == "bond":
        colour, dark, dashes = NATURES.get(attrs.get("nature", ""), OTHER_NATURE)
        width, opacity = CANON.get(attrs.get("canon", ""), (1.5, 0.5))
        item.update(
            colour=colour,
            dark=dark,
            dashes=dashes,
            width=width,
            opacity=opacity,
            arrows="" if attrs.get("mutual") else "to",
            caption=caption(lang, attrs.get("nature", ""), attrs.get("bond_type", ""), attrs.get("canon", "")),
        )
    elif kind == "match":
        w = words(lang)
        item.update(
            colour=MATCH[0],
            dark=MATCH[1],
            dashes=False,
            width=2.5,
            opacity=1.0,
            arrows="",
            caption=(
                w["won"].format(round=attrs.get("episode", ""), winner=attrs.get("winner_label", ""))
                if attrs.get("winner")
                else w["no_winner"].format(round=attrs.get("episode", ""))
            ),
        )
    else:
        item.update(
            colour=CREDIT[0],
            dark=CREDIT[1],
            dashes=False,
            width=1,
            opacity=0.9,
            arrows="to",
            caption=attrs.get("label", ""),
        )
    return item


def _fan(edges: list[dict]) -> None:
    """Curve the edges between the same two nodes apart, so each is seen and its caption read."""
    pairs = defaultdict(list)
    for edge in edges:
        pairs[tuple(sorted((edge["from"], edge["to"])))].append(edge)
    for (low, _high), group in pairs.items():
        for index, edge in enumerate(group):
            offset = index - (len(group) - 1) / 2
            if offset == 0:
                continue
            clockwise = (offset > 0) == (edge["from"] == low)
            edge["smooth"] = {
                "enabled": True,
                "type": "curvedCW" if clockwise else "curvedCCW",
                "roundness": round(FAN * abs(offset) * 2 / max(1, len(group) - 1) * 1.5, 3),
            }


def legend(nodes: list[dict], edges: list[dict], view: str, lang: str) -> dict:
    w = words(lang)
    present = {e["kind"] for e in edges}
    natures = sorted({e.get("nature", "") for e in edges if e["kind"] == "bond"})
    canon = [c for c in CANON if any(e.get("canon") == c for e in edges)]
    fate_words = {
        "alive": w["fate_alive"],
        "rescued": w["fate_rescued"],
        "died": w["fate_died"],
        "disputed": w["fate_disputed"],
        "open": w["fate_open"],
        "none": w["fate_none"],
    }
    return {
        "fates": [
            {"key": k, "label": fate_words[k], "color": c, "shape": s, "badge": g, "dashed": d}
            for k, (c, s, g, d) in FATES.items()
        ],
        # In the "all" view, credits start hidden: the characters come first; a tick shows them.
        "kinds": [
            {"kind": k, "label": w[KIND_WORDS[k]], "on": view != "all" or k in ("bond", "match")}
            for k in KIND_ORDER
            if k in present
        ],
        "natures": [
            {
                "nature": n,
                "label": caption(lang, n, "mutual", "canon"),
                "color": NATURES.get(n, OTHER_NATURE)[0],
                "dark": NATURES.get(n, OTHER_NATURE)[1],
                "dashes": NATURES.get(n, OTHER_NATURE)[2],
            }
            for n in natures
        ],
        "canon": [
            {"canon": c, "label": w.get("canon_" + c, c), "width": CANON[c][0], "opacity": CANON[c][1]} for c in canon
        ],
        "match": {"color": MATCH[0], "dark": MATCH[1]},
    }
