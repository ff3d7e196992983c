"""network.build looks each label up once per build (site trees and `graph` build it on large
universes): a label changed between builds, and each build's language, must show."""

from __future__ import annotations

import copy

from rdflib import Literal, URIRef
from rdflib.namespace import RDFS

from stagegraph.network import graph as network

MIZI = "https://w3id.org/stagegraph/character/mizi"


def test_a_label_changed_between_builds_shows_in_the_next(universe):
    graph = copy.deepcopy(universe.graph)
    ontology = universe.ontology.graph
    assert network.build(graph, ontology).nodes[MIZI]["label"] == "Mizi"
    graph.remove((URIRef(MIZI), RDFS.label, Literal("Mizi", lang="en")))
    graph.add((URIRef(MIZI), RDFS.label, Literal("Mizi (renamed)", lang="en")))
    assert network.build(graph, ontology).nodes[MIZI]["label"] == "Mizi (renamed)"


def test_each_build_labels_in_its_own_language(universe):
    graph, ontology = universe.graph, universe.ontology.graph
    english, korean = network.build(graph, ontology, lang="en"), network.build(graph, ontology, lang="ko")
    assert (english.nodes[MIZI]["label"], korean.nodes[MIZI]["label"]) == ("Mizi", "미지")
