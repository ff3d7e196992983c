"""The project's namespaces and the fixed prefix block every Turtle file uses."""

from __future__ import annotations

import re

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

BASE = "https://w3id.org/stagegraph/"
SG = Namespace(BASE + "ns#")
SCHEMA = Namespace("https://schema.org/")
# An IRI that can be written between < and > in Turtle or SPARQL without closing or breaking them.
SAFE_IRI = re.compile(r'^[^<>"{}|^`\\\x00-\x20]*\Z')

# Entity kinds: https://w3id.org/stagegraph/<kind>/<slug>
ENTITY_KINDS = (
    "bond",
    "character",
    "credit",
    "episode",
    "fate",
    "match",
    "organization",
    "person",
    "place",
    "series",
    "song",
    "source",
    "statement",
)
# SKOS schemes of controlled values: https://w3id.org/stagegraph/vocab/<scheme>/<value>
VOCAB_SCHEMES = (
    "bondtype",
    "canon",
    "confidence",
    "episodekind",
    "nature",
    "outcome",
    "role",
    "sourcekind",
    "status",
)

PREFIXES: dict[str, str] = {
    "sg": str(SG),
    **{kind: f"{BASE}{kind}/" for kind in ENTITY_KINDS},
    **{scheme: f"{BASE}vocab/{scheme}/" for scheme in VOCAB_SCHEMES},
    "dcterms": str(DCTERMS),
    "foaf": "http://xmlns.com/foaf/0.1/",
    "owl": str(OWL),
    "prov": str(PROV),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "schema": str(SCHEMA),
    "sh": "http://www.w3.org/ns/shacl#",
    "shape": f"{BASE}shapes#",
    "skos": str(SKOS),
    "vann": "http://purl.org/vocab/vann/",
    "wd": "http://www.wikidata.org/entity/",
    "wdt": "http://www.wikidata.org/prop/direct/",
    "xsd": str(XSD),
}


def bind_prefixes(graph) -> None:
    """Bind the project's prefixes on ``graph`` (replacing rdflib's defaults)."""
    for prefix, uri in PREFIXES.items():
        graph.bind(prefix, uri, override=True, replace=True)


def short(term) -> str:
    """A compact name for an IRI (``character:mizi``), or the term's text."""
    text = str(term)
    best = ""
    for prefix, uri in PREFIXES.items():
        if text.startswith(uri) and len(uri) > len(PREFIXES.get(best, "")):
            best = prefix
    if best:
        return f"{best}:{text[len(PREFIXES[best]) :]}"
    return text
