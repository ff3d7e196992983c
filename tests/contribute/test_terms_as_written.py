"""Terms kept exactly as written through fmt, diff, export and add (issue 23).

``"01"^^xsd:integer``, ``"1"^^xsd:integer`` and ``"+1"^^xsd:integer`` are three RDF terms (RDF 1.1
Concepts 3.3: literals are equal when their lexical forms are), as are ``1E0`` and ``1.0e0``, or
``"1"^^xsd:boolean`` and ``true``. rdflib rewrote each into its canonical form when it parsed it,
so ``fmt`` dropped triples and ``diff`` called different files equal (see rdf/__init__.py).

Language tags: RDF 1.1 compares them case-insensitively (``"x"@EN-gb`` and ``"x"@en-GB`` are one
term, and rdflib and Oxigraph agree), so nothing here asks two cases to stay two triples; but a
tag is written back in the case it was written in, never rewritten.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph
import pytest

from helpers import ROOT, TESTS, ok

EX = "@prefix ex: <http://example.org/> .\n@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
SEVEN = EX + 'ex:a ex:b 01, 1, +1 ;\n    ex:c 1E0, 1.0e0 ;\n    ex:d true, "1"^^xsd:boolean .\n'
TURTLE = TESTS / "w3c" / "rdf-turtle"


def triples(text: str, fmt=pyoxigraph.RdfFormat.TURTLE) -> set[str]:
    """The triples of ``text`` as N-Triples lines, as pyoxigraph reads them (it never rewrites a
    lexical form). Blank nodes are not used here."""
    return {str(q.triple) for q in pyoxigraph.parse(input=text.encode(), format=fmt, base_iri="http://example.org/")}


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_fmt_keeps_three_numerals_that_are_three_terms(run, tmp_path):
    path = write(tmp_path / "t.ttl", SEVEN)
    before = triples(SEVEN)
    assert len(before) == 7
    ok(run("fmt", path))
    text = path.read_text(encoding="utf-8")
    assert triples(text) == before, text
    assert "01" in text and "+1" in text and "1E0" in text


def test_fmt_writes_each_language_tag_in_the_case_written(run, tmp_path):
    path = write(tmp_path / "t.ttl", EX + 'ex:a ex:b "colour"@EN-gb ; ex:c "x"@zh-Hant-TW .\n')
    ok(run("fmt", path))
    text = path.read_text(encoding="utf-8")
    assert '"colour"@EN-gb' in text and '"x"@zh-Hant-TW' in text


@pytest.mark.parametrize(
    "other", ["ex:a ex:b 01 .", "ex:a ex:b +1 .", 'ex:a ex:b "1"^^xsd:decimal .', "ex:a ex:b 1.0 .", "ex:a ex:b 1e0 ."]
)
def test_diff_says_equal_only_when_the_terms_are(run, tmp_path, other):
    one = write(tmp_path / "one.ttl", EX + "ex:a ex:b 1 .\n")
    two = write(tmp_path / "two.ttl", EX + other + "\n")
    same = write(tmp_path / "same.ttl", EX + "ex:a\n    ex:b 1 .\n")
    differs = run("diff", one, two)
    assert differs.exit_code == 1, differs.output
    assert ok(run("diff", one, same)).exit_code == 0


def test_diff_compares_language_tags_as_rdf_does(run, tmp_path):
    """The decision above: a tag's case is not a difference (RDF 1.1: tags compare case-insensitively)."""
    upper = write(tmp_path / "upper.ttl", EX + 'ex:a ex:b "x"@EN-GB .\n')
    lower = write(tmp_path / "lower.ttl", EX + 'ex:a ex:b "x"@en-gb .\n')
    other = write(tmp_path / "other.ttl", EX + 'ex:a ex:b "x"@en-us .\n')
    assert ok(run("diff", upper, lower)).exit_code == 0
    assert run("diff", upper, other).exit_code == 1


def test_export_of_turtle_subm_26_keeps_its_22_triples(run):
    """Numerals written many ways (1E0, 1.0e0, -1.0E0, …): 21 came out when rdflib normalised them."""
    exported = ok(run("--data", TURTLE / "turtle-subm-26.ttl", "export", "--format", "nt")).stdout
    expected = (TURTLE / "turtle-subm-26.nt").read_text(encoding="utf-8")
    assert triples(exported, pyoxigraph.RdfFormat.N_TRIPLES) == triples(expected, pyoxigraph.RdfFormat.N_TRIPLES)
    assert len(exported.splitlines()) == 22


def test_export_turtle_keeps_the_lexical_forms(run, tmp_path):
    path = write(tmp_path / "t.ttl", SEVEN)
    exported = ok(run("--data", path, "export", "--format", "ttl")).stdout
    assert triples(exported) == triples(SEVEN)


def test_add_rewrites_a_file_keeping_its_numerals_as_written(run, tmp_path):
    """``add`` re-reads a topic file after pySHACL has run (which turns rdflib's normalisation
    back on as it ends): the file's other literals must come out as they went in. (The shapes
    compare an attribute with its statement term for term, so both are written 0181.)"""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    characters = data / "characters.ttl"
    text = characters.read_text(encoding="utf-8").replace("sg:heightCm 181 ;", "sg:heightCm 0181 ;")
    characters.write_text(text.replace("sg:statementValue 181 .", "sg:statementValue 0181 ."), encoding="utf-8")
    contribution = write(
        tmp_path / "new.ttl",
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        '<https://w3id.org/stagegraph/character/hyuna> skos:altLabel "Hyuna the leader"@en .\n',
    )
    ok(run("--data", data, "add", contribution))
    text = characters.read_text(encoding="utf-8")
    assert "sg:heightCm 0181 ;" in text and "sg:statementValue 0181 ." in text
    assert '"Hyuna the leader"@en' in text
