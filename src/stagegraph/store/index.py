"""The tables kept beside an Oxigraph store (``index.sqlite``): names → entities, for ``-p``
values, and entities → labels, for the ``#+ labels`` post-pass.

Both are read from the store once, when it is built, so that a query on a large universe
looks up the few names and labels it needs in an indexed table instead of parsing a name
index of every entity or reading the store once per entity. A table that does not read
back (damaged, or from another layout) is rebuilt from the store, never trusted.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TypeAlias, cast

import pyoxigraph

INDEX_FILE = "index.sqlite"
VERSION = "1"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
BATCH = 500  # entities per lookup (SQLite allows 999 parameters in its oldest builds)

Label: TypeAlias = tuple[str, str, str, str]  # (iri, value, lang, datatype): a row of the labels table

NAMES = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?entity ?name WHERE { ?entity rdfs:label|skos:prefLabel|skos:altLabel ?name FILTER(isIRI(?entity)) }"""

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE names (name TEXT, iri TEXT, PRIMARY KEY (name, iri)) WITHOUT ROWID;
CREATE TABLE labels (iri TEXT, value TEXT, lang TEXT, datatype TEXT, PRIMARY KEY (iri, value, lang, datatype))
    WITHOUT ROWID;
"""


def write(store: pyoxigraph.Store, folder: Path) -> None:
    """Write ``folder/index.sqlite`` from ``store`` (replacing any), through a temporary file."""
    fd, temporary = tempfile.mkstemp(prefix=".index-", suffix=".sqlite", dir=folder)
    os.close(fd)
    try:
        with contextlib.closing(sqlite3.connect(temporary)) as db:
            db.executescript(SCHEMA)
            add(db, _names(store), _labels(store))
            db.execute("INSERT INTO meta VALUES ('version', ?)", (VERSION,))
            db.commit()
        os.replace(temporary, folder / INDEX_FILE)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def add(db: sqlite3.Connection, names: Iterable[tuple[str, str]], labels: Iterable[Label]) -> None:
    """Add ``(name, iri)`` and ``(iri, value, lang, datatype)`` rows (names are casefolded here)."""
    db.executemany("INSERT OR IGNORE INTO names VALUES (?, ?)", ((name.casefold(), iri) for name, iri in names))
    db.executemany("INSERT OR IGNORE INTO labels VALUES (?, ?, ?, ?)", labels)


def _names(store: pyoxigraph.Store) -> Iterator[tuple[str, str]]:
    for row in cast(pyoxigraph.QuerySolutions, store.query(NAMES)):
        yield row[1].value, row[0].value


def _labels(store: pyoxigraph.Store) -> Iterator[Label]:
    for quad in store.quads_for_pattern(None, pyoxigraph.NamedNode(RDFS_LABEL), None):
        s, o = quad.subject, quad.object
        if isinstance(s, pyoxigraph.NamedNode) and isinstance(o, pyoxigraph.Literal):
            yield s.value, o.value, o.language or "", o.datatype.value


def connect(folder: Path, store: pyoxigraph.Store) -> sqlite3.Connection:
    """The index beside the store in ``folder``, rebuilt from ``store`` when it does not read back
    (in memory when the folder cannot be written)."""
    path = folder / INDEX_FILE
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
        if db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone() == (VERSION,):
            return db
        db.close()
    except sqlite3.Error:
        pass
    try:
        write(store, folder)
        return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
    except (OSError, sqlite3.Error):
        db = sqlite3.connect(":memory:", check_same_thread=False)
        db.executescript(SCHEMA)
        add(db, _names(store), _labels(store))
        return db


def named(db: sqlite3.Connection, casefolded: str) -> list[str]:
    """The IRIs of the entities with this (casefolded) name, sorted."""
    return [iri for (iri,) in db.execute("SELECT iri FROM names WHERE name = ? ORDER BY iri", (casefolded,))]


def labels(db: sqlite3.Connection, iris: Iterable[str], languages: tuple[str, str]) -> list[Label]:
    """``(iri, value, lang, datatype)`` of the rdfs:labels of these IRIs in either of the two
    languages (a tag equal to one, or starting with it and a hyphen, as ``post._best`` picks)."""
    one, two = (language.lower() for language in languages)
    tags = (one, two, len(one) + 1, one + "-", len(two) + 1, two + "-")
    ordered = sorted(iris)  # neighbouring keys: each batch reads fewer pages of the table
    rows: list[Label] = []
    for start in range(0, len(ordered), BATCH):
        part = ordered[start : start + BATCH]
        rows += db.execute(
            "SELECT iri, value, lang, datatype FROM labels WHERE (lang IN (?, ?)"
            " OR substr(lang, 1, ?) = ? OR substr(lang, 1, ?) = ?)"
            f" AND iri IN ({','.join('?' * len(part))})",
            (*tags, *part),
        ).fetchall()
    return rows
