"""The ontology and shapes documentation page: every class, property and SKOS concept with its
label, definition, alignments and the shapes that constrain it (pyLODE ignores SHACL, so this
page is our own; it links pyLODE's documentation of the OWL part, ``owlreference``)."""

from __future__ import annotations

from rdflib import BNode, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from ..rdf.labels import label
from ..rdf.namespaces import SG, short
from . import owlreference

SH = "http://www.w3.org/ns/shacl#"
ALIGN = (OWL.equivalentClass, OWL.equivalentProperty, SKOS.exactMatch, SKOS.closeMatch, RDFS.seeAlso)
GROUPS = (
    ("class", (OWL.Class,)),
    ("property", (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)),
    ("concept", (SKOS.ConceptScheme, SKOS.Concept)),
)


def anchor(term) -> str:
    return short(term).replace(":", "-").replace("/", "-").replace("#", "-")


def shapes_of(shapes) -> dict[str, set[str]]:
    """Term IRI → the shapes that target it (sh:targetClass) or constrain it (sh:path, sh:class)."""
    found: dict[str, set[str]] = {}
    sh = lambda name: URIRef(SH + name)  # noqa: E731
    for shape in set(shapes.subjects(RDF.type, sh("NodeShape"))):
        for target in shapes.objects(shape, sh("targetClass")):
            found.setdefault(str(target), set()).add(str(shape))
        for prop in shapes.objects(shape, sh("property")):
            for p in (sh("path"), sh("class")):
                for term in shapes.objects(prop, p):
                    if not isinstance(term, BNode):
                        found.setdefault(str(term), set()).add(str(shape))
    return found


def terms(ontology, shapes, lang: str) -> list[dict]:
    constrained = shapes_of(shapes)
    groups = []
    for key, types in GROUPS:
        members = sorted(
            {
                s
                for t in types
                for s in ontology.subjects(RDF.type, t)
                if isinstance(s, URIRef) and str(s).startswith("https://w3id.org/stagegraph/")
            }
        )
        groups.append({"key": key, "terms": [_term(ontology, t, lang, constrained) for t in members]})
    return groups


def _term(ontology, term, lang: str, constrained: dict) -> dict:
    definition = ontology.value(term, SKOS.definition) or ontology.value(term, RDFS.comment) or ""
    supers = [
        o
        for p in (RDFS.subClassOf, RDFS.subPropertyOf, SKOS.broader, SKOS.inScheme)
        for o in ontology.objects(term, p)
        if isinstance(o, URIRef)
    ]
    return {
        "iri": str(term),
        "id": anchor(term),
        "short": short(term),
        "label": label(ontology, term, lang),
        "definition": str(definition),
        "aligned": sorted(str(o) for p in ALIGN for o in ontology.objects(term, p) if isinstance(o, URIRef)),
        "supers": [
            {"short": short(s), "id": anchor(s) if str(s).startswith(str(SG)[:-3]) else ""} for s in sorted(supers)
        ],
        "domain": [short(o) for o in ontology.objects(term, RDFS.domain)],
        "range": [short(o) for o in ontology.objects(term, RDFS.range)],
        "shapes": sorted(short(s) for s in constrained.get(str(term), ())),
    }


def write(site) -> None:
    universe = site.universe
    groups = terms(universe.ontology.graph, universe.shapes.graph, site.lang)
    documented = owlreference.write(site)
    site.render("ontology.html", "ns/index.html", title=site.w["ontology"], groups=groups, pylode=documented)
