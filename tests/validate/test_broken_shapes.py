"""A broken shapes file passed with --ontology is an input error: exit 2, one sentence naming
the file, its line and the shape, what is wrong, no traceback and no library noise."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from stagegraph import bundle

HEAD = """@prefix sg: <https://w3id.org/stagegraph/ns#> .
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix shape: <https://w3id.org/stagegraph/shapes#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

shape:Fine a sh:NodeShape ; sh:targetClass sg:Character ; sh:property [ sh:path sg:age ; sh:maxCount 1 ] .

shape:Broken a sh:NodeShape ;
    sh:targetClass sg:Character ;
"""
SPARQL = 'sh:sparql [ sh:message "m" ; sh:select """{}""" ] .'

BROKEN = {  # name: (the rest of shape:Broken, what the message says)
    "literal-path": ('sh:property [ sh:path "age" ; sh:minCount 1 ] .', 'sh:path is the literal "age"'),
    "no-path": ("sh:property [ sh:minCount 1 ] .", "has 0 sh:path values"),
    "two-paths": ("sh:property [ sh:path sg:age, sg:name ] .", "has 2 sh:path values"),
    "literal-path-step": ('sh:property [ sh:path ( sg:slot "x" ) ] .', 'sh:path is the literal "x"'),
    "class-literal": (
        'sh:property [ sh:path sg:bondWith ; sh:class "Character" ] .',
        'sh:class is the literal "Character", not an IRI',
    ),
    "unknown-datatype": (
        "sh:property [ sh:path sg:age ; sh:datatype xsd:integr ] .",
        "sh:datatype xsd:integr is not a datatype",
    ),
    "count-not-a-number": ('sh:property [ sh:path sg:age ; sh:maxCount "one" ] .', "sh:maxCount is the literal"),
    "bad-pattern": ('sh:property [ sh:path sg:age ; sh:pattern "([a-z" ] .', "not a valid regular expression"),
    "unknown-node-kind": ("sh:nodeKind sh:Thing .", "sh:nodeKind sh:Thing is not a node kind"),
    "or-not-a-list": ('sh:or "nope" .', "sh:or is the literal"),
    "sparql-without-select": ('sh:sparql [ sh:message "m" ] .', "needs exactly one sh:select"),
    "sparql-syntax": (SPARQL.format("SELECT $this WHERE { $this ?p }"), "syntax error"),
    "sparql-unknown-prefix": (SPARQL.format("SELECT $this WHERE { $this nope:p ?o }"), "nope"),
    "sparql-service": (
        SPARQL.format("SELECT $this WHERE { SERVICE <http://localhost:9/q> { $this ?p ?o } }"),
        "uses SERVICE",
    ),
    "sparql-from": (SPARQL.format("SELECT $this FROM <http://localhost:9/g> WHERE { $this ?p ?o }"), "uses FROM"),
    "sparql-update": (SPARQL.format("DELETE WHERE { $this ?p ?o }"), "uses DELETE"),
    "sparql-ask-for-select": (SPARQL.format("ASK { $this ?p ?o }"), "not a SELECT query"),
    # pySHACL refuses these while validating (a ValidationFailure returned in place of the report):
    "sparql-minus": (SPARQL.format("SELECT $this WHERE { $this ?p ?o MINUS { $this a ?o } }"), "MINUS"),
}


def schema(tmp_path: Path, rest: str) -> Path:
    folder = tmp_path / "ontology"
    folder.mkdir()
    shutil.copy(bundle.ontology_dir() / "stagegraph.ttl", folder)
    (folder / "shapes.ttl").write_text(HEAD + "    " + rest + "\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_broken_shape_is_an_input_error_naming_file_line_and_shape(run, tmp_path, name):
    rest, fragment = BROKEN[name]
    folder = schema(tmp_path, rest)
    result = run("--ontology", str(folder), "validate")
    assert result.exit_code == 2, result.output
    message = result.stderr.strip()
    assert message.startswith(f"error: {folder / 'shapes.ttl'}:8: shape shape:Broken: "), message
    assert fragment in message and len(message.splitlines()) == 1, message


def test_a_broken_shape_stops_add_before_anything_is_written(run, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(bundle.data_dir(), data)
    before = {p.name: p.read_bytes() for p in data.glob("*.ttl")}
    folder = schema(tmp_path, BROKEN["sparql-service"][0])
    bond = (
        "@prefix bond: <https://w3id.org/stagegraph/bond/> .\n@prefix sg: <https://w3id.org/stagegraph/ns#> .\n"
        "bond:x a sg:Bond .\n"
    )
    result = run("--data", str(data), "--ontology", str(folder), "add", "-", input=bond)
    assert result.exit_code == 2 and "uses SERVICE" in result.stderr
    assert {p.name: p.read_bytes() for p in data.glob("*.ttl")} == before


@pytest.mark.parametrize("name", ["sparql-minus", "sparql-syntax"])
def test_pyshacl_says_nothing_on_the_terminal_beside_the_error(tmp_path, name):
    """pySHACL logs to a handler of its own on standard error: in a real process, only our line shows."""
    folder = schema(tmp_path, BROKEN[name][0])
    result = subprocess.run(
        [sys.executable, "-m", "stagegraph", "--ontology", str(folder), "validate"], capture_output=True, text=True
    )
    assert result.returncode == 2
    assert result.stderr.startswith("error: ") and len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_rdflib_says_nothing_about_a_literal_it_cannot_convert(tmp_path):
    """rdflib logs a warning with a traceback for "abc"^^xsd:integer; the shapes report it."""
    data = tmp_path / "data"
    shutil.copytree(bundle.data_dir(), data)
    with (data / "characters.ttl").open("a", encoding="utf-8") as f:
        f.write('\ncharacter:till sg:age "abc"^^xsd:integer .\n')
    result = subprocess.run(
        [sys.executable, "-m", "stagegraph", "--data", str(data), "validate"], capture_output=True, text=True
    )
    assert result.returncode == 1 and "sg:age" in result.stdout
    assert "Traceback" not in result.stderr and "Failed to convert" not in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr  # the summary line


def test_the_bundled_shapes_pass_the_check(universe):
    from stagegraph.validate import shapecheck

    shapecheck.check(universe.shapes.graph, universe.shapes.origin, universe.ontology.graph)
