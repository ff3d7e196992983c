"""The fast validation path (validate/setwise/) gives pySHACL's report, result for result.

Compared on every shape fixture (merged with tests/shapes/base.ttl), on the bundled graph and
on a synthetic universe with faults of every kind injected. Blank nodes are compared by
position only: their labels differ from one parse to the next in pySHACL's path too.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF

from helpers import ROOT, cli, inject_faults, synth_module
from stagegraph.bundle import data_dir, ontology_dir
from stagegraph.rdf.load import load, load_schema, rdf_files
from stagegraph.store.oxigraph import in_memory
from stagegraph.validate import make_engine
from stagegraph.validate.engine import Data, Shapes
from stagegraph.validate.setwise.engine import unsupported
from stagegraph.validate.setwise.faithful import file_literals
from stagegraph.validate.setwise.origins import origins

FIXTURES = ROOT / "tests" / "shapes"
SG = Namespace("https://w3id.org/stagegraph/ns#")
SH = Namespace("http://www.w3.org/ns/shacl#")
BASE = "https://w3id.org/stagegraph/"
# rdflib labels a blank node N + 32 hex digits; Oxigraph writes a random 128-bit number in hex,
# without leading zeros (31 digits one time in 16).
LABEL = re.compile(r"^(N[0-9a-f]{32}|[0-9a-f]{16,32})$")


@pytest.fixture(scope="module")
def schema():
    return load_schema([ontology_dir()])


def both(paths: list[Path], schema, shapes: Graph | None = None, reference=None):
    """(pySHACL's results, the fast engine's results, pySHACL's report) for the files ``paths``,
    comparable; each engine reads the files as ``Universe.check`` hands them over."""
    ontology, loaded_shapes = schema
    shapes = Shapes(shapes if shapes is not None else loaded_shapes.graph, loaded_shapes.origin)
    data = load(paths)
    files = rdf_files(paths)
    built = {}

    def store():
        built["store"], _ = in_memory(files + list(ontology.files))
        return built["store"]

    if reference is None:
        reference = make_engine("pyshacl").validate(Data(ontology.graph, lambda: (data.graph, data.origin)), shapes)
    fast = make_engine("fast").validate(
        Data(
            ontology.graph,
            lambda: (data.graph, data.origin),
            store,
            lambda n: origins(files, n, built["store"]),
            lambda: file_literals(files + list(ontology.files)),
        ),
        shapes,
    )
    return _comparable(reference.results), _comparable(fast.results), reference


def _comparable(results) -> list[tuple]:
    def plain(text):
        return "_:b" if text is not None and LABEL.match(text) else text

    return sorted(
        (
            r.severity,
            plain(r.focus),
            r.message,
            r.path,
            plain(r.value),
            r.shape,
            r.file,
            r.component,
            r.source_shape if not (r.source_shape or "").startswith("_:") else "_:b",
            r.value_term if not (r.value_term or "").startswith("_:") else "_:b",
        )
        for r in results
    )


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("*/*.ttl")), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_the_fast_path_reports_what_pyshacl_reports_on_each_shape_fixture(fixture, schema, shape_reference):
    reference, fast, report = both([FIXTURES / "base.ttl", fixture], schema, reference=shape_reference(fixture))
    assert fast == reference
    assert bool(report.results) == fixture.name.startswith("bad-")


@pytest.mark.slow  # over 3 s here (make test-fast --durations)
def test_the_fast_path_reports_what_pyshacl_reports_on_the_bundled_graph(schema):
    """The bundled data writes sg:durationMinutes 8.0, which Oxigraph's store keeps as "8", and the
    shapes have SPARQL constraints: the engine declines, and says so."""
    reference, fast, _ = both([data_dir()], schema)
    assert fast == reference == []
    result = cli("validate", "--engine", "fast", "-v")
    assert result.exit_code == 0 and "declined" in result.stderr and "8.0" in result.stderr


def test_every_shape_of_the_project_is_on_the_fast_path(schema):
    assert unsupported(schema[1].graph) == []


def test_the_fast_path_reports_what_pyshacl_reports_on_a_synthetic_universe_with_faults(schema, tmp_path):
    texts, _ = synth_module().generate(30)
    graph = Graph()
    for text in texts.values():
        graph.parse(data=text, format="turtle")
    kinds = inject_faults(graph)
    (tmp_path / "u").mkdir()
    graph.serialize(tmp_path / "u" / "all.ttl", format="turtle")
    reference, fast, report = both([tmp_path / "u"], schema)
    assert fast == reference
    assert len({r.message for r in report.results}) >= kinds


def test_a_shape_the_fast_path_does_not_cover_makes_it_decline_to_pyshacl(schema, tmp_path):
    shapes = Graph()
    shapes += schema[1].graph
    odd = URIRef(BASE + "shapes#OddShape")
    choices = [BNode(), BNode()]
    shapes.add((odd, RDF.type, SH.NodeShape))
    shapes.add((odd, SH.targetClass, SG.Place))
    shapes.add((odd, SH.message, Literal("A place is both or neither.")))
    from rdflib.collection import Collection

    listed = BNode()
    Collection(shapes, listed, choices)
    shapes.add((odd, SH.xone, listed))
    shapes.add((choices[0], SH["class"], SG.Place))
    shapes.add((choices[1], SH.nodeKind, SH.IRI))
    assert [why.split(":")[0] for why in unsupported(shapes)] == [str(odd).split(":")[0]]
    reference, fast, report = both([FIXTURES / "base.ttl"], schema, shapes=shapes)
    assert fast == reference
    assert any(r.shape == str(odd) for r in report.results)


COUNTED = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix sg: <https://w3id.org/stagegraph/ns#> .
@prefix ex: <https://example.org/> .
ex:CountShape a sh:NodeShape ; sh:targetClass sg:Place ;
    sh:property [ sh:path ex:p ; sh:minCount 1 ; sh:maxCount 1 ; sh:message "one" ] ,
        [ sh:path ex:p ; sh:maxCount 1 ; sh:message "at most one" ] ,
        [ sh:path ex:p ; sh:maxCount 0 ; sh:message "none" ] ,
        [ sh:path ex:p ; sh:maxCount 2 ; sh:message "at most two" ] ,
        [ sh:path ex:p ; sh:minCount 2 ; sh:message "at least two" ] ,
        [ sh:path ex:p ; sh:minCount 2 ; sh:maxCount 3 ; sh:message "two or three" ] ,
        [ sh:path [ sh:inversePath ex:q ] ; sh:minCount 1 ; sh:maxCount 1 ; sh:message "one pointer" ] ,
        [ sh:path ex:r ; sh:class sg:Character ; sh:message "a character" ] ,
        [ sh:path ex:r ; sh:qualifiedValueShape [ sh:class sg:Character ] ; sh:qualifiedMinCount 1 ;
          sh:qualifiedMaxCount 1 ; sh:message "one character" ] ,
        [ sh:path ex:p ; sh:hasValue 1 ; sh:message "has one" ] .
"""

COUNTED_DATA = """
@prefix sg: <https://w3id.org/stagegraph/ns#> .
@prefix ex: <https://example.org/> .
ex:p0 a sg:Place .
ex:p1 a sg:Place ; ex:p 1 ; ex:r ex:c1 .
ex:p2 a sg:Place ; ex:p 1, "1" ; ex:r "a literal", ex:p1 .
ex:p3 a sg:Place ; ex:p 1, 2, ex:p0 ; ex:r ex:c2, ex:nothing .
ex:p4 a sg:Place ; ex:r ex:c1, ex:c2 .
ex:c1 a sg:Character ; ex:q ex:p1, ex:p2 .
ex:c2 a sg:Contestant ; ex:q ex:p2 .
"""


def test_count_bounds_and_classes_give_what_pyshacl_gives(schema, tmp_path):
    """Each form a count takes (none, a pair of values, a grouping; qualified too), and sh:class and
    sh:hasValue as MINUS, against pySHACL."""
    shapes = Graph()
    shapes += schema[1].graph
    shapes.parse(data=COUNTED, format="turtle")
    (tmp_path / "counted.ttl").write_text(COUNTED_DATA, encoding="utf-8")
    assert unsupported(shapes) == []
    reference, fast, report = both([FIXTURES / "base.ttl", tmp_path / "counted.ttl"], schema, shapes=shapes)
    assert fast == reference
    seen = {r.message for r in report.results}
    assert {
        "one",
        "at most one",
        "none",
        "at most two",
        "at least two",
        "two or three",
        "one pointer",
        "a character",
        "one character",
        "has one",
    } <= seen


@pytest.mark.parametrize("engine", ["pyshacl", "fast"])
def test_validate_engine_gives_the_same_lines_and_exit_code(engine, run):
    bad = FIXTURES / "SlotShape" / "bad-position-three.ttl"
    result = run("validate", "--engine", engine, str(FIXTURES / "base.ttl"), str(bad))
    assert result.exit_code == 1
    assert "sg:position must be the number 1 or 2" in result.output


def test_not_exists_becomes_minus_only_where_the_answers_are_the_same():
    from stagegraph.validate.setwise.rewrite import not_exists_as_minus

    plain = "SELECT ?this WHERE { ?this <p> ?x . FILTER NOT EXISTS { ?s <q> ?this } }"
    assert "MINUS { ?s <q> ?this }" in not_exists_as_minus(plain)
    assert "NOT EXISTS" not in not_exists_as_minus(plain)
    unbound = "SELECT ?this WHERE { ?this <p> ?x . FILTER (?y > 1) FILTER NOT EXISTS { ?this <q> ?y } }"
    unshared = "SELECT ?this WHERE { ?this <p> ?x . FILTER NOT EXISTS { ?s <q> ?o } }"
    optional = "SELECT ?this WHERE { ?this <p> ?x . OPTIONAL { ?this <r> ?y } FILTER NOT EXISTS { ?this <q> ?y } }"
    for text in (unbound, unshared, optional):
        assert not_exists_as_minus(text) == text


def test_not_exists_over_a_variable_predicate_stays_not_exists():
    """MINUS evaluates its pattern alone: ``?s ?p ?o`` would read the whole graph (StatementMatchesTriple)."""
    from stagegraph.validate.setwise.rewrite import not_exists_as_minus

    variable = "SELECT ?this WHERE { ?this <s> ?s ; <p> ?p ; <v> ?o . FILTER NOT EXISTS { ?s ?p ?o } }"
    after_semicolon = "SELECT ?this WHERE { ?this <s> ?s ; <p> ?p . FILTER NOT EXISTS { ?s <a> ?x ; ?p ?this } }"
    for text in (variable, after_semicolon):
        assert not_exists_as_minus(text) == text
    constant = "SELECT ?this WHERE { ?this <s> ?s . FILTER NOT EXISTS { ?s <a> ?x , ?this ; <b>/<c> ?this } }"
    assert "MINUS" in not_exists_as_minus(constant)


def test_a_union_becomes_a_sub_select_with_its_strings_untouched():
    from stagegraph.validate.setwise.rewrite import unions_apart

    text = 'SELECT * WHERE { { ?this <a> "}{ UNION" } UNION { ?this <b> ?x } ?this <c> ?y }'
    assert unions_apart(text) == (
        'SELECT * WHERE { { SELECT * WHERE { { ?this <a> "}{ UNION" } UNION { ?this <b> ?x } } } ?this <c> ?y }'
    )


NUMERALS_SHAPES = """
@prefix ex: <http://example.org/> .
@prefix sh: <http://www.w3.org/ns/shacl#> .
ex:S a sh:NodeShape ; sh:targetNode ex:a ; sh:property [ sh:path ex:b ; sh:maxCount 1 ] .
"""


@pytest.mark.parametrize(
    ("data", "declines"),
    [
        ("ex:a ex:b 01, 1 .", True),  # Oxigraph's store keeps both as "1": two values would count as one
        ('ex:a ex:b "007"^^<http://www.w3.org/2001/XMLSchema#int> .', True),  # stored as "7"^^xsd:integer
        ("ex:a ex:b 1, 2 .", False),
    ],
)
def test_the_fast_engine_declines_when_the_store_would_not_hold_the_terms_as_written(tmp_path, data, declines):
    (tmp_path / "s.ttl").write_text(NUMERALS_SHAPES, encoding="utf-8")
    (tmp_path / "d.ttl").write_text(f"@prefix ex: <http://example.org/> .\n{data}\n", encoding="utf-8")
    args = ("--data", str(tmp_path / "d.ttl"), "--ontology", str(tmp_path / "s.ttl"), "validate")
    reference = cli(*args, "--engine", "pyshacl", "--format", "json")
    fast = cli(*args, "--engine", "fast", "--format", "json", "-v")
    assert fast.exit_code == reference.exit_code

    def results(run):  # a blank source shape is labelled anew by each parse
        return [
            {**r, "source_shape": "_:" if r["source_shape"].startswith("_:") else r["source_shape"]}
            for r in json.loads(run.stdout)["results"]
        ]

    assert results(fast) == results(reference)
    assert fast.exit_code == (1 if "," in data else 0)  # two values break sh:maxCount 1
    assert json.loads(fast.stdout)["triples"] == json.loads(reference.stdout)["triples"]
    assert ("declined" in fast.stderr) == declines


OWL_CLASS_SHAPE = """
@prefix ex: <http://example.org/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix sh: <http://www.w3.org/ns/shacl#> .
owl:Class rdfs:subClassOf rdfs:Class .
ex:Person a owl:Class, sh:NodeShape ; sh:property [ sh:path ex:name ; sh:minCount 1 ] .
"""


def test_a_shape_typed_with_a_subclass_of_rdfs_class_targets_its_instances_on_both_engines(tmp_path):
    """SHACL's implicit class target, as pySHACL reads it: the shape's type may be any class declared
    a subclass of rdfs:Class. Both engines must find the same nameless person (one list decides it)."""
    (tmp_path / "s.ttl").write_text(OWL_CLASS_SHAPE, encoding="utf-8")
    (tmp_path / "d.ttl").write_text(
        '@prefix ex: <http://example.org/> .\nex:nobody a ex:Person .\nex:alice a ex:Person ; ex:name "Alice" .\n',
        encoding="utf-8",
    )
    args = ("--data", str(tmp_path / "d.ttl"), "--ontology", str(tmp_path / "s.ttl"), "validate", "--format", "json")
    for engine in ("pyshacl", "fast"):
        run = cli(*args, "--engine", engine, "-v")
        assert run.exit_code == 1, (engine, run.stderr)
        assert [r["focus"] for r in json.loads(run.stdout)["results"]] == ["http://example.org/nobody"], engine
    assert "declined" not in run.stderr
