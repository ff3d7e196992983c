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
