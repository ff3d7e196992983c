"""The set-at-a-time plan as data for the browser's check (validate/setwise/portable.py): every
check of the bundled shapes, with its message; what the browser could not run exactly as Python
does declined, with the reason, all or nothing; Python's patterns as JavaScript's; when a literal
Oxigraph rewrites can change nothing. That the browser's answers equal ``add --dry-run``'s is
tests/site/test_contribute_check.py's."""

from __future__ import annotations

import re

import pytest
from rdflib import Graph

from stagegraph.validate.setwise.portable import (
    _sparql_literals,
    js_pattern,
    literal_modes,
    literal_safety,
    portable_plan,
)
from stagegraph.validate.setwise.terms import Unsupported

HEAD = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix ex: <http://example.org/> .
"""


def plan_of(shapes: str) -> dict:
    return portable_plan(Graph().parse(data=HEAD + shapes, format="turtle"))


def test_the_bundled_shapes_are_all_given(universe):
    plan = portable_plan(universe.shapes.graph)
    assert plan["declined"] == []
    checks = plan["checks"]
    assert {c["kind"] for c in checks} == {"focus", "value", "local", "sparql"}
    for check in checks:
        messages = [c["message"] for c in check.get("constraints", [])] or [check["message"]]
        assert all("text" in m or "fill" in m for m in messages), check["shape"]  # every shape has sh:message
    assert all(c["field"] for c in checks if c["kind"] != "sparql" and c["path"])


def test_a_literal_rewrite_is_safe_unless_a_constant_or_a_lexical_function_meets_it(universe):
    safety = literal_safety(universe.shapes.graph)
    assert ['"true"^^<http://www.w3.org/2001/XMLSchema#boolean>'] * 2 in safety["constants"]
    assert {tuple(r["objectOf"]) for r in safety["lexical"]} == {
        ("https://w3id.org/stagegraph/ns#released",),
        ("https://w3id.org/stagegraph/ns#releasedMonthDay",),
    }


@pytest.mark.parametrize(
    ("query", "reached"),
    [
        ("SELECT $this WHERE { $this ex:p ?v FILTER (STR(?v) = 'a') }", [["http://example.org/p"]]),
        ("SELECT $this WHERE { $this ?p ?v FILTER (STRLEN(?v) > 1) }", [None]),
        ("SELECT $this WHERE { $this ex:p ?v . ?v ex:q ?w FILTER (STR(?v) < STR($this)) }", []),
        ("SELECT $this WHERE { $this ex:p ?v FILTER (REGEX(LANG(?v), 'en')) }", []),
        (
            "SELECT $this WHERE { $this ex:p ?v OPTIONAL { ?v ex:q ?w } FILTER (STR(?v) = 'a') }",
            [["http://example.org/p"]],
        ),
        ("SELECT $this WHERE { OPTIONAL { $this ex:p ?v } FILTER (UCASE(?v) = 'A') }", [None]),
    ],
)
def test_which_variables_a_lexical_function_may_read_a_literal_in(query, reached):
    literals, readings = _sparql_literals("PREFIX ex: <http://example.org/>\n" + query)
    assert [r["objectOf"] for r in readings] == reached


def test_the_constants_of_a_query_are_found():
    literals, _ = _sparql_literals("SELECT $this WHERE { $this <urn:p> true FILTER NOT EXISTS { $this <urn:q> 8.0 } }")
    assert {str(literal) for literal in literals} == {"true", "8.0"}


def prop(constraints: str) -> str:
    return f"sh:property [ sh:path ex:p ; {constraints} ]"


@pytest.mark.parametrize(
    ("part", "why"),
    [
        ("sh:closed true", "sh:closed"),
        (prop("sh:in ( 1 2 )"), "sh:in"),
        (prop("sh:datatype rdfs:Datatype"), "rdfs:Datatype"),
        (prop("sh:datatype xsd:dateTime"), "dateTime"),
        (prop('sh:pattern "(a)\\\\1"'), "escape"),
        (prop('sh:pattern "(?P<n>a)"'), "group"),
        (prop('sh:pattern "[\\\\d-z]"'), "-"),
        (prop('sh:hasValue "01"^^xsd:integer'), "keeps as"),
        (prop('sh:minInclusive "2020-01-01"^^xsd:date'), "bound"),
        (prop('sh:in ( "a"^^xsd:string ) ; sh:message "m"'), "xsd:string"),
    ],
)
def test_what_the_browser_cannot_do_as_python_does_is_declined(part, why):
    other = "ex:Other a sh:NodeShape ; sh:targetClass ex:T ; sh:property [ sh:path ex:q ; sh:minCount 1 ] ."
    plan = plan_of(f"ex:S a sh:NodeShape ; sh:targetClass ex:T ; {part} .\n{other}")
    assert plan["checks"] == []  # all or nothing
    assert any(why in reason for reason in plan["declined"]), plan["declined"]


def test_pyshacl_s_generic_words_become_a_template_with_the_focus_and_value_as_holes():
    plan = plan_of(
        "ex:S a sh:NodeShape ; sh:targetClass ex:T ; "
        "sh:property [ sh:path ex:p ; sh:minCount 1 ; sh:class ex:C ; sh:datatype xsd:integer ; sh:in ( 1 ) ] ."
    )
    assert plan["declined"] == []
    by_kind = {c["kind"]: c for c in plan["checks"]}
    assert by_kind["focus"]["message"] == {"parts": ["Less than 1 values on ", {"slot": "focus"}, "->ex:p"]}
    assert by_kind["value"]["message"] == {"parts": ["Value does not have class ex:C"]}
    words = {c["parameter"]: c["message"] for c in by_kind["local"]["constraints"]}
    assert words["in"] == {
        "parts": ["Value ", {"slot": "value"}, " not in list ['Literal(\"1\", datatype=xsd:integer)']"]
    }


@pytest.mark.parametrize(
    ("pattern", "flags", "source"),
    [
        ('^https?://[^\\s<>"]+$', "", None),
        ("^a.c$", "", "(?<![\\s\\S])a[^\\n]c(?=\\n?(?![\\s\\S]))"),
        ("^b$", "m", "(?:(?<![\\s\\S])|(?<=\\n))b(?=\\n|(?![\\s\\S]))"),
        ("x{,3}y{2}z{", "", "x{0,3}y{2}z\\{"),
        ("[a-c-]", "i", "[a-c\\u{2d}]"),
        ("a/b\\.", "", "a\\/b\\u{2e}"),
    ],
)
def test_python_patterns_as_javascript_ones(pattern, flags, source):
    made = js_pattern(pattern, flags)
    assert made["flags"] == ("iu" if "i" in flags else "u")
    if source is not None:
        assert made["source"] == source
    else:  # \s is Python's whitespace, which JavaScript's \s is not
        assert "\\u{1c}-\\u{20}" in made["source"] and "\\u{85}" in made["source"]


def test_python_s_digits_are_unicode_digits():
    assert re.search(r"\\u\{660\}-\\u\{669\}", js_pattern("\\d", "")["source"])  # Arabic-Indic digits


def test_how_rdflib_reads_each_datatype():
    modes = literal_modes()
    xsd = "http://www.w3.org/2001/XMLSchema#"
    assert modes[xsd + "integer"] == "integer" and modes[xsd + "long"] == "integer"
    assert modes[xsd + "int"] == "numeric" and modes[xsd + "dateTime"] == "time"
    assert modes[xsd + "anyURI"] == "str" and modes[xsd + "token"] == "normalised"
    assert xsd + "gMonthDay" not in modes  # rdflib gives it no value


def test_an_unsupported_pattern_says_why():
    with pytest.raises(Unsupported, match="possessive"):
        js_pattern("a*+", "")


def test_the_plan_is_the_same_in_every_run():
    """A site is rebuilt byte for byte: the plan names no blank node by rdflib's label of one parse
    (a new one in every process), and orders its checks by what they say."""
    import subprocess
    import sys

    script = (
        "import json; from stagegraph.universe import Universe; "
        "from stagegraph.validate.setwise.portable import portable_plan; "
        "print(json.dumps(portable_plan(Universe().shapes.graph), sort_keys=True))"
    )
    runs = [subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True) for _ in "ab"]
    assert runs[0].stdout == runs[1].stdout
    assert "_:N" not in runs[0].stdout and "_:b1" in runs[0].stdout
