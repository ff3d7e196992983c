"""pyoxigraph terms as rdflib terms, and Turtle parsed by Oxigraph into an rdflib graph.

rdflib's own Turtle parser is pure Python; Oxigraph's is compiled and about 2.5x faster
even with the conversion to rdflib terms, so every file is read through it, and its
grammar is the one every file must follow (rdflib's accepts more: IRIs with spaces, lone
surrogate escapes, which no writer can write back). Two things
are kept exactly as rdflib would have them: language tags keep the case written in the
file (Oxigraph lowercases them), and the file's prefixes are bound on the graph.
"""

from __future__ import annotations

import re

import pyoxigraph
from rdflib import BNode, Graph, Literal, URIRef

from . import as_written

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
LANG_TAG = re.compile(r"""["']@([A-Za-z]+(?:-[A-Za-z0-9]+)*)""")


def to_rdflib(term):
    """A pyoxigraph term as the equivalent rdflib term."""
    if term is None:
        return None
    if isinstance(term, pyoxigraph.NamedNode):
        return URIRef(term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return BNode(term.value)
    return literal(term.value, term.language, term.datatype.value)


def literal(value: str, language: str | None, datatype: str, iri=URIRef) -> Literal:
    """The rdflib literal of a pyoxigraph literal's parts (``iri`` makes the datatype IRI), its
    lexical form as written (see rdf/__init__.py: never rewritten into a canonical one)."""
    if language:
        return Literal(value, lang=language)
    if datatype == XSD_STRING:
        return Literal(value)
    return Literal(value, datatype=iri(datatype), normalize=False)


def language_cases(text: str) -> dict[str, str] | None:
    """Lowercased language tag -> the tag as written, or None when one tag is written two ways."""
    written: dict[str, str] = {}
    for tag in set(LANG_TAG.findall(text)):
        if written.setdefault(tag.lower(), tag) != tag:
            return None
    return written


class Converter:
    """Converts the terms of one file, sharing IRIs (with other files too, given their ``iris``)
    and mapping its blank nodes to fresh ones."""

    def __init__(self, cases: dict[str, str], iris: dict[str, URIRef] | None = None):
        self.named, self.literal = pyoxigraph.NamedNode, pyoxigraph.Literal
        self.iris: dict[str, URIRef] = {} if iris is None else iris
        self.blanks: dict[str, BNode] = {}
        self.cases = cases

    def shared(self, value: str) -> URIRef:
        """One URIRef per IRI of the file (they are compared and hashed many times)."""
        iri = self.iris.get(value)
        if iri is None:
            iri = self.iris[value] = URIRef(value)
        return iri

    def __call__(self, term):
        kind = type(term)
        if kind is self.named:
            return self.shared(term.value)
        if kind is self.literal:
            lang = term.language
            return literal(term.value, lang and self.cases.get(lang, lang), term.datatype.value, self.shared)
        blank = self.blanks.get(term.value)
        if blank is None:
            blank = self.blanks[term.value] = BNode()
        return blank


def parse_into(graph, text: str, fmt: str, base: str, bind: bool = True) -> set:
    """Parse ``text`` with Oxigraph into ``graph`` (see ``read_triples``); return its subjects.
    ``bind`` also binds the text's prefixes on ``graph``."""
    triples, prefixes = read_triples(text, fmt, base)
    if bind:
        for prefix, namespace in prefixes:
            graph.bind(prefix, namespace)
    graph.addN((s, p, o, graph) for s, p, o in triples)
    return {s for s, _, _ in triples}


def read_triples(text: str, fmt: str, base: str, iris: dict | None = None) -> tuple[list, list]:
    """The triples of ``text`` as rdflib terms, in the parser's order, and its prefixes; ``iris``
    (IRI → URIRef) shares one URIRef per IRI across files, so that looking one up is by identity.

    Oxigraph's parser is the grammar: pyoxigraph's ``SyntaxError`` (with ``lineno`` and
    ``offset``), or its ``MemoryError`` for a term longer than its buffer, reaches the
    caller. When one language tag is written in two cases, which Oxigraph's lowercased
    tags cannot tell apart, rdflib reads the text again, only after Oxigraph has accepted
    it, so that each literal keeps the case written.
    """
    cases = language_cases(text) if "@" in text else {}
    rdf_format = pyoxigraph.RdfFormat.N_TRIPLES if fmt == "nt" else pyoxigraph.RdfFormat.TURTLE
    parser = pyoxigraph.parse(input=text.encode("utf-8"), format=rdf_format, base_iri=base)
    if cases is None:
        for _ in parser:  # the grammar check
            pass
        return _rdflib_triples(text, fmt, base)
    convert = Converter(cases, iris)
    triples = [(convert(q.subject), convert(q.predicate), convert(q.object)) for q in parser]
    return triples, list(parser.prefixes.items())


def _rdflib_triples(text: str, fmt: str, base: str) -> tuple[list, list]:
    part = Graph()
    try:
        with as_written():
            part.parse(data=text, format=fmt, publicID=base)
    except Exception as exc:  # rdflib raises many kinds; Oxigraph has read this text, so it is rare
        raise SyntaxError(f"rdflib cannot read it ({str(exc).splitlines()[0]})") from None
    return list(part), list(part.namespaces())


def from_rdflib(term):
    """An rdflib term as the equivalent pyoxigraph term."""
    if isinstance(term, URIRef):
        return pyoxigraph.NamedNode(str(term))
    if isinstance(term, BNode):
        return pyoxigraph.BlankNode(str(term))
    if term.language:
        return pyoxigraph.Literal(str(term), language=term.language)
    if term.datatype is not None and str(term.datatype) != XSD_STRING:
        return pyoxigraph.Literal(str(term), datatype=pyoxigraph.NamedNode(str(term.datatype)))
    return pyoxigraph.Literal(str(term))
