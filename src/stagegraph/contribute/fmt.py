"""``stagegraph fmt``: rewrite Turtle files in the one canonical form (see stagegraph.rdf.canonical)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..files import write_text
from ..rdf.load import parse_file, rdf_files
from ..rdf.canonical import leading_comments, serialize


@dataclass
class FormatResult:
    path: Path
    changed: bool


def canonical_text(path: Path) -> str:
    """The canonical text of one Turtle file (its leading comment block kept)."""
    text = path.read_text(encoding="utf-8")
    return serialize(parse_file(path), leading_comments(text))


def format_files(paths, *, check: bool = False) -> list[FormatResult]:
    """Rewrite (or, with ``check``, only compare) every ``.ttl`` file under ``paths``."""
    results = []
    for path in rdf_files(paths):
        if path.suffix != ".ttl":
            continue
        wanted = canonical_text(path)
        changed = wanted != path.read_text(encoding="utf-8")
        if changed and not check:
            write_text(path, wanted)
        results.append(FormatResult(path, changed))
    return results
