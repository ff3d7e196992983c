"""Text is split into lines only where its format ends a line: LF (and CR for Turtle and SPARQL),
never at U+2028, U+2029, U+0085 or the other breaks ``str.splitlines`` also splits at."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pytest

from stagegraph import files
from stagegraph.query.library import parse_header
from stagegraph.rdf.canonical import leading_comments

BREAKS = ["\u2028", "\u2029", "\x85", "\x1c", "\x1d", "\x1e", "\x0b", "\x0c"]


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("char", BREAKS)
def test_nt_export_keeps_a_literal_whole_across_unicode_line_breaks(run, tmp_path, char):
    data = write(tmp_path / "d.ttl", f'<http://example.org/a> <http://example.org/p> "one{char}two\\u0000" .\n')
    result = run("--data", str(data), "export", "--format", "nt")
    assert result.exit_code == 0, result.output
    triples = list(pyoxigraph.parse(input=result.stdout.encode("utf-8"), format=pyoxigraph.RdfFormat.N_TRIPLES))
    assert [t.object.value for t in triples] == [f"one{char}two\x00"]


def test_nt_export_escapes_controls_as_canonical_n_triples(run, tmp_path):
    data = write(
        tmp_path / "d.ttl", '<http://example.org/a> <http://example.org/p> "\\b\\t\\n\\f\\r\\"\\\\\\u0001\\u007F" .\n'
    )
    result = run("--data", str(data), "export", "--format", "nt")
    assert result.stdout == '<http://example.org/a> <http://example.org/p> "\\b\\t\\n\\f\\r\\"\\\\\\u0001\\u007F" .\n'


@pytest.mark.parametrize("char", BREAKS)
def test_fmt_keeps_a_leading_comment_whole_across_unicode_line_breaks(char):
    text = f"# one{char}two\n# three\n@prefix ex: <http://example.org/> .\n"
    assert leading_comments(text) == f"# one{char}two\n# three\n"


def test_a_carriage_return_ends_a_turtle_comment():
    assert leading_comments("# one\r# two\rex:a ex:b ex:c .\n") == "# one\n# two\n"


@pytest.mark.parametrize("char", BREAKS)
def test_query_header_reads_past_a_unicode_line_break(tmp_path, char):
    text = f"#+ summary: one{char}two\n#+ param who: sg:Character | someone\nSELECT ?who WHERE {{}}\n"
    query = parse_header("q", tmp_path / "q.rq", text)
    assert query.summary == f"one{char}two"
    assert [p.name for p in query.params] == ["who"]


@pytest.mark.parametrize("char", BREAKS)
def test_an_interrupted_write_finishes_to_a_file_name_with_a_unicode_line_break(tmp_path, char):
    target = f"one{char}two.ttl"
    staged = f".{target}.abcd1234.tmp"  # named as the writer names it: a journal may name nothing else
    write(tmp_path / staged, "new text")
    write(tmp_path / files.JOURNAL, f"{staged}\t{target}\n")
    assert files.finish(tmp_path)
    assert (tmp_path / target).read_text(encoding="utf-8") == "new text"
