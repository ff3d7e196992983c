"""The relationship page: a networkx graph → one self-contained HTML file.

``model`` turns the networkx graph into vis-network nodes (at positions computed here, by
``layout``), edges and options; the page is our own template, because pyvis's loads Bootstrap
(and, unless inlined, vis-network) from a CDN: pyvis is used for its copy of vis-network.
Everything the page needs is inside the file: the vis-network build, our script and style,
and the data as JSON in a non-executed ``<script>`` block. A Content-Security-Policy allows
only those exact scripts (by hash) and no network at all.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__, markup
from ..errors import StagegraphError
from ..network.graph import shown_from
from ..words.relationships import round_name, words
from . import model

if TYPE_CHECKING:
    from jinja2 import Template

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
    return markup.inline_script(script.read_text(encoding="utf-8")), markup.inline_style(
        (script.parent / "vis-network.css").read_text(encoding="utf-8")
    )


@lru_cache(maxsize=1)
def _template() -> Template:
    return markup.environment(__package__, ".", keep_trailing_newline=True).get_template("template.html")


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
    page_js = _asset("page.bundle.js")
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
    script = markup.inline_script(page_js)  # what the page holds, and what its hash allows
    csp = markup.csp(
        default_src="'none'",
        script_src=[markup.csp_hash(vis_js), markup.csp_hash(script)],
        style_src="'unsafe-inline'",
        img_src="data:",
        font_src="'none'",
        connect_src="'none'",
        base_uri="'none'",
        form_action="'none'",
    )
    # Jinja2 never reads what it inserts as template: a label holding {{ … }} is only text.
    return _template().render(
        csp=csp,
        lang=lang,
        version=__version__,
        title=title,
        w=w,
        vis_css=vis_css,
        page_css=markup.inline_style(_asset("page.css")),
        data=markup.inline_json(data),
        vis_js=vis_js,
        page_js=script,
    )


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
