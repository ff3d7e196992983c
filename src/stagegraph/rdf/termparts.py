"""rdflib terms built from their parts at a fraction of rdflib's cost, equal to rdflib's in every slot.

Reading a server's answer builds tens of thousands of terms, and rdflib's constructors parse
and check each one (2–8 µs a literal: a tenth of a million-triple query's time on the
server). The forms a server writes most — IRIs, plain and language-tagged strings,
canonical integers — are built here directly, the way rdflib's own constructor leaves
them (tests/rdf/test_termparts.py compares every slot with rdflib's, with Hypothesis);
any other literal goes through rdflib, once per distinct value of one answer (``Terms``).
"""

from __future__ import annotations

import re

from rdflib import XSD, Literal, URIRef
from rdflib.term import _is_valid_langtag

_INTEGER = re.compile(r"(?:0|-?[1-9][0-9]{0,17})\Z")  # canonical xsd:integer, well inside 64 bits
_XSD_INTEGER, _INTEGER_TYPE = str(XSD.integer), XSD.integer  # a Namespace attribute costs a call


def iri(value: str) -> URIRef:
    """``URIRef(value)`` without its validity check, which only logs."""
    return str.__new__(URIRef, value)


def literal(value: str, language: str | None = None) -> Literal:
    """``Literal(value, lang=language)`` for a plain or language-tagged string (a valid tag)."""
    term = str.__new__(Literal, value)
    term._language, term._datatype, term._value, term._ill_typed = language or None, None, value, None
    return term


def integer(value: str) -> Literal:
    """``Literal(value, datatype=XSD.integer)`` for a canonical integer (``_INTEGER``)."""
    term = str.__new__(Literal, value)
    term._language, term._datatype, term._value, term._ill_typed = None, _INTEGER_TYPE, int(value), False
    return term


class Terms:
    """Terms for one answer: ``typed(value, datatype)`` and ``tagged(value, tag)`` remember the
    slow cases (each distinct datatyped literal, each tag's check and ``case``)."""

    def __init__(self, case=lambda tag: tag, adjust=lambda term: term):
        self._case, self._adjust = case, adjust
        self._tags: dict[str, str | None] = {}
        self._typed: dict[tuple[str, str], Literal] = {}

    def tagged(self, value: str, tag: str) -> Literal:
        found = self._tags.get(tag, "")
        if found == "":
            cased = self._case(tag)
            found = self._tags[tag] = cased if _is_valid_langtag(cased) else None
        if found is None:  # rdflib says what is wrong with the tag
            return Literal(value, lang=self._case(tag))
        return literal(value, found)

    def typed(self, value: str, datatype: str) -> Literal:
        if datatype == _XSD_INTEGER and _INTEGER.match(value):
            return integer(value)
        key = (value, datatype)
        found = self._typed.get(key)
        if found is None:
            found = self._typed[key] = self._adjust(Literal(value, datatype=URIRef(datatype), normalize=False))
        return found
