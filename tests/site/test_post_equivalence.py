"""The SPARQL page's post-processing (``site/sparql/js/post.js``) gives the CLI's rows for every
library query (issue 25: post.js and query/post.py proven equal).

Each library query runs through ``stagegraph query`` (``query.run.run``) with ``query/post.py``'s
``apply`` watched: the raw rows it is handed go, as SPARQL JSON, through the page's module in Node
(``tests/js/post-runner.js``), with the example as the page describes it (its ``sg-data`` block),
and the answer must be the CLI's result exactly: columns, rows, their order, every term. Each side
looks labels up its own way: the CLI in the graph's index, the page with its labels query on the
vendored Oxigraph over the page's graph. A last test gives both the literals whose order Python's
int() and float() decide, and labels in regional languages.
"""

from __future__ import annotations

import base64
import json
import re
import shutil
import subprocess
from types import SimpleNamespace
from unittest.mock import patch

import pytest
from rdflib import BNode, Graph, Literal, URIRef

from helpers import ROOT, cli
from stagegraph.choices import LANGUAGES
from stagegraph.query import post, run
from stagegraph.rdf.labels import labels_in
from stagegraph.site.sparqlpage import engine, sparql_page
from stagegraph.store.seam import QueryResult
from stagegraph.universe import Universe

NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(NODE is None, reason="node is not installed: the page's post-processing cannot run")

RUNNER = ROOT / "tests" / "js" / "post-runner.js"
HOSTILE = ROOT / "tests" / "browser" / "hostile.ttl"
APPLY = post.apply


def cell(term) -> dict | None:
    """An rdflib term as a SPARQL JSON value (None for unbound)."""
    if term is None:
        return None
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    found = {"type": "literal", "value": str(term)}
    if term.language:
        found["xml:lang"] = term.language
    elif term.datatype:
        found["datatype"] = str(term.datatype)
    return found


def as_json(result: QueryResult) -> dict:
    rows = [{c: cell(t) for c, t in zip(result.columns, row, strict=True) if t is not None} for row in result.rows]
    return {"head": {"vars": list(result.columns)}, "results": {"bindings": rows}}


def page_data(graph_text: str, lang: str) -> dict:
    """What the SPARQL page holds for ``graph_text``: its graph, examples, prefixes, labels query."""
    text = sparql_page(graph_text, lang)
    found = re.search(r'<script id="sg-data" type="application/json">(.*?)</script>', text, re.S)
    return json.loads(found.group(1))


@pytest.fixture(scope="module")
def engine_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("engine")
    built = engine()
    (folder / "engine.js").write_text(built.script, encoding="utf-8")
    (folder / "engine.wasm").write_bytes(base64.b64decode(built.wasm_base64))
    return {"engine": str(folder / "engine.js"), "wasm": str(folder / "engine.wasm")}


def in_node(engine_files: dict, graph: str, prefixes: dict, cases: list[dict]) -> list[dict]:
    """The page's post-processing of each case, as post-runner.js gives it."""
    request = {**engine_files, "graph": graph, "prefixes": prefixes, "cases": cases}
    done = subprocess.run(
        [NODE, str(RUNNER)], input=json.dumps(request), capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr
    answers = json.loads(done.stdout)
    assert len(answers) == len(cases)
    return answers


def through_cli(universe: Universe, name: str, given: dict, lang: str) -> tuple[QueryResult, QueryResult]:
    """``stagegraph query NAME``'s result, and the raw rows its post-processing was handed."""
    seen = []

    def watched(named, result, labels_of, lang):
        seen.append(QueryResult(result.kind, list(result.columns), list(result.rows)))
        return APPLY(named, result, labels_of, lang)

    with patch.object(post, "apply", watched):
        final = run.run(universe, name, given, lang=lang)
    (raw,) = seen
    return raw, final


def parameter_sets(example: dict, every: bool) -> list[dict] | None:
    """The values to run ``example`` with: for each parameter its default (else its first choice),
    or with ``every`` each of its choices; None when a parameter has no choice in this graph."""
    sets = [{}]
    for param in example["params"]:
        iris = [iri for iri, _label in param["choices"] or []]
        if not iris:
            return None
        preset = [iri for iri, label in param["choices"] if param["default"] in (iri, label)]
        values = iris if every else (preset or iris)[:1]
        sets = [{**given, param["name"]: value} for given in sets for value in values]
    return sets


def compare_all(universe: Universe, graph_text: str, lang: str, engine_files: dict, every: bool) -> list[str]:
    """Every library query, through the CLI and through the page's module; the names compared."""
    data = page_data(graph_text, lang)
    cases, expected, names = [], [], []
    for example in data["examples"]:
        for given in parameter_sets(example, every) or []:
            raw, final = through_cli(universe, example["name"], given, lang)
            assert raw.kind == "select", example["name"]
            cases.append({"json": as_json(raw), "example": example, "lang": lang, "labelsQuery": data["labelsQuery"]})
            expected.append((example["name"], given, as_json(final)))
            names.append(example["name"])
    answers = in_node(engine_files, data["graph"], data["prefixes"], cases)
    for (name, given, wanted), answer in zip(expected, answers, strict=True):
        assert "error" not in answer, f"{name} {given} ({lang}): {answer.get('error')}"
        assert answer["json"] == wanted, f"{name} {given} ({lang}): the page's post-processing differs from the CLI's"
    return names


def exported(data=None) -> str:
    result = cli(*(["--data", str(data)] if data else []), "export", "--format", "nt")
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def bundled_graph() -> str:
    return exported()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_library_query_is_post_processed_as_the_cli_does_it(universe, bundled_graph, engine_files, lang):
    from stagegraph.query.library import library

    names = compare_all(universe, bundled_graph, lang, engine_files, every=False)
    assert set(names) == set(library())  # every query of the library, none skipped
    processed = {name for name, q in library().items() if q.labels or q.chains or q.order or q.sets}
    assert {"love-chains", "matches", "bonds"} <= processed


@pytest.mark.slow
@pytest.mark.parametrize("which", ["bundled", "hostile"])
def test_every_choice_of_every_parameter_too(universe, bundled_graph, engine_files, which):
    """Every value the page offers for each parameter, on the bundled universe and on the hostile one
    (whose labels try to break out of the page)."""
    if which == "hostile":
        universe, graph = Universe(data_paths=(HOSTILE,)), exported(HOSTILE)
    else:
        graph = bundled_graph
    names = compare_all(universe, graph, "ko", engine_files, every=True)
    assert "love-chains" in names and "matches" in names


# --- literals and labels the library's data does not have -----------------------------------

XSD = "http://www.w3.org/2001/XMLSchema#"  # a plain string: pytest looks into module globals
INTEGER, DOUBLE = URIRef(f"{XSD}integer"), URIRef(f"{XSD}double")
ODD = [
    ("5", INTEGER),
    (" 7 ", INTEGER),
    ("+6", INTEGER),
    ("-0", INTEGER),
    ("1_000", INTEGER),
    ("1__0", INTEGER),
    ("_1", INTEGER),
    ("٣", INTEGER),  # an Arabic-Indic 3: Python's int() reads it
    ("12345678901234567891", INTEGER),
    ("12345678901234567890", INTEGER),
    ("0x10", INTEGER),
    ("5.0", INTEGER),
    ("300", URIRef(f"{XSD}byte")),
    ("4", URIRef(f"{XSD}nonNegativeInteger")),
    ("1e400", DOUBLE),
    ("-INF", DOUBLE),
    ("infinity", DOUBLE),
    ("NaN", DOUBLE),
    ("nan", URIRef(f"{XSD}float")),
    ("1.", DOUBLE),
    (".5", DOUBLE),
    ("1_0.5", DOUBLE),
    ("6.5", URIRef(f"{XSD}float")),
    ("1e", DOUBLE),
    ("abc", DOUBLE),
    ("2.5", URIRef(f"{XSD}decimal")),
    ("true", URIRef(f"{XSD}boolean")),
    ("b", None),
    ("B", None),
    ("\ue000", None),
    ("\U0001f600", None),  # above U+FFFF: after U+E000 by code point, before it by UTF-16 unit
]
ENTITY = "https://w3id.org/stagegraph/character/"
LABELS = f"""
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<{ENTITY}a> rdfs:label "Zed"@en , "Abe"@en-gb , "에이"@ko .
<{ENTITY}b> rdfs:label "Bee"@en , "Bea"@en-us , "비"@ko-kp , "Be"@fr .
<{ENTITY}c> rdfs:label "Ce"@fr .
<{ENTITY}d> rdfs:label "Dee"@en-gb , "Di"@en-au .
"""


def odd_rows() -> QueryResult:
    rows = [(Literal(text, datatype=dt, normalize=False), None, None, None) for text, dt in ODD]
    rows += [(None, None, None, None), (URIRef(f"{ENTITY}z"), None, None, None), (BNode("b1"), None, None, None)]
    who = [URIRef(f"{ENTITY}{x}") for x in "abcd"] + [Literal(f"{ENTITY}a"), Literal("a"), BNode("x")]
    rows = [
        (
            *row[:1],
            who[i % len(who)],
            Literal(str(i)),
            Literal("z; a; b", lang="en" if i % 3 else None) if i % 2 else Literal("x"),
        )
        for i, row in enumerate(rows)
    ]
    return QueryResult("select", ["x", "who", "n", "set"], rows)


SPECS = [
    {"labels": [], "chains": [], "order": ["x"], "sets": []},
    {"labels": [], "chains": [], "order": ["-x", "n"], "sets": ["set"]},
    {"labels": ["who", "absent"], "chains": [["chain", ["n", "who"]]], "order": ["chain"], "sets": ["set"]},
]


def test_odd_literals_and_regional_labels_alike(engine_files):
    """Sorted ascending and descending, labelled in each language (and French: a language the
    interface does not have), chained and sorted by the chain; one Node process for them all."""
    graph = Graph().parse(data=LABELS, format="turtle")
    cases, expected = [], []
    for lang in [*LANGUAGES, "fr"]:
        for spec in SPECS:
            named = SimpleNamespace(
                labels=spec["labels"], chains=[tuple(c) for c in spec["chains"]], order=spec["order"]
            )
            result = post.apply(named, odd_rows(), lambda iris, _lang: labels_in(graph, iris), lang)
            expected.append((lang, spec, as_json(run.sort_sets(result, spec["sets"]))))
            cases.append(
                {"json": as_json(odd_rows()), "example": spec, "lang": lang, "labelsQuery": post.labels_query(lang)}
            )
    for (lang, spec, wanted), answer in zip(expected, in_node(engine_files, LABELS, {}, cases), strict=True):
        assert answer == {"json": wanted}, f"{spec} ({lang})"
