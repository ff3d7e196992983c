"""``stagegraph new`` and ``stagegraph add``: one fact as Turtle, and merging it safely.

Every test works on a copy of the bundled data (``--data <tmp>``); the bundled data and
ontology are hashed before and after the module, so a test that wrote to them fails.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from helpers import ROOT, cli, digest, visible
from stagegraph import bundle
from stagegraph.contribute import add as merge
from stagegraph.contribute.fmt import canonical_text
from stagegraph.errors import StagegraphError
from stagegraph.files import WriteError
from stagegraph.rdf.load import load
from stagegraph.rdf.namespaces import BASE, SG
from stagegraph.universe import Universe

ANY_URI = URIRef("http://www.w3.org/2001/XMLSchema#anyURI")  # not XSD.anyURI: pytest probes module names
DATA = ROOT / "data"
ONTOLOGY = ROOT / "ontology"
URL = "https://example.org/stagegraph-test"

CHAR = f"{BASE}character/"
BOND = f"{BASE}bond/"
SOURCE = f"{BASE}source/"
EPISODE = f"{BASE}episode/"
VOCAB = f"{BASE}vocab/"

PREFIXES = """@prefix sg: <https://w3id.org/stagegraph/ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix character: <https://w3id.org/stagegraph/character/> .
@prefix bond: <https://w3id.org/stagegraph/bond/> .
@prefix match: <https://w3id.org/stagegraph/match/> .
@prefix episode: <https://w3id.org/stagegraph/episode/> .
@prefix source: <https://w3id.org/stagegraph/source/> .
@prefix bondtype: <https://w3id.org/stagegraph/vocab/bondtype/> .
@prefix nature: <https://w3id.org/stagegraph/vocab/nature/> .
@prefix canon: <https://w3id.org/stagegraph/vocab/canon/> .
@prefix confidence: <https://w3id.org/stagegraph/vocab/confidence/> .
@prefix outcome: <https://w3id.org/stagegraph/vocab/outcome/> .
@prefix sourcekind: <https://w3id.org/stagegraph/vocab/sourcekind/> .
"""

# A valid one-sided bond between two existing characters, with an existing source.
BOND_BODY = """
bond:ivan-sua-rivalry
    a sg:Bond ;
    rdfs:label "Ivan → Sua (rivalry, one-sided)"@en ;
    sg:from character:ivan ;
    sg:to character:sua ;
    sg:bondType bondtype:one-sided ;
    sg:nature nature:rivalry ;
    sg:canonStatus canon:fan-interpretation ;
    sg:confidence confidence:single-source ;
    sg:revealUnknown true ;
    sg:source source:ship-hl .
"""
GOOD_BOND = PREFIXES + BOND_BODY
UNSOURCED_BOND_BODY = BOND_BODY.replace(
    "    sg:source source:ship-hl .", "    sg:canonStatus canon:fan-interpretation ."
)

GOOD_SOURCE = (
    PREFIXES
    + f"""
source:stagegraph-test-page
    a sg:Source ;
    rdfs:label "A test page about the finale"@en ;
    sg:url "{URL}/page"^^xsd:anyURI ;
    sg:sourceKind sourcekind:review .
"""
)


# --------------------------------------------------------------------------- helpers


def assert_unchanged(folder: Path, before: dict[str, str]) -> None:
    after = visible(folder)
    assert after == before, (
        f"data files changed: {sorted(k for k in after.keys() | before.keys() if after.get(k) != before.get(k))}"
    )
    assert not [p.name for p in Path(folder).iterdir() if p.name.endswith(".tmp")], "a temporary file was left behind"


def assert_clean_error(result, code: int, *fragments: str) -> None:
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    for fragment in fragments:
        assert fragment in result.output, result.output


def copy_data(dest: Path) -> Path:
    target = Path(dest) / "data"
    shutil.copytree(DATA, target)
    return target


def graph_of(folder_or_file: Path) -> Graph:
    return load([folder_or_file]).graph


pytestmark = pytest.mark.usefixtures("bundled_files_untouched")


@pytest.fixture
def data(tmp_path) -> Path:
    """A fresh, writable copy of the bundled data."""
    return copy_data(tmp_path)


@pytest.fixture(scope="module")
def shared_data(tmp_path_factory) -> Path:
    """A copy of the bundled data for tests that never write (``new`` without ``--add``)."""
    return copy_data(tmp_path_factory.mktemp("shared"))


def contribution(tmp_path: Path, text: str, name: str = "contribution.ttl") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- new: every kind, then add


# (kind, new options, expected class, the topic file, the start of the "added" line)
KINDS = [
    (
        "source",
        ["--url", f"{URL}/review", "--title", "A review of the finale", "--source-kind", "review"],
        SG.Source,
        "sources.ttl",
        f"added source: A review of the finale <{URL}/review>",
    ),
    (
        "character",
        [
            "--name",
            "Test Contestant",
            "--name-ko",
            "테스트",
            "--name-ja",
            "テスト",
            "--kind",
            "contestant",
            "--source",
            f"{URL}/review",
        ],  # a URL already in the data (added just before)
        SG.Contestant,
        "characters.ttl",
        "added contestant: Test Contestant",
    ),
    (
        "person",
        ["--name", "Test Composer", "--source", "ship-hl"],
        SG.Person,
        "people.ttl",
        "added person: Test Composer",
    ),
    (
        "episode",
        [
            "--title",
            "Test Special",
            "--episode-kind",
            "special",
            "--order",
            "99",
            "--released",
            "2024-05-01",
            "--source",
            "ship-hl",
        ],
        SG.Episode,
        "series.ttl",
        "added episode: Test Special",
    ),
    (
        "song",
        ["--title", "Test Song", "--episode", "Test Special", "--sung-by", "Test Contestant", "--source", "ship-hl"],
        SG.Song,
        "songs.ttl",
        "added song: Test Song",
    ),
    (
        "credit",
        ["--work", "Test Song", "--agent", "Test Composer", "--role", "composer", "--source", "ship-hl"],
        SG.Credit,
        "songs.ttl",
        "added credit: Test Composer, composer, on Test Song",
    ),
    (
        "fate",
        ["--character", "Test Contestant", "--status", "alive", "--revealed-in", "unknown", "--source", "ship-hl"],
        SG.Fate,
        "fates.ttl",
        "added fate: Test Contestant alive",
    ),
    # A match needs an episode: an existing one without an order (no death can precede it).
    (
        "match",
        [
            "--episode",
            "prologue",
            "--contestant",
            "Mizi",
            "--contestant",
            "Test Contestant",
            "--winner",
            "Mizi",
            "--song",
            "Test Song",
            "--source",
            "ship-hl",
        ],
        SG.Match,
        "matches.ttl",
        "added match: Prologue: Mizi vs Test Contestant",
    ),
    (
        "bond",
        [
            "--from",
            "Luka",
            "--to",
            "Hyuna",
            "--type",
            "unrequited",
            "--nature",
            "protective",
            "--source",
            f"{URL}/bond",
            "--source-title",
            "A bond page",
            "--revealed-in",
            "round-5",
        ],
        SG.Bond,
        "bonds.ttl",
        "added bond: Luka → Hyuna, protective, one-sided; source A bond page",
    ),
]
KIND_IDS = [k[0] for k in KINDS]


@pytest.fixture(scope="module")
def every_kind(tmp_path_factory):
    """Each kind in turn: ``new`` prints Turtle, the Turtle is saved and ``add``ed to one
    data copy (later kinds refer to entities the earlier ones created), then the data is
    validated and checked for canonical form. Done once; the tests below read the record."""
    root = tmp_path_factory.mktemp("kinds")
    folder = copy_data(root)
    record = {}
    for kind, options, _cls, _file, _words in KINDS:
        new = cli("--data", str(folder), "new", kind, *options)
        entry = {"new": new, "text": new.stdout}
        if new.exit_code == 0:
            path = root / f"{kind}.ttl"
            path.write_text(new.stdout, encoding="utf-8")
            entry["before"] = visible(folder)
            entry["add"] = cli("--data", str(folder), "add", str(path))
            entry["after"] = visible(folder)
        record[kind] = entry
    record["validate"] = cli("--data", str(folder), "validate")
    record["fmt"] = cli("fmt", "--check", str(folder))
    record["folder"] = folder
    record["graph"] = graph_of(folder)
    return record


@pytest.mark.parametrize("kind, options, cls, topic, words", KINDS, ids=KIND_IDS)
def test_new_prints_turtle_that_parses(every_kind, kind, options, cls, topic, words):
    entry = every_kind[kind]
    assert entry["new"].exit_code == 0, entry["new"].output
    graph = Graph().parse(data=entry["text"], format="turtle")
    assert len(graph) > 0
    assert list(graph.subjects(RDF.type, cls)), f"no {cls} in:\n{entry['text']}"
    assert "Traceback" not in entry["new"].output


@pytest.mark.parametrize("kind, options, cls, topic, words", KINDS, ids=KIND_IDS)
def test_new_output_is_already_canonical(every_kind, kind, options, cls, topic, words):
    from stagegraph.rdf.canonical import serialize

    text = every_kind[kind]["text"]
    assert serialize(Graph().parse(data=text, format="turtle")) == text


@pytest.mark.parametrize("kind, options, cls, topic, words", KINDS, ids=KIND_IDS)
def test_new_fact_carries_provenance(every_kind, kind, options, cls, topic, words):
    graph = Graph().parse(data=every_kind[kind]["text"], format="turtle")
    subject = next(iter(graph.subjects(RDF.type, cls)))
    if kind == "source":
        assert (subject, SG.url, Literal(f"{URL}/review", datatype=ANY_URI)) in graph
        assert (subject, SG.sourceKind, URIRef(f"{VOCAB}sourcekind/review")) in graph
        return
    assert list(graph.objects(subject, SG.source)), "a fact without sg:source"
    assert graph.value(subject, SG.confidence) == URIRef(f"{VOCAB}confidence/single-source")


@pytest.mark.parametrize("kind, options, cls, topic, words", KINDS, ids=KIND_IDS)
def test_add_of_new_output_succeeds_in_plain_words(every_kind, kind, options, cls, topic, words):
    result = every_kind[kind]["add"]
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert any(line.startswith(words) for line in result.stdout.splitlines()), result.stdout


@pytest.mark.parametrize("kind, options, cls, topic, words", KINDS, ids=KIND_IDS)
def test_added_triples_land_in_the_topic_file(every_kind, kind, options, cls, topic, words):
    entry = every_kind[kind]
    folder = every_kind["folder"]
    contributed = Graph().parse(data=entry["text"], format="turtle")
    data = every_kind["graph"]
    missing = [t for t in contributed if t not in data]
    assert not missing, f"not in the data after add: {missing}"
    topic_graph = Graph().parse(folder / topic, format="turtle")
    subject = next(iter(contributed.subjects(RDF.type, cls)))
    assert set(contributed.triples((subject, None, None))) <= set(topic_graph), f"{subject} is not in {topic}"
    changed = {name for name in entry["after"] if entry["before"].get(name) != entry["after"][name]}
    expected = {topic} | ({"sources.ttl"} if any(contributed.subjects(RDF.type, SG.Source)) else set())
    assert changed == expected


def test_after_every_kind_the_data_validates(every_kind):
    result = every_kind["validate"]
    assert result.exit_code == 0, result.output
    assert "No issues found" in result.stdout


def test_after_every_kind_the_files_are_canonical(every_kind):
    result = every_kind["fmt"]
    assert result.exit_code == 0, result.output
    folder = every_kind["folder"]
    for path in sorted(folder.glob("*.ttl")):
        assert canonical_text(path) == path.read_text(encoding="utf-8"), f"{path.name} is not canonical after add"


def test_new_reuses_a_source_named_by_its_url(every_kind):
    """The character was given the URL of the source added first: no second sg:Source."""
    graph = Graph().parse(data=every_kind["character"]["text"], format="turtle")
    assert not list(graph.subjects(RDF.type, SG.Source))
    character = next(iter(graph.subjects(RDF.type, SG.Contestant)))
    assert graph.value(character, SG.source) == URIRef(f"{SOURCE}a-review-of-the-finale")


def test_new_character_has_names_in_every_language(every_kind):
    graph = Graph().parse(data=every_kind["character"]["text"], format="turtle")
    labels = set(graph.objects(URIRef(f"{CHAR}test-contestant"), RDFS.label))
    assert labels == {Literal("Test Contestant", lang="en"), Literal("테스트", lang="ko"), Literal("テスト", lang="ja")}


def test_new_match_has_two_slots_and_outcomes(every_kind):
    graph = Graph().parse(data=every_kind["match"]["text"], format="turtle")
    match = next(iter(graph.subjects(RDF.type, SG.Match)))
    slots = sorted(graph.objects(match, SG.slot))
    assert len(slots) == 2
    outcomes = {graph.value(s, SG.contestant): graph.value(s, SG.outcome) for s in slots}
    assert outcomes[URIRef(f"{CHAR}mizi")] == URIRef(f"{VOCAB}outcome/advanced")
    assert graph.value(match, SG.winner) == URIRef(f"{CHAR}mizi")
    assert graph.value(match, SG.episode) == URIRef(f"{EPISODE}prologue")


# --------------------------------------------------------------------------- new: names, refusals


def bond_args(**over):
    args = {
        "--from": "Luka",
        "--to": "Hyuna",
        "--type": "unrequited",
        "--nature": "protective",
        "--source": "ship-hl",
        "--revealed-in": "round-5",
    }
    args.update(over)
    flat = []
    for key, value in args.items():
        if value is not None:
            flat += [key, value]
    return flat


@pytest.mark.parametrize(
    "from_, to",
    [
        ("Luka", "Hyuna"),  # English names
        ("luka", "hyuna"),  # slugs
        ("루카", "HYUNA"),  # Korean name, another case
        (f"{CHAR}luka", f"{CHAR}hyuna"),  # IRIs
    ],
    ids=["names", "slugs", "korean-and-case", "iris"],
)
def test_new_bond_resolves_names_slugs_and_iris(run, shared_data, from_, to):
    result = run("--data", str(shared_data), "new", "bond", *bond_args(**{"--from": from_, "--to": to}))
    assert result.exit_code == 0, result.output
    graph = Graph().parse(data=result.stdout, format="turtle")
    bond = next(iter(graph.subjects(RDF.type, SG.Bond)))
    assert graph.value(bond, SG["from"]) == URIRef(f"{CHAR}luka")
    assert graph.value(bond, SG.to) == URIRef(f"{CHAR}hyuna")
    assert graph.value(bond, SG.bondType) == URIRef(f"{VOCAB}bondtype/one-sided")  # unrequited = one-sided
    assert graph.value(bond, SG.revealedIn) == URIRef(f"{EPISODE}round-5")
    assert graph.value(bond, SG.source) == URIRef(f"{SOURCE}ship-hl")


def test_new_bond_needs_its_revealing_episode_or_says_it_is_unknown(run, shared_data):
    refused = run("--data", str(shared_data), "new", "bond", *bond_args(**{"--revealed-in": None}))
    assert refused.exit_code == 2 and "--revealed-in unknown" in refused.output, refused.output
    result = run("--data", str(shared_data), "new", "bond", *bond_args(**{"--revealed-in": "unknown"}))
    assert result.exit_code == 0, result.output
    graph = Graph().parse(data=result.stdout, format="turtle")
    bond = next(iter(graph.subjects(RDF.type, SG.Bond)))
    assert graph.value(bond, SG.revealUnknown) == Literal(True) and graph.value(bond, SG.revealedIn) is None


def test_new_fate_without_episode_needs_its_revealing_episode(run, shared_data):
    args = ("new", "fate", "--character", "Hyuna", "--status", "alive", "--source", "ship-hl")
    refused = run("--data", str(shared_data), *args)
    assert refused.exit_code == 2 and "--revealed-in" in refused.output, refused.output
    result = run("--data", str(shared_data), *args, "--revealed-in", "wiege")
    assert result.exit_code == 0, result.output
    graph = Graph().parse(data=result.stdout, format="turtle")
    assert graph.value(next(iter(graph.subjects(RDF.type, SG.Fate))), SG.revealedIn) == URIRef(f"{EPISODE}wiege")


def test_new_character_note_comes_with_its_text_statement(run, shared_data):
    args = ("new", "character", "--name", "Zed", "--note", "A rebel seen in Round 5.", "--source", "ship-hl")
    refused = run("--data", str(shared_data), *args)
    assert refused.exit_code == 2 and "--revealed-in" in refused.output, refused.output
    result = run("--data", str(shared_data), *args, "--revealed-in", "round-5")
    assert result.exit_code == 0, result.output
    graph = Graph().parse(data=result.stdout, format="turtle")
    statement = URIRef("https://w3id.org/stagegraph/statement/zed-note")
    assert (statement, RDF.type, SG.TextStatement) in graph
    assert graph.value(statement, SG.statementSubject) == URIRef(f"{CHAR}zed")
    assert graph.value(statement, SG.statementProperty) == SG.note
    assert graph.value(statement, SG.statementValue) == Literal("A rebel seen in Round 5.", lang="en")
    assert graph.value(statement, SG.revealedIn) == URIRef(f"{EPISODE}round-5")
    assert graph.value(statement, SG.source) == URIRef(f"{SOURCE}ship-hl")
    assert graph.value(statement, SG.confidence) is not None


def test_new_refuses_a_revealing_episode_where_none_applies(run, shared_data):
    result = run(
        "--data",
        str(shared_data),
        "new",
        "character",
        "--name",
        "Zed",
        "--source",
        "ship-hl",
        "--revealed-in",
        "round-5",
    )
    assert result.exit_code == 2 and "--revealed-in" in result.output, result.output


@pytest.mark.parametrize(
    "option, value, expected",
    [
        ("--from", "Lukka", "Luka"),
        ("--to", "Hyunaa", "Hyuna"),
        ("--revealed-in", "round-55", "round-5"),
        ("--source", "ship-hll", "ship-hl"),
    ],
    ids=["from", "to", "revealed-in", "source-name"],
)
def test_new_refuses_an_unknown_name_with_the_closest_matches(run, shared_data, option, value, expected):
    result = run("--data", str(shared_data), "new", "bond", *bond_args(**{option: value}))
    assert_clean_error(result, 2, f"'{value}'", "closest matches", expected)
    assert result.stdout == ""


def test_new_refuses_a_name_of_the_wrong_kind(run, shared_data):
    """An episode is not a character, even though it exists."""
    result = run("--data", str(shared_data), "new", "bond", *bond_args(**{"--to": "round-5"}))
    assert_clean_error(result, 2, "no character named 'round-5'")


NEEDS_SOURCE = {
    "bond": bond_args(**{"--source": None}),
    "character": ["--name", "Nobody"],
    "person": ["--name", "Nobody"],
    "episode": ["--title", "Nothing"],
    "song": ["--title", "Nothing"],
    "credit": ["--work", "MY CLEMATIS", "--agent", "vivinos", "--role", "arranger"],
    "fate": ["--character", "Luka", "--status", "alive", "--revealed-in", "unknown"],
    "match": ["--episode", "prologue", "--contestant", "Mizi", "--contestant", "Sua"],
}


@pytest.mark.parametrize("kind", sorted(NEEDS_SOURCE))
def test_every_fact_but_a_source_needs_a_source(run, shared_data, kind):
    result = run("--data", str(shared_data), "new", kind, *NEEDS_SOURCE[kind])
    assert_clean_error(result, 2, "every fact needs a source", "--source")
    assert result.stdout == ""


def test_new_source_needs_no_source_but_a_url_and_title(run, shared_data):
    assert run("--data", str(shared_data), "new", "source", "--url", f"{URL}/x", "--title", "X").exit_code == 0
    assert_clean_error(run("--data", str(shared_data), "new", "source", "--title", "X"), 2, "--url and --title")


def test_new_source_kind_defaults_to_fan(run, shared_data):
    result = run("--data", str(shared_data), "new", "source", "--url", f"{URL}/fan", "--title", "Fan page")
    graph = Graph().parse(data=result.stdout, format="turtle")
    assert set(graph.objects(None, SG.sourceKind)) == {URIRef(f"{VOCAB}sourcekind/fan")}


def test_new_source_refuses_a_url_that_is_not_http(run, shared_data):
    result = run("--data", str(shared_data), "new", "source", "--url", "ftp://example.org/x", "--title", "X")
    assert_clean_error(result, 2, "not an http(s) URL")


def test_a_new_source_url_needs_its_title(run, shared_data):
    result = run("--data", str(shared_data), "new", "bond", *bond_args(**{"--source": f"{URL}/untitled"}))
    assert_clean_error(result, 2, "--source-title")


def test_new_with_a_url_already_in_the_data_reuses_that_source(run, shared_data):
    url = str(Graph().parse(shared_data / "sources.ttl").value(URIRef(f"{SOURCE}ship-hl"), SG.url))
    result = run("--data", str(shared_data), "new", "bond", *bond_args(**{"--source": url}))
    assert result.exit_code == 0, result.output
    graph = Graph().parse(data=result.stdout, format="turtle")
    assert set(graph.objects(None, SG.source)) == {URIRef(f"{SOURCE}ship-hl")}
    assert not list(graph.subjects(RDF.type, SG.Source))


def test_two_sources_make_a_confirmed_fact(run, shared_data):
    result = run("--data", str(shared_data), "new", "bond", *bond_args(), "--source", "namu-luka")
    graph = Graph().parse(data=result.stdout, format="turtle")
    bond = next(iter(graph.subjects(RDF.type, SG.Bond)))
    assert set(graph.objects(bond, SG.source)) == {URIRef(f"{SOURCE}ship-hl"), URIRef(f"{SOURCE}namu-luka")}
    assert graph.value(bond, SG.confidence) == URIRef(f"{VOCAB}confidence/confirmed")


def test_confidence_can_be_given(run, shared_data):
    result = run("--data", str(shared_data), "new", "bond", *bond_args(), "--confidence", "inferred")
    graph = Graph().parse(data=result.stdout, format="turtle")
    assert set(graph.objects(None, SG.confidence)) == {URIRef(f"{VOCAB}confidence/inferred")}


def test_new_bond_iri_is_numbered_when_the_slug_is_taken(run, shared_data):
    """bond:luka-hyuna-romantic is a one-sided bond: a mutual reading is another fact, with a fresh IRI."""
    result = run("--data", str(shared_data), "new", "bond", *bond_args(**{"--nature": "romantic", "--type": "mutual"}))
    assert result.exit_code == 0, result.output
    graph = Graph().parse(data=result.stdout, format="turtle")
    assert list(graph.subjects(RDF.type, SG.Bond)) == [URIRef(f"{BOND}luka-hyuna-romantic-2")]


def test_the_readme_example_adds(run, data, tmp_path):
    new = run(
        "--data",
        str(data),
        "new",
        "bond",
        "--from",
        "Luka",
        "--to",
        "Hyuna",
        "--type",
        "unrequited",
        "--nature",
        "romantic",
        "--source",
        "https://shipping.fandom.com/wiki/Hyuluka",
        "--revealed-in",
        "unknown",
    )
    assert new.exit_code == 0, new.output
    path = contribution(tmp_path, new.stdout, "bond.ttl")
    dry = run("--data", str(data), "add", str(path), "--dry-run")
    assert dry.exit_code == 0, dry.output
    result = run("--data", str(data), "add", str(path))
    assert result.exit_code == 0, result.output
    # The bond is already in the data, its revealing episode unknown: nothing to add.
    assert "nothing to add" in result.output, result.output
    assert run("--data", str(data), "validate").exit_code == 0


def test_new_without_add_writes_nothing(run, data):
    before = visible(data)
    result = run("--data", str(data), "new", "bond", *bond_args())
    assert result.exit_code == 0
    assert visible(data) == before
    assert not (data / ".stagegraph.lock").exists()


def test_new_match_with_a_new_source_url_describes_that_source_once(run, shared_data):
    result = run(
        "--data",
        str(shared_data),
        "new",
        "match",
        "--episode",
        "prologue",
        "--contestant",
        "Mizi",
        "--contestant",
        "Sua",
        "--winner",
        "Mizi",
        "--source",
        f"{URL}/match",
        "--source-title",
        "Match page",
    )
    assert result.exit_code == 0, result.output
    graph = Graph().parse(data=result.stdout, format="turtle")
    assert len(set(graph.subjects(SG.url, Literal(f"{URL}/match", datatype=ANY_URI)))) == 1, result.stdout


SLUG_IRI = re.compile(rf"^{re.escape(BASE)}[a-z]+/[a-z0-9]+(-[a-z0-9]+)*$")


def test_new_makes_readable_slugs_from_names(run, shared_data):
    result = run("--data", str(shared_data), "new", "character", "--name", "Émile O'Neil Jr.", "--source", "ship-hl")
    assert result.exit_code == 0, result.output
    graph = Graph().parse(data=result.stdout, format="turtle")
    assert list(graph.subjects(RDF.type, SG.Character)) == [URIRef(f"{CHAR}emile-o-neil-jr")]


@pytest.mark.parametrize("slug", ["Bad Slug", "Mixed_Case", "../x"])
def test_new_refuses_or_fixes_a_slug_that_is_not_a_slug(run, shared_data, slug):
    import pyoxigraph

    result = run("--data", str(shared_data), "new", "character", "--name", "X", "--slug", slug, "--source", "ship-hl")
    if result.exit_code == 2:
        assert "Traceback" not in result.output
        return
    assert result.exit_code == 0, result.output
    list(pyoxigraph.parse(result.stdout.encode(), format=pyoxigraph.RdfFormat.TURTLE))  # strict parser
    graph = Graph().parse(data=result.stdout, format="turtle")
    for subject in set(graph.subjects()):
        assert SLUG_IRI.match(str(subject)), subject


def test_add_refuses_an_iri_with_a_space(run, data, tmp_path):
    text = (
        PREFIXES
        + f"""
<{CHAR}bad slug>
    a sg:Character ;
    rdfs:label "Bad slug"@en ;
    sg:confidence confidence:single-source ;
    sg:source source:ship-hl .
"""
    )
    before = visible(data)
    result = run("--data", str(data), "add", str(contribution(tmp_path, text)))
    assert result.exit_code in (1, 2), result.output
    assert "Traceback" not in result.output
    assert_unchanged(data, before)


# --------------------------------------------------------------------------- new --add, and what it shows


@pytest.fixture(scope="module")
def added_with_new(tmp_path_factory):
    root = tmp_path_factory.mktemp("newadd")
    folder = copy_data(root)
    result = cli(
        "--data",
        str(folder),
        "new",
        "bond",
        "--from",
        "Luka",
        "--to",
        "Hyuna",
        "--type",
        "unrequited",
        "--nature",
        "protective",
        "--source",
        f"{URL}/new-add",
        "--source-title",
        "New add page",
        "--revealed-in",
        "round-5",
        "--add",
    )
    return root, folder, result


def test_new_add_adds_the_bond(added_with_new):
    _root, folder, result = added_with_new
    assert result.exit_code == 0, result.output
    assert "added bond: Luka → Hyuna, protective, one-sided; source New add page" in result.stdout
    assert "added source: New add page" in result.stdout
    graph = graph_of(folder)
    assert (URIRef(f"{BOND}luka-hyuna-protective"), RDF.type, SG.Bond) in graph
    validate = cli("--data", str(folder), "validate")
    assert validate.exit_code == 0, validate.output


def test_new_add_bond_shows_in_the_bonds_query(added_with_new):
    _root, folder, _result = added_with_new
    result = cli("--data", str(folder), "query", "bonds", "-p", "character", "Luka", "--format", "json")
    assert result.exit_code == 0, result.output
    import json

    rows = json.loads(result.stdout)
    mine = [r for r in rows if r["bond"] == f"{BOND}luka-hyuna-protective"]
    assert len(mine) == 1, rows
    assert mine[0]["direction"] == "outgoing" and mine[0]["nature"] == "protective"
    assert "New add page" in mine[0]["sources"]


def test_new_add_bond_shows_in_the_graph_page(added_with_new):
    root, folder, _result = added_with_new
    page = root / "g.html"
    result = cli("--data", str(folder), "graph", "-o", str(page))
    assert result.exit_code == 0, result.output
    assert f"{BOND}luka-hyuna-protective" in page.read_text(encoding="utf-8")


def test_new_add_twice_adds_nothing_the_second_time(run, data):
    args = ("--data", str(data), "new", "bond", *bond_args(), "--add")
    assert run(*args).exit_code == 0
    before = visible(data)
    again = run(*args)
    assert again.exit_code == 0, again.output
    assert "nothing to add" in again.output
    assert visible(data) == before


# --------------------------------------------------------------------------- add: success


@pytest.fixture(scope="module")
def bond_added(tmp_path_factory):
    """GOOD_BOND added to a data copy, then validated, checked for canonical form, and added again."""
    root = tmp_path_factory.mktemp("bondadd")
    folder = copy_data(root)
    path = contribution(root, GOOD_BOND)
    record = {"folder": folder, "before": visible(folder)}
    record["add"] = cli("--data", str(folder), "add", str(path))
    record["after"] = visible(folder)
    record["validate"] = cli("--data", str(folder), "validate")
    record["fmt"] = cli("fmt", "--check", str(folder / "bonds.ttl"))
    record["again"] = cli("--data", str(folder), "add", str(path))
    record["after_again"] = visible(folder)
    return record


def test_add_bond_says_what_was_added_in_plain_words(bond_added):
    result = bond_added["add"]
    assert result.exit_code == 0, result.output
    assert "added bond: Ivan → Sua, rivalry, one-sided; source Shipping Wiki: Hyuluka (Hyuna × Luka)" in result.stdout
    assert "bonds.ttl" in result.stderr  # and where it went


def test_add_bond_writes_only_bonds_ttl(bond_added):
    before, after = bond_added["before"], bond_added["after"]
    assert {n for n in after.keys() | before.keys() if after.get(n) != before.get(n)} == {"bonds.ttl"}
    bonds = Graph().parse(bond_added["folder"] / "bonds.ttl")
    assert set(Graph().parse(data=GOOD_BOND, format="turtle")) <= set(bonds)


def test_add_bond_writes_canonical_turtle_and_keeps_the_header(bond_added):
    bonds = bond_added["folder"] / "bonds.ttl"
    text = bonds.read_text(encoding="utf-8")
    assert canonical_text(bonds) == text
    assert bond_added["fmt"].exit_code == 0, bond_added["fmt"].output
    assert text.startswith("# Bonds between characters"), "the header comment was lost"


def test_add_bond_keeps_the_data_valid(bond_added):
    assert bond_added["validate"].exit_code == 0, bond_added["validate"].output


def test_adding_what_is_already_there_changes_nothing(bond_added):
    again = bond_added["again"]
    assert again.exit_code == 0, again.output
    assert "nothing to add" in again.stdout
    assert "added" not in again.stdout
    assert bond_added["after_again"] == bond_added["after"]


def test_add_source_writes_sources_ttl(run, data, tmp_path):
    before = visible(data)
    result = run("--data", str(data), "add", str(contribution(tmp_path, GOOD_SOURCE)))
    assert result.exit_code == 0, result.output
    assert f"added source: A test page about the finale <{URL}/page>" in result.stdout
    after = visible(data)
    assert {n for n in after if after[n] != before.get(n)} == {"sources.ttl"}
    assert run("fmt", "--check", str(data / "sources.ttl")).exit_code == 0


def test_add_dry_run_writes_nothing(run, data, tmp_path):
    before = digest(data)
    result = run("--data", str(data), "add", str(contribution(tmp_path, GOOD_BOND)), "--dry-run")
    assert result.exit_code == 0, result.output
    assert "would add bond: Ivan → Sua, rivalry, one-sided" in result.stdout
    assert "added" not in result.stdout.replace("would add", "")
    assert {k: v for k, v in digest(data).items() if not k.startswith(".")} == {
        k: v for k, v in before.items() if not k.startswith(".")
    }
    assert not [p for p in data.iterdir() if p.name.endswith(".tmp")]


def test_add_dry_run_still_refuses_an_invalid_contribution(run, data, tmp_path):
    before = visible(data)
    text = PREFIXES + UNSOURCED_BOND_BODY
    result = run("--data", str(data), "add", str(contribution(tmp_path, text)), "--dry-run")
    assert_clean_error(result, 1, "[VIOLATION]", "sg:source")
    assert_unchanged(data, before)


def test_adding_an_existing_fact_from_the_bundle_changes_nothing(run, data, tmp_path):
    """A contribution that restates triples of the data (here a whole bundled bond)."""
    bonds = Graph().parse(data / "bonds.ttl")
    existing = Graph()
    for triple in bonds.triples((URIRef(f"{BOND}luka-hyuna-romantic"), None, None)):
        existing.add(triple)
    before = visible(data)
    result = run("--data", str(data), "add", str(contribution(tmp_path, existing.serialize(format="turtle"))))
    assert result.exit_code == 0, result.output
    assert "nothing to add" in result.stdout
    assert visible(data) == before


def test_add_from_stdin(run, data):
    before = visible(data)
    result = run("--data", str(data), "add", "-", input=GOOD_BOND)
    assert result.exit_code == 0, result.output
    assert "added bond: Ivan → Sua" in result.stdout
    after = visible(data)
    assert {n for n in after if after[n] != before.get(n)} == {"bonds.ttl"}


def test_add_from_stdin_dry_run(run, data):
    before = visible(data)
    result = run("--data", str(data), "add", "-", "--dry-run", input=GOOD_SOURCE)
    assert result.exit_code == 0, result.output
    assert "would add source: A test page about the finale" in result.stdout
    assert visible(data) == before


def test_add_new_output_from_stdin(run, data):
    """The pipeline the README suggests: new … | add -."""
    new = run("--data", str(data), "new", "source", "--url", f"{URL}/piped", "--title", "Piped page")
    result = run("--data", str(data), "add", "-", input=new.stdout)
    assert result.exit_code == 0, result.output
    assert (None, SG.url, Literal(f"{URL}/piped", datatype=ANY_URI)) in Graph().parse(data / "sources.ttl")


def test_add_a_statement_about_an_existing_entity_goes_to_its_file(run, data, tmp_path):
    """A second source for a bundled bond: the bond lives in bonds.ttl, so the triple goes there."""
    text = PREFIXES + "\nbond:luka-hyuna-romantic sg:source source:ct .\n"
    before = visible(data)
    result = run("--data", str(data), "add", str(contribution(tmp_path, text)))
    assert result.exit_code == 0, result.output
    after = visible(data)
    assert {n for n in after if after[n] != before.get(n)} == {"bonds.ttl"}
    assert (URIRef(f"{BOND}luka-hyuna-romantic"), SG.source, URIRef(f"{SOURCE}ct")) in Graph().parse(data / "bonds.ttl")


# --------------------------------------------------------------------------- add: refusals, nothing written


def refused(run, data: Path, path_or_stdin, code: int, *fragments: str, input: str | None = None):
    before = visible(data)
    result = run("--data", str(data), "add", str(path_or_stdin), input=input)
    assert_clean_error(result, code, *fragments)
    assert "added" not in result.stdout
    assert_unchanged(data, before)
    return result


def test_add_refuses_a_bond_without_a_source(run, data, tmp_path):
    text = PREFIXES + UNSOURCED_BOND_BODY
    result = refused(run, data, contribution(tmp_path, text), 1, "[VIOLATION]", "sg:source", "nothing was written")
    assert "bond:ivan-sua-rivalry" in result.stdout


WINNER_NOT_CONTESTANT = (
    PREFIXES
    + """
match:test-match
    a sg:Match ;
    rdfs:label "Prologue: Mizi vs Sua"@en ;
    sg:episode episode:prologue ;
    sg:winner character:till ;
    sg:slot match:test-match-slot-1, match:test-match-slot-2 ;
    sg:confidence confidence:single-source ;
    sg:source source:ship-hl .

match:test-match-slot-1
    a sg:Slot ;
    sg:position 1 ;
    sg:contestant character:mizi ;
    sg:outcome outcome:died ;
    sg:confidence confidence:single-source ;
    sg:source source:ship-hl .

match:test-match-slot-2
    a sg:Slot ;
    sg:position 2 ;
    sg:contestant character:sua ;
    sg:outcome outcome:died ;
    sg:confidence confidence:single-source ;
    sg:source source:ship-hl .
"""
)


def test_add_refuses_a_match_whose_winner_is_not_a_contestant(run, data, tmp_path):
    result = refused(run, data, contribution(tmp_path, WINNER_NOT_CONTESTANT), 1, "[VIOLATION]", "match:test-match")
    assert "winner" in result.stdout.lower()


def test_add_refuses_new_match_output_whose_winner_is_not_a_contestant(run, data, tmp_path):
    """`new` builds it (the winner is only another character); `add` is what refuses it."""
    new = run(
        "--data",
        str(data),
        "new",
        "match",
        "--episode",
        "prologue",
        "--contestant",
        "Mizi",
        "--contestant",
        "Sua",
        "--winner",
        "Till",
        "--source",
        "ship-hl",
    )
    if new.exit_code == 2:  # refusing it already in `new` is fine too
        assert "Traceback" not in new.output
        return
    assert new.exit_code == 0, new.output
    refused(run, data, contribution(tmp_path, new.stdout), 1, "[VIOLATION]", "winner")


def test_add_refuses_a_syntax_error_with_path_and_line(run, data, tmp_path):
    text = PREFIXES + '\nbond:x rdfs:label "unterminated .\n'
    path = contribution(tmp_path, text, "broken.ttl")
    line = text.count("\n", 0, text.index('"unterminated')) + 1
    refused(run, data, path, 2, f"{path}:{line}:", "syntax error")


def test_add_refuses_a_syntax_error_on_stdin(run, data):
    text = PREFIXES + "\nbond:x sg:from .\n"
    result = refused(run, data, "-", 2, "<stdin>:", "syntax error", input=text)
    assert "<stdin>:" in result.stderr


def test_add_refuses_empty_stdin(run, data):
    refused(run, data, "-", 2, "empty", input="")


def test_add_refuses_a_file_that_is_not_utf8(run, data, tmp_path):
    path = tmp_path / "latin1.ttl"
    path.write_bytes(GOOD_BOND.replace("rivalry, one-sided", "rivalité").encode("latin-1", "replace"))
    refused(run, data, path, 2, "not valid UTF-8")


def test_add_refuses_a_missing_file(run, data, tmp_path):
    refused(run, data, tmp_path / "nope.ttl", 2, "No such file")


@pytest.mark.parametrize(
    "original, replacement, typo, meant",
    [
        ("sg:from character:ivan", "sg:fromm character:ivan", "sg:fromm", "sg:from"),
        ("a sg:Bond", "a sg:Bondd", "sg:Bondd", "sg:Bond"),
        ("nature:rivalry", "nature:rivalri", "nature:rivalri", "nature:rivalry"),
    ],
    ids=["property", "class", "vocabulary-value"],
)
def test_add_refuses_an_unknown_term_with_the_closest_one(run, data, tmp_path, original, replacement, typo, meant):
    text = GOOD_BOND.replace(original, replacement)
    assert typo in text
    refused(
        run, data, contribution(tmp_path, text), 1, f"{typo} is not a term of the ontology", f"did you mean {meant}?"
    )


MATCH_IN_PROLOGUE = (
    PREFIXES
    + """
match:prologue-test
    a sg:Match ;
    rdfs:label "Prologue: Mizi vs Sua"@en ;
    sg:episode episode:prologue ;
    sg:winner character:mizi ;
    sg:slot match:prologue-test-slot-1, match:prologue-test-slot-2 ;
    sg:confidence confidence:single-source ;
    sg:source source:ship-hl .

match:prologue-test-slot-1
    a sg:Slot ;
    sg:position 1 ;
    sg:contestant character:mizi ;
    sg:outcome outcome:advanced ;
    sg:confidence confidence:single-source ;
    sg:source source:ship-hl .

match:prologue-test-slot-2
    a sg:Slot ;
    sg:position 2 ;
    sg:contestant character:sua ;
    sg:outcome outcome:unknown ;
    sg:confidence confidence:single-source ;
    sg:source source:ship-hl .
"""
)


@pytest.mark.slow
def test_add_refuses_a_change_whose_violation_is_several_links_away(run, data, tmp_path):
    first = run("--data", str(data), "add", str(contribution(tmp_path, MATCH_IN_PROLOGUE, "match.ttl")))
    assert first.exit_code == 0, first.output  # valid: the Prologue has no place in the viewing order
    assert run("--data", str(data), "validate").exit_code == 0
    order = PREFIXES + "\nepisode:prologue sg:order 50 .\n"
    before = visible(data)
    second = run("--data", str(data), "add", str(contribution(tmp_path, order, "order.ttl")))
    after_validate = run("--data", str(data), "validate")
    assert second.exit_code == 1 and "[VIOLATION]" in second.output, (
        f"add accepted it, and now validate says:\n{after_validate.output}"
    )
    assert_unchanged(data, before)


def test_add_refuses_an_entity_without_a_type(run, data, tmp_path):
    text = PREFIXES + '\n<https://w3id.org/stagegraph/character/ghost> rdfs:label "Ghost"@en .\n'
    refused(run, data, contribution(tmp_path, text), 1, "character:ghost")


def test_add_refuses_half_a_contribution_when_the_other_half_is_invalid(run, data, tmp_path):
    """A valid source and an invalid bond in one file: neither is written."""
    refused(run, data, contribution(tmp_path, GOOD_SOURCE + UNSOURCED_BOND_BODY), 1, "[VIOLATION]")


def test_add_needs_one_data_folder(run, data, tmp_path):
    path = contribution(tmp_path, GOOD_BOND)
    before = visible(data)
    assert_clean_error(
        run("--data", str(data), "--data", str(data / "bonds.ttl"), "add", str(path)), 2, "single --data DIR"
    )
    assert_clean_error(run("--data", str(data / "bonds.ttl"), "add", str(path)), 2, "single --data DIR")
    assert_unchanged(data, before)


# --------------------------------------------------------------------------- the installed copy is never written to


@pytest.fixture
def installed(tmp_path, monkeypatch):
    """Pretend the package is installed: its _bundle/ holds a copy of the data."""
    package = tmp_path / "site-packages" / "stagegraph"
    bundled = package / "_bundle" / "data"
    shutil.copytree(DATA, bundled)
    monkeypatch.setattr(bundle, "_PACKAGE", package.resolve())
    return bundled


def test_data_folder_refuses_the_installed_copy(installed):
    assert bundle.is_installed_copy(installed)
    with pytest.raises(WriteError) as info:
        merge.data_folder(Universe(data_paths=(installed,)))
    message = str(info.value)
    assert str(installed) in message  # where it would write
    assert "installed" in message and "never written" in message  # why it can't
    assert "--data" in message  # what to do


def test_data_folder_refuses_the_installed_copy_through_a_symlink(installed, tmp_path):
    link = tmp_path / "link-to-bundle"
    link.symlink_to(installed, target_is_directory=True)
    with pytest.raises(WriteError):
        merge.data_folder(Universe(data_paths=(link,)))


def test_data_folder_accepts_a_checkout_copy(installed, data):
    assert not bundle.is_installed_copy(data)
    assert merge.data_folder(Universe(data_paths=(data,))) == data


def test_add_without_data_in_an_installed_copy_writes_nothing(run, installed, tmp_path):
    """No --data: the default data is the installed copy, and add refuses it."""
    assert bundle.data_dir() == installed.resolve()
    before = digest(installed)
    result = run("add", str(contribution(tmp_path, GOOD_BOND)))
    assert_clean_error(result, 2, str(installed.resolve()), "never written to")
    assert digest(installed) == before
    before_new = digest(installed)
    result = run("new", "bond", *bond_args(), "--add")
    assert_clean_error(result, 2, "never written to")
    assert digest(installed) == before_new


def test_library_errors_are_stagegraph_errors():
    """The CLI turns StagegraphError into one sentence; the refusals must be of that family."""
    assert issubclass(merge.ContributionRefused, StagegraphError)
    assert issubclass(WriteError, StagegraphError)
    assert merge.ContributionRefused.exit_code == 1


def test_kind_option_applies_to_sources_and_characters(run, shared_data):
    """`new source … --kind review` as the issue writes it; a kind of another fact is refused."""
    source = run(
        "--data", str(shared_data), "new", "source", "--url", f"{URL}/kinds", "--title", "Kinds", "--kind", "review"
    )
    assert source.exit_code == 0 and "sourcekind:review" in source.stdout
    character = run(
        "--data",
        str(shared_data),
        "new",
        "character",
        "--name",
        "Kindly",
        "--kind",
        "alien",
        "--source",
        f"{URL}/kinds",
        "--source-title",
        "Kinds",
    )
    assert character.exit_code == 0 and "a sg:Alien" in character.stdout
    wrong = run("--data", str(shared_data), "new", "source", "--url", f"{URL}/k2", "--title", "K2", "--kind", "alien")
    assert wrong.exit_code == 2 and "does not apply to a source" in wrong.output and "Traceback" not in wrong.output
