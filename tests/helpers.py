"""Assertions the CLI test modules share."""

from __future__ import annotations

import csv
import io
import json
import re


def ok(result):
    """The result of a command that must succeed."""
    assert result.exit_code == 0, (result.output, result.exception)
    return result


def json_rows(result) -> list[dict]:
    """The rows of a successful `--format json` query."""
    return json.loads(ok(result).stdout)


def assert_clean_error(result, code: int, *fragments: str):
    """A refusal: the documented exit code, the given words, and never a traceback."""
    assert result.exit_code == code, (result.output, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    for fragment in fragments:
        assert fragment in result.output, result.output


def read_csv(text: str) -> list[list[str]]:
    """Rows of a CSV text as Python's csv module reads them (RFC 4180 quoting)."""
    return list(csv.reader(io.StringIO(text, newline="")))


TSV_UNESCAPES = {"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}


def read_tsv(text: str) -> list[list[str]]:
    """Rows of a TSV text: one line per row (ended by LF), a tab between cells, ``\\t \\n \\r \\\\``
    read back as tab, newline, carriage return and backslash."""
    unescape = lambda cell: re.sub(r"\\(.)", lambda m: TSV_UNESCAPES[m.group(1)], cell, flags=re.S)  # noqa: E731
    return [[unescape(c) for c in line.split("\t")] for line in text.removesuffix("\n").split("\n")]


MARKDOWN_SPACE = " \t\x0b\x0c"  # what a table cell is trimmed of (CommonMark's whitespace, less line ends)


def read_markdown(text: str) -> list[list[str]]:
    """Cells of a Markdown table as GitHub's table extension splits them: at each ``|`` that no
    backslash escapes, a line per row (LF, CR or CR LF), then ``\\|`` and ``\\\\`` unescaped."""
    rows = []
    for line in re.split(r"\r\n|\r|\n", text.removesuffix("\n")):
        assert line.startswith("|") and line.endswith("|") and not line.endswith("\\|"), line
        cells = re.split(r"(?<!\\)\|", line[1:-1])
        rows.append([re.sub(r"\\([\\|])", r"\1", c.strip(MARKDOWN_SPACE)) for c in cells])
    return rows
