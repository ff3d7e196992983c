"""An oracle for the spoiler wall on the bundled universe (issue #24), written apart from the
engine: the rule of which episode reveals each triple is worked out here in plain Python over
rdflib, without importing stagegraph's horizon code. Every data triple in every tree
``at/<episode>/`` of the built site (its Turtle, N-Triples, JSON-LD, and the SPARQL page's graph)
must be one the oracle shows at that episode's viewing order; no triple names a withheld
source; and each tree does hold the oracle's facts about several entities.

The rule, per triple, as "revealed at order k" (shown in the trees of order k and later):

- a statement node (bond, fate, attribute or text statement) is revealed at its sg:revealedIn
  (a fate may give sg:inEpisode instead); a match at its sg:episode, a slot with its match, a
  song at its first sg:performedIn, an episode's own facts at its sg:order; sg:revealUnknown
  true or no episode at all: never (the full tree only);
- a direct triple annotated by a statement (subject, property and value) is revealed at the
  statement's episode (and not before its subject or the node it is on);
- a character's (or place's) identity and plain profile appear from its first revealed fact
  (a bond, a slot, a fate, a song it sings, an attribute or text statement revealed about it);
  a story text on it needs a statement of its own;
- real-world things (people, organisations, credits, sources, series) are never spoilers, and
  an episode's IRI and names are not; but a triple naming a story entity waits for it;
- a source that says the last episode it discusses (sg:coversUpTo) is withheld from the trees
  before that episode; one that does not, when it is cited for anything revealed after N (or
  never); never one marked sg:spoilerFree true.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from helpers import ROOT
from site_fixtures import built_site  # noqa: F401  (the bundled site, built once per session)

pytestmark = pytest.mark.slow  # parses every Turtle and JSON-LD file of a dozen trees

SG = Namespace("https://w3id.org/stagegraph/ns#")
ALWAYS, NEVER = -math.inf, math.inf
IDENTITY = {RDF.type, RDFS.label, SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel}
STORY_TEXT = {SG.note, SG.appearance, SG.storyRole, SG.background}
REAL_WORLD = {SG.Person, SG.Organization, SG.Agent, SG.Credit, SG.Source, SG.Series}
SG_DATA = re.compile(r'<script id="sg-data" type="application/json">(.*?)</script>', re.S)


def parse_folder(folder: Path) -> Graph:
    graph = Graph()
    for path in sorted(folder.glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph


class Oracle:
    def __init__(self, data: Graph, ontology: Graph):
        self.data = data
        parents: dict = {}
        for sub, sup in ontology.subject_objects(RDFS.subClassOf):
            parents.setdefault(sub, set()).add(sup)

        def ancestors(cls, seen=None):
            seen = seen if seen is not None else set()
            if cls not in seen:
                seen.add(cls)
                for parent in parents.get(cls, ()):
                    ancestors(parent, seen)
            return seen

        self.classes = {}
        for node, cls in data.subject_objects(RDF.type):
            self.classes.setdefault(node, set()).update(ancestors(cls))
        self.order = {e: int(o) for e, o in data.subject_objects(SG.order)}
        self.first: dict = {}  # a character's first revealing fact; a place's first character
        for prop in (SG["from"], SG.to, SG.contestant, SG.fateOf, SG.performedBy):
            for fact, character in data.subject_objects(prop):
                self.first[character] = min(self.first.get(character, NEVER), self.episode_of(fact))
        for statement, subject in data.subject_objects(SG.statementSubject):  # a text or attribute revealed
            if data.value(statement, SG.revealedIn) is not None:  # about it reveals it too
                self.first[subject] = min(self.first.get(subject, NEVER), self.episode_of(statement))
        for character, place in data.subject_objects(SG.garden):
            self.first[place] = min(self.first.get(place, NEVER), self.first.get(character, NEVER))
        self.annotations: dict = {}
        for statement in set(data.subjects(SG.statementSubject, None)):
            key = (
                data.value(statement, SG.statementSubject),
                data.value(statement, SG.statementProperty),
                data.value(statement, SG.statementValue),
            )
            self.annotations[key] = min(self.annotations.get(key, NEVER), self.episode_of(statement))
        self.triples = {t: self.reveal(t) for t in data}
        self.spoiler_free = {s for s, o in data.subject_objects(SG.spoilerFree) if o.toPython() is True}
        self.cited: dict = {}
        for t, k in self.triples.items():
            if t[1] == SG.source:
                self.cited[t[2]] = max(self.cited.get(t[2], ALWAYS), k)
        for source, last in data.subject_objects(SG.coversUpTo):  # what it covers decides, when known
            self.cited[source] = self.at(last)

    def is_a(self, node, cls) -> bool:
        return cls in self.classes.get(node, ())

    def real_world(self, node) -> bool:
        return any(self.is_a(node, cls) for cls in REAL_WORLD)

    def at(self, episode) -> float:
        return self.order.get(episode, NEVER) if episode is not None else NEVER

    def episode_of(self, node) -> float:
        """The order of the episode that reveals a statement node (NEVER: none)."""
        data = self.data
        if (node, SG.revealUnknown, None) in data and data.value(node, SG.revealUnknown).toPython() is True:
            return NEVER
        if data.value(node, SG.revealedIn) is not None:
            return self.at(data.value(node, SG.revealedIn))
        if self.is_a(node, SG.Fate):
            return self.at(data.value(node, SG.inEpisode))
        if self.is_a(node, SG.Match):
            return self.at(data.value(node, SG.episode))
        if self.is_a(node, SG.Slot):
            return self.episode_of(data.value(None, SG.slot, node))
        if self.is_a(node, SG.Song):
            return min((self.at(e) for e in data.objects(node, SG.performedIn)), default=NEVER)
        if self.is_a(node, SG.Episode):
            return self.at(node)
        if (node, SG.statementSubject, None) in data:  # a statement that says nothing: its subject's
            subject, prop = data.value(node, SG.statementSubject), data.value(node, SG.statementProperty)
            return NEVER if prop in STORY_TEXT else self.appears(subject)
        return NEVER

    def revealing(self, node) -> bool:
        return (node, SG.statementSubject, None) in self.data or any(
            self.is_a(node, cls) for cls in (SG.Bond, SG.Fate, SG.Match, SG.Slot, SG.Song, SG.Statement)
        )

    def story(self, node) -> bool:
        return (
            isinstance(node, URIRef)
            and node in self.classes
            and not self.real_world(node)
            and not self.is_a(node, SG.Episode)
        )

    def appears(self, node) -> float:
        if not self.story(node):
            return ALWAYS
        if self.revealing(node):
            return self.episode_of(node)
        return self.first.get(node, NEVER)

    def reveal(self, triple) -> float:
        s, p, o = triple
        annotated = self.annotations.get(triple)
        if self.real_world(s):
            base = ALWAYS
        elif self.is_a(s, SG.Episode):
            base = ALWAYS if p in IDENTITY else self.at(s)
        elif self.revealing(s):
            base = self.episode_of(s)
            if annotated is not None:
                base = max(base, annotated)
        elif self.story(s):  # a character or a place
            base = self.appears(s)
            if annotated is not None:
                base = max(base, annotated)
            elif p in STORY_TEXT:
                base = NEVER
        else:
            base = ALWAYS
        return max(base, self.appears(o))

    def withheld(self, order: int) -> set:
        return {src for src, k in self.cited.items() if k > order and src not in self.spoiler_free}

    def visible(self, order: int) -> set:
        hidden = self.withheld(order)
        return {t for t, k in self.triples.items() if k <= order and t[0] not in hidden and t[2] not in hidden}


@pytest.fixture(scope="module")
def oracle() -> Oracle:
    return Oracle(parse_folder(ROOT / "data"), parse_folder(ROOT / "ontology"))


def tree_graphs(tree: Path):
    """``(file, graph)`` for every RDF file of a tree, and the SPARQL page's graph."""
    for path in sorted(tree.rglob("*")):
        if path.suffix in (".ttl", ".nt", ".jsonld"):
            graph = Graph()
            graph.parse(path, format={".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld"}[path.suffix])
            yield path, graph
        elif path.name == "index.html" and path.parent.name == "sparql":
            found = SG_DATA.search(path.read_text(encoding="utf-8"))
            if found:
                graph = Graph()
                graph.parse(data=json.loads(found.group(1))["graph"], format="turtle")
                yield path, graph


def test_every_tree_holds_only_what_the_oracle_shows(built_site, oracle):  # noqa: F811
    root = built_site.root
    trees = {e: k for e, k in oracle.order.items()}
    assert trees, "the bundled universe has ordered episodes"
    failures, checked = [], 0
    for episode, order in sorted(trees.items(), key=lambda item: item[1]):
        tree = root / "at" / str(episode).rsplit("/", 1)[-1]
        assert tree.is_dir(), tree
        visible, hidden = oracle.visible(order), oracle.withheld(order)
        hidden_urls = {str(u) for src in hidden for u in oracle.data.objects(src, SG.url)}
        later = {n for n in oracle.classes if oracle.story(n) and oracle.appears(n) > order}
        shown: set = set()
        for path, graph in tree_graphs(tree):
            for triple in graph:
                checked += 1
                where = f"at/{tree.name}/ (order {order}): {path.relative_to(root)}"
                if triple in oracle.triples:
                    if triple in visible:
                        shown.add(triple)
                    else:
                        k = oracle.triples[triple]
                        failures.append(f"{where}: {' '.join(t.n3() for t in triple)} (revealed at {k})")
                        continue
                named = [t for t in triple if t in hidden or (isinstance(t, Literal) and str(t) in hidden_urls)]
                if named:
                    failures.append(f"{where}: names the withheld source {named[0].n3()}")
                later_named = [t for t in (triple[0], triple[2]) if t in later]
                if later_named and triple not in oracle.triples:
                    failures.append(
                        f"{where}: names {later_named[0].n3()}, which appears at "
                        f"{oracle.appears(later_named[0])}: {' '.join(t.n3() for t in triple)}"
                    )
        subjects = {s for s, _, _ in shown}
        if len(subjects) < 3:
            failures.append(
                f"at/{tree.name}/ (order {order}) holds the oracle's facts about only {len(subjects)} entities"
            )
        met = {c for c in oracle.classes if oracle.is_a(c, SG.Character) and oracle.appears(c) <= order}
        if met and not met & subjects:
            failures.append(f"at/{tree.name}/ (order {order}) shows none of the {len(met)} characters met by then")
    assert checked
    assert not failures, f"{len(failures)} failures:\n" + "\n".join(failures[:40])


def test_the_oracle_is_not_trivial(oracle):
    """It holds back something at every order but the last, and shows more as orders grow."""
    orders = sorted(set(oracle.order.values()))
    sizes = [len(oracle.visible(k)) for k in orders]
    assert sizes == sorted(sizes) and sizes[0] < sizes[-1] < len(oracle.triples)
    assert any(k == NEVER for k in oracle.triples.values())
