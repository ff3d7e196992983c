"""What to call a node: its label in a language (falling back to English), every language's
name, and the last segment of its IRI. Each of these exists here once."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, SKOS

from .namespaces import short

LABEL, PREF_LABEL = RDFS.label, SKOS.prefLabel  # once: each attribute of a namespace makes a new URIRef


def local_name(iri) -> str:
    """The last segment of an IRI: ``…/character/mizi`` → ``mizi``, ``…/ns#Bond`` → ``Bond``."""
    return str(iri).rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def in_language(literals, lang: str = "en") -> Literal | None:
    """The literal in ``lang``, else in English, else the first; None when there is none."""
    literals = list(literals)
    for wanted in (lang, "en"):
        for literal in literals:
            if (literal.language or "").lower().split("-")[0] == wanted:
                return literal
    return literals[0] if literals else None


def label(graph: Graph, node, lang: str = "en") -> str:
    """The node's label in ``lang``, else English, else any, else its short name."""
    labels = [o for o in graph.objects(node, LABEL) if isinstance(o, Literal)]
    labels += [o for o in graph.objects(node, PREF_LABEL) if isinstance(o, Literal)]
    found = in_language(labels, lang)
    return str(found) if found is not None else short(node)


def names(graph: Graph, node) -> dict[str, str]:
    """Every language's name of a node: ``{"en": "Mizi", "ko": "미지", "ja": "ミジ"}``."""
    return {(o.language or ""): str(o) for o in graph.objects(node, RDFS.label) if isinstance(o, Literal)}


def labels_in(graph: Graph, iris) -> dict:
    """``{iri: [its rdfs:label values, sorted]}`` for the entities that have one, read from the
    graph's own index (what the ``#+ labels`` post-pass asks, without parsing a query)."""
    found = {iri: sorted(graph.objects(URIRef(iri), RDFS.label)) for iri in iris}
    return {iri: labels for iri, labels in found.items() if labels}
