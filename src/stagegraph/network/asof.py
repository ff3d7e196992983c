"""The spoiler cut: the episode a reader has watched up to, named by ``--as-of``."""

from __future__ import annotations

from ..errors import InputError
from ..rdf.names import resolve
from . import graph as network


def cut_episode(universe, as_of: str | None, lang: str = "en"):
    """The Episode (from network.episodes) that ``as_of`` names, or None."""
    if as_of is None:
        return None
    iri = resolve(as_of, "sg:Episode", universe.graph, universe.ontology.graph, "--as-of")
    episode = next(e for e in network.episodes(universe.graph, lang) if e.iri == str(iri))
    if episode.order is None:
        raise InputError(
            f"{episode.label} has no place in the viewing order (sg:order), so nothing can be cut "
            "at it; choose a numbered round or another ordered episode"
        )
    return episode
