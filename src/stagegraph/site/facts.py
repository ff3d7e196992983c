"""Each entity's page as data: titled sections of statements, each with its anchor, confidence,
canon status and numbered sources. Read from the tree's graph (the universe as of its
episode, ``horizon``) and its networkx graph; nothing here is HTML (the templates draw it)."""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF

from ..network import card as cards
from ..network import graph as network
from ..rdf.labels import local_name, names
from ..rdf.namespaces import SG, short
from . import memo
from .memo import label

LINK_SCHEMES = ("http://", "https://")
META, NOTE = (SG.confidence, SG.canonStatus), SG.note  # made once (a namespace makes a term per read)


PLAIN = re.compile(r"[A-Za-z0-9]+:[A-Za-z0-9_.-]+")  # a prefixed name whose local part is a safe fragment


@lru_cache(maxsize=1 << 17)
def anchor(iri) -> str:
    """A stable fragment for a fact: ``bond:mizi-sua-romantic`` → ``bond-mizi-sua-romantic``; any
    other IRI (``statement/a/b`` would slug like ``statement:a-b``) → ``x-`` and a digest of it."""
    name = short(iri)
    if PLAIN.fullmatch(name):
        return name.replace(":", "-")
    return "x-" + hashlib.sha256(str(iri).encode("utf-8")).hexdigest()[:16]


def link(text: str, iri=None) -> dict:
    return {"text": str(text), "iri": str(iri) if iri is not None else ""}


def url(text: str, address: str) -> dict:
    """An external link, kept clickable only when it is http or https."""
    return {"text": str(text), "url": address if address.startswith(LINK_SCHEMES) else ""}


def resolved(parts: list, href) -> list[dict]:
    """``parts`` with each one's link worked out for one page: ``href(iri, fragment)`` is the
    relative link to an entity's page from there ("" when the tree has none); an external
    ``url`` (http or https only) wins over both."""
    return [
        {**p, "url": p.get("url", ""), "href": "" if p.get("url") else href(p.get("iri"), p.get("fragment", ""))}
        for p in parts
    ]


class Page:
    """One page being filled: its sections, its numbered sources and where each fact is anchored."""

    def __init__(self, site, iri: str, kind: str):
        self.site, self.tree, self.graph, self.lang = site, site.tree, site.graph, site.lang
        self.iri, self.kind = iri, kind
        self.title = label(self.graph, URIRef(iri), self.lang)
        self.names = names(self.graph, URIRef(iri))
        self.note, self.sections, self.sources, self.held = "", [], [], 0
        self.ids: set[str] = set()
        self.numbered: dict[str, int] = {}  # source IRI → its number on this page

    def unique(self, wanted: str) -> str:
        """``wanted``, or ``wanted-2``, ``-3``…: a fact listed twice on a page (a song under each
        of its singers) still gets ids that differ."""
        found, n = wanted, 1
        while found in self.ids:
            n += 1
            found = f"{wanted}-{n}"
        self.ids.add(found)
        return found

    def refs(self, fact) -> list[int]:
        numbers = []
        for source in memo.sources(self.graph, fact):
            if not self.tree.has(source["iri"]):
                continue
            if source["iri"] not in self.numbered:
                self.sources.append({**source, "title": source["title"] or self.site.w["source"]})
                self.numbered[source["iri"]] = len(self.sources)
            numbers.append(self.numbered[source["iri"]])
        for token in self.tree.withheld.get(fact, ()):  # a source that discusses later episodes
            if token not in self.numbered:
                self.sources.append({"iri": "", "title": self.site.w["withheld_source"], "url": "", "token": token})
                self.numbered[token] = len(self.sources)
            numbers.append(self.numbered[token])
        return sorted(numbers)

    def notes(self, fact) -> str:
        """The fact's notes in the tree, earliest revealed first (``horizon``)."""
        told = [o for p, o in memo.index(self.graph).outgoing.get(fact, ()) if p == NOTE]
        if len(told) < 2:
            return str(told[0]) if told else ""
        horizon = self.site.universe.horizon
        return " ".join(str(t) for t in sorted(told, key=lambda t: (horizon.text(fact, NOTE, t), str(t))))

    def item(self, fact, parts: list, *, note: str = "", meta: list | None = None) -> dict:
        fact = URIRef(str(fact))
        meta = list(meta or [])
        for prop in META:
            value = memo.value(self.graph, fact, prop)
            if value is not None:
                meta.append(label(self.graph, value, self.lang))
        fragment = anchor(fact)
        self.site.home_of.setdefault(str(fact), (self.iri, fragment))
        return {
            "id": self.unique(fragment),
            "parts": parts,
            "meta": meta,
            "refs": self.refs(fact),
            "note": note or self.notes(fact),
        }

    def section(self, key: str, items: list) -> None:
        if items:
            self.sections.append({"heading": self.site.w.get(key, key), "id": key, "items": items})

    def data(self) -> dict:
        path = self.site.path_of(self.iri)
        href = self.site.linker(path)
        for section in self.sections:
            for item in section["items"]:
                item["parts"] = resolved(item["parts"], href)
        for source in self.sources:
            if source.get("token"):  # to a warning page outside the tree, named by the token alone
                warning = self.site.relative(f"spoiler/{source['token']}/index.html", path)
                source["parts"] = [{"text": source["title"], "iri": "", "url": "", "href": warning}]
                continue
            address = [link(" · "), url(source["url"], source["url"])] if source["url"] else []
            source["parts"] = resolved([link(source["title"], source["iri"])] + address, href)
        return {
            "iri": self.iri,
            "kind": self.kind,
            "title": self.title,
            "names": self.names,
            "note": self.note,
            "sections": self.sections,
            "sources": self.sources,
            "held": self.held,
        }


def about(page: Page, extra: list | None = None) -> None:
    """The entity's own statement: its note, confidence and sources, anchored ``about``."""
    node = URIRef(page.iri)
    item = page.item(node, extra or [link(page.title)])
    page.note = item["note"]
    if item["refs"] or item["meta"] or extra:
        page.section("about", [item])


def revealed_in(page: Page, episode) -> list[str]:
    if episode is None:
        return [f"{page.site.w['revealed']}: {page.site.w['unknown_episode']}"]
    return [f"{page.site.w['revealed']}: {label(page.graph, episode, page.lang)}"]


def character(page: Page) -> None:
    graph, tree, node = page.graph, page.tree, URIRef(page.iri)
    about(page)
    attrs = memo.attributes(graph, node, page.site.attribute_properties, page.lang)
    page.section(
        "attributes",
        [page.item(s, [link(f"{name}: {value}")]) for name, value, statements in attrs for s in statements],
    )
    fates = list(graph.subjects(SG.fateOf, node))
    page.section(
        "fate",
        [
            page.item(
                f,
                [link(label(graph, f, page.lang))],
                meta=revealed_in(page, memo.value(graph, f, SG.revealedIn) or memo.value(graph, f, SG.inEpisode)),
            )
            for f in sorted(fates)
        ],
    )
    slots = [s for s in graph.subjects(SG.contestant, node)]
    matches = [(graph.value(predicate=SG.slot, object=s), s) for s in slots]
    page.section(
        "matches",
        [
            page.item(
                s,
                [
                    link(label(graph, m, page.lang), m),
                    link(" — "),
                    link(label(graph, memo.value(graph, s, SG.outcome), page.lang)),
                ],
            )
            for m, s in sorted(matches, key=lambda p: _order(graph, p[0]))
            if tree.has(m)
        ],
    )
    songs = sorted((s for s in graph.subjects(SG.performedBy, node) if tree.has(s)), key=lambda s: label(graph, s))
    page.section("songs", [page.item(s, [link(label(graph, s, page.lang), s)]) for s in songs])
    voices = [c for c in graph.subjects(SG.asCharacter, node) if _credited(graph, c)]
    page.section("voices", [_credit(page, c) for c in sorted(voices)])
    page.section("bonds", [_bond_line(page, b) for b in cards.bonds(tree.net, page.iri)])
    page.held = _held(page, node)


def _bond_line(page: Page, bond: dict) -> dict:
    """A bond on a character's page, with the episode that reveals it, linked."""
    arrow = page.site.w[bond["direction"]]
    episode = memo.value(page.graph, URIRef(bond["bond"]), SG.revealedIn)
    when = (
        [link(f" · {page.site.w['revealed']} "), link(label(page.graph, episode, page.lang), episode)]
        if episode is not None
        else [link(f" · {page.site.w['revealed']}: {page.site.w['unknown_episode']}")]
    )
    return page.item(
        bond["bond"],
        [link(arrow + " "), link(bond["other_label"], bond["other"]), link(" · "), link(bond["label"], bond["bond"])]
        + when,
    )


def _credited(graph, credit) -> bool:
    return memo.value(graph, credit, SG.creditFor) is not None


def _held(page: Page, node) -> int:
    """How many bonds, fates and matches of the character the tree holds back (read from the
    full graph: the tree's own cannot know)."""
    if page.tree.full:
        return 0
    graph = page.site.universe.graph
    facts = [b for b in graph.subjects(SG["from"], node)] + [b for b in graph.subjects(SG.to, node)]
    facts += list(graph.subjects(SG.fateOf, node))
    facts += [graph.value(predicate=SG.slot, object=s) for s in graph.subjects(SG.contestant, node)]
    return sum(1 for f in set(facts) if f is not None and str(f) not in page.tree.facts)


def _order(graph, match) -> int:
    return network.order_of(graph, memo.value(graph, match, SG.episode)) or 0


def _credit(page: Page, credit) -> dict:
    graph = page.graph
    agent, work = memo.value(graph, credit, SG.agent), memo.value(graph, credit, SG.creditFor)
    role, as_character = memo.value(graph, credit, SG.role), memo.value(graph, credit, SG.asCharacter)
    parts = [
        link(label(graph, agent, page.lang), agent),
        link(f" — {label(graph, role, page.lang)} — "),
        link(label(graph, work, page.lang), work),
    ]
    if as_character is not None:
        parts += [link(" — "), link(label(graph, as_character, page.lang), as_character)]
    return page.item(credit, parts)


def episode(page: Page) -> None:
    graph, tree, node = page.graph, page.tree, URIRef(page.iri)
    details = []
    for prop in (
        SG.order,
        SG.roundNumber,
        SG.episodeKind,
        SG.released,
        SG.releasedMonthDay,
        SG.videoTitle,
        SG.durationMinutes,
    ):
        for value in graph.objects(node, prop):
            text = label(graph, value, page.lang) if isinstance(value, URIRef) else str(value)
            details.append(f"{label(graph, prop, page.lang)}: {text}")
    about(page, [link(" · ".join(details))] if details else None)
    matches = sorted(m for m in graph.subjects(SG.episode, node) if tree.has(m))
    songs = sorted(s for s in graph.subjects(SG.performedIn, node) if tree.has(s))
    page.section("matches", [page.item(m, [link(label(graph, m, page.lang), m)]) for m in matches])
    page.section("songs", [page.item(s, [link(label(graph, s, page.lang), s)]) for s in songs])
    bonds = sorted(b for b in graph.subjects(SG.revealedIn, node) if tree.has(b))
    fates = sorted(
        f
        for f in set(graph.subjects(SG.revealedIn, node)) | set(graph.subjects(SG.inEpisode, node))
        if (f, RDF.type, SG.Fate) in graph and str(f) in tree.facts
    )
    revealed = [page.item(b, [link(label(graph, b, page.lang), b)]) for b in bonds]
    revealed += [_fate_line(page, f) for f in fates]
    page.section("revealed_here", revealed)


def _fate_line(page: Page, fate) -> dict:
    character = memo.value(page.graph, fate, SG.fateOf)
    return page.item(
        fate,
        [
            link(label(page.graph, character, page.lang), character),
            link(": "),
            link(label(page.graph, fate, page.lang)),
        ],
    )


def match(page: Page) -> None:
    graph, node = page.graph, URIRef(page.iri)
    episode_node = memo.value(graph, node, SG.episode)
    about(page, [link(label(graph, episode_node, page.lang), episode_node)] if episode_node is not None else None)
    slots = sorted(graph.objects(node, SG.slot), key=lambda s: str(memo.value(graph, s, SG.position) or ""))
    items = []
    for slot in slots:
        who = memo.value(graph, slot, SG.contestant)
        parts = [
            link(label(graph, who, page.lang), who) if who is not None else link(page.site.w["unidentified"]),
            link(" — " + label(graph, memo.value(graph, slot, SG.outcome), page.lang)),
        ]
        if who is not None and who == memo.value(graph, node, SG.winner):
            parts.append(link(" ✓ " + page.site.w["winner"]))
        items.append(page.item(slot, parts))
    page.section("contestants", items)


def song(page: Page) -> None:
    graph, tree, node = page.graph, page.tree, URIRef(page.iri)
    where = memo.value(graph, node, SG.performedIn)
    about(page, [link(label(graph, where, page.lang), where)] if where is not None and tree.has(where) else None)
    singers = sorted(c for c in graph.objects(node, SG.performedBy) if tree.has(c))
    page.section("vocalists", [page.item(node, [link(label(graph, c, page.lang), c)]) for c in singers])
    credits = sorted(graph.subjects(SG.creditFor, node))
    page.section("credits", [_credit(page, c) for c in credits])


def agent(page: Page) -> None:
    graph, node = page.graph, URIRef(page.iri)
    about(page)
    credits = sorted(c for c in graph.subjects(SG.agent, node) if _credited(graph, c))
    page.section("credits", [_credit(page, c) for c in credits])
    page.section(
        "members",
        [page.item(node, [link(label(graph, m, page.lang), m)]) for m in sorted(graph.objects(node, SG.member))],
    )
    page.section(
        "member_of",
        [page.item(o, [link(label(graph, o, page.lang), o)]) for o in sorted(graph.subjects(SG.member, node))],
    )


def bond(page: Page) -> None:
    graph, node = page.graph, URIRef(page.iri)
    a, b = memo.value(graph, node, SG["from"]), memo.value(graph, node, SG.to)
    kind = memo.value(graph, node, SG.bondType)
    arrow = "↔" if local_name(kind or "") == "mutual" else "→"
    parts = [
        link(label(graph, a, page.lang), a),
        link(f" {arrow} "),
        link(label(graph, b, page.lang), b),
        link(f" · {label(graph, memo.value(graph, node, SG.nature), page.lang)}, {label(graph, kind, page.lang)}"),
    ]
    item = page.item(node, parts, meta=revealed_in(page, memo.value(graph, node, SG.revealedIn)))
    page.note = item["note"]
    page.section("about", [item])


def source(page: Page) -> None:
    graph, tree, node = page.graph, page.tree, URIRef(page.iri)
    address = str(memo.value(graph, node, SG.url) or "")
    kind = memo.value(graph, node, SG.sourceKind)
    parts = [url(address, address)] if address else []
    parts += [link(f" · {label(graph, kind, page.lang)}")] if kind is not None else []
    about(page, parts or None)
    cited = []
    for fact in sorted(graph.subjects(SG.source, node), key=_term_order):
        home = page.site.home_of.get(str(fact))
        if str(fact) in tree.facts and home is not None:
            part = {"text": label(graph, fact, page.lang), "iri": home[0], "fragment": home[1]}
            cited.append({"id": page.unique(anchor(fact)), "parts": [part], "meta": [], "refs": [], "note": ""})
    page.section("cited_by", cited)


def _term_order(term) -> tuple:
    """rdflib's order of terms (blank nodes before IRIs, then by text), at the speed of str."""
    return not isinstance(term, BNode), str(term)


def literal_text(term) -> str:
    return str(term) if isinstance(term, Literal) else short(term)


FILL = {
    "character": character,
    "episode": episode,
    "match": match,
    "song": song,
    "person": agent,
    "organization": agent,
    "bond": bond,
    "source": source,
}


def page_data(site, iri: str, kind: str) -> dict:
    page = Page(site, iri, kind)
    FILL[kind](page)
    return page.data()
