"""What add, fmt, diff and publish say, and the query library as JSON."""

from __future__ import annotations

from ..rdf.ntriples import nt_line
from .common import relpath, to_json


def diff_triples(result) -> list[str]:
    """``diff --format triples``: the removed triples (``-``), then the added (``+``), in N-Triples."""
    return [
        f"{sign} {nt_line(s, p, o)}"
        for sign, triples in (("-", result.removed), ("+", result.added))
        for s, p, o in triples
    ]


REQUIRED = {  # what each kind of fact states; one a contribution leaves out is shown as "?"
    "bond": ("from", "to", "nature", "type"),
    "fate": ("of", "status"),
    "credit": ("agent", "role", "work"),
    "source": ("title", "url"),
    "attribute": ("of", "property", "value"),
    "slot": ("outcome",),
}


def fact_words(fact: dict) -> str:
    """One fact (``contribute.describe``) in the words a fan would use."""
    fact = fact | {key: "?" for key in REQUIRED.get(fact["kind"], ()) if fact.get(key) in (None, "None")}
    tail = f"; source {fact['sources']}" if fact.get("sources") else ""
    kind = fact["kind"]
    if kind == "bond":
        arrow = "↔" if fact["mutual"] else "→"
        return f"bond: {fact['from']} {arrow} {fact['to']}, {fact['nature']}, {fact['type']}{tail}"
    if kind == "fate":
        where = f" in {fact['episode']}" if fact["episode"] else ""
        return f"fate: {fact['of']} {fact['status']}{where}{tail}"
    if kind == "credit":
        who = f" as {fact['as']}" if fact["as"] else ""
        return f"credit: {fact['agent']}, {fact['role']}{who}, on {fact['work']}{tail}"
    if kind == "source":
        return f"source: {fact['title']} <{fact['url']}>"
    if kind == "attribute":
        return f"attribute: {fact['of']} {fact['property']} = {fact['value']}{tail}"
    if kind == "slot":
        return f"match slot: {fact['contestant'] or 'an unidentified opponent'}, {fact['outcome']}{tail}"
    if kind == "changed":  # a subject whose type did not change: the properties that did
        return f"{fact['short']}: {', '.join(fact['properties'])}"
    return f"{fact['class']}: {fact['label']} ({fact['short']}){tail}"


def added(result) -> list[str]:
    """``add``: each new fact in plain words (standard output)."""
    if not result.added:
        return ["nothing to add: every triple is already in the data"]
    verb = "would add" if result.dry_run else "added"
    lines = []
    for fact in result.facts:
        more = fact.get("new_properties")
        lines.append(f"{verb} {fact_words(fact)}" + (f" (new: {', '.join(more)})" if more else ""))
    return lines


DRY = "(dry run: nothing was written)"


def proposed(facts: list[dict]) -> list[str]:
    """``add --dry-run`` of a refused contribution: what it states, fact by fact, in plain words."""
    return [f"proposes {fact_words(fact)}" for fact in facts]


def add_verdict(name: str, result=None, refused=None) -> str:
    """``add --dry-run``'s last line: whether the contribution ``name`` can be added, and what that would write."""
    if refused is None:
        if not result.added:
            return f"valid: {name} holds nothing new, every triple of it is already in the data {DRY}"
        files = sorted(result.files)
        where = ", ".join(files[:-1]) + f" and {files[-1]}" if len(files) > 1 else files[0]
        triples = f"{result.added} new triple{'s' if result.added != 1 else ''}"
        return f"valid: {name} keeps the data valid; adding it writes {triples} to {where} {DRY}"
    report = getattr(refused, "report", None)
    if report is not None and report.results:
        problems = f"{len(report.results)} problem{'s' if len(report.results) != 1 else ''}"
        return f"invalid: {name} would make the data invalid, {problems} listed above {DRY}"
    return f"invalid: {refused} {DRY}"


def add_json(name: str, dry_run: bool, result=None, refused=None, facts=()) -> str:
    """``add --format json``: what the contribution adds (or, refused, proposes), whether it is
    valid, the validation problems, and the files it writes (or would)."""
    report = getattr(refused, "report", None)
    facts = result.facts if result is not None else list(facts)
    return to_json(
        {
            "file": name,
            "dry_run": dry_run,
            "valid": refused is None,
            "written": result is not None and not dry_run and result.added > 0,
            "added": result.added if result is not None else 0,
            "facts": [{**fact, "words": fact_words(fact)} for fact in facts],
            "files": {relpath(result.folder / f): n for f, n in sorted(result.files.items())} if result else {},
            "problems": [r.as_dict() for r in report.results] if report is not None else [],
            "error": str(refused) if refused is not None else None,
        }
    )


def diff_words(result) -> list[str]:
    """``diff``: each entity added or removed, or changed, in plain words."""
    return [f"{sign} {fact_words(fact)}" for sign, fact in result.changes]


def added_to_files(result) -> list[str]:
    """``add``: how many triples went to which file (standard error)."""
    if not result.added:
        return []
    verb = "would add" if result.dry_run else "added"
    return [
        f"{verb} {count} triple{'s' if count != 1 else ''} to {result.folder / file}"
        for file, count in sorted(result.files.items())
    ]


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
    return to_json(
        [
            {
                "name": q.name,
                "summary": q.summary,
                "description": q.description,
                "parameters": [vars(p) for p in q.params],
            }
            for q in queries
        ]
    )
