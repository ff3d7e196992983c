"""Files → graph. Every parse problem becomes an InputError naming ``path:line``."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph
from rdflib import Graph

from ..errors import InputError
from ..files import JOURNAL, WriteError, check_journal, data_lock, finish, read_utf8
from .namespaces import bind_prefixes
from .oxigraph_terms import parse_into as oxigraph_parse

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
                p
                for p in sorted(path.rglob("*"))
                if p.suffix in SUFFIXES
                and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        elif path.is_file():
            if path.suffix not in SUFFIXES:
                raise InputError(
                    "not a Turtle (.ttl) or N-Triples (.nt) file; convert it or pass a .ttl file", str(path)
                )
            found.append(path)
        else:
            raise InputError("no such file or folder; check the path", str(path))
    return found


def read_text(path: Path) -> str:
    """A data file's text (strict UTF-8, see text.py), or an InputError saying why it cannot be used.
    An empty file is a valid Turtle or N-Triples document: the empty graph."""
    return read_utf8(path)


def parse_file(path: Path, graph: Graph | None = None) -> Graph:
    """Parse one file into ``graph`` (a new one by default)."""
    graph = graph if graph is not None else Graph()
    parse_into(path, graph, bind=True)
    return graph


def parse_into(path: Path, graph: Graph, bind: bool = False) -> set:
    """Parse one file into ``graph``; return the subjects it describes.

    ``bind`` also binds the file's prefixes on ``graph`` (for writing it back).
    """
    fmt = SUFFIXES.get(path.suffix, "turtle")
    return parse_text(read_text(path), str(path), graph, fmt, path.resolve().as_uri(), bind)


def parse_text(
    text: str, name: str, graph: Graph, fmt: str = "turtle", base: str | None = None, bind: bool = False
) -> set:
    """Parse ``text`` (read from ``name``) into ``graph`` under Oxigraph's grammar (see terms.py);
    return its subjects. Text Oxigraph refuses is refused: an InputError naming ``name:line``."""
    base = base or Path.cwd().resolve().as_uri() + "/"
    try:
        return oxigraph_parse(graph, text, fmt, base, bind)
    except (SyntaxError, MemoryError) as exc:
        raise refusal(exc, name, fmt, lambda: text) from None


def refusal(exc: BaseException, name: str, fmt: str, text) -> InputError:
    """The InputError for what Oxigraph's parser raised on the file ``name``.

    A ``SyntaxError`` carries the line and column; a ``MemoryError`` means one term is
    longer than the parser's buffer, and the longest line of ``text()`` is named. (``text``
    is a function: the store reads a file's text only when it has to explain it.)
    """
    grammar = "N-Triples" if fmt == "nt" else "Turtle"
    if isinstance(exc, MemoryError):
        return InputError(
            f"a term (literal or IRI) is longer than the {grammar} parser can hold ({exc}); shorten it",
            name,
            _longest_line(text()),
        )
    why = POSITION.sub("", str(getattr(exc, "msg", "") or exc).splitlines()[0])
    line, column = getattr(exc, "lineno", None), getattr(exc, "offset", None)
    last = _last_line(text())
    if line and line > last:  # the end of the text, after its last newline: the statement it cuts off
        line, column = last, None
    at = f" at column {column}" if line and column else ""
    return InputError(f"{grammar} syntax error{at}: {why}; fix the syntax at this line", name, line)


POSITION = re.compile(r"^Parser error at line \d+ (?:column \d+|between columns \d+ and \d+): ")


def _last_line(text: str) -> int:
    return text.count("\n") + (0 if text.endswith("\n") else 1)


def _longest_line(text: str) -> int:
    best, longest, number, start = 1, -1, 1, 0
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if end - start > longest:
            best, longest = number, end - start
        number, start = number + 1, end + 1
    return best


def recover(paths) -> None:
    """Finish a multi-file write that a killed ``add`` left half done (see files.write_many).

    A journal (or lock) that stagegraph did not write is refused with an error, even by a
    reader that cannot write; a folder it cannot write is read as it is."""
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
    loaded = Loaded(Graph())
    bind_prefixes(loaded.graph)
    for path in data_files(paths):
        _add_file(loaded, path)
    return loaded


def data_files(paths: Iterable[Path | str]) -> list[Path]:
    """The data files under ``paths`` (after finishing an interrupted write), or an InputError
    when there are none."""
    paths = list(paths)
    recover(paths)
    files = rdf_files(paths)
    if paths and not files:
        raise InputError(
            "no data files (.ttl or .nt, not hidden) in it; add some, or pass --data with "
            "the folder or files that hold the data",
            _names(paths),
        )
    return files


def _add_file(loaded: Loaded, path: Path) -> None:
    for subject in parse_into(path, loaded.graph):
        loaded.origin.setdefault(subject, path)
    loaded.files.append(path)


SH = "http://www.w3.org/ns/shacl#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SHAPE_TYPES = frozenset(SH + name for name in ("NodeShape", "PropertyShape"))
# SHACL 1.0 section 2.1: the subject of a target, or of a constraint parameter, is a shape.
SHAPE_PREDICATES = frozenset(
    SH + name
    for name in (
        "targetClass",
        "targetNode",
        "targetSubjectsOf",
        "targetObjectsOf",
        "target",
        "path",
        "property",
        "node",
        "and",
        "or",
        "not",
        "xone",
        "qualifiedValueShape",
        "class",
        "datatype",
        "nodeKind",
        "minCount",
        "maxCount",
        "minExclusive",
        "minInclusive",
        "maxExclusive",
        "maxInclusive",
        "minLength",
        "maxLength",
        "pattern",
        "languageIn",
        "uniqueLang",
        "equals",
        "disjoint",
        "lessThan",
        "lessThanOrEquals",
        "closed",
        "hasValue",
        "in",
        "sparql",
    )
)


def is_shapes_file(path: Path) -> bool:
    """``declares_shapes``, asked once per version of a file: loading a schema splits the same
    files into ontology and shapes, and would parse each twice to decide."""
    stat = path.stat()
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    if key not in _SHAPES_FILES:
        _SHAPES_FILES[key] = declares_shapes(path)
    return _SHAPES_FILES[key]


_SHAPES_FILES: dict = {}


def declares_shapes(path: Path) -> bool:
    """Whether a schema file declares a SHACL shape (an ``sh:NodeShape`` or ``sh:PropertyShape``, or
    the subject of a target, ``sh:path``, ``sh:property`` or another constraint parameter), found by
    parsing it. Oxigraph's parser only reads its triples, no graph is built, so a query, which needs
    only the ontology, never builds the shapes; a file that never names the SHACL namespace cannot
    declare a shape and is not parsed here."""
    text = read_text(path)
    if SH not in text:
        return False
    fmt = SUFFIXES.get(path.suffix, "turtle")
    rdf_format = pyoxigraph.RdfFormat.N_TRIPLES if fmt == "nt" else pyoxigraph.RdfFormat.TURTLE
    try:
        return any(
            _declares_shape(quad)
            for quad in pyoxigraph.parse(
                input=text.encode("utf-8"), format=rdf_format, base_iri=path.resolve().as_uri()
            )
        )
    except (SyntaxError, MemoryError) as exc:
        raise refusal(exc, str(path), fmt, lambda: text) from None


def _declares_shape(quad) -> bool:
    predicate = quad.predicate.value
    return predicate in SHAPE_PREDICATES or (predicate == RDF_TYPE and quad.object.value in SHAPE_TYPES)


def _schema_part(paths, shapes: bool) -> Loaded:
    """The shapes files (``shapes``) or the other files (the ontology, which may be none) of ``paths``."""
    files = rdf_files(paths)
    if not files:
        raise InputError("no ontology or shapes files (.ttl or .nt) in it; pass --ontology with them", _names(paths))
    loaded = Loaded(Graph())
    bind_prefixes(loaded.graph)
    for path in files:
        if is_shapes_file(path) == shapes:
            _add_file(loaded, path)
    if shapes and not loaded.files:
        raise InputError(
            "no SHACL shapes file found (a file declaring an sh:NodeShape, an sh:PropertyShape, a target "
            "or a constraint); pass --ontology with it",
            _names(paths),
        )
    return loaded


def load_ontology(paths: Iterable[Path | str]) -> Loaded:
    """The ontology files of a schema folder or file: every file that declares no shape (none at all
    is an empty ontology: shapes alone, or one file holding shapes, ontology and data, are usable)."""
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
