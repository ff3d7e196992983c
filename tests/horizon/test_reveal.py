"""The per-triple spoiler rule (stagegraph.horizon), each clause from both sides, on small
universes written here: what a tree of one episode holds, and what it must not."""

from __future__ import annotations

import math

import pytest
from rdflib import Graph, Literal, URIRef

from stagegraph.horizon import Horizon, withheld_token
from stagegraph.horizon.cut import cut
from stagegraph.universe import Universe

B = "https://w3id.org/stagegraph/"
SG = B + "ns#"
HEAD = f"""@prefix sg: <{SG}> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix character: <{B}character/> . @prefix episode: <{B}episode/> . @prefix bond: <{B}bond/> .
@prefix statement: <{B}statement/> . @prefix source: <{B}source/> . @prefix credit: <{B}credit/> .
@prefix match: <{B}match/> . @prefix person: <{B}person/> . @prefix place: <{B}place/> .
episode:e1 a sg:Episode ; sg:order 1 ; rdfs:label "E1"@en .
episode:e2 a sg:Episode ; sg:order 2 ; rdfs:label "E2"@en .
episode:e3 a sg:Episode ; sg:order 3 ; rdfs:label "E3"@en .
"""
BODY = """
character:a a sg:Character ; rdfs:label "Alpha"@en ; sg:garden place:g ;
    sg:note "untold note"@en, "told in two"@en ; sg:seasonWins 2 .
character:b a sg:Character ; rdfs:label "Beta"@en .
character:c a sg:Character ; rdfs:label "Gamma"@en .
place:g a sg:Place ; rdfs:label "Garden"@en .
statement:a-note a sg:TextStatement ; sg:statementSubject character:a ; sg:statementProperty sg:note ;
    sg:statementValue "told in two"@en ; sg:revealedIn episode:e2 ; sg:source source:late .
statement:a-wins a sg:AttributeStatement ; sg:statementSubject character:a ; sg:statementProperty sg:seasonWins ;
    sg:statementValue 2 ; sg:revealedIn episode:e3 .
bond:a-b a sg:Bond ; sg:from character:a ; sg:to character:b ; sg:revealedIn episode:e1 ;
    sg:note "bond note"@en, "later bond note"@en ; sg:source source:early .
statement:a-b-later a sg:TextStatement ; sg:statementSubject bond:a-b ; sg:statementProperty sg:note ;
    sg:statementValue "later bond note"@en ; sg:revealedIn episode:e3 .
bond:b-c a sg:Bond ; sg:from character:b ; sg:to character:c ; sg:source source:late .
match:m a sg:Match ; sg:episode episode:e2 ; sg:slot match:m-1 ; sg:winner character:c .
match:m-1 a sg:Slot ; sg:contestant character:c .
credit:v a sg:Credit ; sg:agent person:p ; sg:asCharacter character:c ; rdfs:label "P voices"@en .
person:p a sg:Person ; rdfs:label "P"@en .
source:early a sg:Source ; rdfs:label "Early source"@en ;
    sg:url "https://early.example/"^^<http://www.w3.org/2001/XMLSchema#anyURI> .
source:covered a sg:Source ; rdfs:label "Covers up to E1"@en ; sg:coversUpTo episode:e1 .
source:wide a sg:Source ; rdfs:label "Covers up to E3"@en ; sg:coversUpTo episode:e3 .
bond:b-c-2 a sg:Bond ; sg:from character:b ; sg:to character:c ; sg:revealUnknown true ; sg:source source:covered .
statement:b-label a sg:AttributeStatement ; sg:statementSubject character:b ; sg:statementProperty sg:age ;
    sg:statementValue 3 ; sg:revealedIn episode:e1 ; sg:source source:wide .
source:late a sg:Source ; rdfs:label "Late source: who wins"@en .
source:free a sg:Source ; rdfs:label "Free source"@en ; sg:spoilerFree true .
bond:a-c a sg:Bond ; sg:from character:a ; sg:to character:c ; sg:revealedIn episode:e3 ; sg:source source:free .
"""


@pytest.fixture(scope="module")
def universe(tmp_path_factory):
    folder = tmp_path_factory.mktemp("horizon")
    (folder / "u.ttl").write_text(HEAD + BODY, encoding="utf-8")
    return Universe(data_paths=(folder,))


def ref(kind_slug: str) -> URIRef:
    return URIRef(B + kind_slug)


def graph_at(universe, order) -> Graph:
    return universe.at(order).graph


def test_a_bond_is_revealed_at_its_episode_and_not_before(universe):
    assert (ref("bond/a-b"), URIRef(SG + "from"), ref("character/a")) in graph_at(universe, 1)
    assert universe.horizon.revealed(ref("bond/a-b")) == 1
    assert (ref("bond/a-c"), URIRef(SG + "from"), ref("character/a")) not in graph_at(universe, 2)
    assert (ref("bond/a-c"), URIRef(SG + "from"), ref("character/a")) in graph_at(universe, 3)


def test_a_bond_without_an_episode_is_only_in_the_full_tree(universe):
    for order in (1, 2, 3):
        assert ref("bond/b-c") not in set(graph_at(universe, order).subjects())
    assert ref("bond/b-c") in set(universe.graph.subjects())
    assert universe.horizon.revealed(ref("bond/b-c")) is None


def test_an_annotated_direct_triple_waits_for_its_statement(universe):
    wins = (ref("character/a"), URIRef(SG + "seasonWins"), Literal(2))
    assert wins not in graph_at(universe, 2)  # Alpha is shown at 1, the count only at 3
    assert ref("character/a") in set(graph_at(universe, 2).subjects())
    assert wins in graph_at(universe, 3)


def test_a_story_text_needs_its_own_episode(universe):
    untold = Literal("untold note", lang="en")
    told = Literal("told in two", lang="en")
    for order in (1, 2, 3):
        assert untold not in set(graph_at(universe, order).objects())
    assert untold in set(universe.graph.objects())
    assert told not in set(graph_at(universe, 1).objects())  # nor in the statement that annotates it
    assert told in set(graph_at(universe, 2).objects())


def test_a_text_on_a_revealing_node_inherits_it_or_waits_for_a_later_statement(universe):
    at = {o: graph_at(universe, o) for o in (1, 3)}
    note = URIRef(SG + "note")
    assert (ref("bond/a-b"), note, Literal("bond note", lang="en")) in at[1]
    assert (ref("bond/a-b"), note, Literal("later bond note", lang="en")) not in at[1]
    assert Literal("later bond note", lang="en") not in set(at[1].objects())
    assert (ref("bond/a-b"), note, Literal("later bond note", lang="en")) in at[3]


def test_identity_comes_with_the_first_fact_and_profile_follows(universe):
    h = universe.horizon
    assert h.entity(ref("character/a")) == 1 and h.entity(ref("place/g")) == 1
    assert h.entity(ref("character/c")) == 2  # by the match's slot
    assert ref("character/c") not in set(graph_at(universe, 1).subjects())
    assert (
        ref("character/c"),
        URIRef("http://www.w3.org/2000/01/rdf-schema#label"),
        Literal("Gamma", lang="en"),
    ) in graph_at(universe, 2)
    assert h.revealed(ref("match/m-1")) == 2  # a slot with its match


def test_a_real_world_credit_waits_for_the_character_it_names(universe):
    assert ref("credit/v") not in set(graph_at(universe, 1).subjects())
    assert ref("credit/v") in set(graph_at(universe, 2).subjects())
    assert ref("person/p") in set(graph_at(universe, 1).subjects())  # a person is no spoiler
    assert universe.horizon.entity(ref("person/p")) == -math.inf


def test_a_source_cited_for_later_facts_is_withheld_with_a_token(universe):
    made = cut(universe.horizon, universe.graph, 2)
    late = ref("source/late")
    assert late not in set(made.graph.subjects()) and late not in set(made.graph.objects())
    assert "who wins" not in made.graph.serialize(format="nt")
    assert made.withheld[ref("statement/a-note")] == [withheld_token(late)]  # shown at 2, its source is not
    assert ref("source/early") in set(made.graph.subjects())  # cited only at 1
    assert ref("source/free") in set(made.graph.subjects())  # marked spoiler-free
    assert late in set(universe.graph.subjects())


def test_what_a_source_covers_decides_over_what_it_is_cited_for(universe):
    at = {o: cut(universe.horizon, universe.graph, o) for o in (1, 2, 3)}
    covered, wide = ref("source/covered"), ref("source/wide")
    assert covered in set(at[1].graph.subjects())  # cited for an unknown fact, but discusses only E1
    assert wide not in set(at[2].graph.subjects())  # cited for E1, but discusses up to E3
    assert at[2].withheld[ref("statement/b-label")] == [withheld_token(wide)]
    assert wide in set(at[3].graph.subjects())


def test_counts_of_facts_and_texts(universe):
    made = cut(universe.horizon, universe.graph, 1)
    assert made.shown["texts"] == 1 and made.held["texts"] == 3
    assert made.shown["facts"] + made.held["facts"] == len(
        [n for n in universe.horizon.revealing if n not in universe.horizon.order]
    )


def test_the_full_tree_is_the_graph_itself(universe):
    assert universe.at(None) is universe


def test_a_foreign_ontology_without_the_declarations_still_holds_texts_back(universe):
    bare = Horizon(universe.graph, Graph())
    assert bare.text(ref("character/a"), URIRef(SG + "note"), Literal("untold note", lang="en")) == math.inf
