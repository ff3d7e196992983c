"""Canonical N-Triples: one term, one triple, written the one way every reader parses back."""

from __future__ import annotations

from rdflib import BNode, Literal
from rdflib.namespace import XSD

# Canonical N-Triples escapes: \" \\ and \b \t \n \f \r, the other C0 controls and DEL as \u00XX;
# every other character (U+2028 and U+2029 too) as itself.
NT_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}
NT_ESCAPES |= {chr(c): f"\\u{c:04X}" for c in [*range(0x20), 0x7F] if chr(c) not in NT_ESCAPES}
NT_TABLE = str.maketrans(NT_ESCAPES)


def nt_term(term) -> str:
    """One term in N-Triples: ``<iri>``, ``_:label``, or a literal (``^^xsd:string`` left implicit)."""
    if isinstance(term, BNode):
        return f"_:{term}"
    if not isinstance(term, Literal):
        return f"<{term}>"
    text = '"' + str(term).translate(NT_TABLE) + '"'
    if term.language:
        return f"{text}@{term.language}"
    return text if term.datatype in (None, XSD.string) else f"{text}^^<{term.datatype}>"


def nt_line(s, p, o) -> str:
    """One triple as an N-Triples line (without its line feed)."""
    return f"{nt_term(s)} {nt_term(p)} {nt_term(o)} ."
