"""The named query library: ``queries/<name>.rq`` files with ``#+ key: value`` headers.

A header block at the top of each file describes the query and keeps it valid SPARQL::

    #+ summary: The bonds of one character, both directions.
    #+ description: Longer text (may repeat to continue).
    #+ param character: sg:Character | The character whose bonds to list.

A ``param`` line names a variable the caller binds (``-p character Mizi``), the class
its value must belong to (so a name can be resolved to an entity) and its meaning;
``= default`` before the ``|`` gives a default. ``?lang`` is bound by ``--lang`` in every query.
``#+ sets: sources`` names columns that hold a ``"; "``-separated set (a GROUP_CONCAT): SPARQL
leaves the order inside such a value to the engine, so the tool sorts it, and every engine
gives the same text. ``#+ labels:``, ``#+ chain:`` and ``#+ order:`` are done after the
query in Python, where engines disagree (see ``post``).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import bundle
from ..errors import InputError
from ..files import read_utf8, source_lines

HEADER = re.compile(r"^#\+\s*(?P<key>[a-z]+)(?:\s+(?P<arg>[A-Za-z_][\w-]*))?\s*:\s*(?P<value>.*)$")


@dataclass(frozen=True)
class Param:
    """A variable the caller binds: its name, the class of its values, its meaning."""

    name: str
    kind: str  # a prefixed class name such as sg:Character, or "literal"
    description: str
    default: str | None = None


@dataclass
class NamedQuery:
    name: str
    path: Path
    text: str
    summary: str = ""
    description: str = ""
    params: list[Param] = field(default_factory=list)
    sets: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)  # see post.py for these three
    chains: list[tuple[str, list[str]]] = field(default_factory=list)
    order: list[str] = field(default_factory=list)

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


def parse_header(name: str, path: Path, text: str) -> NamedQuery:

    query = NamedQuery(name, path, text)
    for number, line in enumerate(source_lines(text), 1):
        if not line.startswith("#"):
            break
        match = HEADER.match(line)
        if not match:
            continue
        key, arg, value = match["key"], match["arg"], match["value"].strip()
        if key == "summary":
            query.summary = value
        elif key == "description":
            query.description = f"{query.description} {value}".strip()
        elif key == "sets":
            query.sets.extend(v.strip() for v in value.split(",") if v.strip())
        elif key in ("labels", "order"):
            getattr(query, key).extend(_names(value))
        elif key == "chain":
            target, _, parts = value.partition("=")
            query.chains.append((target.strip(), _names(parts)))
        elif key == "param" and arg:
            query.params.append(_param(arg, value, path, number))
    return query


def _names(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def _param(name: str, value: str, path: Path, line: int) -> Param:
    kind, _, description = value.partition("|")
    kind, _, default = kind.partition("=")
    if not kind.strip():
        raise InputError(f"the parameter {name} needs a kind: '#+ param {name}: sg:Class | meaning'", str(path), line)
    return Param(name, kind.strip(), description.strip(), default.strip() or None)


def library(folder: Path | None = None) -> dict[str, NamedQuery]:
    """Every named query of the library, by name."""
    folder = folder or bundle.queries_dir()
    queries = {}
    for path in sorted(folder.glob("*.rq")):
        queries[path.stem] = parse_header(path.stem, path, read_utf8(path))
    return queries


def load(spec: str, stdin_text: str | None = None) -> NamedQuery:
    """A library query by name, a ``.rq`` file by path, or ``-`` for standard input."""
    if spec == "-":
        return parse_header("<stdin>", Path("<stdin>"), stdin_text or "")
    path = Path(spec)
    if path.suffix in {".rq", ".sparql"} or path.is_file():
        if not path.is_file():
            raise InputError("no such query file; check the path", spec)
        return parse_header(path.stem, path, read_utf8(path))
    queries = library()
    if spec in queries:
        return queries[spec]
    close = difflib.get_close_matches(spec, list(queries), n=3, cutoff=0.5)
    hint = f"did you mean {', '.join(close)}? " if close else ""
    raise InputError(f"no query named '{spec}' in the library; {hint}run 'stagegraph queries' to list them")
