"""Writing the site: every tree's pages, alternates, search index and assets, from one parse."""

from __future__ import annotations

import gc
import os
import posixpath
import re
import shutil
import sys
import time
from contextlib import contextmanager
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path

from jinja2 import Environment
from rdflib import Graph

from .. import __version__, markup
from ..network import card as cards
from ..rdf.labels import label
from ..rdf.namespaces import BASE
from ..words.website import words
from . import contributepage, extras, facts, linked, memo, sparqlpage
from .horizon import PAGE_KINDS, Tree, kind_of, trees

ASSETS = ("site.css", "site.js")
CSP = markup.csp(
    default_src="'none'",
    script_src="'self'",
    style_src="'self'",
    img_src=["'self'", "data:"],
    connect_src="'none'",
    font_src="'none'",
    frame_src="'self'",  # a character's neighbourhood
    base_uri="'none'",
    form_action="'none'",
)


def environment() -> Environment:
    env = markup.environment("stagegraph.site", "templates")
    env.filters["langtag"] = lambda code: code if LANG_TAG.fullmatch(code or "") else ""
    return env


# A language tag an HTML lang attribute can carry: language, script, region (ko, zh-Hans, pt-BR).
# Others (an RDF tag may be any well-formed BCP 47 tag, or odd) give lang="": unknown.
LANG_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z]{4})?(-(?:[A-Za-z]{2}|[0-9]{3}))?")


def entity_path(tree: Tree, iri: str) -> str:
    """Where an entity's page lives: ``at/round-3/character/mizi/index.html``."""
    return tree.prefix + iri[len(BASE) :] + "/index.html"


class Site:
    """One tree being written: its context for the templates and the anchors of its facts."""

    def __init__(
        self,
        universe,
        tree: Tree,
        out: Path,
        lang: str,
        env: Environment,
        all_trees: list,
        want_sparql: bool = True,
        repo: dict | None = None,
    ):
        self.universe, self.tree, self.out, self.lang = universe, tree, out, lang
        self.repo = repo  # where the contribute page proposes a patch (site/forge.py), or None: download only
        self.graph = tree.graph if tree.graph is not None else universe.graph  # the universe as of the tree
        self.env, self.w, self.trees = env, words(lang), all_trees
        self.home_of: dict[str, tuple[str, str]] = {}
        self.sparql, self.sparql_bytes, self.want_sparql = False, 0, want_sparql
        self.home = "all/index.html" if tree.full else tree.prefix + "index.html"
        self.folders: set[str] = set()  # folders already made (one mkdir per folder, not per file)
        self.root = os.fspath(out)

    def write(self, path: str, text: str) -> None:
        folder = posixpath.dirname(path)
        if folder not in self.folders:
            os.makedirs(os.path.join(self.root, folder), exist_ok=True)
            self.folders.add(folder)
        with open(os.path.join(self.root, path), "w", encoding="utf-8") as handle:  # str paths: a Path per file costs
            handle.write(text)

    @cached_property
    def attribute_properties(self) -> list:
        return cards.attribute_properties(self.universe)

    def path_of(self, iri: str) -> str:
        return entity_path(self.tree, iri)

    @staticmethod
    def relative(target: str, path: str) -> str:
        """The link to ``target`` (a path under the site root) from the page at ``path``."""
        return relative(target, posixpath.dirname(path))

    def linker(self, path: str):
        """``href(iri, fragment)`` for the page at ``path``: the relative link to an entity's page
        in this tree, or "" when the tree has no page for it."""
        here, entities, prefix = posixpath.dirname(path), self.tree.entities, self.tree.prefix
        cut = len(BASE)

        def href(iri: str, fragment: str = "") -> str:
            iri = str(iri or "")  # an rdflib term never equals its text as a key
            if iri not in entities:
                return ""
            return relative(prefix + iri[cut:] + "/index.html", here) + (f"#{fragment}" if fragment else "")

        return href

    def render(self, template: str, path: str, **values) -> None:
        here = posixpath.dirname(path)
        href = self.linker(path)

        def rel(target: str) -> str:
            return relative(target, here)

        def asset(name: str) -> str:
            return rel(self.tree.prefix + name)

        context = {
            "w": self.w,
            "lang": self.lang,
            "tree": self.tree,
            "site": self,
            "rel": rel,
            "href": href,
            "asset": asset,
            "root": rel(self.tree.prefix.rstrip("/")) + "/",
            "csp": CSP,
            "version": __version__,
            "kinds": PAGE_KINDS,
            "home": rel(self.home),
            "landing": rel("index.html"),
            "trees": self.trees,
            # What base.html asks of every page, unless the page says otherwise: a name no page
            # gives is an error (StrictUndefined), never a silent blank.
            "bare": False,
            "alternates": False,
            "ld": None,
        }
        self.write(path, self.env.get_template(template).render({**context, **values}))


def relative(target: str, here: str) -> str:
    """``posixpath.relpath(target, here)`` for two paths under the site root, without its
    ``abspath``/``getcwd`` calls (hundreds of thousands of links in a large site: each page's
    folder and each target are split once, the pairs are too many to remember)."""
    to, at = _parts(target), _parts(here)
    common, most = 0, min(len(to), len(at))
    while common < most and to[common] == at[common]:
        common += 1
    return "/".join([".."] * (len(at) - common) + list(to[common:])) or "."


@lru_cache(maxsize=1 << 16)
def _parts(path: str) -> tuple[str, ...]:
    if "." in path.replace(".html", "") or "//" in path:  # only an unusual path needs normalising
        path = posixpath.normpath(path or ".")
    return tuple(p for p in path.split("/") if p and p != ".")


def build_site(
    universe,
    out: Path,
    *,
    lang: str = "en",
    sparql: bool = True,
    horizons: bool = True,
    progress=None,
    repo: dict | None = None,
) -> dict:
    """Write the whole site into ``out``; return the page counts per tree and the time taken. ``repo``
    (``forge.repository``) is where the contribute page proposes a patch; None offers the download only."""
    started = time.perf_counter()
    try:
        summary = _build(universe, out, lang, sparql, horizons, progress, repo)
    finally:
        gc.unfreeze()
    summary["seconds"] = round(time.perf_counter() - started, 2)
    return summary


def _settle() -> None:
    """Keep what exists now (the parsed graph, its index, the trees, the pages' data: millions of
    objects that live until the build ends) out of the garbage collector's full passes, each of
    which walked all of them again (3.6 s of 14 passes on 2,000 characters). ``build_site``
    gives them back to the collector when it ends."""
    gc.freeze()


@contextmanager
def _growing():
    """The collector paused while a step makes many objects that live on and no garbage cycles
    (parsing and indexing the graph, reading the pages): the full passes their growth sets off would walk
    everything again (18 passes on 2,000 characters). Settled when the step ends."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
        _settle()


def _build(universe, out: Path, lang: str, sparql: bool, horizons: bool, progress, repo: dict | None = None) -> dict:
    _say(progress, "reading the graph")
    with _growing():
        memo.fresh_index(universe.graph)
    env = environment()
    out.mkdir(parents=True, exist_ok=True)
    _say(progress, "cutting the spoiler horizons" if horizons else "the full tree")
    all_trees = trees(universe, lang, horizons=horizons)
    _settle()
    summary = {"trees": {}, "pages": 0}
    for tree in all_trees:
        site = Site(universe, tree, out, lang, env, all_trees, sparql, repo)
        count = write_tree(site, progress)
        summary["sparql_bytes"] = summary.get("sparql_bytes", 0) + site.sparql_bytes
        summary["trees"][tree.slug or "everything"] = count
        summary["pages"] += count
    extras.landing(Site(universe, all_trees[0], out, lang, env, all_trees))
    summary["dataset"] = linked.dataset(universe.graph, out, text=linked.full_turtle(universe.graph))
    (out / ".htaccess").write_text(linked.htaccess(), encoding="utf-8")
    return summary


def write_tree(site: Site, progress=None) -> int:
    tree = site.tree
    name = tree.slug or "everything"
    for asset in ASSETS:
        site.write(tree.prefix + asset, resources.files(__package__).joinpath("static", asset).read_text("utf-8"))
    _say(progress, f"{name}: the SPARQL page" if site.want_sparql else f"{name}: the pages")
    shown = linked.description_all(site.graph, tree)
    text = tree_text(site, shown) if site.want_sparql else None
    site.sparql_bytes = sparql_hook(site, text)
    site.sparql = site.sparql_bytes > 0
    _say(progress, f"{name}: the contribute page")
    contribute_hook(site, shown, text)
    ordered = sorted(tree.entities.items(), key=lambda item: (item[1] == "source", item[0]))
    pages = []
    with _growing():
        for done, (iri, kind) in enumerate(ordered, 1):
            pages.append(facts.page_data(site, iri, kind))
            _say(progress, f"{name}: {done}/{len(ordered)} pages read", done)
    for done, page in enumerate(pages, 1):
        write_entity(site, page)
        _say(progress, f"{name}: {done}/{len(pages)} pages written", done)
    _say(progress, f"{name}: home, lists, bracket, timeline, graph, search")
    extras.tree_pages(site, pages)
    _say(progress, f"{name}: {len(pages)} pages written")
    return len(pages)


def _say(progress, message: str, done: int = 0) -> None:
    """Progress on standard error: every step, and every 500th page of a long list."""
    if progress and done % 500 == 0:
        progress(message)


def write_entity(site: Site, page: dict) -> None:
    tree, graph = site.tree, site.graph
    path = entity_path(tree, page["iri"])
    described = linked.description(graph, tree, page["iri"])
    folder = posixpath.dirname(path)
    site.write(folder + "/index.ttl", linked.turtle(described))
    site.write(folder + "/index.jsonld", linked.jsonld(described))
    ld = linked.script_ld(linked.schema_org(graph, tree, page["iri"], page["kind"], page["title"], page["names"]))
    kind_label = site.w["kind_" + page["kind"]]
    site.render(
        "entity.html",
        path,
        page=page,
        suggest=contributepage.suggest_query(page["kind"], page["iri"]),
        ld=ld,
        kind_label=kind_label,
        title=page["title"],
        alternates=True,
        focus=page["kind"] == "character" and page["iri"] in tree.net,
    )


def tree_text(site: Site, shown=None) -> str:
    """The tree's graph as Turtle (``shown``: its triples, ``linked.description_all``, if already
    made): what its SPARQL page queries and its contribute page checks against."""
    if site.tree.full:
        return linked.full_turtle(site.graph)
    return linked.turtle(linked.description_all(site.graph, site.tree) if shown is None else shown)


def sparql_hook(site: Site, text: str | None = None) -> int:
    """Write the tree's SPARQL page (the engine runs in the reader's browser) unless --no-sparql;
    return its size in bytes (0 when none was written)."""
    if not site.want_sparql:
        return 0
    text = tree_text(site) if text is None else text
    return sparqlpage.write_sparql_page(site.out / site.tree.prefix, text, site.lang).stat().st_size


def contribute_hook(site: Site, shown, text: str | None = None) -> None:
    """Write the tree's contribute page from what the tree shows (``shown``: the triples of
    ``linked.description_all``; the whole graph in the full tree): its pickers offer the tree's
    entities (and those with no page, such as places), its patch knows nothing else. ``text`` (the
    tree's Turtle; None with --no-sparql: no engine) is what the in-browser check runs on."""
    tree = site.tree
    graph = site.graph if tree.full else _graph_of(shown)
    here = f"{tree.prefix}contribute/index.html"
    pages = ("character", "episode", "graph", "timeline")
    links = {n: site.relative(f"{tree.prefix}{n}/index.html", here) for n in pages}
    links["home"] = site.relative(site.home, here)
    contributepage.write_contribute_page(
        site.out / tree.prefix,
        site.universe,
        graph,
        site.lang,
        offered=lambda iri: iri in tree.entities or kind_of(iri) is None,
        horizon=None if tree.full else tree.label,
        links=links,
        repo=site.repo,
        check=contributepage.checker(site.universe, text, site.lang),
    )


def _graph_of(triples) -> Graph:
    made = Graph()
    for triple in triples:
        made.add(triple)
    return made


def stderr_progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def remove(out: Path) -> None:
    shutil.rmtree(out, ignore_errors=True)


__all__ = ["build_site", "entity_path", "label"]
