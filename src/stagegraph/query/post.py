"""What the library asks of a result after the query, the same on every engine.

Some things SPARQL engines do not agree on, so the library leaves them to Python:

- ``#+ labels: a, b`` — the columns hold entities; each becomes its label in ``--lang``
  (English when there is none), fetched for all of them in one query rather than with an
  OPTIONAL per column (which frightens Virtuoso's cost estimator).
- ``#+ chain: chain = a, b, c`` — the non-empty columns joined with `` → `` into one column,
  which replaces them (Virtuoso's CONCAT garbles text under ORDER BY and joins unbound values).
- ``#+ order: -length, chain`` — the rows sorted by these columns (``-`` for descending),
  stably, after the above (Virtuoso does not sort on values computed by string functions).
"""

from __future__ import annotations

from rdflib import Literal, URIRef

LABELS = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?entity ?label WHERE { ?entity rdfs:label ?label . VALUES ?entity { %s } }"""


def apply(named, result, run_query, lang: str):
    """``result`` with the named query's labels, chains and order; ``run_query(text)`` runs a
    SELECT on the same store."""
    if result.kind != "select":
        return result
    if named.labels:
        _label(result, named.labels, run_query, lang)
    for target, parts in named.chains:
        _chain(result, target, parts)
    if named.order:
        for column in reversed(named.order):
            index = result.columns.index(column.lstrip("-"))
            result.rows.sort(key=lambda row: _sortable(row[index]), reverse=column.startswith("-"))
    return result


def _label(result, columns: list[str], run_query, lang: str) -> None:
    indexes = [result.columns.index(c) for c in columns if c in result.columns]
    entities = sorted({row[i] for row in result.rows for i in indexes if isinstance(row[i], URIRef)})
    names: dict = {}
    for start in range(0, len(entities), 500):
        found = run_query(LABELS % " ".join(e.n3() for e in entities[start:start + 500]))
        for entity, label in sorted(found.rows):
            names.setdefault(entity, []).append(label)
    rows = []
    for row in result.rows:
        row = list(row)
        for i in indexes:
            row[i] = _best(names.get(row[i], []), lang) if row[i] is not None else None
        rows.append(tuple(row))
    result.rows = rows


def _best(labels: list, lang: str):
    for wanted in (lang, "en"):
        for label in labels:
            tag = (label.language or "").lower()
            if tag == wanted or tag.startswith(wanted + "-"):
                return label
    return None


def _chain(result, target: str, parts: list[str]) -> None:
    indexes = [result.columns.index(c) for c in parts]
    keep = [i for i, c in enumerate(result.columns) if c not in parts]
    at = min(indexes)
    rows = []
    for row in result.rows:
        joined = Literal(" → ".join(str(row[i]) for i in indexes if row[i] is not None))
        rows.append(tuple(joined if i == at else row[i] for i in sorted(keep + [at])))
    result.columns = [target if i == at else result.columns[i] for i in sorted(keep + [at])]
    result.rows = rows


def _sortable(term):
    """Unbound first, then numbers by value, then everything else by its text."""
    if term is None:
        return (0, 0, "")
    if isinstance(term, Literal) and isinstance(term.value, (int, float)) and not isinstance(term.value, bool):
        return (1, term.value, "")
    return (2, 0, str(term))
