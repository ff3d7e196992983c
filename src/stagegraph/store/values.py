"""Parameters as RDF terms in SPARQL's own binding clause (VALUES), and the lexical look at a
query's text that finds where to put them (comments, strings and IRIs blanked out)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from rdflib import Literal, URIRef
from rdflib.term import Node

from ..errors import QueryRefused
from ..rdf.namespaces import SAFE_IRI


def values_block(bindings: Mapping[str, Node]) -> str:
    """A SPARQL VALUES block binding each variable to its RDF term, serialised as a term."""
    if not bindings:
        return ""
    names = " ".join(f"?{name}" for name in bindings)
    terms = " ".join(_term(value) for value in bindings.values())
    return f"VALUES ({names}) {{ ({terms}) }}"


def values_rows(name: str, terms: Iterable[object]) -> str:
    """``VALUES ?name { t1 t2 … }``: one variable bound to each of ``terms``, serialised as terms."""
    return f"VALUES ?{name} {{ {' '.join(_term(t) for t in terms)} }}"


def _term(value: object) -> str:
    if isinstance(value, URIRef):
        if not SAFE_IRI.match(str(value)):
            raise QueryRefused(f"'{value}' is not a valid IRI; pass a valid IRI")
        return f"<{value}>"
    if isinstance(value, Literal):
        return value.n3()
    raise QueryRefused(f"cannot bind {value!r}: only IRIs and literals can be parameters")


def with_values(text: str, bindings: Mapping[str, Node]) -> str:
    """``text`` with the bindings as a VALUES block opening its outermost WHERE group.

    A SPARQL endpoint has no way to receive bindings apart from the query, so this is how
    parameters travel to a server: as serialised RDF terms in SPARQL's own binding clause,
    never as text pasted into the query's patterns.
    """
    block = values_block(bindings)
    if not block:
        return text
    at = _where_brace(text)
    if at is None:
        raise QueryRefused("cannot find the WHERE clause to bind the parameters; write the query with WHERE { … }")
    return text[: at + 1] + "\n  " + block + "\n" + text[at + 1 :]


TOKENS = re.compile(
    r'<[^<>"{}|^`\\\x00-\x20]*>|#[^\n]*|"""(?:.|\n)*?"""|\'\'\'(?:.|\n)*?\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
)


def masked(text: str, keep_iris: bool = False) -> str:
    """``text`` with comments, strings and (unless ``keep_iris``) IRIs blanked out, same length.

    IRIs are matched first, as SPARQL's lexer does, so a ``#`` inside one does not start a
    comment; kept, a keyword inside an IRI only makes ``quick_kind`` defer to ``check``."""

    def blank(match: re.Match[str]) -> str:
        token = match.group(0)
        return token if keep_iris and token.startswith("<") else " " * len(token)

    return TOKENS.sub(blank, text)


def _where_brace(text: str) -> int | None:
    """Position of the ``{`` that opens the outermost WHERE group, skipping comments, IRIs, strings."""
    blanked = masked(text)
    where = re.search(r"\bWHERE\s*\{", blanked, re.IGNORECASE)
    if where:
        return where.end() - 1
    brace = blanked.find("{")
    return brace if brace >= 0 else None
