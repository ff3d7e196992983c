"""The site as linked data: each entity's description as Turtle and JSON-LD, schema.org JSON-LD
for the pages, the whole graph as downloads with a VoID/DCAT description, and the ``.htaccess``
that does content negotiation on Apache (the w3id.org convention)."""

from __future__ import annotations

import datetime
import json
import re
from functools import lru_cache

from markupsafe import Markup
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

from .. import __version__
from ..markup import inline_json
from ..rdf.canonical import serialize
from ..rdf.namespaces import BASE, PREFIXES, bind_prefixes
from ..rdf.ntriples import nt_line
from . import memo
from .horizon import Tree, kind_of

VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
LICENCE = "https://opensource.org/license/mit"
SCHEMA_TYPES = {
    "character": "Person",
    "person": "Person",
    "organization": "Organization",
    "episode": "Episode",
    "song": "MusicComposition",
    "match": "Event",
    "bond": "Thing",
    "source": "CreativeWork",
}


def description(graph, tree: Tree, iri: str) -> list:
    """The entity's triples and its statements' triples in ``graph``, the tree's graph (read
    from the build's one index of it, not by asking rdflib per page)."""
    node = URIRef(iri)
    found = memo.index(graph)
    parts = [node] + sorted(found.parts.get(node, ()))
    triples = []
    for subject in parts:
        if subject != node and str(subject) not in tree.facts:
            continue
        triples += [(subject, p, o) for p, o in found.outgoing.get(subject, ())]
    return triples


def description_all(graph, tree: Tree):
    """Everything ``tree`` may show: the graph itself for the full tree, else the set of the
    triples of its entities' descriptions."""
    if tree.full:
        return graph
    return {triple for iri in tree.entities for triple in description(graph, tree, iri)}


TYPE = RDF.type  # made once: an rdflib namespace makes a new term at each attribute read
LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_BY_LENGTH = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))


@lru_cache(maxsize=1 << 18)
def _full(term) -> str:
    return term.n3()


@lru_cache(maxsize=1 << 18)
def _n3(term) -> str:
    """The term in Turtle with the project's prefixes (remembered: a term recurs on many pages)."""
    if isinstance(term, URIRef):
        text = str(term)
        for prefix, namespace in _BY_LENGTH:
            if text.startswith(namespace) and LOCAL.match(text[len(namespace) :]):
                return f"{prefix}:{text[len(namespace) :]}"
    return term.n3()


def turtle(triples) -> str:
    """Turtle grouped by subject and predicate, with the project's prefixes: a few lines per
    entity, written directly (rdflib's serializers cost milliseconds per page). ``triples`` is
    a graph or any iterable of triples."""
    by_subject: dict = {}
    for s, p, o in triples:
        by_subject.setdefault(s, set()).add((p, o))
    lines = [f"@prefix {p}: <{ns}> ." for p, ns in sorted(PREFIXES.items())] + [""]
    for subject in sorted(by_subject):
        pairs = sorted(by_subject[subject], key=lambda po: (str(po[0]), _full(po[1])))
        body = " ;\n    ".join(f"{'a' if p == TYPE else _n3(p)} {_n3(o)}" for p, o in pairs)
        lines.append(f"{_n3(subject)}\n    {body} .\n")
    return "\n".join(lines)


def full_turtle(graph) -> str:
    """The whole graph's Turtle, made once per build (the full tree's SPARQL page and the download)."""
    found = memo.index(graph)
    if "turtle" not in found.texts:
        found.texts["turtle"] = turtle(found.triples())
    return found.texts["turtle"]


def jsonld(triples) -> str:
    """Expanded JSON-LD (no context to resolve, so any client reads it offline), compact: without
    ``indent`` the json module's C encoder writes it (an indented one is pure Python, per page)."""
    nodes = {}
    for s, p, o in set(triples):
        node = nodes.setdefault(str(s), {"@id": str(s)})
        is_type = p == TYPE
        node.setdefault("@type" if is_type else str(p), []).append(_jsonld_entry(o, is_type))
    for node in nodes.values():
        for key, entries in node.items():
            if isinstance(entries, list):
                node[key] = [value for _, value in sorted(entries, key=lambda entry: entry[0])]
    return json.dumps([nodes[k] for k in sorted(nodes)], ensure_ascii=False, sort_keys=True) + "\n"


@lru_cache(maxsize=1 << 18)
def _jsonld_entry(term, is_type: bool) -> tuple:
    """A term's JSON-LD value (an IRI's text for ``@type``) and the key it sorts by, made once."""
    value = str(term) if is_type else _jsonld_value(term)
    return json.dumps(value, sort_keys=True), value


def _jsonld_value(term) -> dict:
    if isinstance(term, Literal):
        value = {"@value": str(term)}
        if term.language:
            value["@language"] = term.language
        elif term.datatype is not None:
            value["@type"] = str(term.datatype)
        return value
    return {"@id": str(term)} if isinstance(term, URIRef) else {"@id": f"_:{term}"}


def schema_org(graph, tree: Tree, iri: str, kind: str, title: str, names: dict) -> dict:
    """schema.org JSON-LD for a page (embedded in a ``<script type="application/ld+json">``)."""
    item = {
        "@context": "https://schema.org",
        "@type": SCHEMA_TYPES.get(kind, "Thing"),
        "@id": iri,
        "name": title,
        "url": iri,
    }
    others = sorted({n for n in names.values() if n != title})
    if others:
        item["alternateName"] = others
    same = [str(o) for o in graph.objects(URIRef(iri), URIRef("http://www.w3.org/2002/07/owl#sameAs"))]
    if same:
        item["sameAs"] = same
    if kind == "character":
        item["additionalType"] = "https://schema.org/Person"
        item["@type"] = "Thing"
    return item


def script_ld(value) -> Markup:
    """JSON for a ``<script>`` data block: nothing in it can close the block."""
    return inline_json(value)


def dataset(graph, out, today: datetime.date | None = None, text: str | None = None) -> dict:
    """Write ``stagegraph.ttl`` (``text`` when the build already has the graph's Turtle),
    ``stagegraph.nt`` and ``void.ttl`` into ``out``; return what was written."""
    data = graph
    (out / "stagegraph.ttl").write_text(text if text is not None else turtle(data), encoding="utf-8")
    # one order: two builds, one file
    lines = sorted({nt_line(s, p, o) + "\n" for s, p, o in memo.index(data).triples()})
    (out / "stagegraph.nt").write_text("".join(lines), encoding="utf-8")
    void = Graph()
    bind_prefixes(void)
    void.bind("void", VOID)
    void.bind("dcat", DCAT)
    ds = URIRef(BASE + "dataset")
    day = (today or datetime.date.today()).isoformat()
    for p, o in (
        (RDF.type, URIRef(VOID + "Dataset")),
        (RDF.type, URIRef(DCAT + "Dataset")),
        (DCTERMS.title, Literal("stagegraph: ALIEN STAGE knowledge graph", lang="en")),
        (DCTERMS.license, URIRef(LICENCE)),
        (URIRef(DCAT + "version"), Literal(__version__)),
        (DCTERMS.modified, Literal(day, datatype=XSD.date)),
        (URIRef(VOID + "triples"), Literal(len(data))),
        (URIRef(VOID + "uriSpace"), Literal(BASE)),
        (URIRef(VOID + "dataDump"), URIRef(BASE + "stagegraph.ttl")),
        (URIRef(VOID + "dataDump"), URIRef(BASE + "stagegraph.nt")),
    ):
        void.add((ds, p, o))
    (out / "void.ttl").write_text(serialize(void), encoding="utf-8")
    return {"triples": len(data), "date": day, "version": __version__}


HTACCESS = """# Content negotiation for the stagegraph IRIs (the w3id.org convention):
# an entity path answers HTML, Turtle or JSON-LD by the Accept header.
Options +FollowSymLinks -MultiViews
AddType text/turtle .ttl
AddType application/n-triples .nt
AddType application/ld+json .jsonld
DirectoryIndex index.html
RewriteEngine on
RewriteCond %{{HTTP_ACCEPT}} text/turtle
RewriteRule ^({kinds})/([^/]+)/?$ $1/$2/index.ttl [R=303,L]
RewriteCond %{{HTTP_ACCEPT}} application/ld\\+json
RewriteRule ^({kinds})/([^/]+)/?$ $1/$2/index.jsonld [R=303,L]
RewriteRule ^({kinds})/([^/]+)$ $1/$2/ [R=303,L]
"""


def htaccess() -> str:
    from .horizon import PAGE_KINDS

    return HTACCESS.format(kinds="|".join(PAGE_KINDS))


def is_entity(iri: str) -> bool:
    return kind_of(iri) is not None
