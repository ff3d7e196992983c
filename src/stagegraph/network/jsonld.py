"""JSON-LD for ``export --format jsonld``: every triple, the project prefixes as ``@context``.

Written here rather than by rdflib, whose compacting writer drops a value of a property that
has several when the first is written as ``0``, ``false`` or ``""``, and writes a literal
class as ``"@type": 0``. The shape is the one rdflib gives the bundled data: one node object
per subject in ``@graph``, ``@id`` and ``@type`` first, then properties by name; a single value
as itself, several as an array; IRIs as compact IRIs where a prefix fits.
"""

from __future__ import annotations

import re

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, XSD

from ..rdf.namespaces import PREFIXES

BY_NAMESPACE = {uri: prefix for prefix, uri in PREFIXES.items()}
CANONICAL_INTEGER = re.compile(r"^(0|-?[1-9][0-9]*)$")  # what a JSON number gives back as it was


def document(graph) -> dict:
    """The graph as a JSON-LD document (a dict ready for json.dumps)."""
    nodes: dict = {}
    for s, p, o in graph:
        node = nodes.setdefault(s, {"@id": _id(s)})
        if p == RDF.type and not isinstance(o, Literal):
            node.setdefault("@type", []).append(_id(o))
        else:
            node.setdefault(compact(p), []).append(_value(o))
    return {"@context": dict(sorted(PREFIXES.items())), "@graph": [_node(n) for n in nodes.values()]}


def _node(node: dict) -> dict:
    head = {k: node[k] for k in ("@id", "@type") if k in node}
    rest = {k: node[k] for k in sorted(node) if k not in head}
    return {k: (v if k == "@id" else v[0] if len(v) == 1 else v) for k, v in {**head, **rest}.items()}


def compact(iri) -> str:
    """``prefix:name`` where the IRI is a project namespace plus a name, else the IRI itself."""
    text = str(iri)
    for delimiter in "#/:":
        at = text.rfind(delimiter)
        if at > -1:
            prefix, name = BY_NAMESPACE.get(text[: at + 1]), text[at + 1 :]
            return f"{prefix}:{name}" if prefix and name else text
    return text


def _id(term) -> str:
    return f"_:{term}" if isinstance(term, BNode) else compact(term)


def _value(term):
    if isinstance(term, (URIRef, BNode)):
        return {"@id": _id(term)}
    text, datatype = str(term), term.datatype
    if term.language:
        return {"@language": term.language, "@value": text}
    if datatype in (None, XSD.string):
        return text
    if datatype == XSD.integer and CANONICAL_INTEGER.match(text):
        return int(text)
    if datatype == XSD.boolean and text in ("true", "false"):
        return text == "true"
    return {"@type": compact(datatype), "@value": text}
