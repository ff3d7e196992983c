"""The site's trees: the full tree, and one per episode in viewing order.

What each episode's tree holds is decided per triple by ``horizon`` (the same rule as
``graph --as-of``, ``show``, ``analyze`` and ``stats``): a tree is written from the graph as of
its episode (``Universe.at``), so its pages, Turtle, JSON-LD, search index and SPARQL data
cannot hold anything revealed later. Sources that discuss later episodes are withheld from it
(``Tree.withheld``: opaque tokens in their place).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field

from rdflib import URIRef
from rdflib.namespace import RDF

from ..network import graph as network
from ..rdf.labels import local_name
from ..rdf.namespaces import BASE, SG

PAGE_KINDS = ("character", "episode", "match", "song", "person", "organization", "bond", "source")
# An IRI's last segment that can be a folder name on any file system and a URL path segment
# that no browser resolves elsewhere: no "." or ".." (nor %2e%2e: no "%" at all), no "/",
# at most 200 characters (file names stop at 255 bytes).
SLUG = r"[A-Za-z0-9_~-][A-Za-z0-9._~-]{0,199}"
_SLUG = re.compile(SLUG)


@dataclass
class Tree:
    """One browsable tree: ``prefix`` is its folder under the site root ("" for the full tree)."""

    slug: str
    label: str
    order: int | None  # the viewing order it is cut at; None: everything
    prefix: str
    net: object
    graph: object = None  # what the tree shows: the graph as of its episode (data and ontology)
    entities: dict[str, str] = field(default_factory=dict)  # page IRI → kind
    facts: set[str] = field(default_factory=set)  # every subject the tree holds
    withheld: dict = field(default_factory=dict)  # fact → tokens of the sources withheld from it
    later: int = 0  # story facts revealed after this episode
    unknown: int = 0  # story facts whose revealing episode is unknown

    @property
    def full(self) -> bool:
        return self.order is None

    def has(self, iri) -> bool:
        return str(iri) in self.entities


def kind_of(iri) -> str | None:
    """The entity kind of an IRI of the form ``BASE<kind>/<slug>``, or None."""
    text = str(iri)
    if not text.startswith(BASE):
        return None
    head, _, slug = text[len(BASE) :].partition("/")
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
    episodes = [e for e in network.episodes(universe.graph, lang) if e.order is not None and horizons]
    everything = page_entities(universe.graph)
    found = [_tree(universe, everything, "", "everything", None, lang)]
    for episode in episodes:
        found.append(_tree(universe, everything, tree_slug(episode.iri), episode.label, episode.order, lang))
    return found


def _tree(universe, everything: dict, slug: str, label: str, order: int | None, lang: str) -> Tree:
    seen = universe.at(order)
    graph, ontology = seen.graph, universe.ontology.graph
    with network.withholding(seen.withheld):
        net = network.build(graph, ontology, lang=lang, view="all", cut=order, horizon=universe.horizon)
    tree = Tree(slug, label, order, f"at/{slug}/" if slug else "", net, graph)
    tree.facts = {str(s) for s in set(graph.subjects())}
    for iri, kind in everything.items():
        if (order is None or iri in tree.facts) and _visible(graph, net, URIRef(iri), kind, order):
            tree.entities[iri] = kind
    if order is not None:
        tree.withheld = seen.cut.withheld
        tree.later = sum(1 for h in universe.horizon.revealing.values() if order < h < float("inf"))
        tree.unknown = sum(1 for h in universe.horizon.revealing.values() if h == float("inf"))
    return tree


def _visible(graph, net, node: URIRef, kind: str, order: int | None) -> bool:
    """Which entities of the tree's graph get a page: a character or bond that is drawn, a
    source cited by something the tree holds; everything else the graph holds."""
    if order is None:
        return True
    if kind == "character":
        return str(node) in net and net.nodes[str(node)].get("kind") == "character"
    if kind == "bond":
        return any(k == str(node) for _, _, k in net.edges(keys=True))
    if kind == "source":
        return any(True for _ in graph.subjects(SG.source, node))
    return True
