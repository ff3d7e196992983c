"""`stagegraph site`: pages per entity and per horizon, no leak of later facts, links that resolve,
alternates that equal the graph, and `serve`'s content negotiation."""

from __future__ import annotations

import re
import threading
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF
from rdflib.namespace import RDFS as RDFS_NS

from site_fixtures import built_site, horizons, later_facts, visible_labels  # noqa: F401
from stagegraph import bundle
from stagegraph.network import graph as network
from stagegraph.rdf.namespaces import BASE, SG
from stagegraph.site import linked
from stagegraph.site.horizon import PAGE_KINDS, trees
from stagegraph.site.serve import server

pytestmark = pytest.mark.slow  # builds the whole site, every tree, once per session

MIZI = BASE + "character/mizi"
KIND_CLASSES = {
    "character": None,
    "episode": SG.Episode,
    "match": SG.Match,
    "song": SG.Song,
    "person": SG.Person,
    "organization": SG.Organization,
    "bond": SG.Bond,
    "source": SG.Source,
}


def entity_pages(tree_root: Path) -> list[Path]:
    return [p for kind in PAGE_KINDS for p in (tree_root / kind).glob("*/index.html")]


def test_the_site_has_a_tree_per_ordered_episode_and_the_full_tree(built_site, universe):  # noqa: F811
    for slug, _ in horizons(universe):
        assert (built_site.root / "at" / slug / "index.html").is_file(), slug
    assert (built_site.root / "all" / "index.html").is_file()
    landing = (built_site.root / "index.html").read_text(encoding="utf-8")
    assert all(f'href="at/{slug}/index.html"' in landing for slug, _ in horizons(universe))


def test_full_tree_has_a_page_per_entity_of_every_kind(built_site, universe):  # noqa: F811
    graph = universe.graph
    for kind, cls in KIND_CLASSES.items():
        members = (
            network.characters(graph, universe.ontology.graph) if cls is None else set(graph.subjects(RDF.type, cls))
        )
        pages = {BASE + f"{kind}/" + p.parent.name for p in (built_site.root / kind).glob("*/index.html")}
        assert pages == {str(m) for m in members}, kind


def test_each_horizon_has_a_page_per_entity_it_holds(built_site, universe):  # noqa: F811
    for tree in trees(universe)[1:]:
        root = built_site.root / tree.prefix
        assert len(entity_pages(root)) == len(tree.entities), tree.slug
        net = network.build(universe.graph, universe.ontology.graph, cut=tree.order)
        characters = {n for n, d in net.nodes(data=True) if d["kind"] == "character"}
        assert {BASE + "character/" + p.parent.name for p in (root / "character").glob("*/index.html")} == characters


ENGINE = re.compile(r"[A-Za-z0-9+/=]{400,}")  # the SPARQL page's inlined WebAssembly, as base64


def shared_texts() -> str:
    """The ontology and the query library: the same generic words in every tree (an ontology
    definition says "1 for Round 1"), which the SPARQL page carries whole."""
    folders = [bundle.ontology_dir(), bundle.queries_dir()]
    return "\n".join(
        p.read_text(encoding="utf-8")
        for folder in folders
        for p in sorted(folder.iterdir())
        if p.suffix in (".ttl", ".rq")
    )


def test_no_horizon_tree_holds_a_later_fact(built_site, universe):  # noqa: F811
    """Every file of the tree of episode N, names included, is free of the IRIs, names and notes
    of what is revealed after N or at an unknown episode. The SPARQL page is read without its
    engine (base64, where any short word can occur by chance), and the ontology's and query
    library's own words, which it carries in every tree, are not facts of the story."""
    generic = shared_texts()
    for slug, order in horizons(universe):
        root = built_site.root / "at" / slug
        later = later_facts(universe, order)
        allowed = visible_labels(universe, root)
        leaks = []
        for path in root.rglob("*"):
            if not path.is_file():
                continue
            name = str(path.relative_to(root))
            text = path.read_text(encoding="utf-8")
            sparql = name in ("sparql/index.html", "contribute/index.html")  # both carry the engine, ontology
            if sparql:
                text = ENGINE.sub("", text)
            for iri, texts in later.items():
                local = iri[len(BASE) :]
                if local in name or iri in text or (local in text and re.search(rf"\b{re.escape(local)}\b", text)):
                    leaks.append((name, iri))
                leaks += [
                    (name, t)
                    for t in texts
                    if len(t) >= 4 and t not in allowed and t in text and not (sparql and t in generic)
                ]
        assert leaks == [], f"at/{slug}: {leaks[:5]}"


def test_horizon_trees_say_how_many_facts_they_hold_back(built_site):  # noqa: F811
    home = (built_site.root / "at" / "round-1" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"\d+ facts revealed later and \d+ facts whose episode is unknown are held back", home)


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        for key in ("href", "src"):
            if attrs.get(key) and tag != "base":
                self.links.append(attrs[key])


def parsed(path: Path, cache: dict) -> Links:
    if path not in cache:
        links = Links()
        links.feed(path.read_text(encoding="utf-8"))
        cache[path] = links
    return cache[path]


def test_every_internal_link_and_fragment_resolves(built_site):  # noqa: F811
    cache, broken, external = {}, [], 0
    for page in built_site.root.rglob("*.html"):
        if page.parent.name == "graph":
            continue  # the relationship page draws from its data, links nothing
        for href in parsed(page, cache).links:
            if href.startswith(("http://", "https://")):
                external += 1
                continue
            assert not re.match(r"^[a-z][a-z0-9+.-]*:", href), f"{page}: a link to {href}"
            target, _, fragment = href.partition("#")
            target = target.partition("?")[0]  # a file's query (the graph's ?embed=1) does not name another file
            resolved = (page.parent / unquote(target)).resolve() if target else page
            if not resolved.is_file() or (
                fragment
                and resolved.suffix == ".html"
                and not fragment.startswith("focus=")
                and unquote(fragment) not in parsed(resolved, cache).ids
            ):
                broken.append((str(page.relative_to(built_site.root)), href))
    assert broken == [], broken[:10]
    assert external > 0


def test_a_character_page_links_its_graph_focus(built_site):  # noqa: F811
    text = (built_site.root / "character" / "mizi" / "index.html").read_text(encoding="utf-8")
    assert "graph/index.html#focus=https%3A//w3id.org/stagegraph/character/mizi" in text


@pytest.mark.parametrize("where", ["", "at/round-3/"])
def test_a_character_page_frames_its_own_trees_graph_focused_on_it(built_site, where):  # noqa: F811
    page = built_site.root / where / "character" / "mizi" / "index.html"
    text = page.read_text(encoding="utf-8")
    frame = re.search(r'<iframe src="([^"?]+)\?embed=1#focus=([^"]+)" title="([^"]+)"', text)
    assert frame, "no embedded neighbourhood"
    assert (page.parent / frame.group(1)).resolve() == (built_site.root / where / "graph" / "index.html").resolve()
    assert unquote(frame.group(2)) == MIZI and "Mizi" in frame.group(3)
    assert "frame-src 'self'" in text


def test_an_episodes_details_read_as_separate_items(built_site):  # noqa: F811
    page = (built_site.root / "episode" / "round-4" / "index.html").read_text(encoding="utf-8")
    assert "viewing order: 4 · round number: 4 · episode kind: round" in page
    assert "4round" not in page


def test_every_statement_has_a_stable_anchor_and_its_sources(built_site):  # noqa: F811
    text = (built_site.root / "character" / "mizi" / "index.html").read_text(encoding="utf-8")
    assert 'id="bond-mizi-sua-romantic"' in text and 'id="statement-mizi-age"' in text
    assert re.search(r'id="bond-mizi-sua-romantic">.*?href="#src-\d+"', text, re.S)


@pytest.mark.parametrize("where", ["", "at/round-3/"])
def test_the_timeline_links_what_each_episode_reveals(built_site, where):  # noqa: F811
    text = (built_site.root / where / "timeline" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../bond/mizi-sua-rivalry/index.html">Mizi ↔ Sua (rivalry, mutual)</a>' in text
    assert '<a href="../match/round-1/index.html">' in text


@pytest.mark.parametrize("where", ["", "at/round-3/"])
def test_alternates_parse_and_equal_the_entity_description(built_site, universe, where):  # noqa: F811
    tree = next(t for t in trees(universe) if t.prefix == where)
    for iri in (MIZI, BASE + "bond/mizi-sua-rivalry", BASE + "source/chs1"):  # CHS1 covers up to Round 3
        folder = built_site.root / where / iri[len(BASE) :]
        expected = linked.description(tree.graph, tree, iri)  # the tree's graph: the universe as of it
        turtle = Graph().parse(folder / "index.ttl", format="turtle")
        jsonld = Graph().parse(folder / "index.jsonld", format="json-ld")
        assert set(turtle) == set(expected) == set(jsonld), iri
        own = set(universe.graph.triples((URIRef(iri), None, None)))
        if not where:
            assert own <= set(turtle)
        html = (folder / "index.html").read_text(encoding="utf-8")
        assert '<link rel="alternate" type="text/turtle" href="index.ttl">' in html
        assert '<script type="application/ld+json">' in html


def test_the_whole_graph_downloads_with_a_dataset_description(built_site, universe):  # noqa: F811
    dump = Graph().parse(built_site.root / "stagegraph.nt", format="nt")
    assert len(dump) == len(universe.graph)
    lines = (built_site.root / "stagegraph.nt").read_text(encoding="utf-8").splitlines()
    assert lines == sorted(lines)  # sorted, so that two builds of one graph give the same file
    void = Graph().parse(built_site.root / "void.ttl", format="turtle")
    triples = void.value(URIRef(BASE + "dataset"), URIRef("http://rdfs.org/ns/void#triples"))
    assert int(triples) == len(dump)
    assert "RewriteRule" in (built_site.root / ".htaccess").read_text(encoding="utf-8")


def test_query_pages_hold_results_and_downloads(built_site):  # noqa: F811
    folder = built_site.root / "queries" / "matches"
    assert "<table>" in (folder / "index.html").read_text(encoding="utf-8")
    assert (folder / "results.csv").read_text(encoding="utf-8").count("\n") > 3
    assert '"bindings"' in (folder / "results.srj").read_text(encoding="utf-8")


def test_ontology_page_names_the_shapes_that_constrain_a_class(built_site):  # noqa: F811
    text = (built_site.root / "ns" / "index.html").read_text(encoding="utf-8")
    assert 'id="sg-Bond"' in text and "shape:BondShape" in text


def test_every_page_forbids_network_requests(built_site):  # noqa: F811
    for page in list(built_site.root.rglob("*.html"))[:200]:
        text = page.read_text(encoding="utf-8")
        assert "default-src 'none'" in text and "connect-src 'none'" in text, page


def test_search_index_finds_mizi_by_her_korean_name(built_site):  # noqa: F811
    index = (built_site.root / "at" / "round-1" / "search-index.js").read_text(encoding="utf-8")
    assert index.startswith("window.STAGEGRAPH_SEARCH = ") and "미지" in index


@pytest.fixture
def serving(built_site):  # noqa: F811
    running = server(built_site.root, 0)
    thread = threading.Thread(target=running.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{running.server_address[1]}"
    running.shutdown()
    running.server_close()


def _get(url: str, accept: str):
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": accept}), timeout=10) as response:
        return response.headers.get_content_type(), response.read().decode("utf-8")


def test_serve_answers_turtle_for_accept_turtle(serving):
    media, body = _get(serving + "/character/mizi/", "text/turtle")
    assert media == "text/turtle"
    assert (URIRef(MIZI), RDFS_NS.label, None) in Graph().parse(data=body, format="turtle")
    media, body = _get(serving + "/character/mizi/", "application/ld+json")
    assert media == "application/ld+json"
    media, body = _get(serving + "/character/mizi/", "text/html,application/xhtml+xml")
    assert media == "text/html" and "<h1>Mizi</h1>" in body


def test_serve_refuses_a_folder_without_a_site(run, tmp_path):
    from helpers import assert_clean_error

    assert_clean_error(run("serve", str(tmp_path)), 2, "holds no site")
