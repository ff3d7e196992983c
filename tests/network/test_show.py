"""`stagegraph show NAME`: a character card with every fact's sources."""

from __future__ import annotations

import json
import re
from itertools import permutations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from stagegraph.errors import UnknownEntity
from stagegraph.network import card
from stagegraph.network import graph as network
from stagegraph.rdf.names import resolve


def footnotes(text: str) -> dict[str, str]:
    """``[n] title <url>`` lines of the Sources section → {"[n]": line}."""
    return {m.group(1): m.group(0) for m in re.finditer(r"^\s*(\[\d+\]) .*$", text, re.M)}


def refs_of(line: str) -> set[str]:
    return set(re.findall(r"\[\d+\]", line))


def line_with(text: str, fragment: str) -> str:
    found = [line for line in text.splitlines() if fragment in line]
    assert found, f"no line with {fragment!r}"
    return found[0]


HEADINGS = {
    "en": ["Attributes", "Fate", "Matches", "Songs", "Voices", "Bonds", "Sources"],
    "ko": ["속성", "운명", "경기", "노래", "목소리", "관계", "출처"],
    "ja": ["属性", "運命", "試合", "歌", "声", "関係", "出典"],
}


def test_till_card(run):
    result = run("show", "Till")
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "ティル" in text and "틸" in text
    assert "contestant" in text
    notes = footnotes(text)
    pixiv = line_with(text, "all Segyein, including Urak")
    rg = line_with(text, "restraint")
    assert "conflicting" in pixiv and "conflicting" in rg
    assert refs_of(pixiv) and refs_of(rg) and refs_of(pixiv) != refs_of(rg)
    assert all("pixiv" in notes[r] for r in refs_of(pixiv))
    assert all("RG Games" in notes[r] for r in refs_of(rg))
    assert "unknown, Final (confirmed)" in text
    matches = text.split("\nMatches\n")[1].split("\n\n")[0]
    assert [line.split()[0] for line in matches.splitlines()] == ["Round", "Round", "Final"]
    assert "Round 2" in matches and "Round 6" in matches and "vs Luka" in matches
    bonds = text.split("\nBonds\n")[1].split("\n\n")[0]
    assert "← Ivan" in bonds and "→ Mizi" in bonds and "↔ Ivan" in bonds
    assert "Unknown (Till the End)" in text
    for ref in refs_of(bonds):
        assert ref in notes and "<https://" in notes[ref]


def test_names_in_any_language_and_voices(run):
    text = run("show", "미지", "--lang", "ko").stdout
    assert text.startswith("Mizi · 미지 · ミジ")
    assert "대 수아" in text  # "vs" in the card's language
    luka = run("show", "luka").stdout
    assert "BL8M" in line_with(luka, "voices them in ALIEN STAGE")


def concept_labels(universe, lang: str) -> set[str]:
    graph = universe.ontology.graph
    return {
        str(o)
        for c in graph.subjects(RDF.type, SKOS.Concept)
        for o in graph.objects(c, SKOS.prefLabel)
        if o.language == lang
    }


@pytest.mark.parametrize("lang", ["ko", "ja"])
def test_the_card_says_the_vocabulary_in_its_language(run, universe, lang):
    """Fate, outcomes, confidences and each bond's nature, type and canon status are the
    concepts' labels in --lang (#14), not English."""
    text = run("show", "Till", "--lang", lang).stdout
    english, own = concept_labels(universe, "en"), concept_labels(universe, lang)
    section = dict(zip(HEADINGS["en"], HEADINGS[lang], strict=True))
    part = lambda name: text.split(f"\n{section[name]}\n")[1].split("\n\n")[0]  # noqa: E731
    bonds = [line.split("   ") for line in part("Bonds").splitlines()]
    said = {cell.strip() for row in bonds for cell in row[1:] if cell.strip() and not cell.strip().startswith("[")}
    assert said and said <= own, said - own
    words = set(re.findall(r"[A-Za-z][A-Za-z -]*[a-z]", part("Matches") + part("Fate") + part("Bonds")))
    assert not {w.strip() for w in words} & english


@pytest.mark.parametrize("lang", ["en", "ko", "ja"])
def test_the_networks_concept_labels_are_in_its_language(universe, lang):
    """What the relationship page and the card show of a concept (nature, type, canon status,
    confidence, outcome, fate, role) is its label in the network's language."""
    own = concept_labels(universe, lang)
    net = network.build(universe.graph, universe.ontology.graph, lang=lang, view="all")
    shown = set()
    for _a, _b, d in net.edges(data=True):
        keys = {"bond": ("nature_label", "bond_type_label", "canon_label", "confidence"), "credit": ("label",)}
        shown |= {d[k] for k in keys.get(d["kind"], ()) if d.get(k)}
    for _node, d in net.nodes(data=True):
        fate = d.get("fate") or {}
        shown |= {fate[k] for k in ("label", "confidence") if fate.get("iri") and fate.get(k)}
        shown |= {m["outcome"] for m in d.get("matches", [])}
    assert len(shown) > 20 and shown <= own, shown - own


def test_unknown_name_exits_2_with_close_matches(run):
    result = run("show", "Tll")
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "no character named 'Tll'" in result.output and "Till" in result.output


def test_an_unknown_name_is_called_by_the_english_class_label_whatever_the_label_order(universe):
    """The class has a label in each site language; the error message is in English."""
    character = URIRef("https://w3id.org/stagegraph/ns#Character")
    labels = (Literal("character", lang="en"), Literal("캐릭터", lang="ko"), Literal("キャラクター", lang="ja"))
    for order in permutations(labels):
        ontology = Graph()
        for found in order:
            ontology.add((character, RDFS.label, found))
        with pytest.raises(UnknownEntity, match="^no character named 'Tll'"):
            resolve("Tll", "sg:Character", universe.graph, ontology, "NAME")


def test_json_card(run, universe):
    result = run("show", "Till", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["names"] == {"en": "Till", "ko": "틸", "ja": "ティル"}
    dislikes = [a for a in data["attributes"] if a["property"] == "sg:dislikes"]
    assert sorted(a["value"] for a in dislikes) == ["all Segyein, including Urak", "restraint"]
    source_sets = [{s["iri"] for st in a["statements"] for s in st["sources"]} for a in dislikes]
    assert source_sets[0] and source_sets[1] and source_sets[0] != source_sets[1]
    assert data["fate"]["status"] == "unknown" and data["fate"]["episode"] == "Final"
    assert [m["episode"] for m in data["matches"]] == ["Round 2", "Round 6", "Final"]
    others = {(b["other_label"], b["direction"], b["nature"]) for b in data["bonds"]}
    assert {("Ivan", "incoming", "romantic"), ("Mizi", "outgoing", "romantic"), ("Ivan", "mutual", "rivalry")} <= others
    assert all(b["sources"] for b in data["bonds"])


def test_every_asserted_attribute_is_on_the_card(universe):
    till = card.find(universe, "till")
    data = card.card(universe, till)
    props = card.attribute_properties(universe)
    asserted = {(p, o) for p in props for o in universe.graph.objects(till, p)}
    assert len(data["attributes"]) == len(asserted)
    assert all(a["statements"] for a in data["attributes"])


def test_show_prints_control_characters_in_labels_as_text_never_to_the_terminal(tmp_path):
    """An escape sequence in a label (it could clear the screen or retitle the terminal) is shown
    as \\u001b, not sent; the card keeps its line feeds."""
    from helpers import cli

    data = tmp_path / "u.ttl"
    data.write_text(
        "@prefix sg: <https://w3id.org/stagegraph/ns#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "<https://w3id.org/stagegraph/character/x> a sg:Character ;\n"
        '    rdfs:label "Evil\\u001b]0;owned\\u0007Name"@en .\n',
        encoding="utf-8",
    )
    result = cli("--data", data, "show", "x")
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "Evil\\u001b]0;owned\\u0007Name" in result.output
    assert result.output.count("\n") > 2


def test_attribute_values_of_one_text_keep_one_order():
    plain, typed = Literal("17"), Literal("17", datatype=URIRef("http://www.w3.org/2001/XMLSchema#integer"))
    assert card.shown_values([plain, typed], "en") == card.shown_values([typed, plain], "en") == [plain, typed]


@pytest.mark.parametrize("lang", sorted(HEADINGS))
def test_the_text_card_speaks_the_cards_language(run, lang):
    """Headings and connecting words follow --lang (names and facts come from the data); the
    other languages' headings appear nowhere, and JSON keeps its English keys for programs."""
    text = run("show", "Mizi", "--lang", lang).stdout
    lines = text.splitlines()
    assert [h for h in HEADINGS[lang] if h in lines] == HEADINGS[lang]
    others = {h for other, hs in HEADINGS.items() if other != lang for h in hs}
    assert not others & set(lines)
    sings = {"en": "sings in Round 1", "ko": "Round 1에서 부름", "ja": "Round 1で歌う"}[lang]
    assert sings in line_with(text, "MY CLEMATIS")
    keys = set(json.loads(run("show", "Mizi", "--lang", lang, "--format", "json").stdout))
    assert {"names", "attributes", "fate", "matches", "songs", "voices", "bonds"} <= keys
