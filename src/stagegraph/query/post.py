"""What the library asks of a result after the query, the same on every engine.

Some things SPARQL engines do not agree on, so the library leaves them to Python:

- ``#+ labels: a, b`` — the columns hold entities; each becomes its label in ``--lang``
  (English when there is none), looked up for all of them at once rather than with an
  OPTIONAL per column (which frightens Virtuoso's cost estimator): in the graph's own
  index in memory, in the label table kept beside an Oxigraph store, or in one query
  per 500 entities on a server (``labels_by_query``).
- ``#+ chain: chain = a, b, c`` — the non-empty columns joined with `` → `` into one column,
  which replaces them (Virtuoso's CONCAT garbles text under ORDER BY and joins unbound values).
- ``#+ order: -length, chain`` — the rows sorted by these columns (``-`` for descending),
  stably, after the above (Virtuoso does not sort on values computed by string functions).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from rdflib import Literal, URIRef

BATCH = 500  # entities per labels query

LABELS = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?entity ?label WHERE {
  ?entity rdfs:label ?label . VALUES ?entity { %s }
  FILTER(langMatches(lang(?label), "en") || langMatches(lang(?label), %s))
}"""


def apply(named, result, labels_of, lang: str):
    """``result`` with the named query's labels, chains and order; ``labels_of(iris, lang)`` gives
    ``{iri: [its rdfs:label literals, sorted]}`` from the same store (it may leave out the
    labels in languages other than ``lang`` and English: they are never chosen)."""
    if result.kind != "select":
        return result
    if named.labels:
        _label(result, named.labels, labels_of, lang)
    for target, parts in named.chains:
        _chain(result, target, parts)
    if named.order:
        for column in reversed(named.order):
            index = result.columns.index(column.lstrip("-"))
            result.rows.sort(key=lambda row: _sortable(row[index]), reverse=column.startswith("-"))
    return result


def labels_by_query(run_query, workers: int = 1, batch: int = BATCH):
    """``labels_of`` for a store that only answers SPARQL: ``run_query(text)`` runs a SELECT
    on it, once for every ``batch`` entities (Virtuoso refuses a few thousand), asking only for the
    labels ``_best`` can choose (in ``lang`` or English); ``workers`` of them at a time (a
    server answers several at once; ``run_query`` must then be safe to call from threads)."""

    def labels_of(iris, lang: str) -> dict:
        iris, query = sorted(iris), labels_query(lang)
        texts = [
            query % " ".join(URIRef(iri).n3() for iri in iris[start : start + batch])
            for start in range(0, len(iris), batch)
        ]
        if workers > 1 and len(texts) > 1:
            with ThreadPoolExecutor(min(workers, len(texts))) as pool:
                answers = list(pool.map(run_query, texts))
        else:
            answers = map(run_query, texts)
        names: dict = {}
        for found in answers:
            for entity, label in found.rows:
                names.setdefault(str(entity), []).append(label)
        return {iri: sorted(labels) for iri, labels in names.items()}

    return labels_of


def labels_query(lang: str) -> str:
    """The labels query for ``lang``; its ``%s`` is for the entities (the site's query page fills it in)."""
    return LABELS % ("%s", Literal(lang).n3())


def _label(result, columns: list[str], labels_of, lang: str) -> None:
    indexes = [result.columns.index(c) for c in columns if c in result.columns]
    names = labels_of({str(row[i]) for row in result.rows for i in indexes if isinstance(row[i], URIRef)}, lang)
    best = {iri: _best(labels, lang) for iri, labels in names.items()}  # once per entity, not per cell
    rows = []
    for row in result.rows:
        row = list(row)
        for i in indexes:
            row[i] = best.get(str(row[i])) if row[i] is not None else None
        rows.append(tuple(row))
    result.rows = rows


def _best(labels: list, lang: str):
    for wanted in (lang, "en"):
        for label in labels:
            if not isinstance(label, Literal):
                continue
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
