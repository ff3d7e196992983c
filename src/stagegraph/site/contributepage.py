"""The site's contribute page: a form that writes a fact as the Turtle ``stagegraph new`` prints.

``write_contribute_page`` writes ``contribute/index.html`` into a site tree: one self-contained
file that works from ``file://`` with no network. Its parts:

- the forms, one per kind of fact ``new`` knows, generated from the shapes and the ontology in
  the page's language (``contribute/form.py``: a property added to a shape appears in its form);
- what ``new`` reads from the data (``contribute/known.py``): the entities a field may pick, by
  any of their names in any language, their English labels, the IRIs already taken and what makes
  each the same fact, the sources by URL — from the tree's own graph, so a spoiler horizon's page
  offers only that tree's entities and knows nothing revealed later;
- ``contribute/page.bundle.js``, the only script that runs in the page, allowed by its hash in a
  Content-Security-Policy that forbids every network request: bundled by ``make js`` from the ES
  modules in ``contribute/js/`` — ``form.js`` renders the forms from the data (no code per kind),
  ``patch.js`` writes the patch byte for byte as ``new`` does (proven by
  ``tests/contribute/test_patch_equivalence.py``), ``propose.js`` says where it goes
  (``site --repo``, ``serve --edit``), ``check.js`` validates it in the browser where the page
  holds the checker (``contributecheck.py``);
- the page's data as JSON in a non-executed block.

A character's, episode's or song's page links here with that entity filled in
(``suggest_query``): ``contribute/index.html?kind=bond&from=<iri>``.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from importlib import resources
from pathlib import Path
from urllib.parse import urlencode

from jinja2 import Template
from markupsafe import Markup

from .. import __version__, markup
from ..contribute.form import forms
from ..contribute.known import known
from ..files import write_output
from ..words.website import contribute_words, propose_words, words

log = logging.getLogger(__name__)

ASSETS = "contribute"
# Which form an entity's page opens, and the field the entity fills in it.
SUGGEST = {"character": ("bond", "from"), "episode": ("match", "episode"), "song": ("credit", "work")}


def suggest_query(kind: str, iri: str) -> str:
    """``?kind=bond&from=<iri>`` for a character's page (an episode's, a song's); "" for other kinds."""
    if kind not in SUGGEST:
        return ""
    form, field = SUGGEST[kind]
    return "?" + urlencode({"kind": form, field: iri})


def checker(universe, tree_text: str | None, lang: str) -> dict | None:
    """The in-browser check's parts for a tree whose Turtle is ``tree_text``
    (``contributecheck.checker_parts``), or None without an engine on this site (--no-sparql):
    the page then says checking is not available and points to ``stagegraph add --dry-run``."""
    if tree_text is None:
        return None
    from .contributecheck import checker_parts

    return checker_parts(universe, tree_text, lang)


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _template() -> Template:
    return markup.environment(__package__, ASSETS, keep_trailing_newline=True).get_template("template.html")


def csp(page_js: str, extra: dict | None = None) -> Markup:
    """Only the page's script (by hash), and what the checker asks for (``extra``: WebAssembly, a
    worker from a Blob); no network: ``serve --edit`` alone answers with ``connect-src 'self'``."""
    extra = extra or {}
    return markup.standalone_csp([markup.csp_hash(page_js), *extra.get("script_src", ())], extra.get("worker_src", ()))


def page_data(universe, graph, lang: str = "en", *, offered=None, repo=None, check=None) -> dict:
    """The page's JSON: its forms, what new knows of ``graph``, its words, the repository, the checker."""
    made = forms(universe, lang)
    classes = {f["cls"] for form in made["forms"].values() for f in form["fields"] if f.get("cls")}
    return {
        "lang": lang,
        "version": __version__,
        "forms": made,
        "known": known(graph, universe.ontology.graph, classes, lang, offered),
        "words": contribute_words(lang),
        "propose": propose_words(lang),
        "repo": repo,
        "check": (check or {}).get("check"),
    }


def contribute_page(
    universe,
    graph,
    lang: str = "en",
    *,
    offered=None,
    horizon: str | None = None,
    links: dict | None = None,
    repo: dict | None = None,
    check: dict | None = None,
) -> str:
    """The whole page as text. ``graph`` is the tree's (data and ontology), ``offered(iri)`` which
    entities its pickers offer, ``horizon`` the episode it is read as of (None: everything),
    ``links`` the tree's pages relative to ``contribute/``, ``repo`` where a patch is proposed
    (``site/forge.py``), ``check`` the checker's parts (``contributecheck.checker_parts``)."""
    page_js = markup.inline_script(_asset(f"{ASSETS}/page.bundle.js"))
    w = words(lang)
    home = (links or {}).get("home", "../index.html")
    found = {**dict.fromkeys(("home", "character", "episode", "graph", "timeline"), home), **(links or {})}
    found["contribute"] = "index.html"
    return _template().render(
        lang=lang,
        csp=csp(page_js, (check or {}).get("csp")),
        version=__version__,
        w=w,
        css=markup.inline_style(_asset(f"{ASSETS}/page.css")),
        home=home,
        links=found,
        full=horizon is None,
        horizon=horizon or "",
        intro=_with_code(w["ct_intro"]),
        noscript=_with_code(w["ct_noscript"]),
        data=markup.inline_json(page_data(universe, graph, lang, offered=offered, repo=repo, check=check)),
        scripts=[{**s, "text": Markup(s["text"])} for s in (check or {}).get("scripts", ())],
        page_js=page_js,
    )


def _with_code(text: str) -> Markup:
    """Interface text whose `backticked` parts are code, as HTML (every part escaped)."""
    parts = text.split("`")
    return Markup("").join(Markup("<code>{}</code>").format(part) if i % 2 else part for i, part in enumerate(parts))


def write_contribute_page(tree_dir: Path, universe, graph=None, lang: str = "en", **options) -> Path:
    """Write ``tree_dir/contribute/index.html`` (``graph``: the tree's, default the universe's);
    return its path. ``options`` are ``contribute_page``'s."""
    out = Path(tree_dir) / "contribute" / "index.html"
    text = contribute_page(universe, universe.graph if graph is None else graph, lang, **options)
    out.parent.mkdir(parents=True, exist_ok=True)
    write_output(out, text)
    log.info("%s: %.1f MB", out, len(text.encode("utf-8")) / 1e6)
    return out
