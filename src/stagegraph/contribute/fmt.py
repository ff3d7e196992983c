"""``stagegraph fmt``: rewrite Turtle files in the one canonical form (see stagegraph.rdf.canonical)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..files import read_utf8, write_text
from ..rdf.canonical import leading_comments, serialize
from ..rdf.load import parse_file, rdf_files


@dataclass
class FormatResult:
    path: Path
    changed: bool


def canonical_text(path: Path) -> str:
    """The canonical text of one Turtle file (its leading comment block kept)."""
    graph = parse_file(path)
    return serialize(graph, leading_comments(read_utf8(path)))


def format_files(paths, *, check: bool = False) -> list[FormatResult]:
    """Rewrite (or, with ``check``, only compare) every ``.ttl`` file under ``paths``."""
    results = []
    for path in rdf_files(paths):
        if path.suffix != ".ttl":
            continue
        wanted = canonical_text(path)
        changed = wanted.encode("utf-8") != path.read_bytes()  # a byte-order mark is not canonical
        if changed and not check:
            write_text(path, wanted)
        results.append(FormatResult(path, changed))
    return results
