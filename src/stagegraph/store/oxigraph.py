"""Where queries run: rdflib in memory (small graphs) or Oxigraph (large ones), one interface.

The Oxigraph store is built once per content of the files and kept in the user's cache
folder (``$XDG_CACHE_HOME/stagegraph/stores/<hash>``, see cache.py), so a second query on an
unchanged universe opens it instead of parsing again. The key hashes every file's bytes; any
change builds a new store. A store is only trusted when its build finished (a marker file
written last); anything else is deleted and rebuilt. Beside it, index.py keeps the names and
labels that queries look up.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TypedDict, cast

import pyoxigraph
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS
from rdflib.term import Node

from ..errors import InputError, StagegraphError, timeout_error
from ..rdf.load import read_text, refusal
from ..rdf.names import NAME_PROPERTIES
from ..rdf.oxigraph_terms import XSD_STRING, from_rdflib, literal, to_rdflib
from . import index
from .cache import IN_USE, KEEP, LAYOUT, MARKER, cache_root, content_key, hold, key_for, prune  # noqa: F401  (the store's API)
from .seam import Bindings, QueryResult
from .values import with_values

AUTO_THRESHOLD = 1024 * 1024  # bytes of Turtle (~25k triples) above which "auto" picks Oxigraph
COUNTS_FILE = "counts.json"  # the number of triples once each file is loaded, in order


def choose(kind: str, files: list[Path]) -> str:
    """``memory`` or ``oxigraph`` for ``kind`` (``memory``, ``oxigraph`` or ``auto``)."""
    if kind != "auto":
        return kind
    return "oxigraph" if sum(Path(f).stat().st_size for f in files) > AUTO_THRESHOLD else "memory"


class OxigraphStore:
    """A pyoxigraph store over the given files, cached on disk by content."""

    def __init__(self, files: list[Path], cache: Path | None = None) -> None:
        self.files = list(files)
        root = cache or cache_root()
        self.folder = folder = root / key_for(self.files, root)
        self._index: sqlite3.Connection | None = None
        store = self._open(folder) if hold(folder, self) else None
        if store is not None:
            with contextlib.suppress(OSError):
                os.utime(folder)  # used: kept longer by prune
        else:
            shutil.rmtree(folder, ignore_errors=True)
            self._build(folder)
            if not hold(folder, self):
                raise StagegraphError(
                    f"the Oxigraph store in {folder.parent} was removed while it was built; run the command again"
                )
            prune(folder.parent)
            store = pyoxigraph.Store.read_only(str(folder))
        self.store: pyoxigraph.Store = store

    @staticmethod
    def _open(folder: Path) -> pyoxigraph.Store | None:
        """The store in ``folder`` opened read-only, or None when it does not open (damaged)."""
        try:
            return pyoxigraph.Store.read_only(str(folder))
        except (OSError, ValueError, RuntimeError):
            return None

    def _build(self, folder: Path) -> None:
        folder.parent.mkdir(parents=True, exist_ok=True)
        building = Path(tempfile.mkdtemp(prefix=".building-", dir=folder.parent))
        try:
            store = pyoxigraph.Store(str(building))
            counts = []
            for path in self.files:
                bulk_load_file(store, path)
                counts.append(len(store))
            store.flush()
            (building / COUNTS_FILE).write_text(json.dumps(counts), encoding="utf-8")
            store.optimize()  # compacts the bulk load's many small tables: queries read ~2x faster
            with contextlib.suppress(sqlite3.Error):  # else written on first use
                index.write(store, building)
            del store
            (building / MARKER).write_text("ok\n", encoding="utf-8")
            try:
                os.replace(building, folder)
            except OSError:
                if not (folder / MARKER).exists():  # not another process that built it first
                    raise
                shutil.rmtree(building, ignore_errors=True)
        except StagegraphError:
            shutil.rmtree(building, ignore_errors=True)
            raise
        except (OSError, ValueError) as exc:
            shutil.rmtree(building, ignore_errors=True)
            raise StagegraphError(
                f"could not build the Oxigraph store in {folder.parent} ({exc}); "
                "check the files validate, or use --store memory"
            ) from None

    def triples_in_first(self, n: int) -> int:
        """The number of distinct triples in the first ``n`` files (the data, before the ontology),
        as counted when the store was built; counted again from the files if that count is gone."""
        try:
            counts = json.loads((self.folder / COUNTS_FILE).read_text(encoding="utf-8"))
            if len(counts) == len(self.files) and n > 0:
                return int(counts[n - 1])
        except (OSError, ValueError, TypeError):
            pass
        scratch = pyoxigraph.Store()
        for path in self.files[:n]:
            bulk_load_file(scratch, path)
        return len(scratch)

    def has_subject(self, node: Node) -> bool:
        """Whether the data says anything about ``node``."""
        return next(iter(self.store.quads_for_pattern(from_rdflib(node), None, None)), None) is not None

    def carry_forward(self, files: list[Path], added: Graph) -> None:
        """Make the store of ``files`` — this store's files once ``added`` (an rdflib graph of
        new triples) is written to them — from this one, instead of loading them all again.

        The copy shares this store's tables (RocksDB never changes a table file, so they are
        hard-linked), copies the small files it does change, and inserts the new triples.
        Best effort: if anything fails, the next command builds the store from the files.
        """
        target = self.folder.parent / content_key(files)
        if (target / MARKER).exists():
            return
        building = Path(tempfile.mkdtemp(prefix=".building-", dir=self.folder.parent))
        try:
            for entry in self.folder.iterdir():
                if entry.suffix == ".sst":
                    os.link(entry, building / entry.name)
                elif entry.is_file() and entry.name not in (MARKER, IN_USE, COUNTS_FILE):
                    shutil.copy2(entry, building / entry.name)
            store = pyoxigraph.Store(str(building))
            store.extend(pyoxigraph.Quad(*(from_rdflib(t) for t in triple)) for triple in added)
            store.flush()
            del store
            self._carry_index(building, added)
            (building / MARKER).write_text("ok\n", encoding="utf-8")
            os.replace(building, target)
        except (OSError, ValueError, RuntimeError, sqlite3.Error):
            shutil.rmtree(building, ignore_errors=True)
        prune(self.folder.parent)

    @staticmethod
    def _carry_index(building: Path, added: Graph) -> None:
        """The copied index with the names and labels of ``added`` (gone when there was none:
        written on first use)."""
        if not (building / index.INDEX_FILE).exists():
            return
        names = [
            (str(o), str(s)) for p in NAME_PROPERTIES for s, o in added.subject_objects(p) if isinstance(s, URIRef)
        ]
        labels = [
            (str(s), str(o), (o.language or "").lower(), str(o.datatype or XSD_STRING))
            for s, o in added.subject_objects(RDFS.label)
            if isinstance(s, URIRef) and isinstance(o, Literal)
        ]
        with contextlib.closing(sqlite3.connect(building / index.INDEX_FILE)) as db:
            index.add(db, names, labels)
            db.commit()

    @property
    def index(self) -> sqlite3.Connection:
        """The names and labels table beside the store (index.py), opened on first use."""
        if self._index is None:
            self._index = index.connect(self.folder, self.store)
        return self._index

    def named(self, casefolded: str) -> list[str]:
        """The IRIs of the entities with this casefolded name (rdfs:label, skos:prefLabel or
        skos:altLabel), as ``names.find_in`` asks."""
        return index.named(self.index, casefolded)

    def labels(self, iris: Iterable[str], lang: str) -> dict[str, list[Literal]]:
        """``{iri: [its rdfs:label literals in lang or English, sorted]}`` for these IRIs (the
        ``#+ labels`` post-pass)."""
        found: dict[str, list[Literal]] = {}
        for iri, value, tag, datatype in index.labels(self.index, iris, (lang, "en")):
            found.setdefault(iri, []).append(literal(value, tag, datatype))
        return {iri: labels if len(labels) == 1 else sorted(labels) for iri, labels in found.items()}

    def query(self, text: str, kind: str, bindings: Bindings, timeout: float | None = 30) -> QueryResult:
        """Run ``text`` with ``bindings`` (sent as a VALUES block) in a worker thread, bounded in time."""
        outcome: _Outcome = {}

        def work() -> None:
            try:
                outcome["result"] = self._run(with_values(text, bindings), kind)
            except BaseException as exc:  # handed to the caller's thread
                outcome["error"] = exc

        worker = threading.Thread(target=work, daemon=True)
        worker.start()
        worker.join(timeout)
        if timeout is not None and worker.is_alive():  # (without a timeout, join waited for the end)
            raise timeout_error(timeout)
        if "error" in outcome:
            raise _wrap(outcome["error"])
        return outcome["result"]

    def _run(self, text: str, kind: str) -> QueryResult:
        results = self.store.query(text)  # the form ``kind`` says: a boolean, triples or solutions
        if kind == "ask":
            return QueryResult("ask", boolean=bool(results))
        if kind == "graph":
            graph = Graph()
            for triple in cast(pyoxigraph.QueryTriples, results):
                graph.add(tuple(to_rdflib(t) for t in (triple.subject, triple.predicate, triple.object)))
            return QueryResult("graph", graph=graph)
        solutions = cast(pyoxigraph.QuerySolutions, results)
        columns = [v.value for v in solutions.variables]
        rows = [tuple(to_rdflib(solution[c]) for c in columns) for solution in solutions]
        return QueryResult("select", columns, rows)


class _Outcome(TypedDict, total=False):
    """What a query's worker thread hands back: its result, or what it raised."""

    result: QueryResult
    error: BaseException


def in_memory(files: list[Path]) -> tuple[pyoxigraph.Store, list[int]]:
    """The files in an in-memory store (not cached), and the number of triples once each is loaded.

    Half the work of a cached store (no RocksDB tables to write and compact), and queries that
    scan read it faster: what a command that reads the data once (``validate``) wants."""
    store, counts = pyoxigraph.Store(), []
    for path in files:
        bulk_load_file(store, Path(path))
        counts.append(len(store))
    return store, counts


def bulk_load_file(store: pyoxigraph.Store, path: Path) -> None:
    """Load one file as load.py reads it: a leading byte-order mark skipped, and what Oxigraph's
    parser refuses (a syntax error, a term longer than its buffer) an InputError at ``path:line``."""
    nt = path.suffix == ".nt"
    with open(path, "rb") as stream:
        if stream.read(3) != b"\xef\xbb\xbf":
            stream.seek(0)
        try:
            store.bulk_load(
                input=stream,
                format=pyoxigraph.RdfFormat.N_TRIPLES if nt else pyoxigraph.RdfFormat.TURTLE,
                base_iri=path.resolve().as_uri(),
            )
        except (SyntaxError, MemoryError) as exc:
            raise refusal(exc, str(path), "nt" if nt else "turtle", lambda: read_text(path)) from None


def _wrap(exc: BaseException) -> BaseException:
    if isinstance(exc, StagegraphError):
        return exc

    return InputError(f"the query failed in Oxigraph ({exc}); check the query")
