"""The ontology documents every term, aligns with public vocabularies, and parses everywhere."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph, Literal
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from stagegraph.choices import LANGUAGES
from stagegraph.rdf.load import load_schema
from stagegraph.rdf.namespaces import SG

ONTOLOGY_KINDS = (
    OWL.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.AnnotationProperty,
    SKOS.Concept,
    SKOS.ConceptScheme,
)


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
        labels = [
            label
            for label in ontology.objects(term, RDFS.label)
            if isinstance(label, Literal) and label.language == "en"
        ]
        definitions = list(ontology.objects(term, SKOS.definition))
        if len(labels) != 1 or not definitions:
            missing.append(str(term))
    assert not missing, f"terms without exactly one English rdfs:label or a skos:definition: {missing}"


def test_every_concept_belongs_to_a_scheme_with_a_preferred_label(ontology):
    for concept in ontology.subjects(RDF.type, SKOS.Concept):
        scheme = ontology.value(concept, SKOS.inScheme)
        assert scheme is not None and (scheme, RDF.type, SKOS.ConceptScheme) in ontology, concept
        assert ontology.value(concept, SKOS.prefLabel) is not None, concept


def test_every_concept_has_one_preferred_label_in_each_site_language(ontology):
    """The site and the relationship page show a concept's label in --lang (confidence and canon
    badges, natures, roles, fates…): a concept without its Korean or Japanese label would show
    in English on a Korean or Japanese page, and SKOS allows one prefLabel per language."""
    wrong = {}
    for concept in ontology.subjects(RDF.type, SKOS.Concept):
        found = [o.language for o in ontology.objects(concept, SKOS.prefLabel) if isinstance(o, Literal)]
        counts = {lang: found.count(lang) for lang in LANGUAGES}
        if set(counts.values()) != {1}:
            wrong[str(concept)] = sorted(found, key=str)
    assert not wrong, f"concepts without exactly one skos:prefLabel in each of {LANGUAGES}: {wrong}"


def test_every_class_property_and_scheme_has_one_label_in_each_site_language(ontology):
    """Pages name a character's attributes, an episode's details and the ontology page's terms by
    their rdfs:label in --lang: a term without its Korean or Japanese label would show in English
    on a Korean or Japanese page."""
    wrong = {}
    for term in project_terms(ontology):
        if (term, RDF.type, SKOS.Concept) in ontology:
            continue  # a concept is named by its skos:prefLabel (the test above)
        found = [o.language for o in ontology.objects(term, RDFS.label) if isinstance(o, Literal)]
        if {lang: found.count(lang) for lang in LANGUAGES} != dict.fromkeys(LANGUAGES, 1):
            wrong[str(term)] = sorted(found, key=str)
    assert not wrong, f"terms without exactly one rdfs:label in each of {LANGUAGES}: {wrong}"


@pytest.mark.parametrize(
    "scheme, values",
    [
        ("BondType", {"mutual", "one-sided", "directed"}),
        ("Nature", {"romantic", "platonic", "family", "rivalry", "guardianship", "protective", "antagonistic"}),
        ("CanonStatus", {"canon", "disputed", "fan-interpretation"}),
        ("Confidence", {"confirmed", "single-source", "inferred", "conflicting"}),
        ("Outcome", {"advanced", "died", "rescued", "unknown"}),
        ("FateStatus", {"alive", "died", "rescued", "disputed", "unknown"}),
        ("CreditRole", {"composer", "lyricist", "arranger", "producer", "vocalist"}),
    ],
)
def test_controlled_values_are_skos_schemes(ontology, scheme, values):
    members = {str(c).rsplit("/", 1)[1] for c in ontology.subjects(SKOS.inScheme, SG[scheme])}
    assert values <= members


@pytest.mark.parametrize(
    "term, target",
    [
        (SG.winner, "http://www.wikidata.org/prop/direct/P1346"),
        (SG.contestant, "http://www.wikidata.org/prop/direct/P710"),
        (SG.released, "http://www.wikidata.org/prop/direct/P577"),
        (SG.source, "http://www.w3.org/ns/prov#wasDerivedFrom"),
        (SG.source, "http://purl.org/dc/terms/source"),
        (SG.Person, "https://schema.org/Person"),
        (SG.Episode, "https://schema.org/Episode"),
    ],
)
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


# --- OWL 2 DL: checked by tools no one here wrote (HermiT and the OWL API, both in owlready2) ---

OWL_DIR = Path(__file__).parent / "owl"
# Outside classes the ontology sub-classes (prov:Entity, schema:Person, …) stay undeclared:
# declared as owl:Class they would count as the universe's own classes in `stagegraph stats`.
OUTSIDE_CLASS = re.compile(r"Use of undeclared class: <(?!https://w3id\.org/stagegraph/)[^>]+>")


@pytest.fixture(scope="module")
def owlready():
    """owlready2 with a Java runtime; skipped without one locally, a failure under CI."""
    missing = "java" if shutil.which("java") is None else None
    try:
        import owlready2
    except ImportError:
        owlready2, missing = None, missing or "owlready2 (pip install -e '.[test]')"
    if missing:
        reason = f"the OWL reasoner tests need {missing}; .ci/run installs it"
        pytest.fail(reason) if os.environ.get("CI") else pytest.skip(reason)
    return owlready2


def as_ntriples(paths, tmp_path: Path, extra: str = "") -> Path:
    graph = Graph()
    for path in paths:
        graph.parse(path, format="turtle")
    graph.parse(data=PREFIXES + extra, format="turtle")
    out = tmp_path / "ontology.nt"
    graph.serialize(out, format="nt", encoding="utf-8")
    return out


def hermit(owlready, paths, tmp_path: Path, extra: str = "", *, opaque_dates: bool = False):
    """Run HermiT over the files (plus ``extra`` Turtle); return the reasoned world.

    ``opaque_dates`` lets HermiT read literals of datatypes outside the OWL 2 datatype map
    (the data's xsd:date and xsd:gMonthDay) as values it knows nothing of."""
    world = owlready.World()
    world.get_ontology(as_ntriples(paths, tmp_path, extra).as_uri()).load()
    owlready.sync_reasoner_hermit(world, debug=0, ignore_unsupported_datatypes=opaque_dates)
    return world


def dl_violations(owlready, paths, tmp_path: Path, extra: str = "") -> list[str]:
    """The OWL API's OWL 2 DL profile violations, less the tolerated outside classes."""
    jar = Path(owlready.__file__).parent / "hermit" / "HermiT.jar"
    document = as_ntriples(paths, tmp_path, extra)
    done = subprocess.run(
        ["java", "-cp", str(jar), str(OWL_DIR / "DLProfile.java"), str(document)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return [line for line in done.stdout.splitlines() if not OUTSIDE_CLASS.search(line)]


PREFIXES = """@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix sg: <https://w3id.org/stagegraph/ns#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
GMONTHDAY_RANGE = "sg:birthday rdfs:range xsd:gMonthDay ."
UNSATISFIABLE = "sg:Impossible a owl:Class ; rdfs:subClassOf sg:Alien, sg:Human . sg:Alien owl:disjointWith sg:Human ."
NOTE_AS_DATA = "sg:note a owl:DatatypeProperty ."  # what sg:note was: data and annotation property
AGE_IN_WORDS = '<https://w3id.org/stagegraph/character/x> a sg:Human ; sg:age "twenty" .'


@pytest.mark.slow
def test_hermit_reasons_over_the_ontology_alone(owlready, ontology_dir, tmp_path):
    world = hermit(owlready, [ontology_dir / "stagegraph.ttl"], tmp_path)  # raises if HermiT refuses it
    assert list(world.inconsistent_classes()) == []


@pytest.mark.slow
def test_hermit_finds_the_ontology_and_the_data_consistent(owlready, ontology_dir, data_dir, tmp_path):
    paths = [ontology_dir / "stagegraph.ttl", *sorted(data_dir.glob("*.ttl"))]
    world = hermit(owlready, paths, tmp_path, opaque_dates=True)  # raises if inconsistent
    assert list(world.inconsistent_classes()) == []


@pytest.mark.slow
def test_the_ontology_is_in_the_owl2_dl_profile(owlready, ontology_dir, tmp_path):
    assert dl_violations(owlready, [ontology_dir / "stagegraph.ttl"], tmp_path) == []


@pytest.mark.slow
def test_hermit_refuses_a_range_outside_the_owl2_datatype_map(owlready, ontology_dir, tmp_path):
    with pytest.raises(owlready.OwlReadyJavaError, match="not part of the OWL 2 datatype map"):
        hermit(owlready, [ontology_dir / "stagegraph.ttl"], tmp_path, GMONTHDAY_RANGE)


@pytest.mark.slow
def test_hermit_flags_an_unsatisfiable_class(owlready, ontology_dir, tmp_path):
    world = hermit(owlready, [ontology_dir / "stagegraph.ttl"], tmp_path, UNSATISFIABLE)
    assert str(SG.Impossible) in {c.iri for c in world.inconsistent_classes()}


@pytest.mark.slow
def test_hermit_finds_data_that_contradicts_the_ontology(owlready, ontology_dir, tmp_path):
    with pytest.raises(owlready.OwlReadyInconsistentOntologyError):
        hermit(owlready, [ontology_dir / "stagegraph.ttl"], tmp_path, AGE_IN_WORDS, opaque_dates=True)


@pytest.mark.slow
def test_the_dl_profile_check_catches_a_data_property_that_is_also_an_annotation(owlready, ontology_dir, tmp_path):
    violations = dl_violations(owlready, [ontology_dir / "stagegraph.ttl"], tmp_path, NOTE_AS_DATA)
    assert any(v.startswith("IllegalPunning") and "ns#note" in v for v in violations), violations
