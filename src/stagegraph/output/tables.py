"""Query results in every format (table, CSV, TSV, JSON, SPARQL JSON, Markdown) and the query list."""

from __future__ import annotations

import re

from rdflib import BNode, Literal, URIRef

from ..files import csv_text
from ..rdf.canonical import serialize
from ..rdf.namespaces import short
from .common import to_json


def cell(term, compact: bool = False) -> str:
    """A term as plain text: IRIs in full (or prefixed when ``compact``), literals as their text."""
    if term is None:
        return ""

    if isinstance(term, URIRef):
        return short(term) if compact else str(term)
    return str(term)


def query_result(result, fmt: str) -> str:
    """A QueryResult in the requested format."""
    if result.kind == "graph":
        return serialize(result.graph).rstrip("\n")
    if result.kind == "ask":
        if fmt == "sparql-json":
            return to_json({"head": {}, "boolean": result.boolean})
        return "true" if result.boolean else "false"
    return _SELECT_FORMATS[fmt](result)


# Each row of a text format is one line, whatever its values hold. A table for people shows
# every line break and tab as a space and any other control as the visible text \uXXXX (a terminal
# would obey it); Markdown writes a line break <br> and escapes \ and |; TSV escapes \t \n \r and \\
# as SPARQL 1.1's TSV results do; CSV quotes as RFC 4180 says (csv_text).
LINE_BREAK = re.compile(r"\r\n|[\t\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
MARKDOWN_BREAK = re.compile(r"\r\n|\r|\n")
TSV_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def one_line(text: str) -> str:
    """``text`` for a terminal table: line breaks and tabs as spaces, other controls as ``\\uXXXX``."""
    return CONTROL.sub(lambda m: f"\\u{ord(m.group(0)):04X}", LINE_BREAK.sub(" ", text))


def markdown_cell(text: str) -> str:
    """``text`` in a Markdown table cell: ``\\`` and ``|`` escaped, each line break as ``<br>``."""
    return MARKDOWN_BREAK.sub("<br>", text.replace("\\", "\\\\").replace("|", "\\|"))


def tsv_cell(text: str) -> str:
    """``text`` in a TSV cell: tab, newline, carriage return and backslash as ``\\t \\n \\r \\\\``."""
    return text.translate(TSV_ESCAPES)


def _table(result) -> str:
    rows = [[one_line(cell(t, compact=True)) for t in row] for row in result.rows]
    widths = [max([len(c)] + [len(r[i]) for r in rows]) for i, c in enumerate(result.columns)]
    line = lambda values: "  ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()  # noqa: E731
    return "\n".join([line(result.columns), line(["-" * w for w in widths])] + [line(r) for r in rows])


def _csv(result) -> str:
    return csv_text([result.columns] + [[cell(t) for t in row] for row in result.rows]).removesuffix("\n")


def _tsv(result) -> str:
    return "\n".join(["\t".join(result.columns)] + ["\t".join(tsv_cell(cell(t)) for t in row) for row in result.rows])


def _plain_json(result) -> str:
    return to_json(
        [{c: (None if t is None else cell(t)) for c, t in zip(result.columns, row, strict=True)} for row in result.rows]
    )


def _sparql_json(result) -> str:
    return to_json(
        {
            "head": {"vars": result.columns},
            "results": {
                "bindings": [
                    {c: _binding(t) for c, t in zip(result.columns, row, strict=True) if t is not None}
                    for row in result.rows
                ]
            },
        }
    )


def _binding(term) -> dict:

    if isinstance(term, Literal):
        binding = {"type": "literal", "value": str(term)}
        if term.language:
            binding["xml:lang"] = term.language
        elif term.datatype:
            binding["datatype"] = str(term.datatype)
        return binding
    return {"type": "bnode" if isinstance(term, BNode) else "uri", "value": str(term)}


def _markdown(result) -> str:
    lines = ["| " + " | ".join(result.columns) + " |", "|" + "---|" * len(result.columns)]
    lines += ["| " + " | ".join(markdown_cell(cell(t, compact=True)) for t in row) + " |" for row in result.rows]
    return "\n".join(lines)


_SELECT_FORMATS = {
    "table": _table,
    "csv": _csv,
    "tsv": _tsv,
    "json": _plain_json,
    "sparql-json": _sparql_json,
    "md": _markdown,
}


def query_list(queries) -> str:
    """The library as a table: name, parameters, summary."""
    rows = [(q.name, " ".join(f"-p {p.name} …" for p in q.params) or "-", q.summary) for q in queries]
    width = [max(len(r[i]) for r in rows + [("name", "parameters", "")]) for i in range(2)]
    head = f"{'name':<{width[0]}}  {'parameters':<{width[1]}}  summary"
    return "\n".join([head] + [f"{n:<{width[0]}}  {p:<{width[1]}}  {s}" for n, p, s in rows])
