"""``stagegraph fmt``: rewrite Turtle files in the one canonical form (see stagegraph.rdf.canonical)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..files import read_utf8, refuse_unwritable, write_text
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
    """Rewrite (or, with ``check``, only compare) every ``.ttl`` file under ``paths``.

    Every file is read and formatted, and every one that changes is checked writable, before
    the first is written: a file that cannot be parsed or replaced changes none of them."""
    results, wanted = [], {}
    for path in rdf_files(paths):
        if path.suffix != ".ttl":
            continue
        text = canonical_text(path)
        changed = text.encode("utf-8") != path.read_bytes()  # a byte-order mark is not canonical
        if changed:
            wanted[path] = text
        results.append(FormatResult(path, changed))
    if not check:
        for path in wanted:
            refuse_unwritable(path)
        for path, text in wanted.items():
            write_text(path, text)
    return results
