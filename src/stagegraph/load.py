"""Files → graph. Every parse problem becomes an InputError naming ``path:line``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from .errors import InputError
from .namespaces import bind_prefixes

SUFFIXES = {".ttl": "turtle", ".nt": "nt"}


@dataclass
class Loaded:
    """A merged graph and where each subject came from."""

    graph: Graph
    files: list[Path] = field(default_factory=list)
    origin: dict = field(default_factory=dict)

    def file_of(self, node) -> Path | None:
        return self.origin.get(node)


def rdf_files(paths: Iterable[Path | str]) -> list[Path]:
    """Expand files and folders into the RDF files to read, in a stable order.

    Folders contribute their ``*.ttl`` and ``*.nt`` files (recursively), skipping
    hidden files such as the temporary files of an unfinished atomic write.
    """
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(
                p for p in sorted(path.rglob("*"))
                if p.suffix in SUFFIXES and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        elif path.is_file():
            if path.suffix not in SUFFIXES:
                raise InputError(
                    "not a Turtle (.ttl) or N-Triples (.nt) file; convert it or pass a .ttl file", str(path))
            found.append(path)
        else:
            raise InputError("no such file or folder; check the path", str(path))
    return found


def read_text(path: Path) -> str:
    """A data file's text, or an InputError saying why it cannot be used."""
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise InputError("not valid UTF-8 text; save the file as UTF-8", str(path), line) from None
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror}); check its permissions", str(path)) from None
    if not text.strip():
        raise InputError("the file is empty; add triples to it or remove it", str(path))
    return text


def parse_file(path: Path, graph: Graph | None = None) -> Graph:
    """Parse one file into ``graph`` (a new one by default)."""
    graph = graph if graph is not None else Graph()
    parse_into(path, graph, bind=True)
    return graph


def parse_into(path: Path, graph: Graph, bind: bool = False) -> set:
    """Parse one file into ``graph``; return the subjects it describes.

    Oxigraph's parser does the work (see terms.py); a file it refuses is parsed again by
    rdflib, which either reads it (rdflib accepts a little more) or says where it is wrong.
    ``bind`` also binds the file's prefixes on ``graph`` (for writing it back).
    """
    from .terms import parse_into as fast

    text = read_text(path)
    fmt = SUFFIXES.get(path.suffix, "turtle")
    base = path.resolve().as_uri()
    subjects = fast(graph, text, fmt, base, bind)
    if subjects is not None:
        return subjects
    part = Graph()
    try:
        part.parse(data=text, format=fmt, publicID=base)
    except Exception as exc:  # rdflib raises many kinds; all mean "bad syntax" here
        raise _syntax_error(exc, path) from None
    if bind:
        for prefix, namespace in part.namespaces():
            graph.bind(prefix, namespace)
    graph += part
    return set(part.subjects())


def _syntax_error(exc: Exception, path: Path) -> InputError:
    why = getattr(exc, "_why", None) or str(exc).splitlines()[0]
    line = getattr(exc, "lines", None)
    line = line + 1 if isinstance(line, int) else None
    if line is None and hasattr(exc, "args") and exc.args:
        line = _line_from_message(str(exc))
    return InputError(f"Turtle syntax error: {why}; fix the syntax at this line", str(path), line)


def _line_from_message(message: str) -> int | None:
    import re

    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else None


def _recover(paths) -> None:
    """Finish a multi-file write that a killed ``add`` left half done (see files.write_many).

    A journal (or lock) that stagegraph did not write is refused with an error, even by a
    reader that cannot write; a folder it cannot write is read as it is."""
    import os

    from .contribute.lock import data_lock
    from .files import JOURNAL, WriteError
    from .journal import check_journal, finish

    for folder in (Path(p) for p in paths):
        if folder.is_dir() and os.path.lexists(folder / JOURNAL):
            check_journal(folder)
            try:
                with data_lock(folder):
                    finish(folder)
            except WriteError:
                pass  # a folder we cannot write: read it as it is


def load(paths: Iterable[Path | str]) -> Loaded:
    """Parse every RDF file under ``paths`` into one graph, remembering origins."""
    paths = list(paths)
    _recover(paths)
    loaded = Loaded(Graph())
    bind_prefixes(loaded.graph)
    for path in rdf_files(paths):
        _add_file(loaded, path)
    return loaded


def _add_file(loaded: Loaded, path: Path) -> None:
    for subject in parse_into(path, loaded.graph):
        loaded.origin.setdefault(subject, path)
    loaded.files.append(path)


def is_shapes_file(path: Path) -> bool:
    """Whether a schema file holds SHACL shapes (it declares a NodeShape), read as text so
    that a query, which needs only the ontology, never parses the shapes."""
    text = path.read_text(encoding="utf-8", errors="replace")
    return "http://www.w3.org/ns/shacl#" in text and "NodeShape" in text


def _schema_part(paths, shapes: bool) -> Loaded:
    loaded = Loaded(Graph())
    bind_prefixes(loaded.graph)
    for path in rdf_files(paths):
        if is_shapes_file(path) != shapes:
            continue
        _add_file(loaded, path)
    if not loaded.files:
        what = ("no SHACL shapes file found (a .ttl declaring sh:NodeShape)" if shapes
                else "no ontology file found (a .ttl without SHACL shapes)")
        raise InputError(f"{what}; pass --ontology with it", _names(paths))
    return loaded


def load_ontology(paths: Iterable[Path | str]) -> Loaded:
    """The ontology files of a schema folder or file (every Turtle file without shapes)."""
    return _schema_part(list(paths), shapes=False)


def load_shapes(paths: Iterable[Path | str]) -> Loaded:
    """The SHACL shapes files of a schema folder or file."""
    return _schema_part(list(paths), shapes=True)


def load_schema(paths: Iterable[Path | str]) -> tuple[Loaded, Loaded]:
    """Load an ontology folder or file: (ontology, shapes), split by file content."""
    paths = list(paths)
    return load_ontology(paths), load_shapes(paths)


def _names(paths) -> str:
    return ", ".join(str(p) for p in paths)
