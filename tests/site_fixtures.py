"""The bundled site, built once per test session (tests/test_site.py, tests/test_site_browser.py)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from helpers import cli
from stagegraph.network import graph as network
from stagegraph.rdf.namespaces import BASE, SG

SUMMARY = re.compile(r"(\d+) pages in (\d+) trees")


@dataclass
class Built:
    root: Path
    summary: str


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Built:
    """The bundled site, built once per session. Each module imports this fixture, and pytest keeps
    a session fixture imported into a module as that module's own (it built the site once per
    module): the build is kept here instead. Tests only read it."""
    if "bundled" not in _BUILT:
        out = tmp_path_factory.mktemp("site") / "site"
        result = cli("site", "-o", out, "-q")
        assert result.exit_code == 0, result.output
        _BUILT["bundled"] = Built(out, result.output)
    return _BUILT["bundled"]


_BUILT: dict[str, Built] = {}


def horizons(universe) -> list[tuple[str, int]]:
    """``(slug, order)`` of every ordered episode: the horizon trees the site must have."""
    return [(e.iri.rsplit("/", 1)[-1], e.order) for e in network.episodes(universe.graph) if e.order is not None]


def later_facts(universe, order: int) -> dict[str, list[str]]:
    """IRI → texts (labels, notes) of every story fact a viewer at ``order`` has not seen, by the
    rule of graph --as-of, computed here from the RDF without the site's code."""
    graph = universe.graph
    net = network.build(graph, universe.ontology.graph, view="all", cut=order)
    later: set = set()
    for bond in graph.subjects(RDF.type, SG.Bond):
        if not network.visible(network.order_of(graph, graph.value(bond, SG.revealedIn)), order):
            later.add(bond)
    for match in graph.subjects(RDF.type, SG.Match):
        if not network.visible(network.order_of(graph, graph.value(match, SG.episode)), order):
            later |= {match, *graph.objects(match, SG.slot)}
    for fate in graph.subjects(RDF.type, SG.Fate):
        episode = graph.value(fate, SG.revealedIn) or graph.value(fate, SG.inEpisode)
        if not network.visible(network.order_of(graph, episode), order):
            later.add(fate)
    for episode in graph.subjects(RDF.type, SG.Episode):
        if not network.visible(network.order_of(graph, episode), order):
            later.add(episode)
    for song in graph.subjects(RDF.type, SG.Song):
        if not network.visible(network.order_of(graph, graph.value(song, SG.performedIn)), order):
            later.add(song)
    for character in network.characters(graph, universe.ontology.graph):  # met by its first revealed fact
        if str(character) not in net and universe.horizon.entity(character) > order:
            later.add(character)
    return {str(iri): _texts(graph, iri) for iri in later}


def _texts(graph, iri) -> list[str]:
    texts = []
    for prop in (RDFS.label, SKOS.altLabel, SG.note):
        texts += [str(o) for o in graph.objects(URIRef(str(iri)), prop) if isinstance(o, Literal)]
    return texts


def visible_labels(universe, tree_root: Path) -> set[str]:
    """The labels of the entities that do have a page in a tree (a later fact may share one), the
    interface's own words ("Final" names a round of the bracket before it names an episode), and
    the episodes' names: every page offers them all to choose the episode one reads as of (an
    episode's name is not a spoiler; its note is, and stays checked)."""
    from stagegraph.words.relationships import words as page_words
    from stagegraph.words.website import words as site_words

    graph = universe.graph
    found = {w for w in [*page_words("en").values(), *site_words("en").values()] if isinstance(w, str)}
    for episode in graph.subjects(RDF.type, SG.Episode):
        found |= {str(o) for prop in (RDFS.label, SKOS.altLabel) for o in graph.objects(episode, prop)}
    for index in tree_root.glob("*/*/index.ttl"):
        iri = URIRef(BASE + str(index.parent.relative_to(tree_root)))
        found |= {str(o) for o in graph.objects(iri, RDFS.label)}
    return found


def jsonld_of(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))
