"""Every bundled data file, one test id each: parses twice, uses known terms, conforms."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF

from stagegraph import bundle
from stagegraph.rdf.namespaces import BASE, ENTITY_KINDS

DATA_FILES = sorted(bundle.data_dir().glob("*.ttl"))
SLUG = re.compile(rf"^{re.escape(BASE)}({'|'.join(ENTITY_KINDS)})/[a-z0-9]+(-[a-z0-9]+)*$")
ids = [p.name for p in DATA_FILES]


def project_terms(graph: Graph):
    for triple in graph:
        for term in triple:
            if isinstance(term, URIRef) and str(term).startswith(BASE):
                yield term


@pytest.fixture(scope="module")
def ontology(universe) -> Graph:
    return universe.ontology.graph


def test_data_folder_has_a_file_per_topic():
    assert {p.stem for p in DATA_FILES} >= {
        "sources",
        "series",
        "characters",
        "fates",
        "matches",
        "songs",
        "people",
        "bonds",
    }


@pytest.mark.parametrize("path", DATA_FILES, ids=ids)
def test_parses_with_oxigraph_too(path: Path):
    """A second, independent parser, so rdflib's leniency cannot hide a syntax error."""
    triples = list(pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(triples) == len(Graph().parse(path))


@pytest.mark.parametrize("path", DATA_FILES, ids=ids)
def test_has_no_blank_nodes(path: Path):
    graph = Graph().parse(path)
    assert not [t for t in graph if any(isinstance(x, BNode) for x in t)]


@pytest.mark.parametrize("path", DATA_FILES, ids=ids)
def test_uses_only_terms_the_ontology_defines(path: Path, ontology: Graph):
    graph = Graph().parse(path)
    unknown = sorted(
        {str(t) for t in project_terms(graph) if not SLUG.match(str(t)) and (t, None, None) not in ontology}
    )
    assert not unknown, f"{path.name} uses terms the ontology does not define: {unknown}"


@pytest.mark.parametrize("path", DATA_FILES, ids=ids)
def test_entity_iris_are_readable_slugs(path: Path):
    graph = Graph().parse(path)
    bad = sorted(
        {
            str(s)
            for s in graph.subjects()
            if isinstance(s, URIRef) and str(s).startswith(BASE) and not SLUG.match(str(s))
        }
    )
    assert not bad, f"{path.name}: IRIs that are not <kind>/<lowercase-slug>: {bad}"


@pytest.mark.parametrize("path", DATA_FILES, ids=ids)
def test_every_referenced_entity_is_defined(path: Path, universe, ontology: Graph):
    data = universe.data.graph
    graph = Graph().parse(path)
    dangling = sorted(
        {
            str(o)
            for o in graph.objects()
            if isinstance(o, URIRef)
            and SLUG.match(str(o))
            and (o, RDF.type, None) not in data
            and (o, None, None) not in ontology
        }
    )
    assert not dangling, f"{path.name} refers to entities no data file defines: {dangling}"


@pytest.mark.parametrize("path", DATA_FILES, ids=ids)
def test_conforms_to_the_shapes(path: Path, bundled_report):
    problems = [r for r in bundled_report.results if r.file and Path(r.file).name == path.name]
    assert not problems, "\n".join(f"{r.focus} {r.path}: {r.message}" for r in problems)


def test_whole_bundled_graph_conforms(bundled_report):
    assert bundled_report.conforms, "\n".join(f"{r.file} {r.focus}: {r.message}" for r in bundled_report.results)


def test_literals_with_language_tags_are_lowercase_primary(universe):
    for literal in universe.data.graph.objects():
        if isinstance(literal, Literal) and literal.language:
            assert re.match(r"^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$", literal.language), literal
