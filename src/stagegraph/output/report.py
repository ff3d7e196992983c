"""The validation report: one line per problem, a summary, or JSON."""

from __future__ import annotations

from ..rdf.namespaces import short
from ..validate.report import Report
from .common import relpath, to_json


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
    counts = ", ".join(
        f"{report.count(s)} {s.lower()}{'s' if report.count(s) != 1 else ''}"
        for s in ("Violation", "Warning", "Info")
        if report.count(s)
    )
    verdict = "conforms" if report.conforms else "does not conform"
    return f"{triples} triples in {files} file{'s' if files != 1 else ''}: {verdict}" + (
        f" ({counts})" if counts else ""
    )


def report_engine(report: Report) -> list[str]:
    """What ``validate -v`` adds: which shapes ran set-at-a-time, and why the engine declined, if it did."""
    if report.declined:
        return [
            "set-at-a-time engine declined; pySHACL validated everything, because:",
            *(f"  {why}" for why in report.declined),
        ]
    if report.setwise:
        return [
            f"set-at-a-time: {len(report.setwise)} shapes ran as SPARQL on Oxigraph:",
            *(f"  {short(shape)}" for shape in report.setwise),
        ]
    return ["pySHACL validated every shape"]


def report_json(report: Report, triples: int, files: list) -> str:
    return to_json(
        {
            "conforms": report.conforms,
            "triples": triples,
            "files": [relpath(f) for f in files],
            "results": [r.as_dict() for r in report.results],
            "setwise": report.setwise,
            "declined": report.declined,
        }
    )
