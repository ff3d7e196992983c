"""The named query library, run the way a user runs it: ``stagegraph query NAME``.

Golden rows on the bundled data (the answers the issue says every query must give), the
column headers, a stable order, parameters given as a name, a slug or an IRI, every output
format parsed back and compared with the rows, ``--lang``, the library listing, and the
same rows on a second, independent SPARQL engine (pyoxigraph) over the same files.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS
from rdflib.query import Result

from helpers import MARKDOWN_SPACE, assert_clean_error, json_rows, ok, read_csv, read_markdown, read_tsv
from stagegraph import bundle
from stagegraph.output import cell
from stagegraph.query import library, post
from stagegraph.query import run as querying
from stagegraph.rdf.names import instances
from stagegraph.rdf.namespaces import BASE, SG
from stagegraph.rdf.oxigraph_terms import to_rdflib
from stagegraph.store import guard, memory, seam, values
from stagegraph.universe import Universe

NAMES = sorted(library.library())
# The format (and load-order) checks skip love-chains: its one text column adds nothing to
# them, and it is the one slow query on rdflib (about 1.3 s a run); its JSON is checked with
# the golden rows, and its order by running it twice and on pyoxigraph.
FORMAT_NAMES = [name for name in NAMES if name != "love-chains"]

# Sensible parameters for the parametrised queries (everything else takes none).
PARAMS = {
    "bonds": {"character": "Till"},
    "song-credits": {"song": "MY CLEMATIS"},
    "sources": {"entity": "Mizi"},
    "credits-by-person": {"person": "Studio LICO"},
}

# The columns each query must start with (more columns after them are fine).
COLUMNS = {
    "characters": ["character", "name", "fate"],
    "matches": ["episode", "song", "contestant1", "contestant2", "winner"],
    "song-credits": ["person", "role", "character"],
    "bonds": ["other", "direction", "bondType", "nature", "canon", "sources"],
    "unrequited": ["from", "to", "nature"],
    "love-chains": ["chain"],
    "deaths": ["character", "episode", "confidence"],
    "timeline": ["episode", "title", "released"],
    "vocalists": ["vocalist", "character", "song"],
    "sources": ["source", "title", "url"],
    "credits-by-person": ["song", "role", "character"],
}


def C(slug: str) -> URIRef:
    return URIRef(f"{BASE}character/{slug}")


def param_args(name: str) -> list[str]:
    return [a for key, value in PARAMS.get(name, {}).items() for a in ("-p", key, value)]


def args(name: str, fmt: str = "json", lang: str = "en") -> tuple[str, ...]:
    """The command line of a library query with its usual parameters (one spelling, so runs are shared)."""
    return ("query", name, *param_args(name), "--lang", lang, "--format", fmt)


@pytest.fixture(scope="module")
def out(sg):
    """``sg`` memoised: read-only tests of one output share a single run of the query."""
    seen = {}

    def invoke(*args: str):
        if args not in seen:
            seen[args] = sg(*args)
        return seen[args]

    return invoke


def strings(rows) -> list[tuple]:
    return [tuple(None if t is None else str(t) for t in row) for row in rows]


@pytest.fixture(scope="module")
def reference(universe):
    """Each library query's result through the library call, per language: what formats must show."""
    return {
        (name, lang): querying.run(universe, name, PARAMS.get(name, {}), lang=lang)
        for name in NAMES
        for lang in ("en", "ko")
    }


# --- the library and its listing ---------------------------------------------------------


def test_the_library_holds_every_query_the_issue_names():
    assert set(COLUMNS) <= set(NAMES)


def test_queries_lists_every_rq_file_with_parameters_and_summary(sg):
    out = ok(sg("queries")).stdout
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["name", "parameters", "summary"]
    files = sorted(p.stem for p in bundle.queries_dir().glob("*.rq"))
    listed = [line.split()[0] for line in lines[1:]]
    assert listed == files
    for named in library.library().values():
        line = next(row for row in lines[1:] if row.split()[0] == named.name)
        assert named.summary and named.summary in line
        for param in named.params:
            assert f"-p {param.name}" in line


def test_queries_json_parses_and_names_the_parameters(sg):
    listed = json_rows(sg("queries", "--format", "json"))
    by_name = {q["name"]: q for q in listed}
    assert sorted(by_name) == sorted(p.stem for p in bundle.queries_dir().glob("*.rq"))
    assert all(q["summary"] for q in listed)
    assert [p["name"] for p in by_name["bonds"]["parameters"]] == ["character"]
    assert [p["name"] for p in by_name["song-credits"]["parameters"]] == ["song"]
    assert [p["name"] for p in by_name["sources"]["parameters"]] == ["entity"]
    assert [p["name"] for p in by_name["credits-by-person"]["parameters"]] == ["person"]
    assert by_name["matches"]["parameters"] == []


# --- golden rows -------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_columns_start_with_the_documented_headers(out, name):
    rows = json_rows(out(*args(name)))
    assert rows, f"{name} returned no rows on the bundled data"
    assert list(rows[0])[: len(COLUMNS[name])] == COLUMNS[name]


@pytest.mark.parametrize("name", NAMES)
def test_rows_come_in_the_same_order_every_run(sg, out, name):
    first = out(*args(name))
    second = sg(*args(name))  # a fresh run, not the shared one
    assert json_rows(first) == json_rows(second)
    assert json_rows(first), f"{name} returned no rows on the bundled data"


@pytest.fixture(scope="module")
def reversed_universe():
    """The bundled files loaded in the opposite order: a tie left to the engine would show."""
    return Universe(
        data_paths=tuple(sorted(bundle.data_dir().glob("*.ttl"), reverse=True)),
        ontology_paths=tuple(sorted(bundle.ontology_dir().glob("*.ttl"), reverse=True)),
    )


@pytest.mark.parametrize("name", FORMAT_NAMES)
def test_row_order_does_not_depend_on_file_load_order(reference, reversed_universe, name):
    again = querying.run(reversed_universe, name, PARAMS.get(name, {}), lang="ko")
    assert strings(again.rows) == strings(reference[(name, "ko")].rows)


def test_characters_lists_every_character_with_sua_died_in_round_1(out, universe):
    rows = json_rows(out(*args("characters")))
    every = instances(universe.data.graph, universe.ontology.graph, SG.Character)
    assert sorted(r["character"] for r in rows) == sorted(str(c) for c in every)
    assert len(rows) == len(every)  # one row each
    sua = next(r for r in rows if r["character"] == str(C("sua")))
    assert sua["name"] == "Sua"
    assert sua["fate"] == "died (Round 1)"


def test_matches_seven_rows_in_episode_order_with_winners(out):
    rows = json_rows(out(*args("matches")))
    assert [r["episode"] for r in rows] == ["Round 1", "Round 2", "Round 3", "Round 4", "Round 5", "Round 6", "Final"]
    first, final = rows[0], rows[-1]
    assert (first["contestant1"], first["contestant2"], first["winner"]) == ("Mizi", "Sua", "Mizi")
    assert (final["contestant1"], final["contestant2"], final["winner"]) == ("Luka", "Till", "Luka")
    assert first["song"] == "MY CLEMATIS"


def test_matches_round_3_unidentified_opponent_stays_empty(out):
    rows = json_rows(out(*args("matches")))
    round3 = rows[2]
    assert round3["episode"] == "Round 3"
    assert round3["contestant1"] == "Ivan" and round3["winner"] == "Ivan"
    assert round3["contestant2"] is None  # unbound → null, never an invented name
    table = ok(out(*args("matches", "csv"))).stdout
    row = next(r for r in csv.DictReader(io.StringIO(table)) if r["episode"] == "Round 3")
    assert row["contestant2"] == ""


def test_song_credits_my_clematis_has_its_two_vocalists(out):
    rows = json_rows(out(*args("song-credits")))
    vocalists = sorted(r["person"] for r in rows if r["role"] == "vocalist")
    assert vocalists == ["C!naH", "Rubyeye"]


def test_bonds_of_till_both_directions(out):
    rows = json_rows(out(*args("bonds")))
    pick = {(r["other"], r["direction"], r["bondType"], r["nature"]) for r in rows}
    assert ("Mizi", "outgoing", "one-sided", "romantic") in pick  # Till → Mizi
    assert ("Ivan", "incoming", "one-sided", "romantic") in pick  # Ivan → Till
    for row in rows:
        assert row["canon"] and row["sources"], row


def test_bonds_sources_column_is_a_sorted_set(out):
    rows = json_rows(out(*args("bonds")))
    ivan = next(r for r in rows if (r["other"], r["direction"]) == ("Ivan", "incoming"))
    titles = ivan["sources"].split("; ")
    assert titles == sorted(titles) and len(titles) == len(set(titles)) > 1


def test_unrequited_includes_the_three_one_sided_loves(out):
    rows = json_rows(out(*args("unrequited")))
    pairs = {(r["from"], r["to"], r["nature"]) for r in rows}
    for feeler, target in [("Ivan", "Till"), ("Till", "Mizi"), ("Luka", "Hyuna")]:
        assert (feeler, target, "romantic") in pairs


def test_love_chains_include_ivan_till_mizi_longest_first(out):
    rows = json_rows(out(*args("love-chains")))
    chains = [r["chain"] for r in rows]
    assert "Ivan → Till → Mizi" in chains
    lengths = [r["chain"].count("→") for r in rows]
    assert lengths == sorted(lengths, reverse=True)
    assert chains[0] == "Ivan → Till → Mizi"  # the longest chain on the bundled data


def test_deaths_sua_in_round_1_and_ivan_disputed_in_round_6(out):
    rows = json_rows(out(*args("deaths")))
    by_name = {r["character"]: r for r in rows}
    assert by_name["Sua"]["episode"] == "Round 1"
    assert by_name["Ivan"]["episode"] == "Round 6"
    assert by_name["Ivan"]["confidence"] == "disputed"
    assert by_name["Sua"]["confidence"] != "disputed"
    assert [r["character"] for r in rows].index("Sua") < [r["character"] for r in rows].index("Ivan")


def test_timeline_release_dates_and_unknown_dates_empty(out):
    rows = json_rows(out(*args("timeline")))
    by_episode = {r["episode"]: r for r in rows}
    assert by_episode["Round 1"]["released"] == "2022-09-07"
    assert by_episode["Round 3"]["released"] == "2023-01-05"
    assert by_episode["Round 2"]["released"] is None  # no source gives a date: stays empty
    episodes = [r["episode"] for r in rows]
    rounds = [e for e in episodes if e.startswith("Round ")]
    assert rounds == [f"Round {n}" for n in range(1, 7)]
    assert episodes.index("Round 6") < episodes.index("Final")


def test_vocalists_luka_is_sung_by_bl8m(out):
    rows = json_rows(out(*args("vocalists")))
    assert {"vocalist": "BL8M", "character": "Luka"}.items() <= next(r for r in rows if r["vocalist"] == "BL8M").items()


def test_sources_of_an_entity_cover_the_sources_of_its_bonds(out, universe):
    bonds = json_rows(out(*args("bonds")))
    behind = {t for r in bonds for t in r["sources"].split("; ")}
    rows = json_rows(out("query", "sources", "-p", "entity", "Till", "--format", "json"))
    assert behind <= {r["title"] for r in rows}
    for row in rows:  # every url is the source's own, in full
        assert str(universe.graph.value(URIRef(row["source"]), SG.url)) == row["url"]
    assert len({r["source"] for r in rows}) == len(rows)


def test_sources_of_a_bond_are_exactly_its_cited_sources(sg, universe):
    bond = URIRef(f"{BASE}bond/ivan-till-romantic")
    rows = json_rows(sg("query", "sources", "-p", "entity", str(bond), "--format", "json"))
    assert {r["source"] for r in rows} == {str(s) for s in universe.graph.objects(bond, SG.source)}


def en(graph, node, prop) -> str:
    return next(str(v) for v in graph.objects(node, prop) if v.language == "en")


@pytest.mark.parametrize("person", ["Studio LICO", "BL8M", "VIVINOS", "Rubyeye"])
def test_credits_by_person_lists_every_credit_of_that_person(out, universe, person):
    from stagegraph.rdf.names import resolve

    g = universe.graph
    agent = resolve(person, "sg:Agent", universe.data.graph, universe.ontology.graph)
    expected = sorted(
        (en(g, work, RDFS.label), en(g, g.value(credit, SG.role), SKOS.prefLabel))
        for credit in g.subjects(SG.agent, agent)
        for work in g.objects(credit, SG.creditFor)
    )
    rows = json_rows(out("query", "credits-by-person", "-p", "person", person, "--format", "json"))
    assert sorted((r["song"], r["role"]) for r in rows) == expected
    assert expected  # every one of these people worked on something


def test_credits_by_person_bl8m_voices_luka(out):
    rows = json_rows(out("query", "credits-by-person", "-p", "person", "BL8M", "--format", "json"))
    assert any(r["role"] == "vocalist" and r["character"] == "Luka" for r in rows)


# --- parameters --------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["Mizi", "mizi", "MIZI", f"{BASE}character/mizi", "미지"])
def test_a_parameter_takes_a_name_slug_or_iri(sg, value):
    expected = json_rows(sg("query", "bonds", "-p", "character", "Mizi", "--format", "json"))
    assert expected
    assert json_rows(sg("query", "bonds", "-p", "character", value, "--format", "json")) == expected


def test_unknown_name_exits_2_listing_the_closest_matches(sg):
    result = sg("query", "bonds", "-p", "character", "Mizzi")
    assert_clean_error(result, 2, "Mizzi", "closest matches", "Mizi")
    assert result.stdout == ""


def test_unknown_song_exits_2_listing_the_closest_matches(sg):
    assert_clean_error(sg("query", "song-credits", "-p", "song", "MY CLEMATIZ"), 2, "MY CLEMATIS")


def test_an_iri_of_the_wrong_kind_is_refused(sg):
    # a song's IRI is not a character
    assert_clean_error(sg("query", "bonds", "-p", "character", f"{BASE}song/my-clematis"), 2, "no character named")


def test_missing_parameter_exits_2_and_says_how_to_pass_it(sg):
    assert_clean_error(sg("query", "bonds"), 2, "-p character")


def test_unknown_parameter_exits_2_naming_the_real_ones(sg):
    assert_clean_error(sg("query", "bonds", "-p", "charakter", "Till"), 2, "charakter", "character")


def test_unknown_query_name_exits_2_with_a_suggestion(sg):
    assert_clean_error(sg("query", "mathces"), 2, "no query named", "matches")


def test_missing_query_file_exits_2(sg, tmp_path):
    assert_clean_error(sg("query", str(tmp_path / "nope.rq")), 2, "no such query file")


# --- running files and standard input ----------------------------------------------------


def test_a_query_file_runs_like_a_library_query(out, sg, tmp_path):
    copy = tmp_path / "mine.rq"
    copy.write_text((bundle.queries_dir() / "bonds.rq").read_text(encoding="utf-8"), encoding="utf-8")
    expected = json_rows(out(*args("bonds")))
    assert json_rows(sg("query", str(copy), "-p", "character", "Till", "--format", "json")) == expected


def test_sparql_from_stdin(sg):
    text = f"PREFIX rdfs: <{RDFS}>\nSELECT ?name WHERE {{ <{BASE}character/sua> rdfs:label ?name }}"
    rows = json_rows(sg("query", "-", "--format", "json", input=text))
    assert {"name": "Sua"} in rows and {"name": "수아"} in rows


def test_user_query_lang_variable_is_bound_by_lang(sg):
    text = (
        f"PREFIX rdfs: <{RDFS}>\nSELECT ?name WHERE {{ <{BASE}character/sua> rdfs:label ?name "
        "FILTER(langMatches(lang(?name), ?lang)) }"
    )
    assert json_rows(sg("query", "-", "--lang", "ko", "--format", "json", input=text)) == [{"name": "수아"}]


# --- output formats, parsed back ---------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("name", NAMES)
def test_json_is_an_array_of_plain_strings_matching_the_rows(out, reference, name, lang):
    result = reference[(name, lang)]
    parsed = json_rows(out(*args(name, "json", lang)))
    assert [list(obj) for obj in parsed] == [result.columns] * len(result.rows)
    assert [tuple(obj.values()) for obj in parsed] == strings(result.rows)
    for obj in parsed:
        assert all(v is None or isinstance(v, str) for v in obj.values())


def test_json_iris_are_full_and_literals_plain_text(out):
    rows = json_rows(out(*args("matches")))
    assert rows[0]["match"] == f"{BASE}match/round-1"
    assert rows[0]["episode"] == "Round 1"  # no quotes, no @en


@pytest.mark.parametrize("name", FORMAT_NAMES)
def test_sparql_json_parses_with_rdflib_to_the_same_terms(out, reference, name):
    result = reference[(name, "ko")]
    text = ok(out(*args(name, "sparql-json", "ko"))).stdout
    parsed = Result.parse(io.StringIO(text), format="json")
    assert [str(v) for v in parsed.vars] == result.columns
    assert [tuple(row) for row in parsed] == [tuple(row) for row in result.rows]


def test_sparql_json_keeps_language_tags_and_leaves_unbound_out(out):
    doc = json.loads(ok(out(*args("matches", "sparql-json", "ko"))).stdout)
    assert doc["head"]["vars"][:5] == COLUMNS["matches"]
    first, round3 = doc["results"]["bindings"][0], doc["results"]["bindings"][2]
    assert first["contestant1"] == {"type": "literal", "value": "미지", "xml:lang": "ko"}
    assert first["match"] == {"type": "uri", "value": f"{BASE}match/round-1"}
    assert "contestant2" not in round3


@pytest.mark.parametrize("fmt, read", [("csv", read_csv), ("tsv", read_tsv)])
@pytest.mark.parametrize("name", FORMAT_NAMES)
def test_csv_and_tsv_parse_back_to_the_rows(out, reference, name, fmt, read):
    result = reference[(name, "en")]
    parsed = read(ok(out(*args(name, fmt))).stdout)
    assert parsed[0] == result.columns
    assert parsed[1:] == [[cell(t) for t in row] for row in result.rows]


@pytest.mark.parametrize("name", FORMAT_NAMES)
def test_markdown_table_parses_back_to_the_rows(out, reference, name):
    result = reference[(name, "en")]
    rows = read_markdown(ok(out(*args(name, "md"))).stdout)
    assert rows[0] == result.columns
    assert all(re.fullmatch(r"-{3,}", c) for c in rows[1])
    assert rows[2:] == [
        [re.sub(r"\r\n|\r|\n", "<br>", cell(t, compact=True)).strip(MARKDOWN_SPACE) for t in row] for row in result.rows
    ]


HOSTILE_VALUES = (
    "SELECT ?a ?b ?c WHERE { VALUES (?a ?b ?c) { "
    '("cr\\r lf\\n crlf\\r\\n" "tab\\t pipe| back\\\\ quote\\"" "ls\\u2028 esc\\u001B") '
    '("" "" "bare\\rcr") } }'
)
HOSTILE_ROWS = [["cr\r lf\n crlf\r\n", 'tab\t pipe| back\\ quote"', "ls\u2028 esc\x1b"], ["", "", "bare\rcr"]]


@pytest.mark.parametrize("fmt, read", [("csv", read_csv), ("tsv", read_tsv)])
def test_csv_and_tsv_rows_keep_their_columns_with_carriage_returns_and_tabs(run, fmt, read):
    text = ok(run("query", "-", "--format", fmt, input=HOSTILE_VALUES)).stdout_bytes.decode("utf-8")  # CR LF kept
    assert read(text) == [["a", "b", "c"]] + HOSTILE_ROWS
    if fmt == "tsv":
        assert [line.count("\t") for line in text.split("\n")[:-1]] == [2, 2, 2]  # one line per row


def test_markdown_rows_keep_their_columns_with_carriage_returns_and_pipes(run):
    text = ok(run("query", "-", "--format", "md", input=HOSTILE_VALUES)).stdout
    assert read_markdown(text)[2:] == [
        ["cr<br> lf<br> crlf<br>", 'tab\t pipe| back\\ quote"', "ls\u2028 esc\x1b"],
        ["", "", "bare<br>cr"],
    ]


def test_table_shows_each_row_on_one_line_and_no_terminal_control(run):
    lines = ok(run("query", "-", "--format", "table", input=HOSTILE_VALUES)).stdout.split("\n")
    assert len(lines) == 2 + 2 + 1  # header, rule, two rows, the final newline
    assert "cr  lf  crlf " in lines[2] and "\\u001B" in lines[2] and "\x1b" not in lines[2]


@pytest.mark.parametrize("name", FORMAT_NAMES)
def test_table_is_the_default_with_headers_and_a_row_count(out, reference, name):
    result = reference[(name, "en")]
    shown = ok(out(*args(name, "table")))
    lines = shown.stdout.splitlines()
    assert re.split(r"\s{2,}", lines[0].strip()) == result.columns
    assert set(lines[1].replace(" ", "")) == {"-"}
    assert len(lines) == 2 + len(result.rows)
    count = len(result.rows)
    assert f"({count} row{'s' if count != 1 else ''})" in shown.stderr
    assert "match:round-1" in ok(out(*args("matches", "table"))).stdout  # IRIs compact for people


def test_construct_prints_turtle_that_parses_to_the_constructed_triples(sg, universe):
    text = (
        f"PREFIX rdfs: <{RDFS}>\nPREFIX sg: <{SG}>\n"
        "CONSTRUCT { ?c rdfs:label ?name } WHERE { ?c a sg:Character ; rdfs:label ?name }"
    )
    out = ok(sg("query", "-", input=text)).stdout
    parsed = Graph().parse(data=out, format="turtle")
    expected = {
        (c, RDFS.label, name)
        for c in universe.graph.subjects(RDF.type, SG.Character)
        for name in universe.graph.objects(c, RDFS.label)
    }
    assert set(parsed) == expected and expected


def test_describe_prints_turtle_about_the_entity(sg, universe):
    sua = C("sua")
    out = ok(sg("query", "-", input=f"DESCRIBE <{sua}>")).stdout
    parsed = Graph().parse(data=out, format="turtle")
    own = set(universe.graph.triples((sua, None, None)))
    assert own and own <= set(parsed)


@pytest.mark.parametrize(
    "text, answer",
    [
        (f"ASK {{ <{BASE}character/sua> ?p ?o }}", "true"),
        (f"ASK {{ <{BASE}character/nobody> ?p ?o }}", "false"),
    ],
)
def test_ask_prints_true_or_false(sg, text, answer):
    assert ok(sg("query", "-", input=text)).stdout.strip() == answer


def test_ask_as_sparql_json_parses_with_rdflib(sg):
    text = ok(sg("query", "-", "--format", "sparql-json", input=f"ASK {{ <{BASE}character/sua> ?p ?o }}")).stdout
    parsed = Result.parse(io.StringIO(text), format="json")
    assert parsed.type == "ASK" and parsed.askAnswer is True


# --- languages ---------------------------------------------------------------------------


def test_bonds_of_till_in_korean_show_korean_names(out):
    rows = json_rows(out(*args("bonds", lang="ko")))
    others = {r["other"] for r in rows}
    assert {"미지", "이반"} <= others
    assert "Mizi" not in others and "Ivan" not in others


def test_a_name_without_a_korean_label_falls_back_to_english(out, universe):
    g = universe.graph
    urak = C("urak")
    assert not [label for label in g.objects(urak, RDFS.label) if label.language == "ko"], "Urak gained a Korean label"
    rows = json_rows(out(*args("bonds", lang="ko")))
    assert "Urak" in {r["other"] for r in rows}


@pytest.mark.parametrize("lang", ["en", "ko", "ja"])
def test_character_names_follow_lang_with_english_fallback(out, universe, lang):
    g = universe.graph
    rows = json_rows(out(*args("characters", lang=lang)))
    fell_back = 0
    for row in rows:
        labels = {label.language: str(label) for label in g.objects(URIRef(row["character"]), RDFS.label)}
        assert row["name"] == labels.get(lang, labels["en"]), row
        fell_back += lang not in labels
    if lang != "en":
        assert fell_back and fell_back < len(rows)  # the data has both cases: proves both paths


def test_love_chains_in_korean(out):
    rows = json_rows(out(*args("love-chains", lang="ko")))
    assert rows[0]["chain"] == "이반 → 틸 → 미지"


def test_lang_must_be_one_of_en_ko_ja(sg):
    result = sg("query", "matches", "--lang", "fr")
    assert result.exit_code == 2 and "Traceback" not in result.output


# --- a second engine: pyoxigraph over the same files -------------------------------------


@pytest.fixture(scope="module")
def oxigraph_store(universe):
    ox = pytest.importorskip("pyoxigraph")
    store = ox.Store()
    store.bulk_load(universe.graph.serialize(format="nt", encoding="utf-8"), ox.RdfFormat.N_TRIPLES)
    return store


def oxigraph_rows(store, universe, name: str, params: dict, lang: str):
    named = library.load(name)
    text = values.with_values(named.text, querying.bindings_for(universe, named, params, lang))
    result = _select(store, text)
    labels_of = post.labels_by_query(lambda text: _select(store, text))
    result = post.apply(named, result, labels_of, lang)  # labels, chains, order
    result = querying.sort_sets(result, named.sets)
    return result.columns, strings(result.rows)


def _select(store, text: str):
    solutions = store.query(text)
    columns = [v.value for v in solutions.variables]
    return seam.QueryResult("select", columns, [tuple(to_rdflib(s[c]) for c in columns) for s in solutions])


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("name", NAMES)
def test_same_rows_on_rdflib_and_pyoxigraph(oxigraph_store, universe, reference, name, lang):
    # the library side must really be rdflib, or this compares Oxigraph with itself
    assert getattr(universe, "store_for_queries", lambda: "memory")() == "memory"
    local = reference[(name, lang)]
    columns, rows = oxigraph_rows(oxigraph_store, universe, name, PARAMS.get(name, {}), lang)
    assert columns == local.columns
    assert rows == strings(local.rows)  # same rows, same order


def _every(universe, kind):
    return sorted(str(x) for x in instances(universe.data.graph, universe.ontology.graph, SG[kind]))


@pytest.mark.parametrize(
    "name, param, kind",
    [
        ("bonds", "character", "Character"),
        ("song-credits", "song", "Song"),
        ("credits-by-person", "person", "Agent"),
    ],
)
def test_same_rows_on_both_engines_for_every_parameter_value(oxigraph_store, universe, name, param, kind):
    values = _every(universe, kind)
    assert values
    for value in values:
        local = querying.run(universe, name, {param: value}, lang="ko")
        columns, rows = oxigraph_rows(oxigraph_store, universe, name, {param: value}, "ko")
        assert (columns, rows) == (local.columns, strings(local.rows)), value


# --- warts -------------------------------------------------------------------------------


def test_a_name_parameter_prints_no_warning_on_stderr():
    result = subprocess.run(
        [sys.executable, "-m", "stagegraph", "query", "song-credits", "-p", "song", "MY CLEMATIS", "--format", "json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "valid URI" not in result.stderr, result.stderr


# --- the labels post-pass: looked up in the store's own index, the same labels everywhere ----


def every_labelled_iri(universe) -> set[str]:
    return {str(s) for s in universe.graph.subjects(RDFS.label, None) if isinstance(s, URIRef)}


@pytest.mark.parametrize("lang", ["en", "ko", "ja"])
def test_labels_from_the_graph_index_are_the_labels_the_query_finds(universe, lang):
    from stagegraph.rdf.labels import labels_in

    by_query = post.labels_by_query(lambda text: memory.run_local(universe.graph, guard.check(text, "<labels>"), {}))
    iris = every_labelled_iri(universe)
    in_index, asked = labels_in(universe.graph, iris), by_query(iris, lang)
    wanted = {lang, "en"}  # the query asks only for the labels a column can show
    assert asked == {
        iri: [x for x in found if x.language in wanted]
        for iri, found in in_index.items()
        if any(x.language in wanted for x in found)
    }
    assert {post._best(in_index[iri], lang) for iri in iris} == {post._best(asked.get(iri, []), lang) for iri in iris}


def test_the_labels_post_pass_in_memory_parses_no_second_query(universe, monkeypatch):
    import rdflib.plugins.sparql.parser as parser

    parsed = []
    real = parser.parseQuery
    monkeypatch.setattr(parser, "parseQuery", lambda text: parsed.append(text) or real(text))
    monkeypatch.setattr(guard, "_CHECKED", {})  # nothing checked before: the query is parsed once
    result = querying.run(universe, "matches", {}, lang="ko")
    assert len(parsed) == 1 and "sg:Match" in parsed[0]  # the query itself, and no label lookup
    named = library.load("matches")
    plain = memory.run_local(universe.graph, guard.check(named.text, "<matches>"), {})
    by_query = post.labels_by_query(lambda text: memory.run_local(universe.graph, guard.check(text, "<labels>"), {}))
    assert result.rows == post.apply(named, plain, by_query, "ko").rows
