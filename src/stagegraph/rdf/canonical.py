"""Canonical Turtle: one text per graph, so a diff shows only the triples that changed.

The form: the file's leading comment block, the prefixes it uses (sorted), then one block
per subject in IRI order; in each block ``a`` first, then labels, then the other
predicates by name, one predicate per line, objects sorted. Blank nodes referenced once
are written inline (``[ … ]``, or ``( … )`` for RDF lists), their content in the same
canonical order, so a graph whose blank nodes form trees always gets the same text.
"""

from __future__ import annotations

import itertools
import re
from functools import cmp_to_key

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from ..files import source_lines
from .namespaces import PREFIXES

INDENT = "    "
MAX_INDENT = 32  # blank nodes nested deeper than this are indented no further
PN_LOCAL = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_.\-]*[A-Za-z0-9_\-])?$")
PREDICATE_RANK = {RDF.type: 0, RDFS.label: 1, SKOS.prefLabel: 2, SKOS.altLabel: 3}
PLAIN_DATATYPES = {
    XSD.integer: re.compile(r"^[+-]?[0-9]+\Z"),
    XSD.decimal: re.compile(r"^[+-]?[0-9]*\.[0-9]+\Z"),
    XSD.boolean: re.compile(r"^(true|false)\Z"),
}
ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
LONG_ESCAPES = {"\\": "\\\\", "\r": "\\r"}


def serialize(graph: Graph, header: str = "", more=()) -> str:
    """The canonical Turtle text of ``graph`` and the triples ``more``, after an optional comment
    ``header``."""
    writer = _Writer(_Indexed(graph, more))
    body = writer.render()
    prefixes = "".join(f"@prefix {p}: <{uri}> .\n" for p, uri in sorted(writer.used.items()))
    head = header.rstrip("\n") + "\n\n" if header.strip() else ""
    return head + prefixes + ("\n" + body if body else "")


def leading_comments(text: str) -> str:
    """The comment block at the top of a Turtle file, before or after its prefixes (kept by
    the formatter; comments further down are not, so put lasting notes in rdfs:comment)."""
    lines: list[str] = []
    for line in source_lines(text):
        stripped = line.strip()
        if stripped.startswith("#"):
            lines.append(line.rstrip())
        elif not stripped and lines and lines[-1]:
            lines.append("")
        elif stripped and not re.match(r"^(@prefix|@base|PREFIX|BASE)\b", stripped, re.IGNORECASE):
            break
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(lines) + "\n" if lines else ""


class _Indexed:
    """A graph's triples indexed by subject in one pass, for the lookups the writer makes (several
    per triple: through rdflib's store each costs microseconds, which made a 10 MB file minutes)."""

    def __init__(self, graph: Graph, more=()):
        self.source = graph
        self.index: dict = {}
        for s, p, o in itertools.chain(graph, more):
            self.index.setdefault(s, {}).setdefault(p, {})[o] = None  # each object once, in order

    def namespaces(self):
        return self.source.namespaces()

    def subjects(self):
        return iter(self.index)

    def predicates(self, subject):
        return iter(self.index.get(subject, ()))

    def objects(self, subject=None, predicate=None):
        if subject is None:
            return (o for by in self.index.values() for objects in by.values() for o in objects)
        by = self.index.get(subject, {})
        if predicate is None:
            return (o for objects in by.values() for o in objects)
        return iter(by.get(predicate, ()))

    def predicate_objects(self, subject):
        return ((p, o) for p, objects in self.index.get(subject, {}).items() for o in objects)

    def value(self, subject, predicate):
        return next(self.objects(subject, predicate), None)


class _Writer:
    def __init__(self, graph: Graph, refs: dict | None = None, anonymous: bool = False):
        self.graph = graph = graph if isinstance(graph, _Indexed) else _Indexed(graph)
        self.prefixes = {**{p: str(u) for p, u in graph.namespaces() if p}, **PREFIXES}
        self.used: dict[str, str] = {}
        self.anonymous = anonymous  # every labelled blank node written "_": a text no label order sways
        self.refs: dict[BNode, int] = refs if refs is not None else {}
        for obj in graph.objects() if refs is None else ():
            if isinstance(obj, BNode):
                self.refs[obj] = self.refs.get(obj, 0) + 1
        self.labels: dict[BNode, str] = {}
        self.lists: dict = {}
        self.predicate_order: dict = {}
        self.orders: dict = {}
        self.iris: dict = {}

    def inline(self, node) -> bool:
        return isinstance(node, BNode) and self.refs.get(node) == 1

    def top_subjects(self):
        subjects = {s for s in self.graph.subjects() if not self.inline(s)}
        reached, todo = set(), list(subjects)
        while todo:  # blank nodes written inline under these subjects
            for obj in self.graph.objects(todo.pop()):
                if self.inline(obj) and obj not in reached:
                    reached.add(obj)
                    todo.append(obj)
        orphans = {s for s in self.graph.subjects() if self.inline(s) and s not in reached}
        for node in orphans:  # a cycle of blank nodes: write them with labels
            self.refs[node] = 0
        subjects |= orphans
        named = sorted((s for s in subjects if not isinstance(s, BNode)), key=str)
        blank = [s for s in subjects if isinstance(s, BNode)]
        if blank:
            anonymous = _Writer(self.graph, self.refs, anonymous=True)
            blank.sort(key=lambda node: (self.content_key(node), anonymous.block_text(node)))
        return named + blank

    def content_key(self, node: BNode) -> str:
        """An order for top-level blank nodes that depends on what they say, not their labels."""
        return " ".join(
            sorted(
                f"{self.term(p, record=False)} {self.term(o, record=False) if not isinstance(o, BNode) else '_'}"
                for p, o in self.graph.predicate_objects(node)
            )
        )

    def render(self) -> str:
        """Every subject block, in order. Nothing here recurses, so a tree of blank nodes
        nested 10,000 deep is written like any other: labels first (in the order a reader
        meets them), then each sibling group sorted deepest first, then the text."""
        subjects = self.top_subjects()
        expanded = self.assign_labels(subjects)
        for node in reversed(expanded):  # a node's inline descendants come after it
            self.orders[node] = self.sorted_objects(node)
        return "\n".join("".join(self.pieces(self.subject_block(s))) for s in subjects)

    def block_text(self, node) -> str:
        """The predicate lines of ``node`` alone, its inline blank nodes written out."""
        for inner in reversed(self.assign_labels([node])):
            self.orders[inner] = self.sorted_objects(inner)
        return "".join(self.pieces(self.line_items(node, 1)))

    def predicates(self, node) -> list:
        if node not in self.predicate_order:
            self.predicate_order[node] = sorted(
                set(self.graph.predicates(node)), key=lambda p: (PREDICATE_RANK.get(p, 9), self.term(p, record=False))
            )
        return self.predicate_order[node]

    def assign_labels(self, subjects) -> list:
        """Label the blank nodes written as ``_:bN`` in the order the text meets them (a subject's
        objects before the subject); return the nodes written as predicate blocks, parents first."""
        expanded, stack = [], []
        for subject in reversed(subjects):
            stack += [("label", subject), ("block", subject)]
        while stack:
            action, node = stack.pop()
            if action == "label":
                if isinstance(node, BNode):
                    self.bnode_label(node)
            elif action == "block":
                expanded.append(node)
                objects = [o for p in self.predicates(node) for o in self.graph.objects(node, p)]
                stack += [("object", o) for o in reversed(objects)]
            elif self.inline(node):
                items = self.list_items(node)
                stack += [("object", i) for i in reversed(items)] if items is not None else [("block", node)]
            else:
                stack.append(("label", node))
        return expanded

    def sorted_objects(self, node) -> list:
        """``(predicate, objects)`` pairs: IRIs, then literals, then inline blank nodes by their
        text, then labelled ones by label."""
        groups = []
        for predicate in self.predicates(node):
            objects = list(self.graph.objects(node, predicate))
            terms = sorted((o for o in objects if not isinstance(o, BNode)), key=self.object_key)
            inline = sorted((o for o in objects if self.inline(o)), key=cmp_to_key(self.compare_inline))
            labelled = sorted((o for o in objects if isinstance(o, BNode) and not self.inline(o)), key=self.bnode_label)
            groups.append((predicate, terms + inline + labelled))
        return groups

    def compare_inline(self, a: BNode, b: BNode) -> int:
        return _compare_texts(self.pieces([(a, 0)]), self.pieces([(b, 0)]))

    def object_key(self, term):
        if isinstance(term, Literal):
            return (1, str(term.language or ""), str(term.datatype or ""), str(term))
        return (0, "", "", str(term))

    def pieces(self, items):
        """The text of ``items`` (strings, and ``(node, depth)`` for an inline blank node) piece by
        piece, from an explicit stack, so that it can be compared without being built whole."""
        stack = list(reversed(items))
        while stack:
            item = stack.pop()
            if isinstance(item, str):
                yield item
            else:
                stack += reversed(self.inline_items(*item))

    def subject_block(self, subject) -> list:
        return [self.term(subject), "\n", *self.line_items(subject, 1), " .\n"]

    def line_items(self, node, depth: int) -> list:
        out = []
        for k, (predicate, objects) in enumerate(self.orders[node]):
            name = "a" if predicate == RDF.type else self.term(predicate)
            out += [" ;\n"] if k else []
            out.append(f"{_indent(depth)}{name} ")
            for j, obj in enumerate(objects):
                out += [", "] if j else []
                out.append((obj, depth) if self.inline(obj) else self.term(obj))
        return out

    def inline_items(self, node: BNode, depth: int) -> list:
        items = self.list_items(node)
        if items is not None:
            if not items:
                return ["()"]
            out = ["( "]
            for k, item in enumerate(items):
                out += [" "] if k else []
                out.append((item, depth) if self.inline(item) else self.term(item))
            return out + [" )"]
        lines = self.line_items(node, depth + 1)
        return ["[\n", *lines, f"\n{_indent(depth)}]"] if lines else ["[]"]

    def list_items(self, node):
        """The members of a well-formed RDF list starting at ``node``, else None."""
        if node not in self.lists:
            self.lists[node] = self._list_items(node)
        return self.lists[node]

    def _list_items(self, node):
        items, seen = [], set()
        while node != RDF.nil:
            if node in seen or not isinstance(node, BNode) or self.refs.get(node) != 1:
                return None
            if set(self.graph.predicates(node)) != {RDF.first, RDF.rest}:
                return None
            if len(list(self.graph.objects(node, RDF.first))) != 1:
                return None
            seen.add(node)
            items.append(self.graph.value(node, RDF.first))
            node = self.graph.value(node, RDF.rest)
        return items

    def bnode_label(self, node: BNode) -> str:
        if self.anonymous:
            return "_"
        if node not in self.labels:
            self.labels[node] = f"_:b{len(self.labels)}"
        return self.labels[node]

    def term(self, term, record: bool = True) -> str:
        if isinstance(term, Literal):
            return self.literal(term)
        if isinstance(term, BNode):
            return self.bnode_label(term)
        return self.iri(term, record)

    def iri(self, iri: URIRef, record: bool = True) -> str:
        if iri not in self.iris:
            self.iris[iri] = self._iri(str(iri))
        prefix, text = self.iris[iri]
        if prefix is not None and record:
            self.used[prefix] = self.prefixes[prefix]
        return text

    def _iri(self, text: str) -> tuple[str | None, str]:
        best = max(
            (p for p, uri in self.prefixes.items() if text.startswith(uri)),
            key=lambda p: len(self.prefixes[p]),
            default=None,
        )
        if best is not None:
            local = text[len(self.prefixes[best]) :]
            if local == "" or PN_LOCAL.match(local):
                return best, f"{best}:{local}"
        return None, f"<{text}>"

    def literal(self, lit: Literal) -> str:
        text = str(lit)
        pattern = PLAIN_DATATYPES.get(lit.datatype)
        if pattern is not None and pattern.match(text):
            return text
        if "\n" in text:  # long string: newlines kept; quotes escaped only where they could close it
            escaped = "".join(LONG_ESCAPES.get(c, c) for c in text)
            escaped = re.sub(r'"{3,}|"+$', lambda m: '\\"' * len(m.group(0)), escaped)
            body = '"""' + escaped + '"""'
        else:
            body = '"' + "".join(ESCAPES.get(c, c) for c in text) + '"'
        if lit.language:
            return f"{body}@{lit.language}"
        if lit.datatype is not None and lit.datatype != XSD.string:
            return f"{body}^^{self.iri(lit.datatype)}"
        return body


def _indent(depth: int) -> str:
    return INDENT * min(depth, MAX_INDENT)


def _compare_texts(a, b) -> int:
    """-1, 0 or 1 as text ``a`` sorts before, with or after ``b``; both are iterators of pieces,
    read only as far as they agree."""
    x = y = ""
    while True:
        x, y = _refill(x, a), _refill(y, b)
        if x is None or y is None:
            return (x is not None) - (y is not None)
        n = min(len(x), len(y))
        if x[:n] != y[:n]:
            return -1 if x[:n] < y[:n] else 1
        x, y = x[n:], y[n:]


def _refill(buffer, pieces):
    while not buffer:
        buffer = next(pieces, None)
        if buffer is None:
            return None
    return buffer
