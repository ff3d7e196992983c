"""The episode that reveals each triple of a universe, as a viewing order (``sg:order``).

The rule, per triple (s, p, o) of the data (the ontology's own triples are always shown):

- **revealing nodes** have an episode of their own: ``sg:revealedIn`` (bonds, fates,
  statements), else what their kind derives (a match's ``sg:episode``, a fate's
  ``sg:inEpisode``, a song's ``sg:performedIn``, a slot's match, an episode's own order).
  A bond, fate, match or slot without one, or with ``sg:revealUnknown true``, is unknown.
  Their triples are revealed at that episode;
- a **direct triple annotated by statements** (same ``sg:statementSubject``,
  ``sg:statementProperty``, ``sg:statementValue``) is revealed at the earliest of those
  statements' episodes, never earlier;
- a **story text** (a literal of a property the ontology marks ``sg:storyText``) on a story
  entity is revealed at its own episode: the later of its node's and its annotating
  statements'; a text with neither is unknown, held back from every horizon tree;
- an entity's **identity and plain profile** (type, names, attributes that no revealing
  statement annotates) appear with its first revealed fact: a revealing node that names it,
  or the profile of an entity already shown (a garden, a blank node);
- **real-world** things (instances of classes the ontology marks ``sg:realWorld``: people,
  credits, sources, the series) are never spoilers, but one that names story entities (a
  credit for a song, a voice of a character) appears only once all of them have, and the
  texts of one (a singer's note) only once those of its credits have;
- and a triple appears only once every story entity it names has appeared.

A horizon is a number: ``ALWAYS`` (minus infinity), a viewing order, or ``UNKNOWN`` (plus
infinity: only the full tree shows it).
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from ..rdf.namespaces import SG

ALWAYS, UNKNOWN = -math.inf, math.inf
TRUE = ("true", "1")

# What the ontology declares (``sg:storyText``, ``sg:realWorld``), with these as the floor, so
# that an older or foreign ontology without the declarations still holds its texts back.
STORY_TEXTS = (SG.note, SG.appearance, SG.storyRole, SG.background)
REAL_WORLD = (SG.Person, SG.Organization, SG.Credit, SG.Source, SG.Series)
STORY_STATEMENTS = (SG.Bond, SG.Fate, SG.Match, SG.Slot)  # unknown when they reveal nothing
DATING = (SG.episode, SG.inEpisode, SG.performedIn)  # a node's episode when it has no sg:revealedIn
ANNOTATION = (SG.statementSubject, SG.statementProperty, SG.statementValue)


# Terms made once: an rdflib namespace makes a new term at each attribute read (millions here).
TYPE, SUBCLASS = RDF.type, RDFS.subClassOf
S_ORDER = SG.order
S_SOURCE = SG.source
S_COVERS_UP_TO = SG.coversUpTo
S_REVEAL_UNKNOWN = SG.revealUnknown
S_REVEALED_IN = SG.revealedIn
S_EPISODE = SG.Episode
S_SLOT = SG.slot
S_STATEMENT_SUBJECT = SG.statementSubject
S_STATEMENT_PROPERTY = SG.statementProperty
S_STATEMENT_VALUE = SG.statementValue
S_SPOILER_FREE = SG.spoilerFree
S_STORY_TEXT = SG.storyText
S_REAL_WORLD = SG.realWorld
S_NOTE = SG.note


def _true(term) -> bool:
    return isinstance(term, Literal) and str(term).strip().lower() in TRUE


class Horizon:
    """Every data triple's horizon in one universe, computed once (``graph``: data and
    ontology merged, as ``Universe.graph``; ``ontology``: the ontology alone)."""

    def __init__(self, graph, ontology):
        self.ontology = ontology
        self.texts = set(STORY_TEXTS) | {p for p, o in ontology.subject_objects(S_STORY_TEXT) if _true(o)}
        self.out: dict = defaultdict(list)  # data subject → [(p, o)]
        defined = set(ontology.subjects())  # the ontology's own triples are no facts of the story
        for s, p, o in graph:
            if s not in defined or (s, p, o) not in ontology:
                self.out[s].append((p, o))
        self.real = self._real_world()
        self.order = {s: _int(o) for s in self.out for p, o in self.out[s] if p == S_ORDER}
        self.revealing = self._revealing()
        self.annotated, self.profile_statements = self._annotations()
        self.visible = self._identities()
        self._needs: dict = {}
        self._told: dict = {}
        self._source: dict = {}
        self._cites = defaultdict(list)  # source → the subjects citing it
        self.covers: dict = {}  # source → the order of the last episode it discusses (sg:coversUpTo)
        for s, pairs in self.out.items():
            for p, o in pairs:
                if p == S_SOURCE:
                    self._cites[o].append(s)
                elif p == S_COVERS_UP_TO:
                    last = self.order.get(o)
                    self.covers[s] = max(self.covers.get(s, ALWAYS), UNKNOWN if last is None else last)
        self._named_by = defaultdict(list)  # real-world thing → the real-world things that name it
        for s in self.real:
            for _, o in self.out[s]:
                if o in self.real and o != s:
                    self._named_by[o].append(s)

    # -- the parts ----------------------------------------------------------------------
    def _real_world(self) -> set:
        declared = set(REAL_WORLD) | {c for c, o in self.ontology.subject_objects(S_REAL_WORLD) if _true(o)}
        classes = set()
        for c in declared:
            classes |= set(self.ontology.transitive_subjects(SUBCLASS, c))
        return {s for s, pairs in self.out.items() if any(p == TYPE and o in classes for p, o in pairs)}

    def _episode(self, episode) -> float:
        found = self.order.get(episode)
        return UNKNOWN if found is None else found

    def _revealing(self) -> dict:
        """Revealing node → its horizon."""
        found = {}
        for s, pairs in self.out.items():
            if s in self.real:
                continue
            props = defaultdict(list)
            for p, o in pairs:
                props[p].append(o)
            if any(_true(o) for o in props.get(S_REVEAL_UNKNOWN, ())):
                found[s] = UNKNOWN
            elif S_REVEALED_IN in props:
                found[s] = min(self._episode(e) for e in props[S_REVEALED_IN])
            elif S_EPISODE in props.get(TYPE, ()):
                found[s] = self._episode(s)
            elif any(d in props for d in DATING):
                found[s] = min(self._episode(e) for d in DATING for e in props.get(d, ()))
            elif any(t in STORY_STATEMENTS for t in props.get(TYPE, ())):
                found[s] = UNKNOWN
        for s, pairs in self.out.items():  # a slot is revealed with its match (unless it says otherwise)
            for p, slot in pairs:
                if p == S_SLOT and self.story(slot) and s not in self.real and not self._dated(slot):
                    found[slot] = found.get(s, UNKNOWN)
        return found

    def _dated(self, node) -> bool:
        return any(p in (S_REVEALED_IN, S_REVEAL_UNKNOWN) for p, _ in self.out.get(node, ()))

    def _annotations(self) -> tuple[dict, dict]:
        """(subject, property, value) → the earliest horizon of the statements with an episode
        (or ``sg:revealUnknown``) that annotate it; and each statement without one → the
        subject it annotates (a profile statement: its identity follows that subject's)."""
        annotated, profile = {}, {}
        self.statement_of = {}  # statement → the triple it annotates
        for s, pairs in self.out.items():
            said = {p: o for p, o in pairs if p in ANNOTATION}
            if len(said) < 3:
                continue
            key = (said[S_STATEMENT_SUBJECT], said[S_STATEMENT_PROPERTY], said[S_STATEMENT_VALUE])
            self.statement_of[s] = key
            if s in self.revealing:
                annotated[key] = min(annotated.get(key, UNKNOWN), self.revealing[s])
            else:
                profile[s] = said[S_STATEMENT_SUBJECT]
        return annotated, profile

    def story(self, term) -> bool:
        """Whether ``term`` is a story entity: a data subject that is not real-world."""
        return isinstance(term, (URIRef, BNode)) and term in self.out and term not in self.real

    def _identities(self) -> dict:
        """Story entity → the horizon of its first revealed fact (Dijkstra over "shown with")."""
        best: dict = dict(self.revealing)
        follows = defaultdict(list)  # entity → entities shown as soon as it is
        for s, pairs in self.out.items():
            if s in self.real:
                continue
            for p, o in pairs:
                if p in self.texts or p == TYPE:
                    continue
                others = [t for t in (s, o) if self.story(t) and t not in self.revealing]
                horizon = self._own(s, p, o)
                if horizon is not None:
                    for t in others:
                        best[t] = min(best.get(t, UNKNOWN), horizon)
                elif self.story(o) and o not in self.revealing and s not in self.profile_statements:
                    follows[s].append(o)
        for statement, subject in self.profile_statements.items():
            follows[subject].append(statement)
        heap = [(h, id(n), n) for n, h in best.items() if h != UNKNOWN]
        heapq.heapify(heap)
        while heap:
            h, _, node = heapq.heappop(heap)
            if best.get(node, UNKNOWN) < h:
                continue
            for nxt in follows.get(node, ()):
                if nxt not in self.revealing and h < best.get(nxt, UNKNOWN):
                    best[nxt] = h
                    heapq.heappush(heap, (h, id(nxt), nxt))
        return best

    def _own(self, s, p, o) -> float | None:
        """The horizon a fact sets by itself (a revealing node's, an annotation's), or None."""
        if s in self.revealing:
            return self.revealing[s]
        return self.annotated.get((s, p, o))

    # -- the answers ----------------------------------------------------------------------
    def revealed(self, node) -> int | None:
        """The viewing order a revealing node (a bond, fate, match, …) is revealed at, or None."""
        found = self.revealing.get(node, UNKNOWN)
        return None if found in (UNKNOWN, ALWAYS) else int(found)

    def entity(self, node) -> float:
        """When an entity first appears (ALWAYS for real-world things and terms not in the data)."""
        if not self.story(node):
            return ALWAYS
        return self.visible.get(node, UNKNOWN)

    def needs(self, node) -> float:
        """A real-world thing is no spoiler, but it appears only once every story entity it
        names has (a credit for a song, a voice of a character)."""
        if node not in self._needs:
            self._needs[node] = max((self.entity(o) for _, o in self.out.get(node, ())), default=ALWAYS)
        return self._needs[node]

    def source(self, node) -> float:
        """From which episode a source may be shown: never a spoiler when marked
        ``sg:spoilerFree``; else from the last episode it discusses (``sg:coversUpTo``), when
        the data says; else once everything it is cited for is revealed."""
        if node not in self._source:
            said = self.out.get(node, ())
            if any(p == S_SPOILER_FREE and _true(o) for p, o in said):
                found = ALWAYS
            elif node in self.covers:
                found = self.covers[node]
            else:
                found = max((self.triple(s, S_SOURCE, node) for s in self._cites.get(node, ())), default=ALWAYS)
            self._source[node] = found
        return self._source[node]

    def told(self, node) -> float:
        """A real-world thing's texts may name what it made (a singer's note names the song and
        the character): they wait for the story entities of the real-world things that name it
        (its credits) too."""
        if node not in self._told:
            self._told[node] = max([self.needs(node)] + [self.needs(s) for s in self._named_by.get(node, ())])
        return self._told[node]

    def text(self, s, p, o) -> float:
        """A story text's own horizon (without its subject's identity): the later of its
        node's and its annotating statements'; unknown when it has neither."""
        node = self.revealing.get(s)
        annotated = self.annotated.get((s, p, o))
        if annotated is not None:
            return annotated if node is None else max(annotated, node)
        return UNKNOWN if node is None else node

    def triple(self, s, p, o) -> float:
        """The horizon of one data triple."""
        if s in self.real:
            return self.told(s) if p in self.texts and isinstance(o, Literal) else self.needs(s)
        if p in self.texts and isinstance(o, Literal):
            found = max(self.text(s, p, o), self.entity(s))
        else:
            own = self._own(s, p, o)
            found = max(self.entity(s) if own is None else own, self.entity(s), self.entity(o))
        annotates = self.statement_of.get(s)
        if annotates is not None and annotates[0] != s:  # a statement never shows more than what it annotates
            found = max(found, self.triple(*annotates))
        return found

    def triples(self):
        """Every data triple with its horizon."""
        for s, pairs in self.out.items():
            for p, o in pairs:
                yield (s, p, o), self.triple(s, p, o)

    def is_text(self, s, p, o) -> bool:
        return p in self.texts and isinstance(o, Literal) and s not in self.real


def _int(term) -> int | None:
    try:
        return int(term)
    except (TypeError, ValueError):
        return None
