"""The ``graph`` command's work: cut the universe at an episode, draw it, write the page."""

from __future__ import annotations

from pathlib import Path

from rdflib.namespace import RDF

from .files import write_output
from .namespaces import SG


def cut_episode(universe, as_of: str | None, lang: str = "en"):
    """The Episode (from network.episodes) that ``as_of`` names, or None."""
    from . import network
    from .errors import InputError
    from .resolve import resolve

    if as_of is None:
        return None
    iri = resolve(as_of, "sg:Episode", universe.graph, universe.ontology.graph, "--as-of")
    episode = next(e for e in network.episodes(universe.graph, lang) if e.iri == str(iri))
    if episode.order is None:
        raise InputError(f"{episode.label} has no place in the viewing order (sg:order), so nothing can be cut "
                         "at it; choose a numbered round or another ordered episode")
    return episode


def title_of(universe, lang: str) -> str:
    from .network import label

    series = sorted(universe.graph.subjects(RDF.type, SG.Series))
    return f"{label(universe.graph, series[0], lang)}: relationships" if series else "stagegraph: relationships"


def write_page(universe, out: Path, *, view: str = "all", as_of: str | None = None, lang: str = "en") -> Path:
    from . import network, render

    cut = cut_episode(universe, as_of, lang)
    net = network.build(universe.graph, universe.ontology.graph, lang=lang, view=view,
                        cut=cut.order if cut else None)
    shown = [e for e in network.episodes(universe.graph, lang)
             if e.order is not None and (cut is None or e.order <= cut.order)]
    html = render.page(net, shown, title=title_of(universe, lang), lang=lang, cut=cut, view=view)
    write_output(out, html)
    return out
