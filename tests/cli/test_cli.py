"""The command line, run the way a user runs it: exit codes, messages, never a traceback."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from rdflib import Graph

from helpers import TESTS, ok
from stagegraph.rdf.namespaces import SG

TINY = TESTS / "shapes" / "base.ttl"


def assert_clean_error(result, code: int, *fragments: str):
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    for fragment in fragments:
        assert fragment in result.output


def test_help_lists_the_commands(run):
    result = run("--help")
    assert result.exit_code == 0
    for command in ("validate", "stats"):
        assert command in result.output


def test_short_help_flag_and_version(run):
    assert run("-h").exit_code == 0
    result = run("--version")
    assert result.exit_code == 0 and "stagegraph, version" in result.output


def test_python_dash_m_works():
    result = subprocess.run([sys.executable, "-m", "stagegraph", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and "stagegraph" in result.stdout


def test_validate_bundled_graph_conforms(run):
    result = run("validate")
    assert result.exit_code == 0, result.output
    assert "No issues found" in result.stdout
    assert "conforms" in result.stderr


def test_validate_json_report(run):
    result = run("validate", "--format", "json")
    report = json.loads(result.stdout)
    assert report["conforms"] is True and report["results"] == []
    assert report["triples"] > 1000
    assert any(f.endswith("bonds.ttl") for f in report["files"])


def test_validate_syntax_error_exits_2_with_path_and_line(run, tmp_path):
    bad = tmp_path / "broken.ttl"
    bad.write_text('@prefix ex: <http://example.org/> .\n\nex:a ex:b "oops .\n', encoding="utf-8")
    assert_clean_error(run("validate", str(bad)), 2, f"{bad}:3: Turtle syntax error")


def test_validate_missing_file_exits_2(run, tmp_path):
    assert_clean_error(run("validate", str(tmp_path / "nope.ttl")), 2, "no such file or folder")


def test_an_empty_data_file_is_accepted_everywhere(run, tmp_path):
    """An empty Turtle file is a valid document, the empty graph (issue 23): it was refused with exit 2."""
    empty = tmp_path / "empty.ttl"
    empty.write_text("", encoding="utf-8")
    assert run("--data", empty, "validate").exit_code == 0
    assert ok(run("--data", empty, "export", "--format", "nt")).stdout == ""
    assert ok(run("fmt", "--check", empty)).exit_code == 0
    assert ok(run("diff", empty, empty)).exit_code == 0
    assert empty.read_bytes() == b""


def test_one_file_of_data_and_shapes_is_validated_against_itself(run):
    """Every W3C SHACL test holds data and shapes in one file, and no ontology: ``--ontology`` of
    shapes alone is a schema with an empty ontology (issue 23; it was "no ontology file found")."""
    both = TESTS / "w3c" / "shacl-core" / "node" / "class-001.ttl"
    result = run("--data", both, "--ontology", both, "validate", catch=True)
    assert result.exit_code == 1, (result.output, result.exception)
    assert "Quokki" in result.output and "Traceback" not in result.output


def test_validate_unknown_file_kind_exits_2(run, tmp_path):
    notes = tmp_path / "notes.csv"
    notes.write_text("a,b\n", encoding="utf-8")
    assert_clean_error(run("validate", str(notes)), 2, "not a Turtle (.ttl)")


def test_validate_violation_exits_1_and_names_file_entity_and_property(run, tmp_path):
    bad = tmp_path / "bond.ttl"
    shutil.copy(TINY, tmp_path / "base.ttl")
    bad.write_text(
        "@prefix sg: <https://w3id.org/stagegraph/ns#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        '<https://w3id.org/stagegraph/bond/nobody> a sg:Bond ; rdfs:label "unsourced"@en .\n',
        encoding="utf-8",
    )
    result = run("validate", str(tmp_path))
    assert_clean_error(result, 1, "[VIOLATION]", "bond.ttl", "bond:nobody", "sg:source")
    assert "No issues found" not in result.stdout


def test_validate_json_lists_violations(run, tmp_path):
    shutil.copy(TINY, tmp_path / "base.ttl")
    (tmp_path / "extra.ttl").write_text(
        "@prefix sg: <https://w3id.org/stagegraph/ns#> .\n<https://w3id.org/stagegraph/bond/nobody> a sg:Bond .\n",
        encoding="utf-8",
    )
    result = run("validate", "--format", "json", str(tmp_path))
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["conforms"] is False
    assert {r["severity"] for r in report["results"]} == {"Violation"}
    assert all(r["file"].endswith("extra.ttl") for r in report["results"])


@pytest.mark.slow
def test_data_without_provenance_never_passes(run, data_dir, tmp_path):
    """Stripping every sg:source from a copy of the data must give violations (exit 1)."""
    for path in data_dir.glob("*.ttl"):
        graph = Graph().parse(path)
        graph.remove((None, SG.source, None))
        graph.serialize(tmp_path / path.name, format="turtle")
    result = run("--data", str(tmp_path), "validate")
    assert_clean_error(result, 1, "[VIOLATION]")


def test_other_universe_through_global_data_option(run):
    result = run("--data", str(TINY), "validate")
    assert result.exit_code == 0, result.output
    result = run("--data", str(TINY), "stats", "--format", "json")
    assert json.loads(result.stdout)["triples"] > 0


def test_ontology_option_with_missing_folder_exits_2(run, tmp_path):
    assert_clean_error(run("--ontology", str(tmp_path / "none"), "validate"), 2, "no such file or folder")


def test_stats_text_and_json(run):
    text = run("stats")
    assert text.exit_code == 0
    for heading in ("entities:", "bonds:", "facts by confidence:", "sources:"):
        assert heading in text.stdout
    stats = json.loads(run("stats", "--format", "json").stdout)
    assert stats["entities"]["contestant"] == 7
    assert stats["entities"]["match"] == 7
    assert stats["bonds"]["by type"]["one-sided"] >= 3
    assert set(stats["facts by confidence"]) <= {"confirmed", "single source", "inferred", "conflicting"}
    assert stats["sources"]["total"] >= 20


@pytest.mark.parametrize("args", [("stats", "--format", "yaml"), ("validate", "--bogus"), ("nosuchcommand",)])
def test_usage_errors_exit_2(run, args):
    result = run(*args)
    assert result.exit_code == 2 and "Traceback" not in result.output
