"""The command line's closed lists are the library's (choices.py), and its vocabulary
choices are exactly the ontology's SKOS concepts, so neither can drift from the other."""

from __future__ import annotations

import click
import pytest
from rdflib.namespace import SKOS

from stagegraph import choices
from stagegraph.cli import main
from stagegraph.rdf.labels import local_name
from stagegraph.rdf.namespaces import BASE

PARTIAL = {"loser_outcome": "advanced"}  # a loser's outcome: every concept but the winner's


def concepts(ontology, scheme: str) -> set[str]:
    """The local names and alternative labels of the concepts whose IRI is in ``scheme``."""
    prefix = f"{BASE}vocab/{scheme}/"
    found = {c for c in ontology.subjects(SKOS.inScheme, None) if str(c).startswith(prefix)}
    return {local_name(c) for c in found} | {str(a) for c in found for a in ontology.objects(c, SKOS.altLabel)}


def option(command: str, name: str) -> click.Option:
    return next(p for p in main.commands[command].params if p.name == name)


@pytest.mark.parametrize("name", sorted(choices.VOCABULARY))
def test_each_vocabulary_choice_is_a_concept_of_its_scheme(universe, name):
    scheme, values = choices.VOCABULARY[name]
    known = concepts(universe.ontology.graph, scheme)
    assert known, f"no concepts in the {scheme} scheme"
    assert set(values) <= known
    assert known - set(values) == ({PARTIAL[name]} if name in PARTIAL else set())


def test_a_concept_missing_from_the_choices_would_be_caught(universe):
    known = concepts(universe.ontology.graph, "nature")
    assert set(choices.vocabulary("nature")[:-1]) != known


@pytest.mark.parametrize("name", sorted(choices.VOCABULARY))
def test_the_new_command_offers_the_library_vocabulary(name):
    assert tuple(option("new", name).type.choices) == choices.vocabulary(name)


@pytest.mark.parametrize(
    ("command", "param", "expected"),
    [
        ("query", "fmt", choices.QUERY_FORMATS),
        ("export", "fmt", choices.EXPORT_FORMATS),
        ("graph", "view", choices.VIEWS),
        ("diff", "fmt_", choices.DIFF_FORMATS),
        ("new", "kind", choices.FACT_KINDS),
        *[(c, "lang", choices.LANGUAGES) for c in ("query", "graph", "analyze", "show")],
        *[(c, "fmt", choices.TEXT_FORMATS) for c in ("validate", "stats", "queries", "analyze", "show")],
    ],
)
def test_every_command_offers_the_library_lists(command, param, expected):
    assert tuple(option(command, param).type.choices) == expected


def test_the_store_choice_is_the_library_list():
    store = next(p for p in main.params if p.name == "store_kind")
    assert tuple(store.type.choices) == choices.STORES
