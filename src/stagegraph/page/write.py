"""The ``graph`` command's work: cut the universe at an episode, draw it, write the page."""

from __future__ import annotations

from pathlib import Path

from rdflib.namespace import RDF

from ..files import write_output
from ..network.cut import cut_episode
from ..rdf.namespaces import SG


def title_of(universe, lang: str) -> str:
    from ..network.build import label

    series = sorted(universe.graph.subjects(RDF.type, SG.Series))
    return f"{label(universe.graph, series[0], lang)}: relationships" if series else "stagegraph: relationships"


def write_page(universe, out: Path, *, view: str = "all", as_of: str | None = None, lang: str = "en") -> Path:
    from .. import page as render
    from ..network import build as network

    cut = cut_episode(universe, as_of, lang)
    net = network.build(universe.graph, universe.ontology.graph, lang=lang, view=view,
                        cut=cut.order if cut else None)
    shown = [e for e in network.episodes(universe.graph, lang)
             if e.order is not None and (cut is None or e.order <= cut.order)]
    from ..network.analyze import bracket

    drawn = bracket(net, universe.graph, lang=lang, cut=cut.order if cut else None)
    html = render.page(net, shown, title=title_of(universe, lang), lang=lang, cut=cut, view=view, bracket=drawn)
    write_output(out, html)
    return out
