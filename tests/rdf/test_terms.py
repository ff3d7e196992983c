"""Files are parsed by Oxigraph into rdflib graphs: the result must equal rdflib's own parse."""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic

from stagegraph import bundle
from stagegraph.rdf.load import load, parse_file, rdf_files
from stagegraph.rdf.oxigraph_terms import language_cases


def rdflib_parse(paths) -> Graph:
    graph = Graph()
    for path in rdf_files(paths):
        graph.parse(path, format="nt" if path.suffix == ".nt" else "turtle", publicID=path.resolve().as_uri())
    return graph


def test_bundled_data_parses_exactly_as_rdflib_parses_it():
    ours = load([bundle.data_dir()]).graph
    assert len(ours) > 1000
    assert isomorphic(ours, rdflib_parse([bundle.data_dir()]))


def test_language_tags_keep_the_case_written_in_the_file(tmp_path):
    path = tmp_path / "a.ttl"
    path.write_text('<http://e/a> <http://e/p> "x"@zh-Hans, "y"@en .\n', encoding="utf-8")
    langs = {o.language for o in parse_file(path).objects()}
    assert langs == {"zh-Hans", "en"}  # Oxigraph alone would give zh-hans


def test_a_tag_written_in_two_cases_is_read_by_rdflib_with_both_cases_kept(tmp_path):
    path = tmp_path / "a.ttl"
    path.write_text('<http://e/a> <http://e/p> "x"@en-GB, "y"@en-gb .\n', encoding="utf-8")
    assert language_cases(path.read_text()) is None
    assert {o.language for o in parse_file(path).objects()} == {"en-GB", "en-gb"}


def test_blank_nodes_of_two_files_stay_apart_and_origins_are_kept(tmp_path):
    one, two = tmp_path / "one.ttl", tmp_path / "two.ttl"
    one.write_text('_:b <http://e/p> "1" .\n<http://e/s> <http://e/q> _:b .\n', encoding="utf-8")
    two.write_text('_:b <http://e/p> "2" .\n', encoding="utf-8")
    loaded = load([tmp_path])
    assert len(set(loaded.graph.subjects(URIRef("http://e/p")))) == 2
    assert loaded.file_of(URIRef("http://e/s")) == one


def test_prefixes_of_the_file_are_bound_for_writing_back(tmp_path):
    path = tmp_path / "a.ttl"
    path.write_text("@prefix zz: <http://zz.example/> .\nzz:a zz:p zz:b .\n", encoding="utf-8")
    assert ("zz", URIRef("http://zz.example/")) in set(parse_file(path).namespaces())


def test_relative_iris_resolve_against_the_file(tmp_path):
    path = tmp_path / "a.ttl"
    path.write_text('<#a> <http://e/p> "x" .\n', encoding="utf-8")
    assert URIRef(path.resolve().as_uri() + "#a") in set(parse_file(path).subjects())


@pytest.mark.parametrize("lexical", ["\u0663", "1\n", "\uff11.5", "true\n"])
def test_a_numeral_turtle_cannot_write_bare_is_written_quoted(lexical):
    """Python's \\d and $ accept Arabic-Indic digits and a trailing newline; Turtle's numerals do not.
    Such a lexical form is written quoted with its datatype, and read back as the same term."""
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import XSD

    from stagegraph.rdf.canonical import serialize

    datatype = XSD.boolean if lexical.startswith("true") else XSD.decimal if "." in lexical else XSD.integer
    graph = Graph()
    graph.add((URIRef("http://example.org/a"), URIRef("http://example.org/b"), Literal(lexical, datatype=datatype)))
    back = Graph().parse(data=serialize(graph), format="turtle")
    assert set(back) == set(graph)
