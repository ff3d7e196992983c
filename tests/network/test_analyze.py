"""`stagegraph analyze`: centrality, chains, pairs, cycles, groups and the bracket, from the networkx graph."""

from __future__ import annotations

import json

import networkx as nx
from rdflib import Graph

from stagegraph import output
from stagegraph.network import analyze
from stagegraph.network import graph as network

CHARACTER = "https://w3id.org/stagegraph/character/"


def test_text_has_the_chain_and_the_bracket(run):
    result = run("analyze")
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "Ivan → Till → Mizi" in text
    for header in ("Quarter-finals", "Semi-finals", "Final"):
        assert header in text
    assert "Round 1: Mizi ✓ vs Sua" in text
    assert "Round 3: Ivan ✓ vs ?" in text
    assert "Round 5: Mizi vs Luka ✓" in text
    assert "Final: Luka ✓ vs Till" in text
    for section in ("Most central characters", "Mutual pairs", "Cycles of one-sided feeling", "Connected groups"):
        assert section in text


def test_bracket_columns_line_up(run):
    lines = run("analyze").stdout.splitlines()
    header = next(line for line in lines if "Quarter-finals" in line)
    semi, final = header.index("Semi-finals"), header.index("Final")
    assert any(line.find("Round 5:") == semi for line in lines)
    assert any(line.find("Final: Luka") == final for line in lines)


def test_json_has_every_part(run):
    result = run("analyze", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {"centrality", "chains", "mutual_pairs", "cycles", "groups", "bracket", "as_of"} <= set(data)
    assert data["chains"][0]["labels"] == ["Ivan", "Till", "Mizi"]
    rounds = data["bracket"]["rounds"]
    assert [r["name"] for r in rounds] == ["Quarter-finals", "Semi-finals", "Final"]
    assert [len(r["matches"]) for r in rounds] == [4, 2, 1]
    round_3 = next(m for m in rounds[0]["matches"] if m["episode"] == "Round 3")
    assert [c["label"] for c in round_3["contestants"]] == ["Ivan", "?"]
    assert round_3["contestants"][1]["character"] is None
    final = rounds[2]["matches"][0]
    assert final["winner_label"] == "Luka" and len(final["after"]) == 2


def test_centrality_agrees_with_networkx(universe):
    net = network.build(universe.graph, universe.ontology.graph, view="all")
    story = nx.Graph()
    story.add_nodes_from(n for n, d in net.nodes(data=True) if d["kind"] == "character")
    story.add_edges_from((u, v) for u, v, d in net.edges(data=True) if d["kind"] in ("bond", "match") and u != v)
    result = analyze.analyze(net, universe.graph)
    for name, values in (("degree", nx.degree_centrality(story)), ("betweenness", nx.betweenness_centrality(story))):
        expected = sorted(values, key=lambda n: (-round(values[n], 12), net.nodes[n]["label"]))[:5]
        got = result["centrality"][name]
        assert [g["character"] for g in got] == expected
        assert [g["score"] for g in got] == [round(values[n], 4) for n in expected]
    assert all(g["links"] == story.degree(g["character"]) for g in result["centrality"]["degree"])


def test_chains_cycles_pairs_groups(universe):
    net = network.build(universe.graph, universe.ontology.graph, view="all")
    result = analyze.analyze(net, universe.graph)
    assert result["chains"][0]["characters"] == [CHARACTER + "ivan", CHARACTER + "till", CHARACTER + "mizi"]
    assert result["chains"][0]["natures"] == [["romantic"], ["romantic"]]
    lengths = [c["length"] for c in result["chains"]]
    assert lengths == sorted(lengths, reverse=True)
    # Luka → Hyuna (romantic) and Hyuna → Luka (antagonistic) close a cycle of one-sided feeling.
    assert [c["labels"] for c in result["cycles"]] == [["Hyuna", "Luka"]]
    pairs = {tuple(p["labels"]): p["natures"] for p in result["mutual_pairs"]}
    assert pairs[("Mizi", "Sua")] == ["platonic", "rivalry", "romantic"]
    sizes = [g["size"] for g in result["groups"]]
    assert sizes == sorted(sizes, reverse=True)
    assert sum(sizes) == sum(1 for _, d in net.nodes(data=True) if d["kind"] == "character")


def test_as_of_leaves_out_later_facts(run):
    text = run("analyze", "--as-of", "round-2").stdout
    assert "As of Round 2" in text
    assert "Ivan → Till" not in text  # revealed in Round 3
    assert "Round 3:" not in text and "Stage 1" in text
    data = json.loads(run("analyze", "--as-of", "round-3", "--format", "json").stdout)
    assert data["as_of"]["order"] == 3
    assert data["chains"][0]["labels"] == ["Ivan", "Till", "Mizi"]
    # Before the final, how many rounds are left is later data: the stages are numbered, not named.
    assert data["bracket"]["named"] is False
    assert [r["name"] for r in data["bracket"]["rounds"]] == ["Stage 1"]
    assert [len(r["matches"]) for r in data["bracket"]["rounds"]] == [3]
    final = json.loads(run("analyze", "--as-of", "final", "--format", "json").stdout)["bracket"]
    assert final["named"] is True and final["rounds"][-1]["name"] == "Final"


def test_unknown_as_of_exits_2(run):
    result = run("analyze", "--as-of", "round-99")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "no episode named 'round-99'" in result.output


TINY_TOURNAMENT = """
@prefix sg: <https://w3id.org/stagegraph/ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix ex: <http://example.org/> .
@prefix episodekind: <https://w3id.org/stagegraph/vocab/episodekind/> .

ex:e1 sg:order 1 ; rdfs:label "Heat A"@en .
ex:e2 sg:order 2 ; rdfs:label "Heat B"@en .
ex:e3 sg:order 3 ; rdfs:label "Grand final"@en ; sg:episodeKind episodekind:final .
ex:a rdfs:label "Ada"@en .  ex:b rdfs:label "Bo"@en .  ex:c rdfs:label "Cy"@en .
ex:m1 a sg:Match ; sg:episode ex:e1 ; sg:winner ex:a ;
    sg:slot [ sg:position 1 ; sg:contestant ex:a ] , [ sg:position 2 ; sg:contestant ex:b ] .
ex:m2 a sg:Match ; sg:episode ex:e2 ; sg:winner ex:c ;
    sg:slot [ sg:position 1 ; sg:contestant ex:c ] , [ sg:position 2 ] .
ex:m3 a sg:Match ; sg:episode ex:e3 ;
    sg:slot [ sg:position 1 ; sg:contestant ex:a ] , [ sg:position 2 ; sg:contestant ex:c ] .
"""


def test_bracket_is_derived_from_any_data():
    graph = Graph().parse(data=TINY_TOURNAMENT, format="turtle")
    bracket = analyze.bracket(None, graph)
    assert [r["name"] for r in bracket["rounds"]] == ["Semi-finals", "Final"]
    assert [m["episode"] for m in bracket["rounds"][0]["matches"]] == ["Heat A", "Heat B"]
    final = bracket["rounds"][1]["matches"][0]
    assert final["winner"] is None and final["after"] == ["http://example.org/m1", "http://example.org/m2"]
    lines = "\n".join(output.bracket_lines(bracket))
    assert "Heat A: Ada ✓ vs Bo" in lines
    assert "Heat B: Cy ✓ vs ?" in lines
    assert "Grand final: Ada vs Cy (winner unknown)" in lines


def test_round_names():
    assert [analyze.round_name(i) for i in range(5)] == [
        "Final",
        "Semi-finals",
        "Quarter-finals",
        "Round of 16",
        "Round of 32",
    ]


def test_a_bracket_cut_before_the_final_keeps_its_round_names_in_every_language():
    """The relationship page (and the site's bracket) name a round by its distance from the
    final over every stage, not over the rounds a cut view shows (a view cut after the semi-
    finals was calling them the final)."""
    from stagegraph.page import _named_rounds

    graph = Graph().parse(data=TINY_TOURNAMENT, format="turtle")
    cut = analyze.bracket(None, graph)
    cut["rounds"] = cut["rounds"][:1]
    assert [r["name"] for r in _named_rounds(cut, "en")["rounds"]] == ["Semi-finals"]
    assert [r["name"] for r in _named_rounds(cut, "ko")["rounds"]] == ["준결승"]
