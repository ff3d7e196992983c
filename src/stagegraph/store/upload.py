"""A universe's files as N-Triples request bodies for the Graph Store Protocol, without rdflib.

Oxigraph parses each file and serialises the triples straight into chunks of N-Triples, so
publishing a million triples costs a couple of seconds of CPU, not a Python object per term.

Blank nodes: a Graph Store request is its own document, so a server reads the same blank
node label in two requests as two nodes (Oxigraph Server and Virtuoso both do). Each file's
labels are therefore renamed to fresh random ones (two files' ``_:b`` are two nodes, as when
the files are merged locally), and every triple that touches a blank node is held back and
sent with the rest of its connected group of blank nodes in one request, after the ground
triples; a group is never split (an OWL list or a nested description arrives whole).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import cast

import pyoxigraph

from ..rdf.load import SUFFIXES, read_text, refusal

FORMATS = {"turtle": pyoxigraph.RdfFormat.TURTLE, "nt": pyoxigraph.RdfFormat.N_TRIPLES}
BLANK = pyoxigraph.BlankNode


def parsed(path: Path) -> Iterator[pyoxigraph.Quad]:
    """The triples of one file (as default-graph quads), its blank nodes renamed apart from
    every other file's; a syntax error is an InputError naming ``path:line``."""
    fmt = SUFFIXES.get(path.suffix, "turtle")
    text = read_text(path)
    try:
        yield from pyoxigraph.parse(
            text.encode("utf-8"), FORMATS[fmt], base_iri=path.resolve().as_uri(), rename_blank_nodes=True
        )
    except (SyntaxError, MemoryError) as exc:
        raise refusal(exc, str(path), fmt, lambda: text) from None


def count(files: Iterable[Path]) -> int:
    """How many triples the files hold; parsing them all first refuses a syntax error before
    anything is sent (a half-replaced graph on the server helps nobody)."""
    return sum(sum(1 for _ in parsed(path)) for path in files)


def chunks(quads: Iterable[pyoxigraph.Quad], size: int) -> Iterator[tuple[bytes, int]]:
    """N-Triples bodies of about ``size`` triples: the ground triples in file order, then the
    triples with blank nodes, each connected group of blank nodes whole in one body."""
    batch, held = [], []
    for quad in quads:
        if type(quad.subject) is BLANK or type(quad.object) is BLANK:
            held.append(quad)
            continue
        batch.append(quad)
        if len(batch) >= size:
            yield _body(batch), len(batch)
            batch = []
    for group in _groups(held):
        if batch and len(batch) + len(group) > size:
            yield _body(batch), len(batch)
            batch = []
        batch.extend(group)
    if batch:
        yield _body(batch), len(batch)


def _body(quads: list[pyoxigraph.Quad]) -> bytes:
    # bytes, since no output is given (the stub does not tell the two cases apart)
    return cast(bytes, pyoxigraph.serialize(quads, format=pyoxigraph.RdfFormat.N_TRIPLES))


def _groups(quads: list[pyoxigraph.Quad]) -> list[list[pyoxigraph.Quad]]:
    """The triples with blank nodes, grouped by the connected groups of their blank nodes."""
    parent: dict[str, str] = {}

    def root(label: str) -> str:
        while parent.setdefault(label, label) != label:
            parent[label] = parent[parent[label]]
            label = parent[label]
        return label

    for quad in quads:
        ends = [t.value for t in (quad.subject, quad.object) if type(t) is BLANK]
        first = root(ends[0])
        for other in ends[1:]:
            parent[root(other)] = first
    groups: dict[str, list[pyoxigraph.Quad]] = {}
    for quad in quads:
        # (held back: when its subject is no blank node, its object is one)
        end = quad.subject if type(quad.subject) is BLANK else cast(pyoxigraph.BlankNode, quad.object)
        groups.setdefault(root(end.value), []).append(quad)
    return list(groups.values())
