"""Every result is formatted here and nowhere else: text for people, JSON for programs."""

from __future__ import annotations

import json
import re
from pathlib import Path

from ..files import csv_text
from ..rdf.namespaces import short
from ..rdf.ntriples import nt_line
from ..validate.shacl import Report


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
        from ..rdf.canonical import serialize

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
    line = lambda values: "  ".join(v.ljust(w) for v, w in zip(values, widths)).rstrip()  # noqa: E731
    return "\n".join([line(result.columns), line(["-" * w for w in widths])] + [line(r) for r in rows])


def _csv(result) -> str:
    return csv_text([result.columns] + [[cell(t) for t in row] for row in result.rows]).removesuffix("\n")


def _tsv(result) -> str:
    return "\n".join(["\t".join(result.columns)] + ["\t".join(tsv_cell(cell(t)) for t in row) for row in result.rows])


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


# --- analyze and show ------------------------------------------------------------------


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal (Korean, Japanese and other wide characters take two)."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1
               for ch in text)


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def _columns(rows: list[list[str]], indent: str = "  ", gap: int = 3) -> list[str]:
    """Rows of cells as aligned lines (display width, so wide characters line up)."""
    if not rows:
        return []
    widths = [max(display_width(r[i]) if i < len(r) else 0 for r in rows) for i in range(max(map(len, rows)))]
    return [(indent + (" " * gap).join(pad(c, widths[i]) for i, c in enumerate(r))).rstrip() for r in rows]


def analysis_text(result: dict) -> str:
    """The analysis for people: centrality, feelings, pairs, groups, then the bracket."""
    lines: list[str] = []
    if result.get("as_of"):
        lines += [f"As of {result['as_of']['episode']}: facts revealed later are left out.", ""]
    degree, between = result["centrality"]["degree"], result["centrality"]["betweenness"]
    lines.append("Most central characters (degree: characters linked by bonds and matches)")
    rows = [["degree", "linked", "score", "betweenness", "score"]]
    for i in range(max(len(degree), len(between))):
        d = degree[i] if i < len(degree) else None
        b = between[i] if i < len(between) else None
        rows.append([f"{i + 1}. {d['label']}" if d else "", f"{d['links']}" if d else "",
                     f"{d['score']:.3f}" if d else "", f"{i + 1}. {b['label']}" if b else "",
                     f"{b['score']:.3f}" if b else ""])
    lines += _columns(rows, gap=2)

    def walk(item: dict, closed: bool = False) -> str:
        names = item["labels"] + ([item["labels"][0]] if closed else [])
        natures = ", ".join("/".join(n) for n in item["natures"])
        return f"{' → '.join(names)}   ({natures})"

    lines += ["", "Chains of one-sided feeling (longest first)"]
    lines += [f"  {walk(c)}" for c in result["chains"]] or ["  none"]
    lines += ["", "Mutual pairs"]
    lines += _columns([[" ↔ ".join(p["labels"]), ", ".join(
        b["nature"] + (f" ({b['canon'].replace('-', ' ')})" if b["canon"] and b["canon"] != "canon" else "")
        for b in p["bonds"])] for p in result["mutual_pairs"]]) or ["  none"]
    lines += ["", "Cycles of one-sided feeling"]
    lines += [f"  {walk(c, closed=True)}" for c in result["cycles"]] or ["  none"]
    lines += ["", "Connected groups (bonds and matches)"]
    lines += [f"  {g['size']}: {', '.join(g['labels'])}" for g in result["groups"]] or ["  none"]
    lines += ["", "Tournament bracket"]
    lines += bracket_lines(result["bracket"])
    return "\n".join(lines)


def match_text(match: dict) -> str:
    """``Round 1: Mizi ✓ vs Sua``; ``?`` for an unidentified contestant; an unknown winner said so."""
    names = [c["label"] + (" ✓" if c.get("winner") else "") for c in match["contestants"]]
    text = f"{match['episode'] or match['label']}: {' vs '.join(names)}"
    return text if match.get("winner") else text + " (winner unknown)"


def bracket_lines(bracket: dict) -> list[str]:
    """The bracket as columns, one per round, each match level with the middle of those it comes from."""
    rounds = bracket["rounds"]
    if not rounds:
        return ["  no matches"]
    column = {m["match"]: i for i, r in enumerate(rounds) for m in r["matches"]}
    by_id = {m["match"]: m for r in rounds for m in r["matches"]}
    fed = {a for m in by_id.values() for a in m["after"] if a in by_id}
    row: dict[str, int] = {}
    taken: set[tuple[int, int]] = set()
    next_leaf = [0]

    def place(match_id: str) -> int:
        if match_id in row:
            return row[match_id]
        feeders = [place(a) for a in by_id[match_id]["after"] if a in by_id]
        if feeders:
            at = (min(feeders) + max(feeders)) // 2
        else:
            at, next_leaf[0] = next_leaf[0], next_leaf[0] + 2
        while (column[match_id], at) in taken:
            at += 1
        taken.add((column[match_id], at))
        row[match_id] = at
        next_leaf[0] = max(next_leaf[0], at + 1 + (at + 1) % 2)
        return at

    roots = [m for r in reversed(rounds) for m in r["matches"] if m["match"] not in fed]
    for root in roots:
        place(root["match"])
    height = max(row.values(), default=-1) + 1
    grid = [["" for _ in rounds] for _ in range(height)]
    for match_id, at in row.items():
        grid[at][column[match_id]] = match_text(by_id[match_id])
    for i, r in enumerate(rounds):
        if not r["matches"]:
            if not grid:
                grid.append(["" for _ in rounds])
            grid[0][i] = "(not shown yet)"
    lines = _columns([[r["name"] for r in rounds]] + grid)
    lines.append("  ✓ winner   ? unidentified contestant")
    return lines


def card_text(card: dict) -> str:
    """A character card: names, classes, attributes, fate, matches, songs, voices, bonds; sources as [n]."""
    notes: dict[str, int] = {}
    listed: list[dict] = []

    def refs(sources: list[dict]) -> str:
        marks = []
        for s in sources:
            key = s.get("iri") or s.get("url") or s.get("title")
            if key not in notes:
                notes[key] = len(notes) + 1
                listed.append(s)
            marks.append(f"[{notes[key]}]")
        return "".join(sorted(set(marks), key=lambda m: int(m[1:-1])))

    names = " · ".join(card["names"][k] for k in card["names"])
    lines = [names, "=" * display_width(names)]
    head = [["names", ", ".join(f"{k or '-'}: {v}" for k, v in card["names"].items())
             + (f" (also {', '.join(card['other_names'])})" if card["other_names"] else "")],
            ["class", ", ".join(c["label"] for c in card["classes"]) or "-"],
            ["IRI", card["iri"]]]
    lines += _columns(head, indent="", gap=2)
    if card["note"]:
        lines += ["", card["note"] + (f" {refs(card['sources'])}" if card["sources"] else "")]

    lines += ["", "Attributes"]
    rows = []
    for a in card["attributes"]:
        statements = a["statements"]
        how = "; ".join(s["confidence"] or "no confidence" for s in statements) or "no statement"
        rows.append([a["label"], f"{a['value']}  ({how}) " + "".join(refs(s["sources"]) for s in statements)])
    lines += _columns(rows) or ["  none recorded"]

    fate = card["fate"]
    lines += ["", "Fate"]
    if fate.get("iri"):
        where = f", {fate['episode']}" if fate.get("episode") else ""
        lines.append(f"  {fate['label']}{where} ({fate['confidence']}) {refs(fate['sources'])}".rstrip())
    else:
        lines.append("  unknown (no source says)")

    lines += ["", "Matches"]
    lines += _columns([[m["episode"], f"vs {m['opponent']}", m["outcome"], refs(m["sources"])]
                       for m in card["matches"]]) or ["  none"]
    lines += ["", "Songs"]
    lines += _columns([[s["label"], f"sings in {s['episode']}" if s["episode"] else "sings", refs(s["sources"])]
                       for s in card["songs"]]) or ["  none recorded"]
    lines += ["", "Voices"]
    lines += _columns([[v["label"], f"voices them in {v['work']}" if v["work"] else "voices them", refs(v["sources"])]
                       for v in card["voices"]]) or ["  none recorded"]
    lines += ["", "Bonds"]
    arrow = {"outgoing": "→", "incoming": "←", "mutual": "↔"}
    lines += _columns([[f"{arrow[b['direction']]} {b['other_label']}", b["nature"], b["bond_type"],
                        b["canon"].replace("-", " "), b["confidence"], refs(b["sources"])]
                       for b in card["bonds"]]) or ["  none recorded"]
    lines += ["", "Sources"]
    lines += [f"  [{i}] {s['title']}" + (f" <{s['url']}>" if s.get("url") else "") for i, s in enumerate(listed, 1)]
    if not listed:
        lines.append("  none")
    return "\n".join(lines)


def diff_triples(result) -> list[str]:
    """``diff --format triples``: the removed triples (``-``), then the added (``+``), in N-Triples."""
    return [f"{sign} {nt_line(s, p, o)}" for sign, triples in (("-", result.removed), ("+", result.added))
            for s, p, o in triples]


def added(result) -> list[str]:
    """``add``: each new fact in plain words (standard output)."""
    if not result.added:
        return ["nothing to add: every triple is already in the data"]
    verb = "would add" if result.dry_run else "added"
    return [f"{verb} {line}" for line in result.words]


def added_to_files(result) -> list[str]:
    """``add``: how many triples went to which file (standard error)."""
    if not result.added:
        return []
    verb = "would add" if result.dry_run else "added"
    return [f"{verb} {count} triple{'s' if count != 1 else ''} to {result.folder / file}"
            for file, count in sorted(result.files.items())]


def formatted(results, check: bool) -> list[str]:
    """``fmt``: the files that are not canonical (--check) or were rewritten."""
    return [f"{'not canonical' if check else 'reformatted'}: {r.path}" for r in results if r.changed]


def formatted_summary(results, check: bool) -> str | None:
    """``fmt``'s last line on standard error, if it has one (none after a rewrite)."""
    changed = [str(r.path) for r in results if r.changed]
    if not changed:
        return f"{len(results)} file(s) already canonical"
    if check:
        return f"{len(changed)} file(s) not canonical; run: stagegraph fmt {' '.join(changed)}"
    return None


def diff_summary(result) -> str:
    return f"{len(result.added)} triple(s) added, {len(result.removed)} removed"


def published(triples: int, endpoint: str, graph_iri: str | None) -> str:
    return f"published {triples} triples to {endpoint} ({'graph ' + graph_iri if graph_iri else 'default graph'})"


def query_list_json(queries) -> str:
    """``queries --format json``: every named query with its parameters."""
    return to_json([{"name": q.name, "summary": q.summary, "description": q.description,
                     "parameters": [vars(p) for p in q.params]} for q in queries])
