"""The site's SPARQL page: Oxigraph compiled to WebAssembly, run in the reader's browser.

``write_sparql_page`` writes ``sparql/index.html`` into a site tree: one self-contained file
that opens from ``file://`` with no network. Its parts:

- the engine: the vendored npm ``oxigraph`` build (``vendor/oxigraph``, checked against its
  MANIFEST), whose ES module is turned here into a classic script (an ES module and a fetched
  ``.wasm`` are both refused from ``file://``), and its wasm inlined as base64;
- a Web Worker made from a Blob of that script and ``sparql/worker.bundle.js``: the page compiles
  the wasm once (asynchronously: Chromium refuses to compile large modules synchronously), the
  worker instantiates it, loads the graph and runs each query, and Stop terminates it;
- the graph (the tree's graph and the ontology, as the CLI queries them) as Turtle, the named
  library's queries with their parameters' choices, the prefixes and the entity pages' links,
  all as JSON in a non-executed block;
- ``sparql/page.bundle.js``, the only script that runs in the page, allowed by its hash in a
  Content-Security-Policy that forbids every network request: bundled by ``make js`` from the
  ES modules in ``sparql/js/``, among them ``post.js`` (a library example's ``#+ labels``,
  ``#+ chain`` and ``#+ order``, done after the query as ``query/post.py`` does them for the
  CLI; ``tests/site/test_post_equivalence.py`` proves the two equal on every library query).
"""

from __future__ import annotations

import base64
import hashlib
import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pyoxigraph
from jinja2 import Template
from markupsafe import Markup

from .. import __version__, bundle, markup
from ..errors import InputError, StagegraphError
from ..files import write_output
from ..query import post
from ..rdf.load import load_ontology
from ..rdf.names import expand
from ..rdf.namespaces import BASE, ENTITY_KINDS, PREFIXES
from ..words.website import sparql_words, words
from .horizon import SLUG

log = logging.getLogger(__name__)

ASSETS = "sparql"
ENGINE = "vendor/oxigraph"
ENTITY_PATH = re.compile(rf"^{re.escape(BASE)}(?P<kind>{'|'.join(ENTITY_KINDS)})/(?P<slug>{SLUG})$")
LABELS = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?entity ?label WHERE {
  VALUES (?class ?lang) { (%s %s) }
  ?entity a/rdfs:subClassOf* ?class FILTER(isIRI(?entity))
  OPTIONAL { ?entity rdfs:label|skos:prefLabel ?wanted FILTER(langMatches(lang(?wanted), ?lang)) }
  OPTIONAL { ?entity rdfs:label|skos:prefLabel ?english FILTER(langMatches(lang(?english), "en")) }
  OPTIONAL { ?entity rdfs:label|skos:prefLabel ?plain FILTER(lang(?plain) = "") }
  BIND(COALESCE(?wanted, ?english, ?plain) AS ?label)
}"""


@dataclass(frozen=True)
class Engine:
    """The in-browser engine: a classic script and its WebAssembly, as they go into the page."""

    version: str
    script: str
    wasm_base64: str
    wasm_bytes: int


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def _manifest(folder) -> dict[str, str]:
    lines = folder.joinpath("MANIFEST").read_text(encoding="utf-8").splitlines()
    return dict(line.split(": ", 1) for line in lines if ": " in line)


def engine(folder=None) -> Engine:
    """The vendored Oxigraph build (or the one in ``folder``), checked against its MANIFEST's sha256 sums."""
    folder = folder or resources.files(__package__).joinpath(ENGINE)
    manifest = _manifest(folder)
    files = {}
    for name in ("web.js", "web_bg.wasm"):
        data = folder.joinpath(name).read_bytes()
        if hashlib.sha256(data).hexdigest() != manifest.get(f"file {name} sha256"):
            raise StagegraphError(
                f"the vendored {ENGINE}/{name} does not match the sha256 in its MANIFEST; "
                "run src/stagegraph/site/vendor/refresh-sparql.sh to fetch it again"
            )
        files[name] = data
    script = classic_script(files["web.js"].decode("utf-8"))
    wasm = base64.b64encode(files["web_bg.wasm"]).decode("ascii")
    return Engine(manifest["version"], script, wasm, len(files["web_bg.wasm"]))


def classic_script(module: str) -> str:
    """wasm-bindgen's ES module (``web.js``) as a classic script that sets ``self.oxigraph``.

    ``export`` keywords go, the default export (``__wbg_init``, which takes the wasm bytes or
    a compiled ``WebAssembly.Module``) becomes ``oxigraph.init``, and the one use of
    ``import.meta`` (the URL of the ``.wasm`` to fetch when none is given) becomes an error:
    the page always hands the module over, nothing is ever fetched.
    """
    names = re.findall(r"^export (?:class|function) (\w+)", module, re.M)
    script = re.sub(r"^export (class|function) ", r"\1 ", module, flags=re.M)
    script, tails = re.subn(r"^export \{ initSync, __wbg_init as default \};\s*$", "", script, flags=re.M)
    script, urls = re.subn(
        r"new URL\('web_bg\.wasm', import\.meta\.url\)",
        "(() => { throw new Error('oxigraph: give init the WebAssembly module'); })()",
        script,
    )
    left = re.findall(r"^\s*(?:import|export)\b|import\.meta", script, re.M)
    if tails != 1 or urls != 1 or left or not names or re.search(r"</script|<!--", script, re.I):
        raise StagegraphError(
            "the vendored oxigraph web.js is not the wasm-bindgen module this page expects; "
            "check the version in src/stagegraph/site/vendor/oxigraph/MANIFEST"
        )
    exported = ", ".join(names + ["initSync", "init: __wbg_init"])
    return f'(function () {{\n"use strict";\n{script}\nself.oxigraph = {{ {exported} }};\n}})();\n'


def default_entity_href(iri: str) -> str | None:
    """``https://w3id.org/stagegraph/character/mizi`` → ``../character/mizi/index.html``."""
    found = ENTITY_PATH.match(iri)
    return f"../{found['kind']}/{found['slug']}/index.html" if found else None


def _store(graph_text: str) -> pyoxigraph.Store:
    """The graph and the bundled ontology in one store: what the CLI's queries run on."""
    store = pyoxigraph.Store()
    try:
        store.load(graph_text, format=pyoxigraph.RdfFormat.TURTLE)
    except SyntaxError as exc:
        raise InputError(
            f"the graph for the SPARQL page is not valid N-Triples or Turtle: {exc}; "
            "give the text of 'stagegraph export --format nt'"
        ) from None
    for path in load_ontology((bundle.ontology_dir(),)).files:
        store.load(path=str(path), format=pyoxigraph.RdfFormat.TURTLE)
    return store


def _choices(store: pyoxigraph.Store, kind: str, lang: str) -> list[list[str]]:
    """``[[iri, label], …]`` of every instance of ``kind``, by label."""
    # Terms serialised by pyoxigraph (NamedNode checks the IRI, Literal escapes the text).
    found = store.query(LABELS % (pyoxigraph.NamedNode(str(expand(kind))), pyoxigraph.Literal(lang)))
    pairs = {}
    for row in found:
        iri = row["entity"].value
        pairs[iri] = row["label"].value if row["label"] is not None else iri.rsplit("/", 1)[-1]
    return sorted(([iri, label] for iri, label in pairs.items()), key=lambda p: (p[1].casefold(), p[0]))


def examples(queries: dict, store: pyoxigraph.Store, lang: str) -> list[dict]:
    """The named queries as the page offers them, with the choices of each parameter."""
    out = []
    for name, query in sorted(queries.items()):
        params = [
            {
                "name": p.name,
                "kind": p.kind,
                "description": p.description,
                "default": p.default,
                "choices": None if p.kind == "literal" else _choices(store, p.kind, lang),
            }
            for p in query.params
        ]
        out.append(
            {
                "name": name,
                "summary": query.summary,
                "description": query.description,
                "text": _body(query.text),
                "params": params,
                "sets": query.sets,
                "labels": query.labels,
                "chains": [[t, p] for t, p in query.chains],
                "order": query.order,
                "lang": bool(re.search(r"[?$]lang\b", query.text)),
            }
        )
    return out


def _body(text: str) -> str:
    """The query without its ``#+`` header lines (the page shows them as the summary)."""
    lines = text.splitlines()
    while lines and lines[0].startswith("#+"):
        lines.pop(0)
    return "\n".join(lines).strip() + "\n"


def _links(store: pyoxigraph.Store, entity_href) -> dict[str, str]:
    iris = {t.value for q in store for t in (q.subject, q.object) if isinstance(t, pyoxigraph.NamedNode)}
    links = {iri: entity_href(iri) for iri in sorted(iris)}
    return {iri: href for iri, href in links.items() if href}


def _turtle(store: pyoxigraph.Store) -> str:
    turtle = store.dump(format=pyoxigraph.RdfFormat.TURTLE, from_graph=pyoxigraph.DefaultGraph(), prefixes=PREFIXES)
    return turtle.decode("utf-8")


def csp(page_js: str) -> Markup:
    """Only the page's script (by hash), WebAssembly, and workers made from its own Blobs; no network."""
    return markup.standalone_csp([markup.csp_hash(page_js), "'wasm-unsafe-eval'"], ["blob:"])


@lru_cache(maxsize=1)
def _template() -> Template:
    return markup.environment(__package__, ASSETS, keep_trailing_newline=True).get_template("template.html")


def sparql_page(graph_text: str, lang: str = "en", *, queries=None, entity_href=None) -> str:
    """The whole page as text."""
    from ..query.library import library

    store = _store(graph_text)
    built = engine()
    data = {
        "lang": lang,
        "version": __version__,
        "engine": built.version,
        "triples": len(store),
        "graph": _turtle(store),
        "prefixes": PREFIXES,
        "examples": examples(library() if queries is None else queries, store, lang),
        "links": _links(store, entity_href or default_entity_href),
        "labelsQuery": post.labels_query(lang),
        "words": sparql_words(lang),
    }
    page_js = _asset(f"{ASSETS}/page.bundle.js")
    script = markup.inline_script(page_js)  # what the page holds, and what its hash allows
    w = words(lang)
    return _template().render(
        lang=lang,
        csp=csp(script),
        version=__version__,
        engine_version=built.version,
        w=w,
        css=markup.inline_style(_asset(f"{ASSETS}/page.css")),
        data=markup.inline_json(data),
        engine=markup.inline_script(built.script),
        worker=markup.inline_script(_asset(f"{ASSETS}/worker.bundle.js")),
        wasm=markup.inline_script(built.wasm_base64),
        page_js=script,
        post_note=_with_code(w["sq_post_note"]),
    )


def _with_code(text: str) -> Markup:
    """Interface text whose `backticked` parts are code, as HTML (every part escaped)."""
    parts = text.split("`")
    return Markup("").join(Markup("<code>{}</code>").format(part) if i % 2 else part for i, part in enumerate(parts))


def write_sparql_page(tree_dir: Path, graph_text: str, lang: str = "en", *, queries=None, entity_href=None) -> Path:
    """Write ``tree_dir/sparql/index.html`` for ``graph_text`` (N-Triples or Turtle); return its path.

    ``queries`` (default: the named library) become the page's examples; ``entity_href(iri)``
    gives the link of an entity's page relative to ``sparql/``, or None (default:
    ``default_entity_href``). The page's size is logged (it carries the ~4 MB engine)."""
    out = Path(tree_dir) / "sparql" / "index.html"
    text = sparql_page(graph_text, lang, queries=queries, entity_href=entity_href)
    out.parent.mkdir(parents=True, exist_ok=True)
    write_output(out, text)
    log.info("%s: %.1f MB (the SPARQL engine is most of it)", out, len(text.encode("utf-8")) / 1e6)
    return out
