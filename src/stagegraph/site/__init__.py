"""``stagegraph site``: the whole graph as a browsable, spoiler-safe, linked-data website.

One parse of the universe; one tree of pages per episode in viewing order (``at/<episode>/``)
plus the full tree at the root, where each entity's page lives at the path of its IRI
(``horizon`` decides what each tree holds, ``facts`` what each page says, ``linked`` its
Turtle and JSON-LD, ``extras`` the tree's other pages, ``build`` writes it all with the Jinja2
templates in ``templates/``; ``serve`` previews it with content negotiation; ``sparql`` writes
each tree's query page, with Oxigraph compiled to WebAssembly).
"""

from .generate import build_site

__all__ = ["build_site"]
