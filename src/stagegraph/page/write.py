"""The ``graph`` command's work: cut the universe at an episode, draw it, write the page."""

from __future__ import annotations

from pathlib import Path

from rdflib.namespace import RDF

from ..files import write_output
from ..network.cut import cut_episode
from ..rdf.load import load
from ..rdf.namespaces import SG


def title_of(universe, lang: str) -> str:
    from ..network.build import label

    series = sorted(universe.graph.subjects(RDF.type, SG.Series))
    return f"{label(universe.graph, series[0], lang)}: relationships" if series else "stagegraph: relationships"


def drawing_graph(universe):
    """The universe's graph, read into rdflib's SimpleMemory store when nothing has read it yet.

    Drawing only looks triples up, so it needs no named graphs: SimpleMemory fills about a third
    faster and answers twice as fast (on 2,000 characters, 2 s of the page's 8). It becomes the
    universe's graph (``cached_property`` keeps it in the instance), so the spoiler cut reads it too.
    """
    if not universe.endpoint and not {"graph", "data"} & set(vars(universe)):
        graph = load(universe.data_paths, store="SimpleMemory").graph
        graph += universe.ontology.graph
        vars(universe)["graph"] = graph
    return universe.graph


def write_page(universe, out: Path, *, view: str = "all", as_of: str | None = None, lang: str = "en") -> Path:
    from .. import page as render
    from ..network import build as network

    graph = drawing_graph(universe)
    cut = cut_episode(universe, as_of, lang)
    net = network.build(graph, universe.ontology.graph, lang=lang, view=view,
                        cut=cut.order if cut else None)
    shown = [e for e in network.episodes(graph, lang)
             if e.order is not None and (cut is None or e.order <= cut.order)]
    from ..network.analyze import bracket

    drawn = bracket(net, graph, lang=lang, cut=cut.order if cut else None)
    html = render.page(net, shown, title=title_of(universe, lang), lang=lang, cut=cut, view=view, bracket=drawn)
    write_output(out, html)
    return out
