"""Files → graphs, and graphs → text. Terms are kept exactly as written.

rdflib rewrites a literal's lexical form into the canonical one when it builds it
(``"01"^^xsd:integer`` becomes ``"1"``, ``"1E0"^^xsd:double`` ``"1.0"``, ``"1"^^xsd:boolean``
``"true"``), which makes two different RDF terms one: a file formatted, diffed or exported
loses triples. So every literal read from a file or a store is built with ``normalize=False``
(``oxigraph.literal``, ``termparts``, and rdflib's own parser under ``as_written``), and
rdflib's default (``rdflib.NORMALIZE_LITERALS``, read at each ``Literal(…)`` call) is switched
off here for everything else rdflib builds, such as the literals of a SPARQL query's text.
(pySHACL sets that default back to True when a validation ends, hence the explicit flags.)
Values (``Literal.value``), which validation and sorting compare, are unchanged.
"""

from collections.abc import Iterator
from contextlib import contextmanager

import rdflib

rdflib.NORMALIZE_LITERALS = False


@contextmanager
def as_written() -> Iterator[None]:
    """rdflib builds literals as written (without normalising them) inside this block."""
    before, rdflib.NORMALIZE_LITERALS = rdflib.NORMALIZE_LITERALS, False
    try:
        yield
    finally:
        rdflib.NORMALIZE_LITERALS = before
