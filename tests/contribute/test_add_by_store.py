"""``add`` on a large universe works from the cached Oxigraph store: same files, same refusals."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS
from test_contribute import (
    BOND_BODY,
    DATA,
    GOOD_BOND,
    GOOD_SOURCE,
    PREFIXES,
    UNSOURCED_BOND_BODY,
    assert_clean_error,
    cli,
    contribution,
    copy_data,
    visible,
)

from stagegraph.contribute.splice import splice
from stagegraph.rdf.canonical import leading_comments, serialize
from stagegraph.rdf.load import parse_file, rdf_files
from stagegraph.store import oxigraph as store
from stagegraph.universe import Universe

SG = "https://w3id.org/stagegraph/ns#"
BASE = "https://w3id.org/stagegraph/"

pytestmark = pytest.mark.usefixtures("bundled_files_untouched")


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder / "stagegraph" / "stores"


def added(tmp_path, store_kind, text, name):
    folder = copy_data(tmp_path / store_kind)
    result = cli("--store", store_kind, "--data", str(folder), "add", str(contribution(tmp_path, text, name)))
    return folder, result


@pytest.mark.parametrize(
    "text", [GOOD_BOND, GOOD_SOURCE, GOOD_BOND + GOOD_SOURCE.replace(PREFIXES, "")], ids=["bond", "source", "two-files"]
)
@pytest.mark.slow
def test_the_store_path_writes_what_the_memory_path_writes(cache, tmp_path, text):
    by_store, printed_store = added(tmp_path, "oxigraph", text, "a.ttl")
    in_memory, printed_memory = added(tmp_path, "memory", text, "a.ttl")
    assert printed_store.exit_code == 0, printed_store.output
    assert printed_store.output.replace("oxigraph", "memory") == printed_memory.output
    assert visible(by_store) == visible(in_memory)
    assert visible(by_store) != visible(DATA)


@pytest.mark.parametrize(
    "body, code, fragment",
    [
        (UNSOURCED_BOND_BODY, 1, "sg:source"),
        (BOND_BODY.replace("character:sua", "character:nobody-at-all"), 1, "nothing was written"),
    ],
)
@pytest.mark.slow
def test_the_store_path_refuses_what_the_memory_path_refuses(cache, tmp_path, body, code, fragment):
    folder, result = added(tmp_path, "oxigraph", PREFIXES + body, "bad.ttl")
    assert_clean_error(result, code, fragment)
    assert visible(folder) == visible(DATA)
    _, in_memory = added(tmp_path, "memory", PREFIXES + body, "bad.ttl")
    assert in_memory.output == result.output.replace("oxigraph", "memory")


@pytest.mark.slow
def test_after_an_add_the_store_of_the_new_files_is_ready_and_right(cache, tmp_path):
    folder, result = added(tmp_path, "oxigraph", GOOD_BOND, "a.ttl")
    assert result.exit_code == 0, result.output
    schema = Universe().ontology.files
    key = store.content_key(rdf_files([folder]) + list(schema))
    assert (cache / key / store.MARKER).exists()  # carried forward, not left to be rebuilt
    carried = store.OxigraphStore(rdf_files([folder]) + list(schema))
    ask = "ASK WHERE { <https://w3id.org/stagegraph/bond/ivan-sua-rivalry> a ?type }"
    assert carried.query(ask, "ask", {}).boolean
    rows = cli("--store", "oxigraph", "--data", str(folder), "query", "bonds", "-p", "character", "Sua").output
    assert "ivan-sua-rivalry" in rows
    assert rows == cli("--store", "memory", "--data", str(folder), "query", "bonds", "-p", "character", "Sua").output


@pytest.mark.slow
def test_old_stores_are_pruned_to_the_most_recent(cache, tmp_path, monkeypatch):
    monkeypatch.setattr(store, "KEEP", 2)
    for n in range(4):
        folder = copy_data(tmp_path / f"c{n}")
        (folder / "extra.ttl").write_text(f'<{BASE}x/{n}> <{RDFS.label}> "x"@en .\n', encoding="utf-8")
        Universe(data_paths=(folder,), store_kind="oxigraph").oxigraph  # noqa: B018  (the property builds the store)
        store.prune(cache, store.KEEP)
    assert len([p for p in cache.iterdir() if (p / store.MARKER).exists()]) == 2


# --- splicing new subject blocks into a canonical file ------------------------------------


def additions(slug: str) -> Graph:
    graph = Graph()
    for kind in ("bond", "character", "unknown-kind"):
        subject = URIRef(f"{BASE}{kind}/{slug}")
        graph.add((subject, RDF.type, URIRef(SG + "Bond")))
        graph.add((subject, RDFS.label, Literal(f"x {slug}", lang="en")))
        graph.add((subject, URIRef(SG + "source"), URIRef(BASE + "source/ship-hl")))
        graph.add((subject, URIRef("http://example.org/elsewhere#p"), Literal(3)))
    return graph


@pytest.mark.parametrize("path", sorted(DATA.glob("*.ttl")), ids=lambda p: p.name)
@pytest.mark.parametrize("slug", ["aaa", "mizi-zzz", "zzzz"])
def test_a_splice_gives_the_text_a_full_rewrite_gives(path, slug):
    text = path.read_text(encoding="utf-8")
    graph = parse_file(path)
    graph += additions(slug)
    assert splice(text, additions(slug)) == serialize(graph, leading_comments(text))


def test_what_cannot_be_spliced_exactly_is_left_to_a_rewrite():
    text = (DATA / "bonds.ttl").read_text(encoding="utf-8")
    long_text = Graph()
    long_text.add((URIRef(BASE + "bond/x"), URIRef(SG + "note"), Literal("two\nlines")))
    assert splice(text.replace('"Siblings', '"""Siblings', 1), additions("a")) is None
    assert (
        splice(
            text.replace(
                "@prefix bond: <https://w3id.org/stagegraph/bond/>", "@prefix bond: <https://example.org/other/>"
            ),
            additions("a"),
        )
        is None
    )
    assert splice(text, long_text) is None
    assert splice(text, additions("a")) is not None
