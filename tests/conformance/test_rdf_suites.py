"""The W3C RDF 1.1 Turtle and N-Triples test suites (tests/w3c/), run from their own manifests.

Each entry of a manifest's ``mf:entries`` list is one test, named by its local name:

- a negative syntax or negative evaluation test: ``stagegraph --data FILE validate`` exits 2 with
  one line naming ``FILE:line``, and no traceback;
- a positive syntax test: the file is accepted (``validate`` exits 0 or 1, never 2);
- an evaluation test: ``stagegraph --data FILE export --format nt`` gives exactly the triples of the
  expected N-Triples file, term for term: lexical forms, datatypes and language tags as written
  (both sides are parsed with pyoxigraph, which never rewrites a lexical form, and compared as
  N-Triples lines), blank nodes up to isomorphism (relabelled the same way on both sides).

The base IRI. An evaluation test's relative IRIs resolve against the action's URL
(``mf:assumedTestBase`` + the file name), while stagegraph reads a file with its own ``file://``
URL as base, as every reader does for a file on disk. The runner copies the action into a
temporary folder, prefixing its first line with ``@base <URL> .`` (on the same line, so line
numbers are unchanged). RFC 3986 section 5.1 makes a base embedded in the content take precedence
over the retrieval URL, and a later ``@base`` in the file resolves against it exactly as it would
against the retrieval URL, so the file means what it means when read from its URL. (Mapping the
``file://`` IRIs afterwards would not do: ``../`` climbs a different number of folders.)

Validation runs against a minimal schema (one ontology triple, one shape), so that the suite
tests reading files rather than the bundled shapes, and stays fast.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.compare import to_canonical_graph
from rdflib.namespace import RDF

from helpers import TESTS, cli

W3C = TESTS / "w3c"
MF = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
RDFT = "http://www.w3.org/ns/rdftest#"
NEGATIVE = {"TestTurtleNegativeSyntax", "TestTurtleNegativeEval", "TestNTriplesNegativeSyntax"}
POSITIVE = {"TestTurtlePositiveSyntax", "TestNTriplesPositiveSyntax"}
EVAL = {"TestTurtleEval"}
SCHEMA = {
    "ontology.ttl": "<http://example.org/schema> a <http://www.w3.org/2002/07/owl#Ontology> .\n",
    "shapes.ttl": "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
    "<http://example.org/Shape> a sh:NodeShape ; sh:targetClass <http://example.org/Nothing> .\n",
}


def entries(folder: str) -> list:
    """``(kind, name, action, result, base)`` for each test of ``tests/w3c/<folder>/manifest.ttl``."""
    path = W3C / folder / "manifest.ttl"
    manifest = Graph().parse(path, format="turtle", publicID=path.as_uri())
    top = manifest.value(predicate=RDF.type, object=URIRef(MF + "Manifest"))
    base = manifest.value(top, URIRef(MF + "assumedTestBase"))
    found = []
    for test in Collection(manifest, manifest.value(top, URIRef(MF + "entries"))):
        kind = str(manifest.value(test, RDF.type)).removeprefix(RDFT)
        action, result = manifest.value(test, URIRef(MF + "action")), manifest.value(test, URIRef(MF + "result"))
        found.append(
            pytest.param(
                kind,
                _local(action),
                _local(result) if result else None,
                str(base) if base else None,
                id=str(test).rpartition("#")[2],
            )
        )
    return found


def _local(iri) -> Path:
    return Path(Path(str(iri).removeprefix("file://")).name)


TESTS_OF = {folder: entries(folder) for folder in ("rdf-turtle", "rdf-n-triples")}


@pytest.fixture(scope="module")
def schema(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("schema")
    for name, text in SCHEMA.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize(("kind", "action", "result", "base"), TESTS_OF["rdf-turtle"] + TESTS_OF["rdf-n-triples"])
def test_w3c(kind, action, result, base, schema, tmp_path, request):
    folder = W3C / ("rdf-n-triples" if action.suffix == ".nt" else "rdf-turtle")
    if kind in NEGATIVE:
        _refused(folder / action, schema)
    elif kind in POSITIVE:
        _accepted(folder / action, schema)
    elif kind in EVAL:
        _evaluated(folder / action, folder / result, base, tmp_path)
    else:
        pytest.fail(f"a test kind this runner does not know: {kind}")


def _refused(path: Path, schema: Path) -> None:
    run = cli("--data", path, "--ontology", schema, "validate", catch=True)
    assert run.exit_code == 2, (run.output, run.exception)
    assert run.exception is None or isinstance(run.exception, SystemExit), repr(run.exception)
    lines = run.stderr.splitlines()
    assert len(lines) == 1 and "Traceback" not in run.output, run.output
    assert re.search(re.escape(str(path)) + r":\d+", lines[0]), lines[0]


def _accepted(path: Path, schema: Path) -> None:
    run = cli("--data", path, "--ontology", schema, "validate", catch=True)
    assert run.exit_code in (0, 1), (run.output, run.exception)
    assert "Traceback" not in run.output


def _evaluated(action: Path, expected: Path, base: str, tmp_path: Path) -> None:
    copy = tmp_path / action.name
    copy.write_bytes(f"@base <{base}{action.name}> . ".encode() + action.read_bytes())
    run = cli("--data", copy, "export", "--format", "nt", catch=True)
    assert run.exit_code == 0, (run.output, run.exception)
    assert _canonical(run.stdout) == _canonical(expected.read_text(encoding="utf-8"))


def _canonical(text: str) -> list[str]:
    """The triples of N-Triples ``text`` as sorted lines, blank nodes relabelled by what they say.

    pyoxigraph parses (it never rewrites a lexical form; it lowercases language tags, which RDF 1.1
    compares case-insensitively). rdflib's canonical labelling sees each distinct literal as an
    IRI standing for it, so that it cannot rewrite one either."""
    quads = pyoxigraph.parse(input=text.encode("utf-8"), format=pyoxigraph.RdfFormat.N_TRIPLES)
    literals: dict[str, str] = {}

    def term(t):
        if isinstance(t, pyoxigraph.BlankNode):
            return BNode(t.value)
        if isinstance(t, pyoxigraph.Literal):
            literals[str(t)] = stand_in = "urn:x-literal:" + hashlib.sha256(str(t).encode()).hexdigest()
            return URIRef(stand_in)
        return URIRef(t.value)

    graph = Graph()
    for q in quads:
        graph.add((term(q.subject), term(q.predicate), term(q.object)))
    written = {iri: lexical for lexical, iri in literals.items()}
    name = lambda t: f"_:{t}" if isinstance(t, BNode) else written.get(str(t), f"<{t}>")  # noqa: E731
    return sorted(f"{name(s)} {name(p)} {name(o)} ." for s, p, o in to_canonical_graph(graph))
