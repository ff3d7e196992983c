"""The ontology documents every term, aligns with public vocabularies, and parses everywhere."""

from __future__ import annotations

import pyoxigraph
import pytest
from rdflib import Graph, Literal
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from stagegraph.rdf.load import load_schema
from stagegraph.rdf.namespaces import SG

ONTOLOGY_KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, SKOS.Concept, SKOS.ConceptScheme)


@pytest.fixture(scope="module")
def ontology(ontology_dir) -> Graph:
    return load_schema([ontology_dir])[0].graph


def project_terms(graph: Graph):
    for kind in ONTOLOGY_KINDS:
        for term in graph.subjects(RDF.type, kind):
            if str(term).startswith("https://w3id.org/stagegraph/"):
                yield term


def test_every_term_has_an_english_label_and_a_definition(ontology):
    missing = []
    for term in project_terms(ontology):
        labels = [l for l in ontology.objects(term, RDFS.label) if isinstance(l, Literal) and l.language == "en"]
        definitions = list(ontology.objects(term, SKOS.definition))
        if len(labels) != 1 or not definitions:
            missing.append(str(term))
    assert not missing, f"terms without exactly one English rdfs:label or a skos:definition: {missing}"


def test_every_concept_belongs_to_a_scheme_with_a_preferred_label(ontology):
    for concept in ontology.subjects(RDF.type, SKOS.Concept):
        scheme = ontology.value(concept, SKOS.inScheme)
        assert scheme is not None and (scheme, RDF.type, SKOS.ConceptScheme) in ontology, concept
        assert ontology.value(concept, SKOS.prefLabel) is not None, concept


@pytest.mark.parametrize("scheme, values", [
    ("BondType", {"mutual", "one-sided", "directed"}),
    ("Nature", {"romantic", "platonic", "family", "rivalry", "guardianship", "protective", "antagonistic"}),
    ("CanonStatus", {"canon", "disputed", "fan-interpretation"}),
    ("Confidence", {"confirmed", "single-source", "inferred", "conflicting"}),
    ("Outcome", {"advanced", "died", "rescued", "unknown"}),
    ("FateStatus", {"alive", "died", "rescued", "disputed", "unknown"}),
    ("CreditRole", {"composer", "lyricist", "arranger", "producer", "vocalist"}),
])
def test_controlled_values_are_skos_schemes(ontology, scheme, values):
    members = {str(c).rsplit("/", 1)[1] for c in ontology.subjects(SKOS.inScheme, SG[scheme])}
    assert values <= members


@pytest.mark.parametrize("term, target", [
    (SG.winner, "http://www.wikidata.org/prop/direct/P1346"),
    (SG.contestant, "http://www.wikidata.org/prop/direct/P710"),
    (SG.released, "http://www.wikidata.org/prop/direct/P577"),
    (SG.source, "http://www.w3.org/ns/prov#wasDerivedFrom"),
    (SG.source, "http://purl.org/dc/terms/source"),
    (SG.Person, "https://schema.org/Person"),
    (SG.Episode, "https://schema.org/Episode"),
])
def test_terms_align_with_public_vocabularies(ontology, term, target):
    from rdflib import URIRef

    links = {RDFS.subClassOf, RDFS.subPropertyOf, SKOS.exactMatch, SKOS.closeMatch}
    assert any((term, link, URIRef(target)) in ontology for link in links)


def test_bond_facets_are_separate_properties(ontology):
    for prop in (SG.bondType, SG.nature, SG.canonStatus, SG["from"], SG.to, SG.revealedIn):
        assert (prop, RDF.type, OWL.ObjectProperty) in ontology


def test_every_ontology_file_parses_with_oxigraph(ontology_dir):
    for path in sorted(ontology_dir.glob("*.ttl")):
        triples = list(pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE))
        assert triples, path
