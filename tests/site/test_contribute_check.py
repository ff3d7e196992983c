"""The contribute page's check gives, in the browser, exactly the results ``stagegraph add FILE
--dry-run`` gives for the same contribution (issue 26: "a test runs a corpus of valid and invalid
contributions both ways and compares").

Each contribution goes through ``stagegraph add FILE --dry-run --format json`` (in-process) and
through the page's checker (``site/contribute/js/checkengine.js``, what its Web Worker runs) in
Node on the vendored Oxigraph WebAssembly, with the check data the page is built with
(``site/contributecheck.checker_parts``; ``tests/js/check-runner.js``). Compared: each result's
severity, focus and path (as prefixed names), message and constraint component, as a multiset;
a refusal before or after validation (a term the ontology does not define, a subject of no type
it places) as its message; a contribution that would be added as no result. The corpus: a valid
contribution of every kind of fact ``stagegraph new`` makes, and one invalid contribution for each
kind of mistake the shapes catch (a bond with no source, a match whose winner is not a
contestant, a missing revealing episode, a value from the wrong vocabulary, a duplicate one-sided
bond, bad datatypes…) on the bundled data; every fixture of the shapes suite as a contribution
to its small universe (tests/shapes/base.ttl); contributions to a synthetic universe
(benchmarks/synth.py), a foreign one. Where the browser cannot judge as ``add`` does, it must
decline, never answer otherwise: the test lists those cases.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS

from helpers import ROOT, TESTS, cli, ok, synth_module
from stagegraph.rdf.namespaces import short
from stagegraph.site.contributecheck import checker_parts
from stagegraph.site.sparqlpage import engine
from stagegraph.universe import Universe

NODE = shutil.which("node")
pytestmark = [
    pytest.mark.skipif(NODE is None, reason="node is not installed: the page's check cannot run"),
    pytest.mark.usefixtures("bundled_files_untouched"),
]

RUNNER = ROOT / "tests" / "js" / "check-runner.js"
WASM = ROOT / "src" / "stagegraph" / "site" / "vendor" / "oxigraph" / "web_bg.wasm"
INVALID = "the contribution would make the data invalid; nothing was written"
BLANK = re.compile(r"_:\S+|\b(N?[0-9a-f]{24,32})\b")  # blank node labels (rdflib's, Oxigraph's)
SG = Namespace("https://w3id.org/stagegraph/ns#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")  # (rdflib's XSD warns when pytest looks it over)
BASE = "https://w3id.org/stagegraph/"

HEAD = """\
@prefix bond: <https://w3id.org/stagegraph/bond/> .
@prefix bondtype: <https://w3id.org/stagegraph/vocab/bondtype/> .
@prefix canon: <https://w3id.org/stagegraph/vocab/canon/> .
@prefix character: <https://w3id.org/stagegraph/character/> .
@prefix confidence: <https://w3id.org/stagegraph/vocab/confidence/> .
@prefix credit: <https://w3id.org/stagegraph/credit/> .
@prefix episode: <https://w3id.org/stagegraph/episode/> .
@prefix episodekind: <https://w3id.org/stagegraph/vocab/episodekind/> .
@prefix fate: <https://w3id.org/stagegraph/fate/> .
@prefix match: <https://w3id.org/stagegraph/match/> .
@prefix nature: <https://w3id.org/stagegraph/vocab/nature/> .
@prefix outcome: <https://w3id.org/stagegraph/vocab/outcome/> .
@prefix person: <https://w3id.org/stagegraph/person/> .
@prefix place: <https://w3id.org/stagegraph/place/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix role: <https://w3id.org/stagegraph/vocab/role/> .
@prefix series: <https://w3id.org/stagegraph/series/> .
@prefix sg: <https://w3id.org/stagegraph/ns#> .
@prefix song: <https://w3id.org/stagegraph/song/> .
@prefix source: <https://w3id.org/stagegraph/source/> .
@prefix sourcekind: <https://w3id.org/stagegraph/vocab/sourcekind/> .
@prefix statement: <https://w3id.org/stagegraph/statement/> .
@prefix status: <https://w3id.org/stagegraph/vocab/status/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

BOND = """
bond:dewey-urak-rivalry a sg:Bond ;
    rdfs:label "Dewey → Urak (rivalry, one-sided)"@en ;
    sg:bondType bondtype:one-sided ; sg:canonStatus canon:canon ; sg:nature nature:rivalry ;
    sg:from character:dewey ; sg:to character:urak ;
    sg:revealUnknown true ; sg:source source:ct ; sg:confidence confidence:single-source .
"""


def bond(*, drop: tuple[str, ...] = (), add: str = "") -> str:
    """The bond above without the lines holding ``drop`` and with ``add`` appended to it."""
    lines = [line for line in BOND.strip().splitlines() if not any(d in line for d in drop)]
    text = "\n".join(lines).rstrip(" .;") + (f" ;\n    {add}" if add else "") + " .\n"
    return HEAD + text


def new(*args: str) -> str:
    """Turtle for one fact, from ``stagegraph new`` (on the bundled data)."""
    return ok(cli("new", *args)).stdout


# The valid facts `new` makes, one (or more) of every kind.
NEW = {
    "new-bond-one-sided": (
        "bond",
        "--from",
        "Dewey",
        "--to",
        "Urak",
        "--type",
        "one-sided",
        "--nature",
        "rivalry",
        "--source",
        "ct",
        "--revealed-in",
        "unknown",
    ),
    "new-bond-mutual": (
        "bond",
        "--from",
        "Isaac",
        "--to",
        "Freddie",
        "--type",
        "mutual",
        "--nature",
        "platonic",
        "--canon",
        "fan-interpretation",
        "--source",
        "ct",
        "--revealed-in",
        "round-2",
    ),
    "new-character-contestant": ("character", "--name", "Nova", "--kind", "contestant", "--source", "ct"),
    "new-character-alien": (
        "character",
        "--name",
        "Vex",
        "--name-ko",
        "벡스",
        "--kind",
        "alien",
        "--source",
        "ct",
        "--note",
        "A guard.",
        "--revealed-in",
        "round-1",
    ),
    "new-credit": ("credit", "--work", BASE + "song/karma", "--agent", "qmeng", "--role", "composer", "--source", "ct"),
    "new-episode": (
        "episode",
        "--title",
        "Round 7",
        "--episode-kind",
        "round",
        "--round",
        "7",
        "--order",
        "11",
        "--released",
        "2024-01-05",
        "--source",
        "ct",
    ),
    "new-fate": ("fate", "--character", "Durian", "--status", "rescued", "--episode", "round-6", "--source", "ct"),
    "new-person": ("person", "--name", "Jo Kim", "--source", "ct"),
    "new-organization": ("person", "--name", "Studio Nine", "--organization", "--source", "ct"),
    "new-song": ("song", "--title", "New Song", "--episode", "round-2", "--sung-by", "Mizi", "--source", "ct"),
    "new-source": ("source", "--url", "https://example.org/review", "--title", "A review", "--source-kind", "review"),
}

# One contribution for each kind of mistake the shapes catch (and what add refuses besides).
WRONG = {
    "bond-without-source": bond(drop=("sg:source",)),
    "bond-without-from": bond(drop=("sg:from",)),
    "bond-with-itself": bond(drop=("sg:to",), add="sg:to character:dewey"),
    "bond-without-revealing-episode": bond(drop=("sg:revealUnknown",)),
    "bond-revealed-in-a-song": bond(drop=("sg:revealUnknown",), add="sg:revealedIn song:karma"),
    "bond-type-from-another-scheme": bond(drop=("sg:bondType",), add="sg:bondType nature:romantic"),
    "bond-type-unknown-term": bond(drop=("sg:bondType",), add="sg:bondType bondtype:telepathic"),
    "bond-property-misspelt": bond(drop=("sg:nature",), add="sg:natrue nature:rivalry"),
    "bond-to-a-song": bond(drop=("sg:to",), add="sg:to song:karma"),
    "bond-two-natures": bond(add="sg:nature nature:romantic"),
    "bond-without-confidence": bond(drop=("sg:confidence",)),
    "bond-duplicate-one-sided": HEAD
    + """
bond:urak-dewey-rivalry a sg:Bond ; rdfs:label "Urak → Dewey"@en ;
    sg:bondType bondtype:one-sided ; sg:canonStatus canon:canon ; sg:nature nature:rivalry ;
    sg:from character:urak ; sg:to character:dewey ; sg:revealUnknown true ; sg:source source:ct ;
    sg:confidence confidence:single-source .
bond:dewey-urak-rivalry a sg:Bond ; rdfs:label "Dewey → Urak"@en ;
    sg:bondType bondtype:one-sided ; sg:canonStatus canon:canon ; sg:nature nature:rivalry ;
    sg:from character:dewey ; sg:to character:urak ; sg:revealUnknown true ; sg:source source:ct ;
    sg:confidence confidence:single-source .
""",
    "match-winner-not-a-contestant": HEAD
    + """
episode:round-7 a sg:Episode ; rdfs:label "Round 7"@en ; sg:episodeKind episodekind:round ;
    sg:order 11 ; sg:roundNumber 7 ; sg:partOfSeries series:alien-stage ; sg:source source:ct ;
    sg:confidence confidence:single-source .
match:round-7 a sg:Match ; rdfs:label "Round 7: Mizi vs Till"@en ; sg:episode episode:round-7 ;
    sg:slot match:round-7-slot-1, match:round-7-slot-2 ; sg:winner character:luka ; sg:source source:ct ;
    sg:confidence confidence:single-source .
match:round-7-slot-1 a sg:Slot ; sg:contestant character:mizi ; sg:outcome outcome:advanced ; sg:position 1 ;
    sg:source source:ct ; sg:confidence confidence:single-source .
match:round-7-slot-2 a sg:Slot ; sg:contestant character:till ; sg:outcome outcome:unknown ; sg:position 2 ;
    sg:source source:ct ; sg:confidence confidence:single-source .
""",
    "match-winner-died": HEAD
    + """
match:extra a sg:Match ; rdfs:label "Extra: Mizi vs Till"@en ; sg:episode episode:top-3 ;
    sg:slot match:extra-slot-1, match:extra-slot-2 ; sg:winner character:mizi ; sg:source source:ct ;
    sg:confidence confidence:single-source .
match:extra-slot-1 a sg:Slot ; sg:contestant character:mizi ; sg:outcome outcome:died ; sg:position 1 ;
    sg:source source:ct ; sg:confidence confidence:single-source .
match:extra-slot-2 a sg:Slot ; sg:contestant character:till ; sg:outcome outcome:advanced ; sg:position 3 ;
    sg:source source:ct ; sg:confidence confidence:single-source .
""",
    "match-one-slot-same-contestant-twice": HEAD
    + """
match:extra a sg:Match ; rdfs:label "Extra"@en ; sg:episode episode:top-3, episode:final ;
    sg:slot match:extra-slot-1, match:extra-slot-2 ; sg:source source:ct ; sg:confidence confidence:single-source .
match:extra-slot-1 a sg:Slot ; sg:contestant character:mizi ; sg:outcome outcome:advanced ; sg:position 1 ;
    sg:source source:ct ; sg:confidence confidence:single-source .
match:extra-slot-2 a sg:Slot ; sg:contestant character:mizi ; sg:outcome outcome:unknown ; sg:position 2 ;
    sg:source source:ct ; sg:confidence confidence:single-source .
""",
    "match-an-alien-competes": HEAD
    + """
match:extra a sg:Match ; rdfs:label "Extra"@en ; sg:episode episode:top-3 ; sg:song episode:final ;
    sg:slot match:extra-slot-1 ; sg:source source:ct ; sg:confidence confidence:single-source .
match:extra-slot-1 a sg:Slot ; sg:contestant character:urak ; sg:outcome outcome:advanced ; sg:position 1 ;
    sg:source source:ct ; sg:confidence confidence:single-source .
""",
    "existing-match-winner-changed": HEAD + "match:round-1 sg:winner character:luka .\n",
    "fate-dead-then-competes": HEAD
    + """
fate:till-1 a sg:Fate ; rdfs:label "Fate of Till"@en ; sg:fateOf character:till ; sg:fateStatus status:died ;
    sg:inEpisode episode:round-1 ; sg:revealedIn episode:round-1 ; sg:source source:ct ;
    sg:confidence confidence:single-source .
""",
    "fate-without-episode": HEAD
    + """
fate:acorn-1 a sg:Fate ; rdfs:label "Fate of Acorn"@en ; sg:fateOf character:acorn ; sg:fateStatus status:alive ;
    sg:source source:ct ; sg:confidence confidence:single-source .
""",
    "fate-status-from-another-scheme": HEAD
    + """
fate:acorn-1 a sg:Fate ; rdfs:label "Fate of Acorn"@en ; sg:fateOf character:acorn ; sg:fateStatus outcome:died ;
    sg:revealUnknown true ; sg:source source:ct ; sg:confidence confidence:single-source .
""",
    "character-age-in-quotes": HEAD
    + """
character:nova a sg:Contestant ; rdfs:label "Nova"@en ; sg:age "seventeen" ; sg:source source:ct ;
    sg:confidence confidence:single-source .
statement:nova-age a sg:AttributeStatement ; sg:statementSubject character:nova ; sg:statementProperty sg:age ;
    sg:statementValue "seventeen" ; sg:revealUnknown true ; sg:source source:ct ;
    sg:confidence confidence:single-source .
""",
    "character-age-a-fraction": HEAD
    + """
character:nova a sg:Contestant ; rdfs:label "Nova"@en ; sg:age 17.5 ; sg:source source:ct ;
    sg:confidence confidence:single-source .
statement:nova-age a sg:AttributeStatement ; sg:statementSubject character:nova ; sg:statementProperty sg:age ;
    sg:statementValue 17.5 ; sg:revealUnknown true ; sg:source source:ct ; sg:confidence confidence:single-source .
""",
    "character-negative-height-unannotated": HEAD
    + """
character:nova a sg:Contestant ; rdfs:label "Nova"@en ; sg:heightCm -3 ; sg:source source:ct ;
    sg:confidence confidence:single-source .
""",
    "character-birthday-not-a-day": HEAD
    + """
character:nova a sg:Contestant ; rdfs:label "Nova"@en ; sg:birthday "--02-30"^^xsd:gMonthDay ; sg:source source:ct ;
    sg:confidence confidence:single-source .
statement:nova-birthday a sg:AttributeStatement ; sg:statementSubject character:nova ;
    sg:statementProperty sg:birthday ;
    sg:statementValue "--02-30"^^xsd:gMonthDay ; sg:revealUnknown true ; sg:source source:ct ;
    sg:confidence confidence:single-source .
""",
    "character-two-english-labels": HEAD
    + """
character:nova a sg:Contestant ; rdfs:label "Nova"@en, "Nova Star"@en ; sg:source source:ct ;
    sg:confidence confidence:single-source .
""",
    "character-label-without-language": HEAD
    + """
character:nova a sg:Contestant ; rdfs:label "Nova" ; sg:source source:ct ; sg:confidence confidence:single-source .
""",
    "character-bad-language-tag": HEAD
    + """
character:nova a sg:Contestant ; rdfs:label "Nova"@en, "Nova"@english ; sg:source source:ct ;
    sg:confidence confidence:single-source .
""",
    "character-garden-not-a-place": HEAD
    + """
character:nova a sg:Contestant ; rdfs:label "Nova"@en ; sg:garden character:mizi ; sg:source source:ct ;
    sg:confidence confidence:single-source .
""",
    "character-note-without-statement": HEAD
    + """
character:nova a sg:Contestant ; rdfs:label "Nova"@en ; sg:note "Sings."@en ; sg:source source:ct ;
    sg:confidence confidence:single-source .
""",
    "character-also-a-person": HEAD
    + """
character:nova a sg:Contestant, sg:Person ; rdfs:label "Nova"@en ; sg:source source:ct ;
    sg:confidence confidence:single-source .
""",
    "entity-blank-node": HEAD
    + """
[] a sg:Place ; rdfs:label "Nowhere"@en ; sg:source source:ct ; sg:confidence confidence:single-source .
""",
    "statement-annotates-nothing": HEAD
    + """
statement:mizi-age a sg:AttributeStatement ; sg:statementSubject character:mizi ; sg:statementProperty sg:age ;
    sg:statementValue 99 ; sg:revealedIn episode:round-1 ; sg:revealUnknown true ; sg:source source:ct ;
    sg:confidence confidence:single-source .
""",
    "text-statement-without-episode": HEAD
    + """
character:nova a sg:Contestant ; rdfs:label "Nova"@en ; sg:note "Sings."@en ; sg:source source:ct ;
    sg:confidence confidence:single-source .
statement:nova-note a sg:TextStatement ; sg:statementSubject character:nova ; sg:statementProperty sg:note ;
    sg:statementValue "Sings."@en ; sg:source source:ct ; sg:confidence confidence:single-source .
""",
    "source-url-a-string": HEAD
    + """
source:bad a sg:Source ; rdfs:label "Bad"@en ; sg:sourceKind sourcekind:fan ; sg:url "http://example.org/a b" .
""",
    "source-url-not-http": HEAD
    + """
source:bad a sg:Source ; rdfs:label "Bad"@en ; sg:sourceKind sourcekind:fan ;
    sg:url "ftp://example.org/x"^^xsd:anyURI ;
    sg:spoilerFree "yes" .
""",
    "credit-agent-a-character": HEAD
    + """
credit:mizi-karma a sg:Credit ; sg:agent character:mizi ; sg:creditFor song:karma ; sg:role role:vocalist ;
    sg:asCharacter character:mizi, character:sua ; sg:source source:ct ; sg:confidence confidence:single-source .
""",
    "episode-order-taken": HEAD
    + """
episode:round-7 a sg:Episode ; rdfs:label "Round 7"@en ; sg:episodeKind episodekind:round ;
    sg:order 3 ; sg:roundNumber 0 ; sg:partOfSeries series:alien-stage ; sg:source source:ct ;
    sg:confidence confidence:single-source .
""",
    "song-released-not-a-date": HEAD
    + """
song:new-song a sg:Song ; rdfs:label "New Song"@en ; sg:performedIn episode:round-2 ;
    sg:released "2022-13-45"^^xsd:date ;
    sg:releasedMonthDay "--01-02"^^xsd:gMonthDay ; sg:durationMinutes "3:30" ; sg:source source:ct ;
    sg:confidence confidence:single-source .
""",
    "song-dates-disagree": HEAD
    + """
song:new-song a sg:Song ; rdfs:label "New Song"@en ; sg:performedIn episode:round-2 ;
    sg:released "2022-03-04"^^xsd:date ;
    sg:releasedMonthDay "--01-02"^^xsd:gMonthDay ; sg:durationMinutes 4.0 ; sg:source source:ct ;
    sg:confidence confidence:single-source .
""",
    "slot-position-three": HEAD
    + """
match:round-1-slot-3 a sg:Slot ; sg:contestant character:acorn ; sg:outcome outcome:unknown ; sg:position 3 ;
    sg:source source:ct ; sg:confidence confidence:single-source .
match:round-1 sg:slot match:round-1-slot-3 .
""",
    "new-subject-without-type": HEAD + 'character:nobody rdfs:label "Nobody"@en .\n',
    "already-in-the-data": HEAD + "match:round-1 sg:winner character:mizi .\n",
    "empty": HEAD,
}

# Contributions the browser must decline (it cannot judge them as add does), and why.
DECLINED = {
    # Oxigraph's store keeps "1"^^xsd:boolean as true, one of the shapes' constants.
    "reveal-unknown-as-one": bond(drop=("sg:revealUnknown",), add='sg:revealUnknown "1"^^xsd:boolean'),
}


_ENGINE: list[Path] = []  # the engine's classic script, written once for the module (engine_file)


def run_checker(check: dict, contributions: list[str]) -> dict:
    """The page's checker over ``check`` in Node: {"declined", "answers": [...]} (check-runner.js)."""
    payload = {"engine": str(_ENGINE[0]), "wasm": str(WASM), "check": check, "contributions": contributions}
    done = subprocess.run(
        [NODE, str(RUNNER)], input=json.dumps(payload), capture_output=True, text=True, check=False, timeout=600
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


@pytest.fixture(scope="module", autouse=True)
def engine_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("engine") / "oxigraph.js"
    path.write_text(engine().script, encoding="utf-8")
    _ENGINE[:] = [path]
    yield path
    _ENGINE.clear()


def check_data(universe: Universe, tree_text: str) -> dict:
    return checker_parts(universe, tree_text, "en")["check"]


def data_text(universe: Universe) -> str:
    """The tree's graph, as the site hands it over: the data, here as N-Triples."""
    return universe.data.graph.serialize(format="nt")


def add_dry_run(path: Path, *data: str) -> tuple[str, object]:
    """What ``add FILE --dry-run`` gives: ("results", [(severity, focus, path, message, component)…]),
    a refusal as one result with only its message, a contribution that would be added as none."""
    found = cli(*data, "add", path, "--dry-run", "--format", "json")
    assert found.exit_code in (0, 1), (found.output, found.exception)
    answer = json.loads(found.stdout)
    if answer["problems"]:
        return "results", sorted(
            _key(
                p["severity"], short(p["focus"]), short(p["path"]) if p["path"] else None, p["message"], p["component"]
            )
            for p in answer["problems"]
        )
    if answer["error"] and answer["error"] != INVALID:
        return "results", [("", "", "", answer["error"].removeprefix(f"{path}: "), "")]
    assert answer["valid"], answer
    return "results", []


def browser(answer: dict) -> tuple[str, object]:
    """The checker's answer in the same terms."""
    if "declined" in answer:
        return "declined", answer["declined"]
    assert "error" not in answer, answer["error"]
    return "results", sorted(
        ("", "", "", r["message"], "")
        if r["focus"] is None
        else _key(r["severity"], r["focus"], r["path"], r["message"], r["component"])
        for r in answer["results"]
    )


def _key(severity, focus, path, message, component):
    focus = focus if ":" in focus else "_:b"  # a blank node (labels differ from run to run)
    return (severity.upper(), focus, path or "", BLANK.sub("_:b", message), component)


def _compare(name: str, text: str, answer: dict, tmp_path: Path, *data: str) -> None:
    path = tmp_path / f"{name}.ttl"
    path.write_text(text, encoding="utf-8")
    expected = add_dry_run(path, *data)
    assert browser(answer) == expected, f"{name}: the browser's check differs from add --dry-run's"


# ---- the bundled universe ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled_check(universe):
    return check_data(universe, data_text(universe))


@pytest.fixture(scope="module")
def corpus() -> dict[str, str]:
    return {**{name: new(*args) for name, args in NEW.items()}, **WRONG}


@pytest.fixture(scope="module")
def bundled_answers(bundled_check, corpus):
    texts = {**corpus, **DECLINED}
    found = run_checker(bundled_check, list(texts.values()))
    assert found["declined"] is None, found["declined"]
    return dict(zip(texts, found["answers"], strict=True))


def test_the_bundled_universe_is_checked_in_the_browser(bundled_check):
    assert not bundled_check["declined"], bundled_check["declined"]
    assert len(bundled_check["checks"]) > 100


def test_the_corpus_is_large_and_mixed(corpus):
    assert len(corpus) >= 40
    assert len(NEW) >= 9 and len(WRONG) >= 30


SMOKE = ["bond-without-source", "match-winner-not-a-contestant", "new-bond-one-sided"]


@pytest.mark.parametrize("name", SMOKE)
def test_the_issue_cases_give_add_s_results(name, bundled_check, tmp_path):
    """A bond with no source and a match whose winner is not a contestant, refused with add's
    messages; a valid bond, no result (the quick subset of the corpus below)."""
    text = {**WRONG, "new-bond-one-sided": None}.get(name) or new(*NEW[name])
    answer = run_checker(bundled_check, [text])["answers"][0]
    _compare(name, text, answer, tmp_path)
    if name != "new-bond-one-sided":
        assert answer["results"] and all(r["field"] for r in answer["results"])
    else:
        assert answer["results"] == []


@pytest.mark.slow  # the whole corpus, about 45 contributions both ways (over 3 s)
@pytest.mark.parametrize("name", [*NEW, *WRONG])
def test_the_browser_gives_what_add_dry_run_gives(name, corpus, bundled_answers, tmp_path):
    _compare(name, corpus[name], bundled_answers[name], tmp_path)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(DECLINED))
def test_the_browser_declines_what_it_cannot_judge_as_add_does(name, bundled_answers):
    assert "declined" in bundled_answers[name], bundled_answers[name]
    assert "stagegraph" in bundled_answers[name]["declined"] or "Oxigraph" in bundled_answers[name]["declined"]


@pytest.mark.slow
def test_the_mistakes_are_caught_and_the_valid_facts_pass(corpus, bundled_answers):
    """The corpus means something: every valid fact passes, every mistake gives a result."""
    for name in NEW:
        assert bundled_answers[name]["results"] == [], name
    empty = {"new-subject-without-type": False, "already-in-the-data": True, "empty": True}
    for name in WRONG:
        assert bool(bundled_answers[name]["results"]) != empty.get(name, False), name


# ---- the shapes suite's small universe, every fixture as a contribution ------------------------

SHAPES = TESTS / "shapes"
FIXTURES = sorted(SHAPES.glob("*/*.ttl"))


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tiny")
    (folder / "base.ttl").write_text((SHAPES / "base.ttl").read_text(encoding="utf-8"), encoding="utf-8")
    universe = Universe(data_paths=(folder,))
    found = run_checker(check_data(universe, data_text(universe)), [p.read_text(encoding="utf-8") for p in FIXTURES])
    assert found["declined"] is None, found["declined"]
    return folder, dict(zip(FIXTURES, found["answers"], strict=True))


@pytest.mark.slow  # about 290 contributions both ways
@pytest.mark.parametrize("fixture", FIXTURES, ids=[f"{p.parent.name}/{p.stem}" for p in FIXTURES])
def test_every_shape_fixture_as_a_contribution(fixture, tiny, tmp_path):
    folder, answers = tiny
    answer = answers[fixture]
    if "declined" in answer:
        pytest.skip(f"declined: {answer['declined']}")
    _compare(fixture.stem, fixture.read_text(encoding="utf-8"), answer, tmp_path, "--data", folder)


# ---- a synthetic universe: not the bundled data --------------------------------------------------


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    folder = tmp_path_factory.mktemp("synth")
    synth = synth_module()
    for name, text in synth.Universe(24, seed=5).build().items():
        (folder / name).write_text(text, encoding="utf-8")
    universe = Universe(data_paths=(folder,))
    graph = universe.data.graph
    texts = _synthetic_contributions(graph)
    found = run_checker(check_data(universe, data_text(universe)), list(texts.values()))
    assert found["declined"] is None, found["declined"]
    return folder, texts, dict(zip(texts, found["answers"], strict=True))


def _synthetic_contributions(graph: Graph) -> dict[str, str]:
    """Facts about a synthetic universe's entities, valid and not."""
    contestants = sorted(graph.subjects(RDF.type, SG.Contestant))
    aliens = sorted(graph.subjects(RDF.type, SG.Alien))
    source = sorted(graph.subjects(RDF.type, SG.Source))[0]
    match = sorted(graph.subjects(SG.winner, None))[0]
    slots = set(graph.objects(match, SG.slot))
    outsider = next(c for c in reversed(contestants) if not any((s, SG.contestant, c) in graph for s in slots))
    a, b = contestants[0], contestants[1]

    def turtle(triples) -> str:
        g = Graph()
        for triple in triples:
            g.add(triple)
        return g.serialize(format="turtle")

    new_bond = URIRef(BASE + "bond/synthetic-new")
    bond_triples = [
        (new_bond, RDF.type, SG.Bond),
        (new_bond, RDFS.label, Literal("A → B", lang="en")),
        (new_bond, SG.bondType, URIRef(BASE + "vocab/bondtype/directed")),
        (new_bond, SG.canonStatus, URIRef(BASE + "vocab/canon/canon")),
        (new_bond, SG.nature, URIRef(BASE + "vocab/nature/protective")),
        (new_bond, SG["from"], a),
        (new_bond, SG.to, aliens[0] if aliens else b),
        (new_bond, SG.revealUnknown, Literal(True)),
        (new_bond, SG.source, source),
        (new_bond, SG.confidence, URIRef(BASE + "vocab/confidence/single-source")),
    ]
    return {
        "valid-bond": turtle(bond_triples),
        "bond-without-source": turtle(t for t in bond_triples if t[1] != SG.source),
        "bond-with-itself": turtle([*(t for t in bond_triples if t[1] != SG.to), (new_bond, SG.to, a)]),
        "bond-nature-from-another-scheme": turtle(
            [*(t for t in bond_triples if t[1] != SG.nature), (new_bond, SG.nature, URIRef(BASE + "vocab/status/died"))]
        ),
        "winner-not-a-contestant": turtle([(match, SG.winner, outsider)]),
        "age-in-quotes": turtle([(b, SG.age, Literal("17"))]),
        "bad-birthday": turtle([(b, SG.birthday, Literal("--02-30", datatype=XSD.gMonthDay))]),
    }


@pytest.mark.slow
def test_a_synthetic_universe_gives_the_same(synthetic, tmp_path):
    folder, texts, answers = synthetic
    assert sum(bool(a.get("results")) for a in answers.values()) >= len(texts) - 1
    for name, text in texts.items():
        _compare(name, text, answers[name], tmp_path, "--data", folder)


# ---- pySHACL's own words: the bundled shapes without their messages -------------------------------


@pytest.fixture(scope="module")
def wordless(tmp_path_factory, universe):
    """An ontology folder with the bundled shapes stripped of every sh:message they can do without
    (an sh:sparql constraint needs its one; pySHACL lists several sh:in members in no fixed order),
    so results are worded by pySHACL's generic messages, which the browser fills in."""
    from rdflib.collection import Collection
    from rdflib.namespace import SH

    folder = tmp_path_factory.mktemp("wordless")
    for path in universe.ontology.files:
        (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    shapes = Graph()
    shapes += universe.shapes.graph
    for owner, message in list(shapes.subject_objects(SH.message)):
        listed = [m for head in shapes.objects(owner, SH["in"]) for m in Collection(shapes, head)]
        if (None, SH.sparql, owner) not in shapes and len(listed) < 2:
            shapes.remove((owner, SH.message, message))
    (folder / "shapes.ttl").write_text(shapes.serialize(format="turtle"), encoding="utf-8")
    return folder


@pytest.mark.slow
def test_pyshacl_s_generic_messages_are_filled_as_pyshacl_fills_them(wordless, universe, tmp_path):
    foreign = Universe(data_paths=universe.data_paths, ontology_paths=(wordless,))
    check = check_data(foreign, data_text(universe))
    assert not check["declined"], check["declined"]
    assert sum("parts" in c.get("message", {}) for c in check["checks"]) > 50
    names = [n for n in WRONG if n not in ("bond-type-unknown-term", "bond-property-misspelt")]
    found = run_checker(check, [WRONG[n] for n in names])
    generic = 0
    for name, answer in zip(names, found["answers"], strict=True):
        if "declined" in answer:
            continue
        generic += sum(
            r["message"].startswith(("Less than", "More than", "Value ", "Node ")) for r in answer["results"]
        )
        _compare(name, WRONG[name], answer, tmp_path, "--ontology", wordless)
    assert generic >= 10


# ---- the local rules: right or declined, never otherwise ----------------------------------------

DAY = (  # shapes.ttl's real day of the year
    "^--(((0[13578]|1[02])-(0[1-9]|[12][0-9]|3[01]))|((0[469]|11)-(0[1-9]|[12][0-9]|30))|"
    "(02-(0[1-9]|[12][0-9])))(Z|[+-]((0[0-9]|1[0-3]):[0-5][0-9]|14:00))?$"
)
RULES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix ex: <http://example.org/> .
ex:datatypes sh:datatype xsd:integer, xsd:decimal, xsd:boolean, xsd:date, xsd:gMonthDay, xsd:anyURI, xsd:string,
    rdf:langString, rdfs:Literal, xsd:double, xsd:float .
ex:kinds sh:nodeKind sh:IRI, sh:BlankNode, sh:Literal, sh:BlankNodeOrIRI, sh:BlankNodeOrLiteral, sh:IRIOrLiteral .
ex:lists sh:in ( 1 2 ), ( true ), ( ex:a "a" "a"@en ) .
ex:url sh:pattern "^https?://[^\\\\s<>\\"]+$" .
ex:day sh:pattern "DAY" .
ex:digits sh:pattern "^\\\\d+\\\\s?\\\\w*$" .
ex:any sh:pattern "^a.c$" .
ex:caseless sh:pattern "^ÉTÉ$" ; sh:flags "i" .
ex:lines sh:pattern "^b$" ; sh:flags "m" .
ex:dashes sh:pattern "^[a-c-]{2,}[^\\\\d-]?$" .
ex:languages sh:languageIn ( "en" "ko" ) .
ex:ranges sh:minInclusive 0 ; sh:minExclusive 0 ; sh:maxInclusive 10 ; sh:maxExclusive 2.5 .
ex:nested sh:not [ sh:pattern "x" ] ; sh:or ( [ sh:datatype xsd:decimal ] [ sh:datatype xsd:integer ] ) ;
    sh:and ( [ sh:nodeKind sh:Literal ] [ sh:minInclusive 1 ] ) .
"""


def _values():
    from rdflib import BNode

    typed = {
        XSD.integer: ["17", "-1", "0", "+5", "017", " 5 ", "1_000", "abc", "1.5", "", "٣"],
        XSD.decimal: ["3.5", "3.50", "-0.0", ".5", "5.", "1e3", "abc", "NaN", "0", "2.5", "2.4999999"],
        XSD.double: ["1e3", "INF", "NaN", "x", "2.5", "-0"],
        XSD.boolean: ["true", "false", "1", "0", "TRUE", "yes"],
        XSD.date: [
            "2022-02-28",
            "2022-02-29",
            "2024-02-29",
            "2022-13-45",
            "2022-01-01Z",
            "2022-01-01+01:00",
            "2022-01-01-05:00",
            "2022-01-01T10:00",
            "20220101",
            "-2022-01-01",
            "0000-01-01",
            "2022-W01-1",
            "2022-1-01",
        ],
        XSD.gMonthDay: ["--02-30", "--02-28", "--13-01", "--12-31Z"],
        XSD.anyURI: ["https://example.org/x", "ftp://x", "http://a b"],
        XSD.int: ["5", "99999999999"],
        XSD.dateTime: ["2022-01-01T00:00:00"],
        URIRef("http://example.org/kind"): ["5", "abc"],
    }
    values = [Literal(text, datatype=datatype) for datatype, texts in typed.items() for text in texts]
    values += [
        Literal(t)
        for t in [
            "x",
            "17",
            "a",
            "abc",
            "https://x",
            "https://x\n",
            "b\nc",
            "a\nb\n",
            "été",
            "ÉTÉ",
            "١٢٣ x",
            "12\u2003a",
            "a-b",
            "ab-",
            "abd",
            "axc",
            "a\nc",
        ]
    ]
    values += [Literal("x", lang="en"), Literal("x", lang="en-GB"), Literal("x", lang="ko"), Literal("a", lang="EN")]
    values += [URIRef("http://example.org/a"), URIRef("https://example.org/x"), BNode("b0")]
    return values


def _js_term(term) -> dict:
    from rdflib import BNode

    if isinstance(term, URIRef):
        return {"termType": "NamedNode", "value": str(term)}
    if isinstance(term, BNode):
        return {"termType": "BlankNode", "value": str(term)}
    datatype = term.datatype or (RDF.langString if term.language else XSD.string)
    return {
        "termType": "Literal",
        "value": str(term),
        "language": (term.language or "").lower(),
        "datatype": str(datatype),
    }


@pytest.mark.filterwarnings("ignore:Parsing weird boolean")
def test_the_local_rules_judge_as_python_or_decline():
    """Every rule the plan can give, on ordinary and odd values: the browser's answer is Python's
    (local.py's, with rdflib's readings), or it declines; ordinary values never decline."""
    from rdflib.namespace import SH

    from stagegraph.validate.setwise import portable
    from stagegraph.validate.setwise.local import holds

    graph = Graph().parse(data=RULES.replace("DAY", DAY), format="turtle")
    rules = [
        (p, o, portable._rule(graph, p, o, graph.value(s, SH.flags)))
        for s, p, o in sorted(graph)
        if p != SH.flags and str(p).startswith(str(SH))
    ]
    modes = portable.literal_modes()
    cases = [(p, o, rule, value) for p, o, rule in rules for value in _values()]
    payload = {"rules": [{"rule": rule, "term": _js_term(value), "modes": modes} for _, _, rule, value in cases]}
    found = _node_rules(payload)
    declined = []
    for (p, o, _, value), answer in zip(cases, found, strict=True):
        assert "error" not in answer, answer
        if "declined" in answer:
            declined.append((p, o, value))
            continue
        constraints = list(graph.predicate_objects(next(graph.subjects(p, o))))
        assert answer["holds"] == holds(graph, p, o, value, constraints), (p, o, repr(value))
    odd = {
        "1_000",
        " 5 ",
        "NaN",
        "INF",
        "abc",
        "x",
        "1e3",
        "2022-W01-1",
        "99999999999",
        "٣",
        "2022-01-01T00:00:00",
        "5",
    }
    ordinary = [(p, value) for p, _, value in declined if not (str(value) in odd or "\n" in str(value))]
    assert not ordinary, ordinary
    assert len(declined) < len(cases) // 10


def _node_rules(payload: dict) -> list[dict]:
    payload = {"engine": str(_ENGINE[0]), "wasm": str(WASM), **payload}
    done = subprocess.run(
        [NODE, str(RUNNER)], input=json.dumps(payload), capture_output=True, text=True, check=False, timeout=600
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)["rules"]


# ---- a tree cut at an episode: its own data, as the page is given it ---------------------------------


@pytest.mark.slow
def test_a_horizon_tree_s_check_is_add_on_that_tree_s_data(universe, tmp_path_factory, corpus, tmp_path):
    """A tree cut at an episode checks against what it holds (its SPARQL page's graph, which never
    holds what a later episode reveals): the answer is add's with that graph as the data."""
    from stagegraph.site import linked
    from stagegraph.site.horizon import trees

    tree = next(t for t in trees(universe) if t.order == 3)
    text = linked.turtle(linked.description_all(tree.graph, tree))
    folder = tmp_path_factory.mktemp("horizon")
    (folder / "tree.ttl").write_text(text, encoding="utf-8")
    names = ["new-bond-one-sided", "bond-without-source", "match-winner-not-a-contestant", "fate-dead-then-competes"]
    names += ["existing-match-winner-changed", "character-age-in-quotes", "slot-position-three", "song-dates-disagree"]
    found = run_checker(check_data(Universe(data_paths=(folder,)), text), [corpus[n] for n in names])
    assert found["declined"] is None, found["declined"]
    for name, answer in zip(names, found["answers"], strict=True):
        _compare(name, corpus[name], answer, tmp_path, "--data", folder)
