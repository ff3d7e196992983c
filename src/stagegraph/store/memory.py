"""Running SPARQL safely: read-only, offline unless asked, bounded in time, parameters as terms."""

from __future__ import annotations

import re
import signal
import sys
import threading
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef, Variable

from ..errors import InputError, QueryRefused, StagegraphError, timeout_error
from ..rdf.namespaces import SAFE_IRI

_network_allowed: ContextVar[bool] = ContextVar("network_allowed", default=True)


@dataclass
class QueryResult:
    """What a query returned: rows (SELECT), a boolean (ASK) or a graph (CONSTRUCT/DESCRIBE)."""

    kind: str  # "select", "ask" or "graph"
    columns: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None


def check(text: str, source: str = "<query>", *, allow_service: bool = False):
    """Parse ``text`` and refuse what a read-only, offline query must not do."""
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    if SURROGATE.search(text):
        raise InputError(
            "the query escapes a lone surrogate (\\uD800–\\uDFFF), which is not a character "
            "and could not be printed; write the character itself or its full escape",
            source,
        )
    if not re.sub(r"#[^\n]*", "", text).strip():
        raise InputError("the query is empty; give a SPARQL query (SELECT, ASK, CONSTRUCT or DESCRIBE)", source)
    try:
        parsed = parseQuery(text)
    except Exception as exc:
        if _is_update(text, parseUpdate):
            raise QueryRefused(
                "this is a SPARQL update (INSERT, DELETE, LOAD, CLEAR, DROP …); "
                "stagegraph query is read-only: contribute data with data files instead",
                source,
            ) from None
        raise _syntax_error(exc, source) from None
    try:
        query = translateQuery(parsed)
    except Exception as exc:  # e.g. "Unknown namespace prefix : nope"
        raise InputError(f"SPARQL error: {exc}; declare every prefix with PREFIX and check the query", source) from None
    if query.algebra.get("datasetClause"):
        raise QueryRefused(
            "FROM and FROM NAMED would load other graphs; queries run on the loaded graph: remove the FROM clause",
            source,
        )
    if _mentions(query.algebra, "ServiceGraphPattern") and not allow_service:
        raise QueryRefused(
            "SERVICE would send part of the query over the network; pass --allow-service if you mean it", source
        )
    return query


SURROGATE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}|\\U0000[dD][89a-fA-F][0-9a-fA-F]{2}")
RISKY = re.compile(
    r"(?<![?$:\w])(SERVICE|FROM|INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH|USING)(?![\w:])", re.IGNORECASE
)
FORM = re.compile(r"(?<![?$:\w])(SELECT|ASK|CONSTRUCT|DESCRIBE)(?![\w:])", re.IGNORECASE)


def quick_kind(text: str) -> str | None:
    """``select``, ``ask`` or ``graph`` when a look at the words of ``text`` (outside comments,
    strings and IRIs) shows none of what ``check`` refuses could be in it; else None, and
    the caller runs ``check``. For engines that parse the query themselves (Oxigraph, an
    endpoint), this spares rdflib's parser."""
    masked = _masked(text, keep_iris=True)
    if RISKY.search(masked) or SURROGATE.search(text):
        return None
    form = FORM.search(masked)
    if form is None:
        return None
    return {"SELECT": "select", "ASK": "ask"}.get(form.group(1).upper(), "graph")


def _is_update(text: str, parse_update) -> bool:
    try:
        parse_update(text)
    except Exception:
        return False
    return True


def _syntax_error(exc: Exception, source: str) -> InputError:
    line, col = getattr(exc, "lineno", None), getattr(exc, "col", None)
    why = str(getattr(exc, "msg", "") or exc).split("  (at char")[0]
    where = f"line {line}, column {col}: " if line else ""
    error = InputError(f"SPARQL syntax error at {where}{why}; fix the query", source, line)
    return error


def _mentions(node, name: str) -> bool:
    if getattr(node, "name", None) == name:
        return True
    if isinstance(node, dict):
        return any(_mentions(v, name) for v in node.values())
    if isinstance(node, (list, tuple)):
        return any(_mentions(v, name) for v in node)
    return False


def kind_of(query) -> str:
    name = query.algebra.name
    return {"SelectQuery": "select", "AskQuery": "ask"}.get(name, "graph")


def run_local(
    graph: Graph, query, bindings: dict, *, timeout: float | None = 30, allow_service: bool = False
) -> QueryResult:
    """Run a checked query (see ``check``) on an rdflib graph, parameters bound as terms."""
    import rdflib.plugins.sparql as sparql  # here: a query on Oxigraph or a server never needs them

    from .joinorder import join_order

    sparql.SPARQL_LOAD_GRAPHS = False  # never fetch a graph named in the query
    init = {Variable(k): v for k, v in bindings.items()}
    token = _network_allowed.set(allow_service)
    try:
        with time_limit(timeout), join_order():
            result = graph.query(query, initBindings=init)
            return _collect(result, kind_of(query))
    except StagegraphError:
        raise
    except Exception as exc:  # an engine error on this query: the user's to fix, not a crash
        hint = " (ORDER BY on a value that may be unbound?)" if isinstance(exc, TypeError) else ""
        raise InputError(
            f"the query failed while running ({type(exc).__name__}: {exc}){hint}; check the query"
        ) from None
    finally:
        _network_allowed.reset(token)


def _collect(result, kind: str) -> QueryResult:
    if kind == "ask":
        return QueryResult("ask", boolean=bool(result.askAnswer))
    if kind == "graph":
        graph = Graph()
        for triple in result:
            graph.add(triple)
        return QueryResult("graph", graph=graph)
    columns = [str(v) for v in result.vars]
    return QueryResult("select", columns, [tuple(row) for row in result])


@contextmanager
def time_limit(seconds: float | None):
    """Raise QueryTimeout in this (main) thread after ``seconds``."""
    usable = seconds and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expire(signum, frame):
        raise timeout_error(seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _audit(event: str, args) -> None:
    """Refuse network connections while a query runs without --allow-service."""
    if not _network_allowed.get() and event in ("socket.connect", "socket.getaddrinfo", "urllib.Request"):
        raise QueryRefused("the query tried to reach the network; pass --allow-service if you mean it")


sys.addaudithook(_audit)


def values_block(bindings: dict) -> str:
    """A SPARQL VALUES block binding each variable to its RDF term, serialised as a term."""
    if not bindings:
        return ""
    names = " ".join(f"?{name}" for name in bindings)
    terms = " ".join(_term(value) for value in bindings.values())
    return f"VALUES ({names}) {{ ({terms}) }}"


def values_rows(name: str, terms) -> str:
    """``VALUES ?name { t1 t2 … }``: one variable bound to each of ``terms``, serialised as terms."""
    return f"VALUES ?{name} {{ {' '.join(_term(t) for t in terms)} }}"


def _term(value) -> str:
    if isinstance(value, URIRef):
        if not SAFE_IRI.match(str(value)):
            raise QueryRefused(f"'{value}' is not a valid IRI; pass a valid IRI")
        return f"<{value}>"
    if isinstance(value, Literal):
        return value.n3()
    raise QueryRefused(f"cannot bind {value!r}: only IRIs and literals can be parameters")


def with_values(text: str, bindings: dict) -> str:
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


def _masked(text: str, keep_iris: bool = False) -> str:
    """``text`` with comments, strings and (unless ``keep_iris``) IRIs blanked out, same length.

    IRIs are matched first, as SPARQL's lexer does, so a ``#`` inside one does not start a
    comment; kept, a keyword inside an IRI only makes ``quick_kind`` defer to ``check``."""

    def blank(match):
        token = match.group(0)
        return token if keep_iris and token.startswith("<") else " " * len(token)

    return TOKENS.sub(blank, text)


def _where_brace(text: str) -> int | None:
    """Position of the ``{`` that opens the outermost WHERE group, skipping comments, IRIs, strings."""
    masked = _masked(text)
    where = re.search(r"\bWHERE\s*\{", masked, re.IGNORECASE)
    if where:
        return where.end() - 1
    brace = masked.find("{")
    return brace if brace >= 0 else None
