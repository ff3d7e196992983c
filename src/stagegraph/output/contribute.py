"""What add, fmt, diff and publish say, and the query library as JSON."""

from __future__ import annotations

from ..rdf.ntriples import nt_line
from .common import to_json


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
