"""The spoiler horizons of the site: which entities and facts exist in the tree of one episode.

One tree per episode in viewing order, plus the full tree. The rule is ``graph --as-of``'s
(network.build): a story fact exists at episode N when its revealing episode is known and at
most N; a character exists when a visible fact names it; real-world facts (people, credits of
visible works) are never spoilers. Facts whose revealing episode is unknown exist only in the
full tree. A text (a note, a source title) that names anything held back is left out of a
horizon tree (``Tree.safe``), so no page, caption or search entry can spoil.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from ..network import build as network
from ..rdf.labels import local_name
from ..rdf.namespaces import BASE, SG

PAGE_KINDS = ("character", "episode", "match", "song", "person", "organization", "bond", "source")
# An IRI's last segment that can be a folder name on any file system and a URL path segment
# that no browser resolves elsewhere: no "." or ".." (nor %2e%2e: no "%" at all), no "/",
# at most 200 characters (file names stop at 255 bytes).
SLUG = r"[A-Za-z0-9_~-][A-Za-z0-9._~-]{0,199}"
_SLUG = re.compile(SLUG)
MIN_NAME = 3  # shorter names are not matched inside texts (too many false alarms)


@dataclass
class Tree:
    """One browsable tree: ``prefix`` is its folder under the site root ("" for the full tree)."""
    slug: str
    label: str
    order: int | None  # the viewing order it is cut at; None: everything
    prefix: str
    net: object
    entities: dict[str, str] = field(default_factory=dict)  # page IRI → kind
    facts: set[str] = field(default_factory=set)  # every fact IRI shown (entities and their statements)
    hidden: set[str] = field(default_factory=set)  # IRIs held back
    names: list[str] = field(default_factory=list)  # names of what is held back, longest first
    later: int = 0  # story facts revealed after this episode
    unknown: int = 0  # story facts whose revealing episode is unknown

    @property
    def full(self) -> bool:
        return self.order is None

    def safe(self, text: str) -> bool:
        """Whether ``text`` may appear in this tree: it names nothing held back."""
        return self.full or not any(name in text for name in self.names)

    def shown(self, text: str) -> str:
        return text if text and self.safe(text) else ""

    def has(self, iri) -> bool:
        return str(iri) in self.entities


def kind_of(iri) -> str | None:
    """The entity kind of an IRI of the form ``BASE<kind>/<slug>``, or None."""
    text = str(iri)
    if not text.startswith(BASE):
        return None
    head, _, slug = text[len(BASE):].partition("/")
    return head if head in PAGE_KINDS and _SLUG.fullmatch(slug) else None


def page_entities(graph) -> dict[str, str]:
    """Every entity with a page in the full tree: IRI → kind. Entities whose paths differ only
    in case get none (one would overwrite the other on a case-insensitive file system)."""
    parts = set(graph.subjects(RDF.type, SG.Slot))  # slots live under match/ but belong to their match
    found = {str(s): kind_of(s) for s in set(graph.subjects(RDF.type, None)) if kind_of(s) and s not in parts}
    folded = Counter(iri.casefold() for iri in found)
    return {iri: kind for iri, kind in found.items() if folded[iri.casefold()] == 1}


def tree_slug(iri: str) -> str:
    """The folder of an episode's tree, ``at/<slug>/``: its IRI's last segment when that is a
    safe folder name, else one made from a digest of the IRI."""
    slug = local_name(iri)
    return slug if _SLUG.fullmatch(slug) else "episode-" + hashlib.sha256(iri.encode()).hexdigest()[:12]


def trees(universe, lang: str = "en", *, horizons: bool = True) -> list[Tree]:
    """The full tree first, then (with ``horizons``) one per ordered episode in viewing order."""
    graph, ontology = universe.graph, universe.ontology.graph
    everything = page_entities(graph)
    episodes = [e for e in network.episodes(graph, lang) if e.order is not None and horizons]
    found = [_tree(graph, ontology, everything, "", "everything", None, lang)]
    for episode in episodes:
        slug = tree_slug(episode.iri)
        found.append(_tree(graph, ontology, everything, slug, episode.label, episode.order, lang))
    return found


def _tree(graph, ontology, everything: dict, slug: str, label: str, order: int | None, lang: str) -> Tree:
    net = network.build(graph, ontology, lang=lang, view="all", cut=order)
    tree = Tree(slug, label, order, f"at/{slug}/" if slug else "", net)
    for iri, kind in everything.items():
        if _visible(graph, net, URIRef(iri), kind, order):
            tree.entities[iri] = kind
    tree.facts = set(tree.entities) | _statements(graph, tree)
    for iri, kind in everything.items():  # sources: those cited by something shown
        if kind == "source" and not tree.full and not any(
                str(s) in tree.facts for s in graph.subjects(SG.source, URIRef(iri))):
            tree.entities.pop(iri, None)
    tree.facts |= set(tree.entities)
    _count_held_back(graph, tree)
    if not tree.full:
        tree.hidden = _held_back(graph, everything, tree)
        tree.names = _names(graph, tree)
    return tree


def _visible(graph, net, node: URIRef, kind: str, order: int | None) -> bool:
    if order is None or kind in ("person", "organization", "source"):
        return True
    if kind == "character":
        return str(node) in net and net.nodes[str(node)].get("kind") == "character"
    if kind == "bond":
        return any(k == str(node) for _, _, k in net.edges(keys=True))
    if kind == "episode":
        return network.visible(network.order_of(graph, node), order)
    if kind == "match":
        return network.visible(network.order_of(graph, graph.value(node, SG.episode)), order)
    if kind == "song":
        return network.visible(network.order_of(graph, graph.value(node, SG.performedIn)), order)
    return False


def credit_visible(graph, tree: Tree, credit) -> bool:
    """A credit is real-world, shown when its work is and the character it voices (if any) is."""
    work, character = graph.value(credit, SG.creditFor), graph.value(credit, SG.asCharacter)
    if work is None or (kind_of(work) == "song" and not tree.has(work)):
        return False
    return character is None or tree.has(character)


def fate_visible(graph, tree: Tree, fate) -> bool:
    character = graph.value(fate, SG.fateOf)
    if not tree.has(character):
        return False
    return tree.full or tree.net.nodes[str(character)].get("fate", {}).get("iri") == str(fate)


def _statements(graph, tree: Tree) -> set[str]:
    """The facts described on the entities' pages: attribute statements, fates, slots, credits."""
    found = set()
    for iri, kind in tree.entities.items():
        node = URIRef(iri)
        if kind == "character":
            found |= {str(s) for s in graph.subjects(SG.statementSubject, node)}
            found |= {str(f) for f in graph.subjects(SG.fateOf, node) if fate_visible(graph, tree, f)}
        elif kind == "match":
            found |= {str(s) for s in graph.objects(node, SG.slot)}
    found |= {str(c) for c in graph.subjects(RDF.type, SG.Credit) if credit_visible(graph, tree, c)}
    return found


def _count_held_back(graph, tree: Tree) -> None:
    if tree.full:  # nothing is held back from the full tree
        return
    story = [(b, graph.value(b, SG.revealedIn)) for b in graph.subjects(RDF.type, SG.Bond)]
    story += [(m, graph.value(m, SG.episode)) for m in graph.subjects(RDF.type, SG.Match)]
    story += [(f, graph.value(f, SG.revealedIn) or graph.value(f, SG.inEpisode))
              for f in graph.subjects(RDF.type, SG.Fate)]
    for _fact, episode in story:
        revealed = network.order_of(graph, episode)
        if revealed is None:
            tree.unknown += 0 if tree.full else 1
        elif tree.order is not None and revealed > tree.order:
            tree.later += 1


def _held_back(graph, everything: dict, tree: Tree) -> set[str]:
    hidden = {iri for iri in everything if iri not in tree.entities}
    for kind in (SG.Fate, SG.Credit, SG.Slot, SG.AttributeStatement):
        hidden |= {str(s) for s in graph.subjects(RDF.type, kind) if str(s) not in tree.facts}
    return hidden


def _names(graph, tree: Tree) -> list[str]:
    """The names of the story entities held back (characters, episodes, songs, matches, bonds)."""
    names = set()
    for iri in tree.hidden:
        if kind_of(iri) in ("person", "organization", "source"):
            continue
        for prop in (RDFS.label, SKOS.altLabel, SKOS.prefLabel):
            names |= {str(o) for o in graph.objects(URIRef(iri), prop) if isinstance(o, Literal)}
    shown = set()
    for iri in tree.entities:
        shown |= {str(o) for o in graph.objects(URIRef(iri), RDFS.label)}
    return sorted((n for n in names - shown if len(n) >= MIN_NAME), key=lambda n: (-len(n), n))
