"""Names, slugs and IRIs → the entity they mean (``Mizi``, ``mizi``, ``https://…/character/mizi``)."""

from __future__ import annotations

import difflib

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from ..errors import UnknownEntity
from .labels import in_language, local_name
from .namespaces import PREFIXES, SAFE_IRI

NAME_PROPERTIES = (RDFS.label, SKOS.prefLabel, SKOS.altLabel)


def expand(name: str) -> URIRef:
    """``sg:Character`` → its full IRI (full IRIs pass through)."""
    prefix, sep, local = name.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        return URIRef(PREFIXES[prefix] + local)
    return URIRef(name)


def instances(graph: Graph, ontology: Graph, cls: URIRef) -> set:
    """Every node typed with ``cls`` or one of its sub-classes."""
    classes = set(ontology.transitive_subjects(RDFS.subClassOf, cls)) | {cls}
    return {s for c in classes for s in graph.subjects(RDF.type, c)}


def class_name(ontology: Graph, cls, kind: str) -> str:
    """What an error calls an instance of ``cls``: its English label (``character``), else ``kind``."""
    found = in_language(ontology.objects(cls, RDFS.label))
    return str(found) if found is not None else kind


def _names(graph: Graph, node) -> set[str]:
    names = {str(o) for p in NAME_PROPERTIES for o in graph.objects(node, p)}
    names.add(local_name(node))
    return names


def resolve(value: str, kind: str, graph: Graph, ontology: Graph, param: str = "value"):
    """The RDF term that ``value`` names, as an instance of ``kind`` (or a literal)."""
    if kind == "literal":
        return Literal(value)
    cls = expand(kind)
    named = {node: _names(graph, node) for node in instances(graph, ontology, cls)}
    return pick(value, named, class_name(ontology, cls, kind), param)


CANDIDATES = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?entity ?name WHERE {
  ?entity a/rdfs:subClassOf* ?class .
  OPTIONAL { ?entity rdfs:label|skos:prefLabel|skos:altLabel ?name }
}"""


IN_CLASS = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
ASK WHERE { ?entity a/rdfs:subClassOf* ?class }"""


def find_in(store, value: str, kind: str, what: str, param: str = "value"):
    """``resolve`` against an Oxigraph store: the name table beside it gives the entities that
    ``value`` names, as ``pick`` would match them; only when that is not exactly one entity
    of ``kind`` is every candidate fetched, for ``pick``'s ambiguity check and suggestions."""
    wanted, cls = value.strip().casefold(), expand(kind)
    hits = set(store.named(wanted))
    if value.startswith(("http://", "https://")):
        hits.add(value)
    hits = {iri for iri in hits if SAFE_IRI.match(iri)}
    found = {
        iri for iri in sorted(hits)[:10] if store.query(IN_CLASS, "ask", {"class": cls, "entity": URIRef(iri)}).boolean
    }
    if wanted and "/" not in wanted and "#" not in wanted:  # a slug: the last segment of the IRI
        found |= {str(row[0]) for row in store.query(SLUGGED, "select", {"class": cls, "wanted": Literal(wanted)}).rows}
    if len(found) == 1 and len(hits) <= 10:
        return URIRef(found.pop())
    return pick(value, candidates_from(store, kind), what, param)


SLUGGED = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?entity WHERE {
  ?entity a/rdfs:subClassOf* ?class .
  BIND(LCASE(REPLACE(STR(?entity), "/+$", "")) AS ?iri)
  FILTER(STRENDS(?iri, CONCAT("/", ?wanted)) || STRENDS(?iri, CONCAT("#", ?wanted)))
}"""


def candidates_from(store, kind: str) -> dict:
    """``{entity: names}`` for every instance of ``kind``, read from a query store (e.g. Oxigraph)."""
    result = store.query(CANDIDATES, "select", {"class": expand(kind)})
    named: dict = {}
    for entity, name in result.rows:
        names = named.setdefault(entity, {local_name(entity)})
        if name is not None:
            names.add(str(name))
    return named


def pick(value: str, named: dict, what: str, param: str = "value"):
    """The one entity of ``named`` (``{entity: names}``) that ``value`` is the IRI or a name of."""
    if value.startswith(("http://", "https://")) and URIRef(value) in named:
        return URIRef(value)
    wanted = value.strip().casefold()
    found = sorted({node for node, names in named.items() if wanted in {n.casefold() for n in names}})
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        raise UnknownEntity(f"'{value}' names several {what}s ({', '.join(found)}); pass the IRI of the one you mean")
    everything = {name: node for node, names in named.items() for name in names}
    found_names = difflib.get_close_matches(value, list(everything), n=8, cutoff=0.5)
    found_names += [n for n in everything if wanted and wanted in n.casefold() and n not in found_names]
    close, seen = [], set()
    for name in found_names:  # one suggestion per entity (not its name and its slug)
        if everything[name] not in seen and len(close) < 4:
            seen.add(everything[name])
            close.append(name)
    hint = f"closest matches: {', '.join(close)}" if close else f"give the name, slug or IRI of an existing {what}"
    raise UnknownEntity(f"no {what} named '{value}' for parameter {param}; {hint}")
