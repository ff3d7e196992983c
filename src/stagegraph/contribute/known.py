"""What ``stagegraph new`` reads from the data, as JSON for a page that writes the same Turtle
without a graph (the website's contribute page, ``site/contribute/js/patch.js``).

``new`` looks up: the entities a name may pick (by class), their English labels (a bond's and a
match's labels name them), the IRIs already taken (a new IRI is numbered past them) and, for
each, the triples that make it the same fact (its IRI is then reused), whether it has a
confidence (more evidence keeps it), the sources by URL, the series an episode belongs to, and
the prefixes canonical Turtle writes. ``known`` gathers them from one graph — in a spoiler
horizon, the graph as of its episode, so the page knows nothing revealed later.
"""

from __future__ import annotations

import sys
import unicodedata
from functools import lru_cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from ..rdf.labels import label, local_name
from ..rdf.names import instances
from ..rdf.namespaces import BASE, SG, bind_prefixes
from .options import KIND_CLASS

# The kinds of IRI new mints (Builder.fresh), and the predicates its "same fact" checks read.
MINTED = ("bond", "character", "credit", "episode", "fate", "match", "organization", "person", "song", "source")
MINTED += ("statement",)
IDENTITY = (
    SG["from"],
    SG.to,
    SG.nature,
    SG.bondType,
    SG.fateOf,
    SG.fateStatus,
    SG.episode,
    SG.creditFor,
    SG.agent,
    SG.role,
    SG.url,
    RDFS.label,
    SG.statementSubject,
    SG.statementProperty,
    SG.statementValue,
    SG.confidence,
)
NAMES = (RDFS.label, SKOS.prefLabel, SKOS.altLabel)


def term_key(term) -> str | list:
    """A term as the page compares it: an IRI's text, or ``[lexical form, language, datatype]``
    (the language lower-cased: rdflib, like RDF, compares tags without case)."""
    if isinstance(term, Literal):
        return [str(term), (term.language or "").lower(), str(term.datatype or "")]
    return str(term)


def writer_prefixes() -> dict[str, str]:
    """The prefixes canonical Turtle may write for new's graph (rdf/canonical.py's _Writer: the
    graph's bindings, the project's over rdflib's)."""
    from ..rdf.namespaces import PREFIXES

    graph = Graph()
    bind_prefixes(graph)
    return {**{p: str(u) for p, u in graph.namespaces() if p}, **PREFIXES}


@lru_cache(maxsize=1)
def unassigned() -> list[list[int]]:
    """The code point ranges this Python's Unicode does not assign: new's slugs drop them, as
    NFKD leaves them alone here (a browser's newer Unicode may decompose some to letters)."""
    found, start = [], None
    for point in range(sys.maxunicode + 1):
        free = unicodedata.category(chr(point)) == "Cn"
        if free and start is None:
            start = point
        elif not free and start is not None:
            found.append([start, point - 1])
            start = None
    if start is not None:
        found.append([start, sys.maxunicode])
    return found


def known(graph: Graph, ontology: Graph, classes, lang: str = "en", offered=None) -> dict:
    """What new reads from ``graph`` (data and ontology), for the entity ``classes`` the forms pick
    from; ``offered(iri)`` says which entities the page may offer to pick (default: every one).
    The IRIs taken and the sources' URLs are the whole graph's: a horizon's graph holds nothing
    revealed later, so they give nothing away."""
    wanted = {URIRef(c) for c in classes} | {SG.Source, SG.Episode, SG.Series}
    by_class = {str(c): sorted(str(i) for i in instances(graph, ontology, c) if _ok(i, offered)) for c in wanted}
    picked = {iri for found in by_class.values() for iri in found}
    entities = {iri: _entity(graph, URIRef(iri), lang) for iri in sorted(picked)}
    taken = sorted(str(s) for s in set(graph.subjects()) if isinstance(s, URIRef) and _minted(str(s)))
    identity = {}
    for iri in taken:
        found = {}
        for predicate in IDENTITY:
            values = [term_key(o) for o in graph.objects(URIRef(iri), predicate) if _wanted(predicate, o)]
            if values:
                found[str(predicate)] = sorted(values, key=str)
        if found:
            identity[iri] = found
    urls = {}
    for source in sorted(graph.subjects(SG.url, None), key=str):
        url = graph.value(source, SG.url)
        if url is not None:
            urls.setdefault(str(url), str(source))
    series = sorted(graph.subjects(RDF.type, SG.Series))
    return {
        "lang": lang,
        "base": BASE,
        "classes": by_class,
        "entities": entities,
        "taken": taken,
        "identity": identity,
        "urls": urls,
        "series": str(series[0]) if series else None,
        "prefixes": writer_prefixes(),
        "unassigned": unassigned(),
        "classNames": {c: label(ontology, URIRef(c)) for c in by_class},
        "kinds": {kind: str(cls) for kind, cls in KIND_CLASS.items()},
    }


def _wanted(predicate, value) -> bool:
    """Only English labels make two named entities the same (new's check asks for the English name)."""
    return predicate != RDFS.label or (isinstance(value, Literal) and (value.language or "").lower() == "en")


def _ok(iri, offered) -> bool:
    return offered is None or offered(str(iri))


def _minted(iri: str) -> bool:
    if not iri.startswith(BASE):
        return False
    kind, sep, _ = iri[len(BASE) :].partition("/")
    return bool(sep) and kind in MINTED


def _entity(graph: Graph, node: URIRef, lang: str) -> dict:
    names = sorted({str(o) for p in NAMES for o in graph.objects(node, p) if isinstance(o, Literal)})
    made = {"en": label(graph, node), "t": label(graph, node, lang), "n": [*names, local_name(node)]}
    order = graph.value(node, SG.order)
    if isinstance(order, Literal) and isinstance(order.toPython(), int):
        made["o"] = order.toPython()
    return made
