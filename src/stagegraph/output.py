"""Every result is formatted here and nowhere else: text for people, JSON for programs."""

from __future__ import annotations

import json
from pathlib import Path

from .namespaces import short
from .validate import Report


def relpath(path: str | Path | None) -> str:
    """A path relative to the working folder when it lies below it, else as given."""
    if not path:
        return "-"
    absolute = Path(path).resolve()
    try:
        return str(absolute.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def to_json(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


def report_lines(report: Report) -> list[str]:
    """One line per problem, ``[SEVERITY] file entity property: message``; or ``No issues found``."""
    lines = []
    for r in report.results:
        where = f"{relpath(r.file)} {short(r.focus)}"
        if r.path:
            where += f" {short(r.path)}"
        lines.append(f"[{r.severity.upper()}] {where}: {r.message}")
    if not report.results:
        lines.append("No issues found")
    return lines


def report_summary(report: Report, triples: int, files: int) -> str:
    counts = ", ".join(f"{report.count(s)} {s.lower()}{'s' if report.count(s) != 1 else ''}"
                       for s in ("Violation", "Warning", "Info") if report.count(s))
    verdict = "conforms" if report.conforms else "does not conform"
    return f"{triples} triples in {files} file{'s' if files != 1 else ''}: {verdict}" + (f" ({counts})" if counts else "")


def report_json(report: Report, triples: int, files: list) -> str:
    return to_json({
        "conforms": report.conforms,
        "triples": triples,
        "files": [relpath(f) for f in files],
        "results": [r.as_dict() for r in report.results],
    })


def stats_text(stats: dict) -> str:
    """Nested counts as indented, aligned lines."""
    lines: list[str] = []
    _nested(stats, 0, lines)
    return "\n".join(lines)


def _nested(mapping: dict, depth: int, lines: list[str]) -> None:
    width = max((len(str(k)) for k in mapping), default=0)
    for key, value in mapping.items():
        pad = "  " * depth
        if isinstance(value, dict):
            lines.append(f"{pad}{key}:")
            _nested(value, depth + 1, lines)
        else:
            lines.append(f"{pad}{str(key) + ':':<{width + 1}} {value}")


# --- query results -------------------------------------------------------------------

QUERY_FORMATS = ("table", "csv", "tsv", "json", "sparql-json", "md")


def cell(term, compact: bool = False) -> str:
    """A term as plain text: IRIs in full (or prefixed when ``compact``), literals as their text."""
    if term is None:
        return ""
    from rdflib import URIRef

    if isinstance(term, URIRef):
        return short(term) if compact else str(term)
    return str(term)


def query_result(result, fmt: str) -> str:
    """A QueryResult in the requested format."""
    if result.kind == "graph":
        from .turtle import serialize

        return serialize(result.graph).rstrip("\n")
    if result.kind == "ask":
        if fmt == "sparql-json":
            return to_json({"head": {}, "boolean": result.boolean})
        return "true" if result.boolean else "false"
    return _SELECT_FORMATS[fmt](result)


def _table(result) -> str:
    rows = [[cell(t, compact=True).replace("\n", " ") for t in row] for row in result.rows]
    widths = [max([len(c)] + [len(r[i]) for r in rows]) for i, c in enumerate(result.columns)]
    line = lambda values: "  ".join(v.ljust(w) for v, w in zip(values, widths)).rstrip()  # noqa: E731
    return "\n".join([line(result.columns), line(["-" * w for w in widths])] + [line(r) for r in rows])


def _delimited(result, delimiter: str) -> str:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(result.columns)
    for row in result.rows:
        values = [cell(t) for t in row]
        if delimiter == "\t":
            values = [v.replace("\t", " ").replace("\n", " ") for v in values]
        writer.writerow(values)
    return buffer.getvalue().rstrip("\n")


def _plain_json(result) -> str:
    return to_json([{c: (None if t is None else cell(t)) for c, t in zip(result.columns, row)}
                    for row in result.rows])


def _sparql_json(result) -> str:
    return to_json({"head": {"vars": result.columns}, "results": {"bindings": [
        {c: _binding(t) for c, t in zip(result.columns, row) if t is not None} for row in result.rows]}})


def _binding(term) -> dict:
    from rdflib import BNode, Literal

    if isinstance(term, Literal):
        binding = {"type": "literal", "value": str(term)}
        if term.language:
            binding["xml:lang"] = term.language
        elif term.datatype:
            binding["datatype"] = str(term.datatype)
        return binding
    return {"type": "bnode" if isinstance(term, BNode) else "uri", "value": str(term)}


def _markdown(result) -> str:
    escape = lambda t: cell(t, compact=True).replace("|", "\\|").replace("\n", " ")  # noqa: E731
    lines = ["| " + " | ".join(result.columns) + " |", "|" + "---|" * len(result.columns)]
    lines += ["| " + " | ".join(escape(t) for t in row) + " |" for row in result.rows]
    return "\n".join(lines)


_SELECT_FORMATS = {
    "table": _table,
    "csv": lambda r: _delimited(r, ","),
    "tsv": lambda r: _delimited(r, "\t"),
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
