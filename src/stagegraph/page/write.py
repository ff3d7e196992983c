"""The ``graph`` command's work: cut the universe at an episode, draw it, write the page."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rdflib.namespace import RDF

from ..files import write_output
from ..network.asof import cut_episode
from ..rdf.lookup import read
from ..rdf.namespaces import SG


def title_of(universe, lang: str) -> str:
    from ..network.graph import label

    series = sorted(universe.graph.subjects(RDF.type, SG.Series))
    return f"{label(universe.graph, series[0], lang)}: relationships" if series else "stagegraph: relationships"


def drawing_graph(universe):
    """The universe's data and ontology as a ``Lookup`` (rdf/lookup.py) when nothing has read them yet.

    Drawing only looks triples up: plain dictionaries fill and answer several times faster
    than an rdflib Graph, with the same answers in the same order (on 2,000 characters, the
    files and the network in 2 s instead of 5). It becomes the universe's graph
    (``cached_property`` keeps it in the instance), so the spoiler cut reads it too.
    """
    if not universe.endpoint and not {"graph", "data"} & set(vars(universe)):
        vars(universe)["graph"] = read(universe.data_paths, universe.ontology.graph)
    return universe.graph


def write_page(universe, out: Path, *, view: str = "all", as_of: str | None = None, lang: str = "en") -> Path:
    with collector_paused():
        html = page_text(universe, view=view, as_of=as_of, lang=lang)
    write_output(out, html)
    return out


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off while the page is made: reading and drawing make hundreds of
    thousands of dictionaries and tuples and no cycles, and each collection walks them all
    (0.7 s of 4 on 2,000 characters). Whatever is garbage is freed by reference counting."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def page_text(universe, *, view: str = "all", as_of: str | None = None, lang: str = "en") -> str:
    from .. import page as render
    from ..network import graph as network
    from ..network.analyze import bracket

    cut = cut_episode(universe, as_of, lang)
    seen = universe.at(cut.order if cut else None)  # as of the episode: one rule per triple (horizon)
    graph = drawing_graph(seen)
    with network.withholding(seen.withheld):
        net = network.build(
            graph, seen.ontology.graph, lang=lang, view=view, cut=cut.order if cut else None, horizon=seen.horizon
        )
    shown = [e for e in network.episodes(graph, lang) if e.order is not None and (cut is None or e.order <= cut.order)]
    drawn = bracket(net, graph, lang=lang, cut=cut.order if cut else None)
    return render.page(
        net, shown, title=title_of(universe, lang), lang=lang, cut=cut, view=view, bracket=drawn, horizon=seen.horizon
    )
