"""The contribute page's patch is the Turtle ``stagegraph new`` prints for the same answers, byte
for byte (issue 26).

A corpus of answers — every kind, every fact of the bundled data asked again (its IRI reused,
its confidence kept), numbered IRIs, sources old and new, the edges new refuses, and hostile text
(markup, quotes, backslashes, line breaks, right-to-left text, 10,000 characters, Hypothesis's
own) — goes through ``site/contribute/js/patch.js`` under Node (``tests/js/patch-runner.js``),
which also gives the command line for each; that command line goes through ``stagegraph new``
in-process. Both print the same bytes, or both refuse (in the same words, but where new's words
name its closest matches for an unknown name).
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from helpers import ROOT
from stagegraph.contribute.form import forms
from stagegraph.contribute.known import known
from stagegraph.rdf.namespaces import BASE, SG

RUNNER = ROOT / "tests" / "js" / "patch-runner.js"
NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(NODE is None, reason="needs Node.js (make test sets it up)")

C, E, S, SONG = f"{BASE}character/", f"{BASE}episode/", f"{BASE}source/", f"{BASE}song/"
HOSTILE = (
    '<script>alert("x")</script>',
    "</pre><img src=x onerror=alert(1)>",
    "He said \"hi\" and 'bye'",
    '"""',
    'ends with a quote"',
    'ends with quotes""\n',
    "back\\slash \\n \\u0041",
    "line\nbreak\r\nand\ttab",
    "\u202eright-to-left override\u202c",
    "שלום עולם — مرحبا",
    "미지 ミジ 米子 Ⅻ ﬁ",
    "😀 emoji 𝕏 \U0001f600",
    "zero\u200bwidth\ufeff",
    " leading and trailing ",
    "--looks-like-an-option",
    "@ko",
    "${x} {{x}} %s",
)
LONG = ("A long note; " * 800)[:10_000]


@pytest.fixture(scope="module")
def page(universe):
    made = forms(universe, "en")["forms"]
    classes = {f["cls"] for form in made.values() for f in form["fields"] if f.get("cls")}
    return {"forms": made, "known": known(universe.graph, universe.ontology.graph, classes, "en")}


def through_node(page: dict, cases: list[dict]) -> list[dict]:
    payload = json.dumps({**page, "cases": cases}, ensure_ascii=False)
    done = subprocess.run(
        [NODE, str(RUNNER)], input=payload, capture_output=True, text=True, encoding="utf-8", check=False, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def assert_same(sg, page: dict, cases: list[dict]) -> list[dict]:
    answers = through_node(page, cases)
    for case, answer in zip(cases, answers, strict=True):
        assert "error" not in answer, (case, answer["error"])
        result = sg("new", *answer["argv"])
        if "turtle" in answer:
            assert result.exit_code == 0, (case, answer["argv"], result.output)
            assert result.stdout == answer["turtle"], (case, answer["argv"])
            Graph().parse(data=answer["turtle"], format="turtle")  # valid Turtle
        else:
            assert result.exit_code != 0, (case, answer, result.stdout)
            if not answer["refused"].startswith(("no ", "Invalid value")):
                assert answer["refused"] in result.output, (case, answer["refused"], result.output)
    return answers


def case(kind: str, **values) -> dict:
    return {
        "kind": kind,
        "values": {
            k.replace("__", ":").replace("_", "-"): v if isinstance(v, list) else [v] for k, v in values.items()
        },
    }


def src(iri: str | None = None, url: str | None = None, title: str | None = None) -> dict:
    return {"iri": iri} if iri else {"url": url, "title": title}


CT_URL = "https://thecentraltrend.com/134918/uncategorized/the-underrated-dystopian-musical-animated-series-masterpiece-waiting-for-you-to-watch-alien-stage/"
CT = {"iri": S + "ct", "url": CT_URL}
NEW = src(url="https://example.org/stagegraph/a-new-page", title="A new page")

CORPUS = [
    # bonds: new, reused, numbered, with every option; refused without a source or a revealing episode
    case(
        "bond",
        **{"from": C + "mizi", "to": C + "till"},
        type="one-sided",
        nature="romantic",
        revealed_in=E + "round-3",
        source=CT,
    ),
    case(
        "bond",
        **{"from": C + "mizi", "to": C + "till"},
        type="mutual",
        nature="platonic",
        canon="disputed",
        revealed_in="unknown",
        note="A note",
        confidence="inferred",
        source=[NEW, CT],
    ),
    case(
        "bond",
        **{"from": C + "hyuna", "to": C + "luka"},
        type="one-sided",
        nature="antagonistic",
        revealed_in="unknown",
        source=CT,
    ),
    case(
        "bond",
        **{"from": C + "hyuna", "to": C + "luka"},
        type="directed",
        nature="antagonistic",
        revealed_in="unknown",
        source=CT,
        skos__altLabel=[{"value": "별명", "lang": "ko"}, "Nick"],
    ),
    case("bond", **{"from": C + "mizi", "to": C + "till"}, type="one-sided", nature="romantic", source=CT),
    case(
        "bond", **{"from": C + "mizi", "to": C + "till"}, type="one-sided", nature="romantic", revealed_in=E + "round-3"
    ),
    case("bond", **{"from": C + "mizi"}, type="one-sided", nature="romantic", revealed_in="unknown", source=CT),
    case(
        "bond",
        **{"from": C + "mizi", "to": C + "mizi"},
        type="mutual",
        nature="family",
        revealed_in="unknown",
        source=CT,
    ),
    # sources cited by a new fact: an existing URL is that source; a new title's slug numbered past one taken
    case(
        "bond",
        **{"from": C + "sua", "to": C + "ivan"},
        type="one-sided",
        nature="rivalry",
        revealed_in="unknown",
        source=src(url=CT_URL, title="x"),
    ),
    case(
        "bond",
        **{"from": C + "sua", "to": C + "ivan"},
        type="one-sided",
        nature="rivalry",
        revealed_in="unknown",
        source=[
            src(url="https://example.org/1", title="The Central Trend"),
            src(url="https://example.org/2", title="The Central Trend"),
            src(url="https://example.org/1", title="again"),
        ],
    ),
    case(
        "bond",
        **{"from": C + "sua", "to": C + "ivan"},
        type="one-sided",
        nature="rivalry",
        revealed_in="unknown",
        source=src(url="https://example.org/untitled", title=""),
    ),
    case(
        "bond",
        **{"from": C + "sua", "to": C + "ivan"},
        type="one-sided",
        nature="rivalry",
        revealed_in="unknown",
        source=[CT, src(url="https://example.org/after-an-iri", title="After an IRI")],
    ),
    # characters: every language, a kind, attributes with their statements, a note and its statement
    case(
        "character",
        name="Nova",
        name_ko="노바",
        name_ja="ノヴァ",
        character_kind="contestant",
        sg__age="17",
        sg__heightCm="0170",
        sg__seasonWins="+2",
        sg__garden=f"{BASE}place/anakt-garden",
        note="Seen in the crowd.",
        revealed_in=E + "round-2",
        source=NEW,
    ),
    case("character", name="Mizi", source=CT),
    case("character", name="Nova", note="No episode given", source=CT),
    case("character", name="Nova", revealed_in="unknown", source=CT),
    case("character", name="Nova", character_kind="alien", sg__seasonWins="1", source=CT),
    case("character", name="Nova", sg__age="seventeen", source=CT),
    case("character", name="ÆØÅ Ĳ ǅ ①②", source=CT),
    case("character", name="미지", source=CT),
    # people and organisations
    case("person", name="A Composer", name_ko="작곡가", source=CT),
    case("person", organization="organization", name="A Studio", sg__member=[f"{BASE}person/vivinos"], source=CT),
    case("person", name="A Person", sg__member=[f"{BASE}person/vivinos"], source=CT),
    # episodes: numbers as click reads them, dates, a month-day, a running time
    case(
        "episode",
        title="Round 7",
        episode_kind="round",
        round="07",
        order="+15",
        released="2024-02-29",
        sg__releasedMonthDay="--02-29",
        sg__durationMinutes="3.5",
        sg__videoTitle='A "video"',
        note="N",
        source=CT,
    ),
    case("episode", title="Extra", released="2023-02-29", source=CT),
    case("episode", title="Extra", round="0", source=CT),
    case("episode", title="Extra", order="-3", sg__durationMinutes="4", sg__releasedMonthDay="--02-30", source=CT),
    case("episode", title="Round 1", source=CT),
    # songs, with and without the episode that reveals their note
    case(
        "song",
        title="A Song",
        episode=E + "round-1",
        sung_by=[C + "mizi", C + "sua"],
        note="Sung twice.",
        sg__released="2023-01-01",
        source=CT,
    ),
    case("song", title="A Song", note="Undated", revealed_in="unknown", source=CT),
    case("song", title="A Song", episode=E + "round-1", revealed_in="unknown", source=CT),
    # fates
    case("fate", character=C + "ivan", status="died", episode=E + "round-5", source=CT),
    case("fate", character=C + "ivan", status="alive", revealed_in="unknown", note="Maybe.", source=CT),
    case("fate", character=C + "ivan", status="alive", source=CT),
    # matches: two slots, a winner, one contestant, a new source cited by the match and its slots
    case(
        "match",
        episode=E + "round-1",
        contestant=[C + "mizi", C + "sua"],
        winner=C + "mizi",
        loser_outcome="died",
        song=SONG + "my-clematis",
        source=NEW,
    ),
    case("match", episode=E + "round-6", contestant=[C + "till"], source=CT),
    case("match", episode=E + "round-6", contestant=[C + "till"], winner=C + "till", source=CT),
    case("match", episode=E + "round-6", source=CT),
    # credits
    case(
        "credit",
        work=SONG + "my-clematis",
        agent=f"{BASE}person/vivinos",
        role="composer",
        **{"as": C + "mizi"},
        sg__note="A credit's note",
        source=CT,
    ),
    case("credit", work=f"{BASE}series/alien-stage", agent=f"{BASE}person/qmeng", role="animator", source=CT),
    # sources: URLs new accepts and the ones it refuses
    case(
        "source",
        title="A review",
        url="https://example.org/review",
        source_kind="review",
        sg__spoilerFree="true",
        sg__coversUpTo=E + "round-3",
        skos__altLabel="Review",
    ),
    case("source", title="The Central Trend", url="https://example.org/ct"),
    case("source", title="IPv6", url="https://[::1]:8080/page"),
    case("source", title="Bad IPv6", url="https://[::1/page"),
    case("source", title="IPv4 in brackets", url="https://[127.0.0.1]/"),
    case("source", title="IPvFuture", url="https://[v1.x]/"),
    case("source", title="No host", url="https://"),
    case("source", title="Space", url="https://example.org/a b"),
    case("source", title="Quote", url='https://example.org/a"b'),
    case("source", title="Upper", url="HTTPS://example.org/"),
    case("source", title="NFKC", url="https://a\u2100b.org/"),
    case("source", title="Not http", url="ftp://example.org/"),
    case("source", title="", url="https://example.org/no-title"),
    case("source", title="Spoiler", url="https://example.org/s", sg__spoilerFree="maybe"),
]


def test_the_patch_is_what_new_prints_for_the_same_answers(sg, page):
    answers = assert_same(sg, page, CORPUS)
    made = sum("turtle" in a for a in answers)
    assert made >= 30 and len(answers) - made >= 15, (made, len(answers))


def test_every_fact_of_the_data_asked_again_gives_new_s_answer(sg, page, universe):
    """Every bond, fate, match and credit of the bundled data, asked again: new reuses its IRI
    (and keeps its confidence), or numbers a new one; the page does the same from its data."""
    graph = universe.graph
    first = lambda node, p: str(graph.value(node, p))  # noqa: E731
    local = lambda node, p: first(node, p).rsplit("/", 1)[-1]  # noqa: E731
    cases = []
    for bond in sorted(graph.subjects(RDF.type, SG.Bond)):
        kind = local(bond, SG.bondType)
        cases.append(
            case(
                "bond",
                **{"from": first(bond, SG["from"]), "to": first(bond, SG.to)},
                type=kind,
                nature=local(bond, SG.nature),
                revealed_in="unknown",
                source=CT,
            )
        )
    for fate in sorted(graph.subjects(RDF.type, SG.Fate)):
        cases.append(
            case(
                "fate",
                character=first(fate, SG.fateOf),
                status=local(fate, SG.fateStatus),
                revealed_in="unknown",
                source=CT,
            )
        )
    for match in sorted(graph.subjects(RDF.type, SG.Match)):
        people = sorted(
            str(graph.value(s, SG.contestant))
            for s in graph.objects(match, SG.slot)
            if graph.value(s, SG.contestant) is not None
        )
        cases.append(case("match", episode=first(match, SG.episode), contestant=people or [C + "till"], source=CT))
    for credit in sorted(graph.subjects(RDF.type, SG.Credit)):
        cases.append(
            case(
                "credit",
                work=first(credit, SG.creditFor),
                agent=first(credit, SG.agent),
                role=local(credit, SG.role),
                source=CT,
            )
        )
    answers = assert_same(sg, page, cases)
    reused = [a for a in answers if "turtle" in a and "confidence:" not in a["turtle"].split("\n\n", 2)[1]]
    assert reused, "no fact of the data was reused with its confidence kept"


def test_hostile_text_gives_new_s_bytes(sg, page):
    cases = []
    for text in (*HOSTILE, LONG):
        cases += [
            case(
                "character",
                name=text,
                name_ko=text,
                note=text,
                revealed_in="unknown",
                skos__altLabel=[{"value": text, "lang": "ja"}],
                source=src(url="https://example.org/h", title=text),
            ),
            case(
                "bond",
                **{"from": C + "luka", "to": C + "ivan"},
                type="mutual",
                nature="rivalry",
                revealed_in="unknown",
                note=text,
                source=CT,
            ),
            case("episode", title=text, sg__videoTitle=text, source=CT),
            case("source", title=text, url="https://example.org/hostile"),
        ]
    answers = assert_same(sg, page, cases)
    assert all("turtle" in a for a in answers), [a.get("refused") for a in answers if "turtle" not in a]


TEXT = st.text(
    alphabet=st.characters(exclude_categories=("Cs",)) | st.sampled_from("\"\\\n\r\t<>&'`${}\u202e\u200f"),
    min_size=1,
    max_size=60,
)


@pytest.mark.slow
@settings(max_examples=20)
@given(st.lists(st.tuples(TEXT, TEXT, st.sampled_from(["en", "ko", "ja"])), min_size=1, max_size=4))
def test_any_text_gives_new_s_bytes(sg, page, texts):
    cases = []
    for name, words, lang in texts:
        cases += [
            case(
                "character",
                name=name,
                name_ja=words,
                note=words,
                revealed_in=E + "round-1",
                skos__altLabel=[{"value": words, "lang": lang}],
                source=src(url="https://example.org/t", title=name),
            ),
            case("song", title=name, note=words, episode=E + "round-2", source=CT),
        ]
    assert_same(sg, page, cases)


def test_the_runner_reports_the_command_line_it_made(page):
    [answer] = through_node(page, [CORPUS[0]])
    assert answer["argv"][:3] == ["bond", "--from", C + "mizi"]
    assert "--revealed-in" in answer["argv"] and URIRef(answer["argv"][-1])
