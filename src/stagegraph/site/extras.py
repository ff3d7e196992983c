"""The pages of a tree beyond its entities: home, bracket, timeline, relationship graph, search
index; and, in the full tree, the query library and the landing page that chooses a tree."""

from __future__ import annotations

import unicodedata

from rdflib import URIRef

from .. import output
from ..markup import script_json
from ..network import graph as network
from ..network.analyze import bracket
from ..page import page as relationship_page
from ..words.relationships import round_name
from . import ontodoc
from .facts import resolved
from .horizon import PAGE_KINDS
from .memo import label


def landing(site) -> None:
    site.render("landing.html", "index.html", title=site.w["site"], bare=True)


def tree_pages(site, pages: list[dict]) -> None:
    by_kind = {
        kind: sorted((p for p in pages if p["kind"] == kind), key=lambda p: p["title"].casefold())
        for kind in PAGE_KINDS
    }
    site.render("home.html", site.home, title=site.w["site"], by_kind=by_kind)
    for kind, listed in by_kind.items():
        site.render("list.html", f"{site.tree.prefix}{kind}/index.html", title=site.w[kind], listed=listed)
    _bracket(site)
    _timeline(site, pages)
    _graph(site)
    _search(site, pages)
    if site.tree.full:
        _queries(site)
        ontodoc.write(site)
        spoiler_pages(site)


def _bracket(site) -> None:
    drawn = bracket(site.tree.net, site.graph, lang=site.lang, cut=site.tree.order)
    rounds = [
        {
            **r,
            "name": round_name(
                site.lang, drawn["stages"] - r["stage"], None if drawn.get("named", True) else r["stage"]
            ),
        }
        for r in drawn["rounds"]
    ]
    if not site.tree.full:
        reached = max((r["stage"] for r in rounds if r["matches"]), default=0)
        rounds = [r for r in rounds if r["stage"] <= reached]
    site.render("bracket.html", f"{site.tree.prefix}bracket/index.html", title=site.w["bracket"], rounds=rounds)


def _timeline(site, pages: list[dict]) -> None:
    episodes = [e for e in network.episodes(site.graph, site.lang) if site.tree.has(e.iri)]
    by_iri = {p["iri"]: p for p in pages}
    path = f"{site.tree.prefix}timeline/index.html"
    href = site.linker(path)  # the episode pages' statements, their links made from here
    rows = [
        {
            "episode": e,
            "sections": [_relinked(section, href) for section in by_iri[e.iri]["sections"] if section["id"] != "about"],
        }
        for e in episodes
    ]
    site.render("timeline.html", path, title=site.w["timeline"], rows=rows)


def _relinked(section: dict, href) -> dict:
    """A page's section with its links made for another page (``href``)."""
    return {**section, "items": [{**item, "parts": resolved(item["parts"], href)} for item in section["items"]]}


def _graph(site) -> None:
    tree = site.tree  # the tree's network is built from its graph: it holds nothing later
    shown = [
        e
        for e in network.episodes(site.graph, site.lang)
        if e.order is not None and (tree.full or e.order <= tree.order)
    ]
    cut = next((e for e in shown if e.order == tree.order), None)
    drawn = bracket(tree.net, site.graph, lang=site.lang, cut=tree.order)
    if not tree.full:
        reached = max((r["stage"] for r in drawn["rounds"] if r["matches"]), default=0)
        drawn["rounds"] = [r for r in drawn["rounds"] if r["stage"] <= reached]
    title = f"{site.w['site']}: {site.w['graph']}"
    site.write(
        f"{tree.prefix}graph/index.html",
        relationship_page(
            tree.net, shown, title=title, lang=site.lang, cut=cut, bracket=drawn, horizon=site.universe.horizon
        ),
    )


def spoiler_pages(site) -> None:
    """In the full tree, one warning page per source withheld from some episode's tree
    (``spoiler/<token>/``): the trees link there by the token alone, and only this page, outside
    them, names the source."""
    from ..horizon import withheld_token

    tokens = {t for tree in site.trees for listed in tree.withheld.values() for t in listed}
    for iri, kind in site.tree.entities.items():
        token = withheld_token(URIRef(iri))
        if kind == "source" and token in tokens:
            path = f"spoiler/{token}/index.html"
            site.render("spoiler.html", path, title=site.w["withheld_source"], source=iri)


def fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def _search(site, pages: list[dict]) -> None:
    """``search-index.js``: every page's names in every language, as a global (file:// cannot fetch)."""
    entries = []
    for page in pages:
        names = sorted({page["title"], *page["names"].values()})
        path = site.tree.prefix and page["iri"] or page["iri"]
        entries.append(
            {
                "t": page["title"],
                "k": site.w["kind_" + page["kind"]],
                "n": names,
                "f": [fold(n) for n in names],
                "u": path[len("https://w3id.org/stagegraph/") :] + "/index.html",
            }
        )
    site.write(site.tree.prefix + "search-index.js", "window.STAGEGRAPH_SEARCH = " + script_json(entries) + ";\n")


def _queries(site) -> None:
    from ..query.library import library
    from ..query.run import run

    listed = []
    for name, named in sorted(library().items()):
        needs = [p for p in named.params if p.default is None]
        result = None if needs else run(site.universe, name, {}, lang=site.lang)
        folder = f"{site.tree.prefix}queries/{name}/"
        table = None
        if result is not None and result.kind == "select":
            site.write(folder + "results.csv", output.query_result(result, "csv") + "\n")
            site.write(folder + "results.srj", output.query_result(result, "sparql-json") + "\n")
            table = {"columns": result.columns, "rows": [[_cell(site, t) for t in row] for row in result.rows]}
        command = f"stagegraph query {name} " + " ".join(f"-p {p.name} …" for p in needs)
        site.render(
            "query.html", folder + "index.html", title=name, named=named, table=table, command=command if needs else ""
        )
        listed.append(named)
    site.render("queries.html", f"{site.tree.prefix}queries/index.html", title=site.w["queries"], listed=listed)


def _cell(site, term) -> dict:
    """A result cell for query.html: its text, and its IRI when it is one (else None)."""
    if term is None:
        return {"text": "", "iri": None}
    if isinstance(term, URIRef):
        return {"text": label(site.graph, term, site.lang), "iri": str(term)}
    return {"text": output.cell(term), "iri": None}
