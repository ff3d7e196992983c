"""`stagegraph site --lang ko|ja`: every page type's chrome comes from the word tables, so no
English interface string is left on any page, and ``<html lang>`` names the language.

The English strings looked for are derived from the English tables themselves (the site's,
its SPARQL page's ``sq_*``, the relationship page's), so a word added in English only is
caught; the same check over the English build must find them on every page type, so it
cannot pass vacuously."""

from __future__ import annotations

import importlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from site_fixtures import built_site  # noqa: F401
from stagegraph.choices import LANGUAGES
from stagegraph.query.library import library
from stagegraph.rdf.namespaces import SG
from stagegraph.site.generate import build_site
from stagegraph.site.sparqlpage import write_sparql_page

page_words = importlib.import_module("stagegraph.words.relationships")  # the package exports a words() too
site_words = importlib.import_module("stagegraph.words.website")
pytestmark = pytest.mark.slow  # builds the bundled site twice more, in Korean and in Japanese

ATTRIBUTES = ("placeholder", "aria-label", "title", "alt", "data-none", "data-found", "label")
PAGE_TYPES = {  # page type → its file in a built site
    "landing": "index.html",
    "home": "all/index.html",
    "horizon home": "at/round-3/index.html",
    "list": "character/index.html",
    "character": "character/mizi/index.html",
    "episode": "episode/round-1/index.html",
    "match": "match/round-1/index.html",
    "song": "song/sweet-dream/index.html",
    "person": "person/cinah/index.html",
    "organization": "organization/studio-lico/index.html",
    "bond": "bond/mizi-sua-romantic/index.html",
    "source": "source/ship-hl/index.html",
    "bracket": "bracket/index.html",
    "timeline": "timeline/index.html",
    "queries": "queries/index.html",
    "query": "queries/bonds/index.html",
    "ontology": "ns/index.html",
    "horizon character": "at/round-3/character/mizi/index.html",
    "relationship page": "graph/index.html",
}


def fragments(table: dict, neutral=()) -> set[str]:
    """The English text of a word table, cut at its ``{placeholders}`` and `code`: each piece is
    a string a page in another language must not show (a whole word of three letters or more, a
    piece of a longer text of four or more: " and " between two code spans is not telling)."""
    found = set()
    for key, value in table.items():
        if key in neutral or not isinstance(value, str):
            continue
        pieces = [p.strip(" :;·,.()–—?\n") for p in re.split(r"\{\w+\}|`[^`]*`", value)]
        least = 3 if len(pieces) == 1 else 4
        found |= {p for p in pieces if len(re.findall(r"[A-Za-z]", p)) >= least}
    return found


ENGLISH = fragments(site_words.EN, site_words.NEUTRAL) | fragments(page_words.EN)


class Chrome(HTMLParser):
    """A page's visible text nodes and its spoken attributes; and its inline scripts apart."""

    def __init__(self):
        super().__init__()
        self.texts, self.scripts, self.lang, self._in = [], [], None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag in ("script", "style"):
            self._in = (tag, attrs.get("type") or "")
        self.texts += [attrs[name] for name in ATTRIBUTES if attrs.get(name)]

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._in = None

    def handle_data(self, data):
        if self._in is None:
            self.texts.append(data)
        elif self._in[0] == "script":
            self.scripts.append((self._in[1], data))


def data_texts(universe) -> set[str]:
    """Every text of the graph and the ontology (names, notes, titles) and of the query library
    (names, summaries): a text node that is one of them is data, written in English where the
    data has no other language, not chrome."""
    graphs = (universe.graph, universe.ontology.graph)
    found = {str(o) for g in graphs for o in g.objects() if isinstance(o, Literal)}
    for named in library().values():
        found |= {named.name, named.summary, named.description or "", *named.text.splitlines()}
    return {bare(text) for text in found if len(bare(text)) >= 3}


def bare(text: str) -> str:
    return text.strip(" :·,.()–—✓\n")


def without(text: str, data: set[str]) -> str:
    """``text`` with every data text in it blanked (a timeline line joins several names)."""
    for known in sorted((d for d in data if d in text), key=len, reverse=True):
        text = text.replace(known, " ")
    return text


CURIES = re.compile(r"(?:[\w-]+:[\w./#-]*[,\s]*)+")  # sg:Bond, prov:Person: names of terms, not words


def english_in(path: Path, data: set[str]) -> set[str]:
    """The English chrome strings found on a page: in its text and attributes (whole words), in
    its executed scripts (phrases), in the interface words its scripts are given as data."""
    chrome = Chrome()
    chrome.feed(path.read_text(encoding="utf-8"))
    texts = [without(t, data) for t in chrome.texts if bare(t) not in data and not CURIES.fullmatch(bare(t))]
    found = {f for f in ENGLISH for text in texts if f in text and re.search(rf"(?<!\w){re.escape(f)}(?!\w)", text)}
    for kind, script in chrome.scripts:
        if kind == "":  # executed: its literals must not be interface phrases
            found |= {f for f in ENGLISH if " " in f and f in script}
        elif kind == "application/json":
            given = [
                re.sub(r"\{\w+\}|--[\w-]+ \S+", " ", w)
                for w in json.loads(script).get("words", {}).values()
                if isinstance(w, str)
            ]  # less placeholders and command-line options: names, not words
            found |= {f for f in ENGLISH for w in given if f in w}
    return found


def search_kinds(root: Path) -> set[str]:
    text = (root / "search-index.js").read_text(encoding="utf-8")
    entries = json.loads(text[text.index("=") + 1 :].rstrip().rstrip(";"))
    return {e["k"] for e in entries}


@pytest.fixture(scope="module", params=["ko", "ja"])
def localised(request, universe, tmp_path_factory):
    out = tmp_path_factory.mktemp(f"site-{request.param}")
    build_site(universe, out, lang=request.param, sparql=False)
    write_sparql_page(out, (out / "stagegraph.ttl").read_text(encoding="utf-8"), request.param)
    return request.param, out


def test_every_language_has_every_interface_word():
    for table, english, neutral in (
        (site_words, site_words.EN, site_words.NEUTRAL),
        (page_words, page_words.EN, {"unknown_opponent"}),
    ):
        for name in ("KO", "JA"):
            missing = set(english) - set(getattr(table, name)) - set(neutral)
            assert not missing, f"{table.__name__}.{name} lacks {sorted(missing)}"


def test_no_english_chrome_is_left_on_any_page_type(localised, universe):
    lang, root = localised
    data = data_texts(universe)
    pages = {**PAGE_TYPES, "sparql": "sparql/index.html"}
    left = {kind: english_in(root / path, data) for kind, path in pages.items()}
    assert {kind: found for kind, found in left.items() if found} == {}, lang
    assert not search_kinds(root) & set(site_words.EN.values()), f"{lang} search index"


def test_html_lang_names_the_language_on_every_page_type(localised):
    lang, root = localised
    for kind, path in {**PAGE_TYPES, "sparql": "sparql/index.html"}.items():
        chrome = Chrome()
        chrome.feed((root / path).read_text(encoding="utf-8"))
        assert chrome.lang == lang, f"{kind} ({path}) says lang={chrome.lang!r}"


def test_the_check_finds_english_chrome_on_every_page_type_of_the_english_site(built_site, universe):  # noqa: F811
    pages, data = {**PAGE_TYPES, "sparql": "sparql/index.html"}, data_texts(universe)
    for kind, path in pages.items():
        assert english_in(built_site.root / path, data), f"{kind} ({path}) shows no English chrome in English"
    assert search_kinds(built_site.root) & set(site_words.EN.values())


CANON = URIRef("https://w3id.org/stagegraph/vocab/canon/canon")
VOCABULARY_PAGES = (
    "character/mizi/index.html",
    "character/till/index.html",
    "bond/mizi-sua-romantic/index.html",
    "bond/urak-till-guardianship/index.html",
    "match/round-5/index.html",
    "source/ship-hl/index.html",
    "song/my-clematis/index.html",
    "episode/round-1/index.html",
)


class Statements(HTMLParser):
    """A page's statements: the texts of their badges (``<span class="badge">``: confidence,
    canon status, revealed in) and of what they say (``<span class="what">``)."""

    def __init__(self):
        super().__init__()
        self.found, self._open = {"badge": [], "what": []}, []

    def handle_starttag(self, tag, attrs):
        if tag == "span":
            kind = next((c for c in (dict(attrs).get("class") or "").split() if c in self.found), None)
            if kind == "badge":
                self.found[kind].append("")
            self._open.append(kind)

    def handle_endtag(self, tag):
        if tag == "span" and self._open:
            self._open.pop()

    def handle_data(self, data):
        kind = next((k for k in reversed(self._open) if k), None)
        if kind == "badge":
            self.found[kind][-1] += data
        elif kind == "what":  # each part of a statement (a link, a text) apart
            self.found[kind].append(data)


def concept_labels(universe, lang: str) -> set[str]:
    graph = universe.ontology.graph
    return {
        str(o)
        for c in graph.subjects(RDF.type, SKOS.Concept)
        for o in graph.objects(c, SKOS.prefLabel)
        if o.language == lang
    }


def entity_names(universe) -> set[str]:
    """The labels of the graph's entities and facts (a bond's "Ivan → Till (romantic, one-sided)",
    a fate's "Fate of Mizi: …") and of the ontology's properties ("episode kind"): English where
    the graph has no other language; less the concepts' labels."""
    graphs = (universe.data.graph, universe.ontology.graph)
    labels = {str(o) for g in graphs for o in g.objects(None, RDFS.label)}
    return labels - {str(o) for lang in LANGUAGES for o in concept_labels(universe, lang)}


def vocabulary(root: Path, lang: str, names: set[str]) -> dict[str, tuple[list[str], set[str]]]:
    """Page → (its badges but "revealed in: …", the pieces of what its statements say, less the
    names, between " · ", ", ", " — " and ": ": a nature, a bond type, an outcome, a role…)."""
    revealed = site_words.words(lang)["revealed"] + ":"
    found = {}
    for path in VOCABULARY_PAGES:
        page = Statements()
        page.feed((root / path).read_text(encoding="utf-8"))
        badges = [b.strip() for b in page.found["badge"] if not b.strip().startswith(revealed)]
        said = [without(what, names) for what in page.found["what"]]
        found[path] = badges, {p.strip(" ·—:") for what in said for p in re.split(r" · |, | — |: ", what)}
    return found


def test_vocabulary_is_in_the_pages_language(localised, universe):
    """Confidence and canon-status badges, natures, bond types, outcomes, roles, source and
    episode kinds are the concepts' labels in --lang, never their English ones."""
    lang, root = localised
    english, own = concept_labels(universe, "en"), concept_labels(universe, lang)
    for path, (badges, pieces) in vocabulary(root, lang, entity_names(universe)).items():
        assert badges or path.startswith("source/"), f"{path} shows no confidence or canon badge"
        assert set(badges) <= own, f"{lang} {path}: badges that are no {lang} concept label: {set(badges) - own}"
        assert not pieces & english, f"{lang} {path}: English vocabulary {sorted(pieces & english)}"
        assert pieces & own, f"{lang} {path} says nothing in the vocabulary"
    canon = str(next(o for o in universe.ontology.graph.objects(CANON, SKOS.prefLabel) if o.language == lang))
    assert canon in vocabulary(root, lang, set())["character/mizi/index.html"][0]


def test_the_vocabulary_check_finds_english_on_the_english_site(built_site, universe):  # noqa: F811
    english = concept_labels(universe, "en")
    for path, (badges, pieces) in vocabulary(built_site.root, "en", entity_names(universe)).items():
        assert (badges or path.startswith("source/")) and set(badges) <= english and pieces & english, path


ATTRIBUTE_PAGES = {
    "character/mizi/index.html": "https://w3id.org/stagegraph/character/mizi",
    "character/till/index.html": "https://w3id.org/stagegraph/character/till",
}
EPISODE_PAGES = {
    "episode/round-1/index.html": "https://w3id.org/stagegraph/episode/round-1",
    "episode/round-4/index.html": "https://w3id.org/stagegraph/episode/round-4",
}
EPISODE_DETAILS = (
    "order",
    "roundNumber",
    "episodeKind",
    "released",
    "releasedMonthDay",
    "videoTitle",
    "durationMinutes",
)


def property_label(universe, prop, lang: str) -> str:
    """The property's label in ``lang``, else its English one (what a page falls back to)."""
    found = {o.language: str(o) for o in universe.ontology.graph.objects(prop, RDFS.label)}
    return found.get(lang, found["en"])


def shown_properties(universe) -> dict[str, set]:
    """Page → the properties it names, a character's attributes and an episode's details, from the RDF."""
    graph, ontology = universe.graph, universe.ontology.graph
    attributes = set(ontology.transitive_subjects(RDFS.subPropertyOf, SG.characterAttribute)) - {SG.characterAttribute}
    found = {
        path: {p for p in attributes if graph.value(URIRef(iri), p) is not None}
        for path, iri in ATTRIBUTE_PAGES.items()
    }
    found |= {
        path: {SG[p] for p in EPISODE_DETAILS if graph.value(URIRef(iri), SG[p]) is not None}
        for path, iri in EPISODE_PAGES.items()
    }
    return found


def named_on(root: Path, path: str, universe, props: set, lang: str) -> set:
    """Those of ``props`` that the page's statements name by their label in ``lang`` ("age: 22",
    "viewing order: 4 · round number: 4")."""
    page = Statements()
    page.feed((root / path).read_text(encoding="utf-8"))
    said = [p for what in page.found["what"] for p in what.split(" · ")]
    return {p for p in props if any(text.startswith(property_label(universe, p, lang) + ": ") for text in said)}


def test_attribute_and_detail_names_are_in_the_pages_language(localised, universe):
    """A character's attributes and an episode's details are named by the properties' labels in
    --lang ("나이: 22", "視聴順: 4"), never by their English ones ("age: 22")."""
    lang, root = localised
    for path, props in shown_properties(universe).items():
        assert props, f"{path} has no attribute or detail to check"
        assert named_on(root, path, universe, props, lang) == props, f"{lang} {path}"
        assert named_on(root, path, universe, props, "en") == set(), f"{lang} {path} names properties in English"


def test_the_attribute_names_check_finds_english_names_on_the_english_site(built_site, universe):  # noqa: F811
    for path, props in shown_properties(universe).items():
        assert props and named_on(built_site.root, path, universe, props, "en") == props, path
