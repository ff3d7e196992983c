"""Inputs that look like RDF or SPARQL but are not: each is refused in one sentence naming
``path:line`` (exit 2), or read as it should be (a byte-order mark) — never accepted by a
laxer parser, never a traceback, never a library's log on the terminal."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT, assert_clean_error, ok
from stagegraph import bundle
from stagegraph.errors import InputError
from stagegraph.rdf.load import load

PREFIX = "@prefix ex: <http://example.org/> .\n"
BOM = b"\xef\xbb\xbf"

# Each of these is outside the Turtle and N-Triples grammars; rdflib used to read every one.
HOSTILE_IRIS = {
    "space": "http://example.org/a b",
    "quote": 'http://example.org/a"b',
    "open brace": "http://example.org/a{b",
    "close brace": "http://example.org/a}b",
    "bar": "http://example.org/a|b",
    "caret": "http://example.org/a^b",
    "backtick": "http://example.org/a`b",
    "backslash": "http://example.org/a\\b",
    "NUL": "http://example.org/a\x00b",
    "escaped space": "http://example.org/a\\u0020b",
    "surrogate escape": "http://example.org/a\\uD800",
}
HOSTILE_LITERALS = {
    "lone high surrogate": '"\\uD800"',
    "lone low surrogate": '"\\uDFFF"',
    "long surrogate escape": '"\\U0000D800"',
    "surrogate pair as two escapes": '"\\uD83D\\uDE00"',
}
HOSTILE_LINES = {
    **{f"IRI with {k}": f'<{v}> <http://example.org/p> "x" .\n' for k, v in HOSTILE_IRIS.items()},
    **{
        f"literal with {k}": f"<http://example.org/s> <http://example.org/p> {v} .\n"
        for k, v in HOSTILE_LITERALS.items()
    },
}
GOOD_LINE = '<http://example.org/s> <http://example.org/p> "ok" .\n'


def write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


@pytest.mark.parametrize("suffix", [".ttl", ".nt"])
@pytest.mark.parametrize("line", HOSTILE_LINES.values(), ids=HOSTILE_LINES.keys())
def test_text_outside_the_grammar_is_refused_at_its_line(tmp_path, suffix, line):
    path = write(tmp_path, "hostile" + suffix, GOOD_LINE + line)
    with pytest.raises(InputError, match=r"hostile\.(ttl|nt):2: (Turtle|N-Triples) syntax error at column \d+: "):
        load([path])


@pytest.mark.parametrize("line", list(HOSTILE_LINES.values())[::3], ids=list(HOSTILE_LINES.keys())[::3])
def test_validate_refuses_text_outside_the_grammar(run, tmp_path, line):
    path = write(tmp_path, "hostile.ttl", PREFIX + line)
    assert_clean_error(run("validate", str(path)), 2, f"{path}:2: Turtle syntax error")


def test_a_tag_written_in_two_cases_does_not_let_rdflib_accept_what_oxigraph_refuses(tmp_path):
    path = write(
        tmp_path, "cases.ttl", '<http://e/a> <http://e/p> "x"@en-GB, "y"@en-gb .\n<http://e/a b> <http://e/p> "z" .\n'
    )
    with pytest.raises(InputError, match=r"cases\.ttl:2: Turtle syntax error"):
        load([path])


@pytest.mark.parametrize(
    ("suffix", "text"),
    [
        (".nt", GOOD_LINE * 3 + "<http://example.org/s> <http://example.org/p> x .\n"),
        (".nt", GOOD_LINE * 3 + '<http://example.org/s> <http://example.org/p> "x"\n'),
        (".ttl", PREFIX + "\n\nex:a ex:b ex:c d .\n"),
    ],
)
def test_syntax_errors_name_the_line_in_ntriples_as_in_turtle(tmp_path, suffix, text):
    path = write(tmp_path, "bad" + suffix, text)
    with pytest.raises(InputError, match=rf"bad\{suffix}:4: "):
        load([path])


# --------------------------------------------------------------------------- byte-order mark


@pytest.mark.parametrize(
    ("suffix", "text"), [(".ttl", PREFIX + 'ex:a ex:p "x" .\n'), (".nt", GOOD_LINE)], ids=["ttl", "nt"]
)
def test_a_byte_order_mark_is_read_past(tmp_path, suffix, text):
    path = write(tmp_path, "bom" + suffix, BOM + text.encode("utf-8"))
    assert len(load([path]).graph) == 1


def test_a_byte_order_mark_is_read_past_by_the_oxigraph_store(run, tmp_path):
    write(tmp_path, "bom.ttl", BOM + (PREFIX + "ex:a a ex:C .\n").encode("utf-8"))
    query = write(tmp_path, "q.rq", "SELECT ?s WHERE { ?s a <http://example.org/C> }")
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    result = ok(
        run_env(
            run, env, "--data", str(tmp_path / "bom.ttl"), "--store", "oxigraph", "query", str(query), "--format", "csv"
        )
    )
    assert "http://example.org/a" in result.stdout


def run_env(run, env: dict, *args):
    with pytest.MonkeyPatch.context() as patch:
        for key, value in env.items():
            patch.setenv(key, value)
        return run(*args)


QUERY = "SELECT ?s WHERE { ?s a <https://w3id.org/stagegraph/ns#Series> }"


def test_a_byte_order_mark_is_read_past_in_a_query_file_and_on_stdin(run, tmp_path):
    path = write(tmp_path, "bom.rq", BOM + QUERY.encode("utf-8"))
    assert "alien-stage" in ok(run("query", str(path), "--format", "csv")).stdout
    assert "alien-stage" in ok(run("query", "-", "--format", "csv", input=BOM + QUERY.encode("utf-8"))).stdout


def test_a_byte_order_mark_is_read_past_in_a_contribution_on_stdin(run, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(bundle.data_dir(), data)
    source = (
        "@prefix sg: <https://w3id.org/stagegraph/ns#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        "<https://w3id.org/stagegraph/source/bom-test> a sg:Source ;\n"
        '  rdfs:label "A page"@en ; sg:url "https://example.org/bom"^^xsd:anyURI ;\n'
        "  sg:sourceKind <https://w3id.org/stagegraph/vocab/sourcekind/fan> .\n"
    )
    result = ok(run("--data", str(data), "add", "-", "--dry-run", input=BOM + source.encode("utf-8")))
    assert "would add source: A page" in result.stdout


# --------------------------------------------------------------------------- bytes that are not UTF-8 on stdin


@pytest.mark.parametrize(
    "bad", [b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xe9t\xe9"], ids=["ff", "truncated", "cesu", "latin1"]
)
def test_query_from_stdin_that_is_not_utf8_is_refused_at_its_line(run, bad):
    text = b'SELECT ?s\nWHERE { ?s ?p "' + bad + b'" }\n'
    assert_clean_error(run("query", "-", input=text), 2, "<stdin>:2: not valid UTF-8")


@pytest.mark.parametrize("bad", [b"\xff\xfe", b"\xed\xa0\x80", b"\xe9t\xe9"], ids=["ff", "cesu", "latin1"])
def test_contribution_from_stdin_that_is_not_utf8_is_refused_at_its_line(run, bad):
    text = b'@prefix ex: <http://example.org/> .\nex:a ex:p "' + bad + b'" .\n'
    assert_clean_error(run("add", "-", "--dry-run", input=text), 2, "<stdin>:2: not valid UTF-8")


@pytest.mark.parametrize("line", list(HOSTILE_LINES.values())[1::3], ids=list(HOSTILE_LINES.keys())[1::3])
def test_contribution_outside_the_grammar_is_refused_from_stdin(run, line):
    assert_clean_error(run("add", "-", "--dry-run", input=PREFIX + line), 2, "<stdin>:2: Turtle syntax error")


# --------------------------------------------------------------------------- a term longer than the parser's buffer


@pytest.fixture(scope="module")
def huge(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("huge") / "huge.ttl"
    with path.open("w", encoding="utf-8") as out:
        out.write(PREFIX + 'ex:a ex:p "')
        out.write("x" * (17 * 1024 * 1024))  # Oxigraph's parser holds at most 16 MiB of one term
        out.write('" .\n')
    return path


@pytest.mark.parametrize("store", ["memory", "oxigraph"])
def test_a_term_longer_than_the_parser_buffer_is_refused_at_its_line(run, huge, tmp_path, store):
    query = write(tmp_path, "q.rq", "SELECT * WHERE { ?s ?p ?o }")
    result = run_env(
        run, {"XDG_CACHE_HOME": str(tmp_path / "cache")}, "--data", str(huge), "--store", store, "query", str(query)
    )
    assert_clean_error(result, 2, f"{huge}:2: a term (literal or IRI) is longer than the Turtle parser can hold")


# --------------------------------------------------------------------------- ill-typed literals: a violation, no log


def test_an_ill_typed_literal_is_a_violation_without_a_traceback(tmp_path):
    data = tmp_path / "series.ttl"
    text = (bundle.data_dir() / "series.ttl").read_text(encoding="utf-8")
    dates = [d for d in ("2022-09-07", "2023-01-05") if f'"{d}"^^xsd:date' in text]
    assert dates, "the fixture needs release dates in series.ttl"
    text = text.replace(f'"{dates[0]}"^^xsd:date', '"abc"^^xsd:date')
    if len(dates) > 1:
        text = text.replace(f'"{dates[1]}"^^xsd:date', '"2022-13-45"^^xsd:date')
    data.write_text(text, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "stagegraph", "--data", str(data), "validate"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert result.returncode == 1, result.stderr
    assert "is not a valid xsd:date" in result.stdout
    assert "Traceback" not in result.stderr and "Failed to convert" not in result.stderr, result.stderr


# --------------------------------------------------------------------------- new: values are checked before printing

EPISODE = ("new", "episode", "--title", "A test episode", "--source", "https://example.org/t", "--source-title", "T")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--released", "2022-13-45"), "--released '2022-13-45' is not a real day"),
        (("--released", "2023-02-29"), "--released '2023-02-29' is not a real day"),
        (("--released", "abc"), "--released 'abc' is not a real day"),
        (("--released", "22-01-01"), "--released '22-01-01' is not a real day"),
        (("--released", "2022-01-01T00:00"), "is not a real day"),
        (("--round", "0"), "--round"),
        (("--title", "Bad \udcff byte"), "--title is not valid UTF-8 text"),
    ],
)
def test_new_refuses_a_bad_value_before_printing(run, args, words):
    result = run(*EPISODE, *args)
    assert_clean_error(result, 2, words)
    assert "@prefix" not in result.stdout and "Traceback" not in result.output


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/a b",
        'https://example.org/a"b',
        "https://example.org/{x}",
        "https://example.org/a|b",
        "https://example.org/a\\b",
        "https://example.org/a`b",
    ],
)
def test_new_refuses_a_url_with_characters_an_iri_cannot_hold(run, url):
    result = run("new", "source", "--url", url, "--title", "T")
    assert_clean_error(result, 2, "is not a valid URL")
    assert "@prefix" not in result.stdout


def test_new_prints_a_real_release_date(run):
    assert 'sg:released "2024-02-29"^^xsd:date' in ok(run(*EPISODE, "--released", "2024-02-29")).stdout


def test_fmt_refuses_a_file_that_is_not_utf8_and_drops_a_byte_order_mark(run, tmp_path):
    latin = write(tmp_path, "latin.ttl", PREFIX.encode() + 'ex:a ex:p "caf\xe9" .\n'.encode("latin-1"))
    assert_clean_error(run("fmt", "--check", str(latin)), 2, f"{latin}:2: not valid UTF-8")
    marked = write(tmp_path, "bom.ttl", BOM + (PREFIX + 'ex:a ex:p "x" .\n').encode("utf-8"))
    assert run("fmt", "--check", str(marked)).exit_code == 1  # the canonical form has no byte-order mark
    ok(run("fmt", str(marked)))
    assert not marked.read_bytes().startswith(BOM) and ok(run("fmt", "--check", str(marked)))
