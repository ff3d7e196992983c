"""The query guard: read-only, offline unless asked, bounded in time. ``check`` parses a query
and refuses what must not run (updates, FROM, SERVICE without --allow-service); ``quick_kind``
spares that parse when a look at the words shows nothing to refuse; while a local query runs,
an audit hook refuses network connections and ``time_limit`` stops it."""

from __future__ import annotations

import re
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, NoReturn

from ..errors import InputError, QueryRefused, timeout_error
from .values import masked

if TYPE_CHECKING:
    from types import FrameType

    from rdflib.plugins.sparql.sparql import Query

network_allowed: ContextVar[bool] = ContextVar("network_allowed", default=True)


_CHECKED: dict[tuple[str, bool], Query] = {}  # (text, allow_service) → the parsed query, the last CHECKED_KEPT of them
CHECKED_KEPT = 64


def check(text: str, source: str = "<query>", *, allow_service: bool = False) -> Query:
    """Parse ``text`` and refuse what a read-only, offline query must not do; a text already
    checked is not parsed again (a store checks what ``query/run.py`` checked before it)."""
    key = (text, allow_service)
    if key not in _CHECKED:
        if len(_CHECKED) >= CHECKED_KEPT:
            del _CHECKED[next(iter(_CHECKED))]
        _CHECKED[key] = _check(text, source, allow_service)
    return _CHECKED[key]


def _check(text: str, source: str, allow_service: bool) -> Query:
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
    blanked = masked(text, keep_iris=True)
    if RISKY.search(blanked) or SURROGATE.search(text):
        return None
    form = FORM.search(blanked)
    if form is None:
        return None
    return {"SELECT": "select", "ASK": "ask"}.get(form.group(1).upper(), "graph")


def _is_update(text: str, parse_update: Callable[[str], object]) -> bool:
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


def _mentions(node: object, name: str) -> bool:
    if getattr(node, "name", None) == name:
        return True
    if isinstance(node, dict):
        return any(_mentions(v, name) for v in node.values())
    if isinstance(node, (list, tuple)):
        return any(_mentions(v, name) for v in node)
    return False


def kind_of(query: Query) -> str:
    name = query.algebra.name
    return {"SelectQuery": "select", "AskQuery": "ask"}.get(name, "graph")


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise QueryTimeout in this (main) thread after ``seconds``."""
    if not (seconds and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()):
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> NoReturn:
        raise timeout_error(seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _audit(event: str, args: tuple[object, ...]) -> None:
    """Refuse network connections while a query runs without --allow-service."""
    if not network_allowed.get() and event in ("socket.connect", "socket.getaddrinfo", "urllib.Request"):
        raise QueryRefused("the query tried to reach the network; pass --allow-service if you mean it")


sys.addaudithook(_audit)
