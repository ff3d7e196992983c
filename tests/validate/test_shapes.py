"""The SHACL shapes (ontology/shapes.ttl), tested against small fixture files.

tests/shapes/base.ttl is a small valid universe that uses every class. Each
fixture tests/shapes/<ShapeLocalName>/ok-*.ttl or bad-*.ttl is merged with it
and validated:

- ok-*  must conform with no result at all;
- bad-* must produce a result whose shape is shape:<ShapeLocalName> and whose
  message contains the text after ``# expect:`` on the file's first line.

Meta-tests check that every named shape with a target has both kinds of
fixture, that every constraint has an sh:message, that base.ttl conforms and
that every fixture is standard Turtle (pyoxigraph parses it too).
"""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS

from helpers import TESTS
from stagegraph.bundle import data_dir, ontology_dir
from stagegraph.rdf.load import load, load_schema, parse_file
from stagegraph.validate.reference.engine import validate_graph

SH = Namespace("http://www.w3.org/ns/shacl#")
SG = Namespace("https://w3id.org/stagegraph/ns#")
SHAPE = Namespace("https://w3id.org/stagegraph/shapes#")

FIXTURES = TESTS / "shapes"
BASE = FIXTURES / "base.ttl"
EXPECT = re.compile(r"^# expect: (\S.*?)\s*$")
TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)
# Constraint parameters that can stand on a node shape itself (not in a property shape).
NODE_LEVEL = (
    SH["class"],
    SH.datatype,
    SH.nodeKind,
    SH.minExclusive,
    SH.minInclusive,
    SH.maxExclusive,
    SH.maxInclusive,
    SH.minLength,
    SH.maxLength,
    SH.pattern,
    SH.languageIn,
    SH["in"],
    SH.hasValue,
    SH.node,
    SH["not"],
    SH["and"],
    SH["or"],
    SH.xone,
    SH.closed,
)


def fixture_files() -> list[Path]:
    return sorted(FIXTURES.glob("*/*.ttl"))


def fixture_id(path: Path) -> str:
    return f"{path.parent.name}/{path.stem}"


def expected_message(path: Path) -> str | None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    match = EXPECT.match(first)
    return match.group(1) if match else None


# ---------------------------------------------------------------------------
# Fixtures: the schema and base.ttl are parsed once per session.
# ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def schema():
    """(ontology, shapes) as loaded by the tool itself."""
    return load_schema([ontology_dir()])


@pytest.fixture(scope="session")
def shapes_graph(schema) -> Graph:
    return schema[1].graph


@pytest.fixture(scope="session")
def base_graph() -> Graph:
    return parse_file(BASE)


def validate(schema, base_graph, *extra: Path | Graph):
    """Validate base.ttl plus ``extra`` files or graphs, the way the tool does."""
    ontology, shapes = schema
    data = Graph()
    data += base_graph
    for item in extra:
        if isinstance(item, Graph):
            data += item
        else:
            parse_file(item, data)
    return validate_graph(data, ontology.graph, shapes.graph)


def describe(report) -> str:
    return (
        "\n".join(
            f"  {r.severity} [{r.shape}] {r.focus} {r.path or ''} {r.value or ''}: {r.message}" for r in report.results
        )
        or "  (no results)"
    )


# ---------------------------------------------------------------------------
# One test per fixture
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", fixture_files(), ids=fixture_id)
def test_fixture(path: Path, shape_reference):
    report = shape_reference(path)
    shape = str(SHAPE[path.parent.name])
    if path.name.startswith("ok-"):
        assert report.conforms and not report.results, f"{fixture_id(path)} should conform:\n{describe(report)}"
    else:
        expect = expected_message(path)
        assert expect, f"{path} must start with '# expect: <part of the message>'"
        assert any(r.shape == shape and expect in r.message for r in report.results), (
            f"{fixture_id(path)}: no result from {shape} with message containing {expect!r}:\n{describe(report)}"
        )


# Language tags that rdflib's Turtle parser accepts although they are not
# well-formed BCP 47. Most are rejected by pyoxigraph, so they cannot live in
# fixture files (which must be standard Turtle); they are tested here.
MALFORMED_TAGS = ["e", "english", "abcd", "abcdefghi", "en-toolongsubtag", "en-a", "en-US-x", "ko-KR-abc1", "a-b"]
WELL_FORMED_TAGS = [
    "en",
    "EN",
    "ko",
    "ja",
    "zh-Hans",
    "zh-Hant-TW",
    "es-419",
    "ja-Latn",
    "sr-Latn-RS",
    "de-CH-1996",
    "en-US-u-ca-gregory",
    "x-private",
    "en-x-fandom",
]


def _place_labelled(tag: str) -> Graph:
    text = f"""
        @prefix sg: <https://w3id.org/stagegraph/ns#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        <https://w3id.org/stagegraph/place/tagged> a sg:Place ;
            rdfs:label "Tagged"@en , "Tagged place"@{tag} ;
            sg:source <https://w3id.org/stagegraph/source/wiki> ;
            sg:confidence <https://w3id.org/stagegraph/vocab/confidence/single-source> .
    """
    return Graph().parse(data=text, format="turtle")


@pytest.mark.parametrize("tag", MALFORMED_TAGS)
def test_malformed_language_tag_parsed_by_rdflib_is_caught(tag, schema, base_graph):
    graph = _place_labelled(tag)
    assert any(o.language == tag for o in graph.objects() if isinstance(o, Literal)), "rdflib changed the tag"
    report = validate(schema, base_graph, graph)
    assert any(r.shape == str(SHAPE.LanguageTags) and f"@{tag} " in r.message for r in report.results), describe(report)


@pytest.mark.parametrize("tag", WELL_FORMED_TAGS)
def test_well_formed_language_tag_passes(tag, schema, base_graph):
    report = validate(schema, base_graph, _place_labelled(tag))
    assert not [r for r in report.results if r.shape == str(SHAPE.LanguageTags)], describe(report)


def test_opposite_one_sided_bonds_is_only_a_warning(schema, base_graph):
    path = FIXTURES / "OppositeOneSidedBonds" / "bad-returned-feeling.ttl"
    ontology, shapes = schema
    data = Graph()
    data += base_graph
    parse_file(path, data)
    report = validate_graph(data, ontology.graph, shapes.graph, allow_warnings=True)
    assert report.conforms, describe(report)
    assert {r.severity for r in report.results} == {"Warning"}, describe(report)
    assert len(report.results) == 1, "the pair should be reported once:\n" + describe(report)


# ---------------------------------------------------------------------------
# Meta-tests
# ---------------------------------------------------------------------------


def named_shapes(shapes: Graph) -> set[URIRef]:
    return {s for s in shapes.subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef)}


def targeted(shapes: Graph, shape) -> bool:
    return any((shape, t, None) in shapes for t in TARGETS)


def test_base_conforms(schema, base_graph):
    report = validate(schema, base_graph)
    assert report.conforms and not report.results, describe(report)


def test_base_uses_every_class(schema, base_graph):
    ontology = schema[0].graph
    classes = {
        c
        for c in ontology.subjects(RDF.type, URIRef("http://www.w3.org/2002/07/owl#Class"))
        if str(c).startswith(str(SG))
    }
    used = set(base_graph.objects(None, RDF.type))
    # a class is used when it or one of its subclasses has an instance
    missing = {c for c in classes if not any(u == c or (u, RDFS.subClassOf * "+", c) in ontology for u in used)}
    assert not missing, f"base.ttl has no instance of: {sorted(missing)}"


def test_controlled_values_are_checked_by_scheme(schema, base_graph):
    """The scheme checks see skos:inScheme: pyshacl's own ont_graph mixing copies only
    RDFS/OWL axioms, so validate_graph must merge the whole ontology into the data."""
    ontology, shapes = schema
    report = validate_graph(base_graph, ontology.graph, shapes.graph)
    assert report.conforms, describe(report)
    concept = URIRef("https://w3id.org/stagegraph/vocab/bondtype/mutual")
    assert (concept, URIRef("http://www.w3.org/2004/02/skos/core#inScheme"), None) in ontology.graph


def test_every_named_shape_has_ok_and_bad_fixtures(shapes_graph):
    # Helper shapes without a target (shape:In<Scheme>Scheme) never report a
    # result of their own: a failing sh:node is reported by the property shape
    # that uses it, under its node shape. They are tested through those
    # property shapes (see test_every_helper_shape_is_exercised) and left out here.
    files = fixture_files()
    lacking = []
    for shape in sorted(named_shapes(shapes_graph)):
        if not targeted(shapes_graph, shape):
            continue
        name = str(shape).removeprefix(str(SHAPE))
        kinds = {p.name.split("-")[0] for p in files if p.parent.name == name}
        for kind in ("ok", "bad"):
            if kind not in kinds:
                lacking.append(f"{name} (no {kind}-*.ttl)")
    assert not lacking, "shapes without fixtures: " + ", ".join(lacking)


def test_every_fixture_folder_names_a_shape(shapes_graph):
    names = {str(s).removeprefix(str(SHAPE)) for s in named_shapes(shapes_graph) if targeted(shapes_graph, s)}
    strays = sorted({p.parent.name for p in fixture_files()} - names)
    assert not strays, f"fixture folders that name no targeted shape: {strays}"


def test_fixture_names_and_headers():
    problems = []
    for path in fixture_files():
        expect = expected_message(path)
        if path.name.startswith("bad-"):
            if not expect:
                problems.append(f"{fixture_id(path)}: first line must be '# expect: …'")
        elif path.name.startswith("ok-"):
            if expect:
                problems.append(f"{fixture_id(path)}: an ok fixture expects nothing")
        else:
            problems.append(f"{fixture_id(path)}: name must start with ok- or bad-")
    assert not problems, "\n".join(problems)


def test_every_helper_shape_is_exercised(shapes_graph):
    """Each shape without a target is used by sh:node, and a bad fixture hits that use."""
    expectations = [(p.parent.name, expected_message(p)) for p in fixture_files() if p.name.startswith("bad-")]
    problems = []
    for helper in sorted(named_shapes(shapes_graph)):
        if targeted(shapes_graph, helper):
            continue
        users = list(shapes_graph.subjects(SH.node, helper))
        if not users:
            problems.append(f"{helper} has no target and no sh:node use")
            continue
        covered = False
        for user in users:
            message = str(shapes_graph.value(user, SH.message) or "")
            owner = shapes_graph.value(predicate=SH.property, object=user)
            owner_name = str(owner).removeprefix(str(SHAPE)) if owner is not None else None
            covered = covered or any(
                folder == owner_name and expect and expect in message for folder, expect in expectations
            )
        if not covered:
            problems.append(f"{helper}: no bad fixture expects the message of a property that uses it")
    assert not problems, "\n".join(problems)


def test_every_constraint_has_a_message(shapes_graph):
    """Each property shape, each SPARQL constraint and each node-level constraint says what to do.

    Shapes nested inside sh:not, sh:or, sh:qualifiedValueShape and the like are
    not checked: their failures are reported with the message of the shape
    that contains them.
    """
    lacking = []
    for prop in set(shapes_graph.objects(None, SH.property)):
        if not _has_message(shapes_graph, prop):
            owner = shapes_graph.value(predicate=SH.property, object=prop)
            lacking.append(f"property shape on {shapes_graph.value(prop, SH.path)} in {owner}")
    for sparql in set(shapes_graph.objects(None, SH.sparql)):
        if not _has_message(shapes_graph, sparql):
            lacking.append(f"sh:sparql in {shapes_graph.value(predicate=SH.sparql, object=sparql)}")
    for shape in named_shapes(shapes_graph):
        if any((shape, p, None) in shapes_graph for p in NODE_LEVEL) and not _has_message(shapes_graph, shape):
            lacking.append(f"node-level constraint of {shape}")
    assert not lacking, "constraints without sh:message:\n" + "\n".join(sorted(lacking))


def _has_message(graph: Graph, node) -> bool:
    return any(str(m).strip() for m in graph.objects(node, SH.message))


def test_messages_name_no_entity_of_the_universe(shapes_graph):
    """Messages must read well for any universe: no names from data/ (when present)."""
    messages = [str(m) for m in shapes_graph.objects(None, SH.message)]
    names = {"ALIEN STAGE"}
    folder = data_dir()
    if folder.is_dir() and any(folder.glob("*.ttl")):
        data = load([folder]).graph
        for cls in (SG.Character, SG.Person, SG.Organization, SG.Place, SG.Series):
            for entity in data.subjects(RDF.type, cls):
                names.update(str(label) for label in data.objects(entity, RDFS.label) if len(str(label)) >= 3)
    found = sorted({name for name in names for m in messages if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", m)})
    assert not found, f"messages name entities of one universe: {found}"


@pytest.mark.parametrize("path", [BASE, *fixture_files()], ids=lambda p: "base" if p == BASE else fixture_id(p))
def test_fixture_is_standard_turtle(path: Path):
    list(pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE))
