"""The bundled data says what the fact sheet says — and nothing the sheet rejects.

Each test pins a row of the sourced fact sheet (or one of its rules: gaps stay unknown,
conflicts keep both sides, unverified leads stay out).
"""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF

from stagegraph.rdf.namespaces import BASE, SG


def iri(kind: str):
    return lambda slug: URIRef(f"{BASE}{kind}/{slug}")


C, E, M, S = iri("character"), iri("episode"), iri("match"), iri("song")
XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")


def V(scheme: str, value: str) -> URIRef:
    return URIRef(f"{BASE}vocab/{scheme}/{value}")


@pytest.fixture(scope="module")
def g(universe):
    return universe.data.graph


def contestants(g, match):
    return {g.value(slot, SG.contestant) for slot in g.objects(M(match), SG.slot)}


def bonds(g, a, b, nature=None):
    found = []
    for bond in g.subjects(SG["from"], C(a)):
        if g.value(bond, SG.to) == C(b) and (nature is None or g.value(bond, SG.nature) == V("nature", nature)):
            found.append(bond)
    return found


def test_seven_matches(g):
    assert len(set(g.subjects(RDF.type, SG.Match))) == 7


@pytest.mark.parametrize(
    "match, pair, winner",
    [
        ("round-1", {"mizi", "sua"}, "mizi"),
        ("round-2", {"till", "acorn"}, "till"),
        ("round-4", {"luka", "durian"}, "luka"),
        ("round-5", {"mizi", "luka"}, "luka"),
        ("round-6", {"till", "ivan"}, "till"),
        ("final", {"luka", "till"}, "luka"),
    ],
)
def test_match_pairings_and_winners(g, match, pair, winner):
    assert contestants(g, match) == {C(x) for x in pair}
    assert g.value(M(match), SG.winner) == C(winner)


def test_round_3_opponent_stays_unidentified(g):
    slots = list(g.objects(M("round-3"), SG.slot))
    assert len(slots) == 2
    assert {g.value(s, SG.contestant) for s in slots} == {C("ivan"), None}
    unknown = next(s for s in slots if g.value(s, SG.contestant) is None)
    assert g.value(unknown, SG.outcome) == V("outcome", "unknown")


@pytest.mark.parametrize("who, match", [("acorn", "round-2"), ("durian", "round-4")])
def test_unstated_deaths_are_not_invented(g, who, match):
    """'Acorn was killed in Round 2' is an unverified lead: the outcome stays unknown."""
    slot = next(s for s in g.objects(M(match), SG.slot) if g.value(s, SG.contestant) == C(who))
    assert g.value(slot, SG.outcome) == V("outcome", "unknown")
    assert not list(g.subjects(SG.fateOf, C(who)))


def test_mizi_was_rescued_in_round_5_not_killed(g):
    slot = next(s for s in g.objects(M("round-5"), SG.slot) if g.value(s, SG.contestant) == C("mizi"))
    assert g.value(slot, SG.outcome) == V("outcome", "rescued")


@pytest.mark.parametrize(
    "who, status, episode, confidence",
    [
        ("sua", "died", "round-1", "confirmed"),
        ("ivan", "disputed", "round-6", "conflicting"),
        ("mizi", "rescued", "round-5", "confirmed"),
    ],
)
def test_fates(g, who, status, episode, confidence):
    fate = g.value(predicate=SG.fateOf, object=C(who))
    assert g.value(fate, SG.fateStatus) == V("status", status)
    assert g.value(fate, SG.inEpisode) == E(episode)
    assert g.value(fate, SG.confidence) == V("confidence", confidence)
    assert list(g.objects(fate, SG.source))


def test_release_dates_known_and_unknown(g):
    assert g.value(E("round-1"), SG.released) == Literal("2022-09-07", datatype=XSD_DATE)
    assert g.value(E("round-3"), SG.released) == Literal("2023-01-05", datatype=XSD_DATE)
    for gap in ("round-2", "round-4", "round-5", "round-6", "final", "sweet-dream", "wiege", "karma"):
        assert g.value(E(gap), SG.released) is None, f"{gap} has a release date the sheet does not give"


def test_my_clematis_vocalists_without_a_guessed_character(g):
    credits = [c for c in g.subjects(SG.creditFor, S("my-clematis")) if g.value(c, SG.role) == V("role", "vocalist")]
    agents = {str(g.value(c, SG.agent)).rsplit("/", 1)[1] for c in credits}
    assert agents == {"rubyeye", "cinah"}
    assert all(g.value(c, SG.asCharacter) is None for c in credits)


def test_luka_is_voiced_by_bl8m(g):
    credits = [c for c in g.subjects(SG.asCharacter, C("luka"))]
    assert {str(g.value(c, SG.agent)).rsplit("/", 1)[1] for c in credits} == {"bl8m"}


@pytest.mark.parametrize("a, b", [("ivan", "till"), ("till", "mizi"), ("luka", "hyuna")])
def test_one_sided_romantic_bonds(g, a, b):
    [bond] = bonds(g, a, b, "romantic")
    assert g.value(bond, SG.bondType) == V("bondtype", "one-sided")


def test_mizi_sua_has_both_readings_disputed(g):
    readings = bonds(g, "mizi", "sua", "romantic") + bonds(g, "mizi", "sua", "platonic")
    assert len(readings) == 2
    for bond in readings:
        assert g.value(bond, SG.bondType) == V("bondtype", "mutual")
        assert g.value(bond, SG.canonStatus) == V("canon", "disputed")
        assert g.value(bond, SG.confidence) == V("confidence", "conflicting")


def test_siblings_and_guardians(g):
    assert bonds(g, "hyuna", "hyunwoo", "family")
    for guardian, pet in (("unsha", "ivan"), ("shine", "mizi"), ("nigeh", "sua")):
        [bond] = bonds(g, guardian, pet, "guardianship")
        assert g.value(bond, SG.bondType) == V("bondtype", "directed")


@pytest.mark.parametrize(
    "who, prop, values",
    [
        ("ivan", "dislikes", {"ignorance and rudeness", "boredom"}),
        ("till", "dislikes", {"all Segyein, including Urak", "restraint"}),
    ],
)
def test_conflicting_attributes_keep_both_values_with_their_own_sources(g, who, prop, values):
    asserted = {str(v) for v in g.objects(C(who), SG[prop])}
    assert asserted == values
    statements = [s for s in g.subjects(SG.statementSubject, C(who)) if g.value(s, SG.statementProperty) == SG[prop]]
    assert len(statements) == 2
    assert {g.value(s, SG.confidence) for s in statements} == {V("confidence", "conflicting")}
    sources = [set(g.objects(s, SG.source)) for s in statements]
    assert sources[0] != sources[1]


def test_unverified_leads_and_rejected_sources_stay_out(g):
    text = " ".join(str(o) for o in g.objects()).lower()
    for lead in ("hepheru", "헤페루", "2024-06-27", "zeta-ai", "zomst", "season 30"):
        assert lead not in text, lead
    assert g.value(E("karma"), SG.roundNumber) is None
