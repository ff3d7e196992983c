"""Canonical Turtle: one text per graph, so a diff shows only the triples that changed.

The form: the file's leading comment block, the prefixes it uses (sorted), then one block
per subject in IRI order; in each block ``a`` first, then labels, then the other
predicates by name, one predicate per line, objects sorted. Blank nodes referenced once
are written inline (``[ … ]``, or ``( … )`` for RDF lists), their content in the same
canonical order, so a graph whose blank nodes form trees always gets the same text.
"""

from __future__ import annotations

import re

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from .namespaces import PREFIXES

INDENT = "    "
PN_LOCAL = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_.\-]*[A-Za-z0-9_\-])?$")
PREDICATE_RANK = {RDF.type: 0, RDFS.label: 1, SKOS.prefLabel: 2, SKOS.altLabel: 3}
PLAIN_DATATYPES = {
    XSD.integer: re.compile(r"^[+-]?\d+$"),
    XSD.decimal: re.compile(r"^[+-]?\d*\.\d+$"),
    XSD.boolean: re.compile(r"^(true|false)$"),
}
ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
LONG_ESCAPES = {"\\": "\\\\", "\r": "\\r"}


def serialize(graph: Graph, header: str = "") -> str:
    """The canonical Turtle text of ``graph``, after an optional comment ``header``."""
    writer = _Writer(graph)
    body = "\n".join(writer.subject_block(s) for s in writer.top_subjects())
    prefixes = "".join(f"@prefix {p}: <{uri}> .\n" for p, uri in sorted(writer.used.items()))
    head = header.rstrip("\n") + "\n\n" if header.strip() else ""
    return head + prefixes + ("\n" + body if body else "")


def leading_comments(text: str) -> str:
    """The comment block at the top of a Turtle file, before or after its prefixes (kept by
    the formatter; comments further down are not, so put lasting notes in rdfs:comment)."""
    lines: list[str] = []
    for line in text.splitlines():
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


class _Writer:
    def __init__(self, graph: Graph):
        self.graph = graph
        self.prefixes = {**{p: str(u) for p, u in graph.namespaces() if p}, **PREFIXES}
        self.used: dict[str, str] = {}
        self.refs: dict[BNode, int] = {}
        for obj in graph.objects():
            if isinstance(obj, BNode):
                self.refs[obj] = self.refs.get(obj, 0) + 1
        self.labels: dict[BNode, str] = {}

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
        blank = sorted((s for s in subjects if isinstance(s, BNode)), key=self.content_key)
        return named + blank

    def content_key(self, node: BNode) -> str:
        """An order for top-level blank nodes that depends on what they say, not their labels."""
        return " ".join(sorted(f"{self.term(p, record=False)} {self.term(o, record=False) if not isinstance(o, BNode) else '_'}"
                               for p, o in self.graph.predicate_objects(node)))

    def sort_key(self, term) -> str:
        if isinstance(term, BNode):
            return self.inline_text(term, 0) if self.inline(term) else self.bnode_label(term)
        return str(term)

    def subject_block(self, subject) -> str:
        lines = self.predicate_lines(subject, 1)
        return self.term(subject) + "\n" + " ;\n".join(lines) + " .\n"

    def predicate_lines(self, subject, depth: int) -> list[str]:
        predicates = sorted(set(self.graph.predicates(subject)),
                            key=lambda p: (PREDICATE_RANK.get(p, 9), self.term(p, record=False)))
        lines = []
        for predicate in predicates:
            objects = sorted(self.graph.objects(subject, predicate), key=self.object_key)
            rendered = ", ".join(self.object_text(o, depth) for o in objects)
            name = "a" if predicate == RDF.type else self.term(predicate)
            lines.append(f"{INDENT * depth}{name} {rendered}")
        return lines

    def object_key(self, term):
        if isinstance(term, Literal):
            return (1, str(term.language or ""), str(term.datatype or ""), str(term))
        return (0 if isinstance(term, URIRef) else 2, "", "", self.sort_key(term))

    def object_text(self, term, depth: int) -> str:
        if self.inline(term):
            return self.inline_text(term, depth)
        return self.term(term)

    def inline_text(self, node: BNode, depth: int) -> str:
        items = self.list_items(node)
        if items is not None:
            return "( " + " ".join(self.object_text(i, depth) for i in items) + " )" if items else "()"
        lines = self.predicate_lines(node, depth + 1)
        if not lines:
            return "[]"
        return "[\n" + " ;\n".join(lines) + f"\n{INDENT * depth}]"

    def list_items(self, node):
        """The members of a well-formed RDF list starting at ``node``, else None."""
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
        text = str(iri)
        best = max((p for p, uri in self.prefixes.items() if text.startswith(uri)),
                   key=lambda p: len(self.prefixes[p]), default=None)
        if best is not None:
            local = text[len(self.prefixes[best]):]
            if local == "" or PN_LOCAL.match(local):
                if record:
                    self.used[best] = self.prefixes[best]
                return f"{best}:{local}"
        return f"<{text}>"

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
