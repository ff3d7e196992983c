"""RDF → a networkx graph of characters, bonds, matches and credits, cut at an episode.

Every node is keyed by its entity IRI and every edge by its bond, match or credit IRI, so
whatever is drawn or exported can be checked against the graph. Each story fact carries
``revealed``, the viewing order of the episode that reveals it (``None`` when unknown), and
each note its own (``notes``), both from the one per-triple rule in ``horizon``: a
spoiler-safe view is built from the graph as of an episode (``Universe.at``), and the
relationship page's slider hides what is revealed after the episode it is set to.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from ..horizon import Horizon
from ..rdf.labels import label, local_name, names
from ..rdf.names import instances
from ..rdf.namespaces import SG, short


@dataclass(frozen=True)
class Episode:
    iri: str
    label: str
    order: int | None


def episodes(graph: Graph, lang: str = "en") -> list[Episode]:
    """Every episode, in viewing order (episodes without an order last)."""
    found = [
        Episode(str(e), label(graph, e, lang), _int(graph.value(e, SG.order)))
        for e in set(graph.subjects(RDF.type, SG.Episode))
    ]
    return sorted(found, key=lambda e: (e.order is None, e.order if e.order is not None else 0, e.label))


def _int(value) -> int | None:
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def order_of(graph: Graph, episode) -> int | None:
    return _int(graph.value(episode, SG.order)) if episode is not None else None


ALWAYS_SHOWN = -(2**53) + 1  # "shown_from" of a source that spoils nothing (JSON has no infinity)


def shown_from(horizon: Horizon, source: str) -> int | None:
    """From which viewing order a source may be shown (``Horizon.source``), as JSON carries it."""
    return _order(horizon.source(URIRef(source)))


def _order(horizon: float) -> int | None:
    """A horizon as JSON can carry it: an order, ALWAYS_SHOWN, or None for unknown."""
    if horizon == float("inf"):
        return None
    return ALWAYS_SHOWN if horizon == float("-inf") else int(horizon)


def sources(graph: Graph, fact) -> list[dict]:
    """The sources of a fact as ``{"title", "url", "iri"}``, sorted by title; in a view as of an
    episode, one ``withheld`` entry (no title, URL or IRI of its own) for the sources it holds
    back because they discuss later episodes (``horizon.cut``)."""
    found = [
        {"iri": str(s), "title": _label(graph, s), "url": str(graph.value(s, SG.url) or "")}
        for s in graph.objects(fact, SG.source)
    ]
    found.sort(key=lambda s: s["title"])
    if (_WITHHELD.get() or {}).get(fact):
        found.append({"iri": "", "title": "", "url": "", "withheld": True})  # words: output/, page/
    return found


@contextmanager
def withholding(withheld: dict | None):
    """While in it, ``sources`` marks the facts of ``withheld`` (fact → tokens, from a cut)."""
    token = _WITHHELD.set(withheld)
    try:
        yield
    finally:
        _WITHHELD.reset(token)


def visible(revealed: int | None, cut: int | None) -> bool:
    """Whether a fact revealed at ``revealed`` may be shown to a viewer at ``cut``."""
    return cut is None or (revealed is not None and revealed <= cut)


def characters(graph: Graph, ontology: Graph) -> set:

    return instances(graph, ontology, SG.Character)


# While build() runs, each node's label is looked up once (a source's title, an episode's, a
# concept's recur on thousands of facts); the graph does not change meanwhile. A context
# variable, so that builds in two threads each keep their own.
_LABELS: ContextVar[dict | None] = ContextVar("network_labels", default=None)
_HORIZON: ContextVar[Horizon | None] = ContextVar("network_horizon", default=None)
_WITHHELD: ContextVar[dict | None] = ContextVar("network_withheld", default=None)


def revealed_at(graph: Graph, node) -> int | None:
    """The viewing order a bond, fate, match, slot or song is revealed at (``horizon``), or None."""
    found = _HORIZON.get()
    if found is None:  # not to be made again per call: a Horizon reads the whole graph
        raise ValueError("network.revealed_at runs inside build(), which holds the horizon")
    return found.revealed(node)


def notes(graph: Graph, node, horizon: Horizon | None = None) -> list[dict]:
    """A fact's notes, each with the viewing order its own text is revealed at (None: unknown),
    earliest first, by ``horizon`` (inside ``build``: the one it was given)."""
    found = horizon or _HORIZON.get()
    if found is None:  # not to be made again per call: a Horizon reads the whole graph
        raise ValueError("network.notes needs the universe's horizon outside build()")
    listed = []
    for text in graph.objects(node, SG.note):
        horizon = found.text(node, SG.note, text)
        listed.append(
            {"text": str(text), "revealed": None if horizon in (float("inf"), float("-inf")) else int(horizon)}
        )
    return sorted(listed, key=lambda n: (n["revealed"] is None, n["revealed"] or 0, n["text"]))


def _joined(listed: list[dict]) -> str:
    return " ".join(n["text"] for n in listed)


def _label(graph: Graph, node, lang: str = "en") -> str:
    remembered = _LABELS.get()
    if remembered is None:
        return label(graph, node, lang)
    key = (node, lang)
    if key not in remembered:
        remembered[key] = label(graph, node, lang)
    return remembered[key]


def build(
    graph: Graph,
    ontology: Graph,
    *,
    lang: str = "en",
    view: str = "all",
    cut: int | None = None,
    horizon: Horizon | None = None,
):
    """A ``networkx.MultiDiGraph`` of ``graph``; with ``cut`` (the viewing order ``graph`` was
    cut at, see ``Universe.at``), only what is revealed by then, and no character left alone."""
    import networkx as nx

    token = _LABELS.set({})
    told = _HORIZON.set(horizon if horizon is not None else Horizon(graph, ontology))
    try:
        return _build(graph, ontology, nx.MultiDiGraph(), lang, view, cut)
    finally:
        _LABELS.reset(token)
        _HORIZON.reset(told)


def _build(graph: Graph, ontology: Graph, net, lang: str, view: str, cut: int | None):
    for node in characters(graph, ontology):
        net.add_node(str(node), **_character(graph, node, lang, cut))
    if view in ("bonds", "all"):
        _add_bonds(net, graph, lang, cut)
    if view in ("matches", "all"):
        _add_matches(net, graph, lang, cut)
    if view in ("credits", "all"):
        _add_credits(net, graph, lang, cut)
    if cut is not None:
        lonely = [
            n
            for n, d in net.nodes(data=True)
            if d["kind"] == "character" and net.degree(n) == 0 and not d["fate"]["iri"] and not d["matches"]
        ]
        net.remove_nodes_from(lonely)
    return net


def _character(graph: Graph, node, lang: str, cut: int | None) -> dict:
    fate = _fate(graph, node, lang, cut)
    return {
        "kind": "character",
        "label": _label(graph, node, lang),
        "names": names(graph, node),
        "classes": sorted(short(c) for c in graph.objects(node, RDF.type)),
        "fate": fate,
        "matches": _matches_of(graph, node, lang, cut),
        "songs": _songs_of(graph, node, lang, cut),
    }


def _fate(graph: Graph, node, lang: str, cut: int | None) -> dict:
    for fate in sorted(graph.subjects(SG.fateOf, node)):
        episode = graph.value(fate, SG.inEpisode)
        revealed = revealed_at(graph, fate)
        if visible(revealed, cut):
            status = graph.value(fate, SG.fateStatus)
            told = _visible_notes(graph, fate, cut)
            return {
                "status": local_name(status),
                "label": _label(graph, status, lang),
                "episode": _label(graph, episode, lang) if episode else "",
                "confidence": _label(graph, graph.value(fate, SG.confidence), lang),
                "note": _joined(told),
                "notes": told,
                "revealed": revealed,
                "sources": sources(graph, fate),
                "iri": str(fate),
            }
    return {
        "status": "unknown",
        "label": "unknown",
        "episode": "",
        "confidence": "",
        "note": "",
        "notes": [],
        "revealed": None,
        "sources": [],
        "iri": "",
    }


def _visible_notes(graph: Graph, node, cut: int | None) -> list[dict]:
    return [n for n in notes(graph, node) if visible(n["revealed"], cut)]


def _matches_of(graph: Graph, node, lang: str, cut: int | None) -> list[dict]:
    found = []
    for slot in graph.subjects(SG.contestant, node):
        match = graph.value(predicate=SG.slot, object=slot)
        episode = graph.value(match, SG.episode)
        revealed = revealed_at(graph, match)
        if match is None or not visible(revealed, cut):
            continue
        other = [graph.value(s, SG.contestant) for s in graph.objects(match, SG.slot) if s != slot]
        opponent = other[0] if other and other[0] is not None else None
        found.append(
            {
                "match": str(match),
                "label": _label(graph, match, lang),
                "episode": _label(graph, episode, lang),
                "opponent": _label(graph, opponent, lang) if opponent else "unidentified opponent",
                "outcome": _label(graph, graph.value(slot, SG.outcome), lang),
                "revealed": revealed,
                "sources": sources(graph, slot),
            }
        )
    return sorted(found, key=lambda m: (m["revealed"] is None, m["revealed"] or 0))


def _songs_of(graph: Graph, node, lang: str, cut: int | None) -> list[dict]:
    found = []
    for song in graph.subjects(SG.performedBy, node):
        revealed = revealed_at(graph, song)
        if visible(revealed, cut):
            found.append({"song": _label(graph, song, lang), "how": "sings in the story", "revealed": revealed})
    for credit in graph.subjects(SG.asCharacter, node):
        work, agent = graph.value(credit, SG.creditFor), graph.value(credit, SG.agent)
        revealed = revealed_at(graph, work)
        if (work, RDF.type, SG.Song) not in graph or visible(revealed, cut):
            found.append(
                {
                    "song": _label(graph, work, lang),
                    "how": f"voiced by {_label(graph, agent, lang)}",
                    "revealed": revealed,
                }
            )
    return sorted(found, key=lambda s: s["song"])


def _add_bonds(net, graph: Graph, lang: str, cut: int | None) -> None:
    for bond in sorted(graph.subjects(RDF.type, SG.Bond)):
        a, b = graph.value(bond, SG["from"]), graph.value(bond, SG.to)
        revealed = revealed_at(graph, bond)
        if a is None or b is None or not visible(revealed, cut):
            continue
        kind, told = graph.value(bond, SG.bondType), _visible_notes(graph, bond, cut)
        net.add_edge(
            str(a),
            str(b),
            key=str(bond),
            kind="bond",
            label=_label(graph, bond, lang),
            bond_type=_slug(kind),
            mutual=_slug(kind) == "mutual",
            nature=_slug(graph.value(bond, SG.nature)),
            nature_label=_label(graph, graph.value(bond, SG.nature), lang),
            bond_type_label=_label(graph, kind, lang),
            canon=_slug(graph.value(bond, SG.canonStatus)),
            canon_label=_label(graph, graph.value(bond, SG.canonStatus), lang),
            confidence=_label(graph, graph.value(bond, SG.confidence), lang),
            note=_joined(told),
            notes=told,
            revealed=revealed,
            sources=sources(graph, bond),
        )
        _ensure(net, graph, a, lang, cut)
        _ensure(net, graph, b, lang, cut)


def _add_matches(net, graph: Graph, lang: str, cut: int | None) -> None:
    for match in sorted(graph.subjects(RDF.type, SG.Match)):
        episode = graph.value(match, SG.episode)
        revealed = revealed_at(graph, match)
        slots = sorted(graph.objects(match, SG.slot), key=lambda s: _int(graph.value(s, SG.position)) or 0)
        people = [graph.value(s, SG.contestant) for s in slots]
        if len(people) != 2 or None in people or not visible(revealed, cut):
            continue
        winner = graph.value(match, SG.winner)
        net.add_edge(
            str(people[0]),
            str(people[1]),
            key=str(match),
            kind="match",
            label=_label(graph, match, lang),
            episode=_label(graph, episode, lang),
            winner=str(winner) if winner else "",
            winner_label=_label(graph, winner, lang) if winner else "",
            revealed=revealed,
            sources=sources(graph, match),
        )


def _add_credits(net, graph: Graph, lang: str, cut: int | None) -> None:
    for credit in sorted(graph.subjects(RDF.type, SG.Credit)):
        work, agent = graph.value(credit, SG.creditFor), graph.value(credit, SG.agent)
        revealed = revealed_at(graph, work)
        if work is None or agent is None or not ((work, RDF.type, SG.Song) not in graph or visible(revealed, cut)):
            continue
        for node, kind in ((agent, _agent_kind(graph, agent)), (work, _work_kind(graph, work))):
            if str(node) not in net:
                net.add_node(str(node), kind=kind, label=_label(graph, node, lang), names=names(graph, node))
        role = graph.value(credit, SG.role)
        # Credits are real-world facts, not story: never spoilers (spoiler=False).
        net.add_edge(
            str(agent),
            str(work),
            key=str(credit),
            kind="credit",
            role=_slug(role),
            label=_label(graph, role, lang),
            revealed=revealed,
            spoiler=False,
            sources=sources(graph, credit),
        )
        character = graph.value(credit, SG.asCharacter)
        if character is not None and str(character) in net:
            net.add_edge(
                str(agent),
                str(character),
                key=f"{credit}#voices",
                kind="voice",
                spoiler=False,
                label=f"voices {_label(graph, character, lang)}",
                revealed=None,
                sources=sources(graph, credit),
            )


def _ensure(net, graph: Graph, node, lang: str, cut: int | None) -> None:
    if str(node) not in net:
        net.add_node(str(node), **_character(graph, node, lang, cut))


def _agent_kind(graph: Graph, node) -> str:
    return "organization" if (node, RDF.type, SG.Organization) in graph else "person"


def _work_kind(graph: Graph, node) -> str:
    if (node, RDF.type, SG.Song) in graph:
        return "song"
    return "series" if (node, RDF.type, SG.Series) in graph else "work"


def _slug(term) -> str:
    return local_name(term) if isinstance(term, URIRef) else ""
