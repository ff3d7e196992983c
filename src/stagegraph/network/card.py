"""The ``show`` command's work: one character's card as data.

Names, classes, fate, matches, voices and bonds come from the networkx graph
(network.build); the attributes, with the sources of their sg:AttributeStatement, and the
songs a character sings in the story, with the song's sources, are read from the RDF,
which network.build does not carry.
"""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import RDFS, SKOS

from ..errors import InputError
from ..rdf.labels import in_language, local_name
from ..rdf.names import expand
from ..rdf.namespaces import SG, short
from . import graph as network
from .asof import cut_episode

LANG_ORDER = ("en", "ko", "ja")


def find(universe, name: str) -> URIRef:
    """The character ``name`` names (a name in any language, a slug or an IRI), or UnknownEntity."""
    return universe.resolve(name, "sg:Character", "NAME")


def card(universe, node_iri, lang: str = "en", as_of: str | None = None) -> dict:
    """Everything the graph says about one character, each fact with its sources (on a server:
    read from the character's neighbourhood, see ``Universe.around``); with ``as_of`` (an
    episode), only what is revealed by then (``Universe.at``)."""
    episode = cut_episode(universe, as_of, lang)
    universe = universe.around(URIRef(str(node_iri))).at(episode.order if episode else None)
    with network.withholding(universe.withheld):
        return _card(universe, node_iri, lang, episode)


def _card(universe, node_iri, lang: str, episode) -> dict:
    graph = universe.graph
    node = URIRef(str(node_iri))
    net = network.build(graph, universe.ontology.graph, lang=lang, view="all", horizon=universe.horizon)
    if str(node) not in net:
        raise InputError(
            f"{local_name(node)} is not revealed by {episode.label}: nothing about them is shown "
            "as of that episode; choose a later episode or leave out --as-of"
        )
    data = net.nodes[str(node)]
    names = data["names"]
    ordered = {
        k: names[k]
        for k in sorted(names, key=lambda k: (k not in LANG_ORDER, LANG_ORDER.index(k) if k in LANG_ORDER else 0, k))
    }
    return {
        "iri": str(node),
        "label": data["label"],
        "names": ordered,
        "other_names": sorted({str(o) for o in graph.objects(node, SKOS.altLabel)} - set(names.values())),
        "classes": [{"class": c, "label": network.label(graph, _expand(c), lang)} for c in data["classes"]],
        "note": _note(graph, node, lang, universe.horizon),
        "sources": network.sources(graph, node),
        "attributes": attributes(universe, node, lang),
        "fate": data["fate"],
        "matches": data["matches"],
        "songs": songs(graph, node, lang),
        "voices": voices(net, graph, str(node), lang),
        "bonds": bonds(net, str(node)),
        "as_of": {"episode": episode.label, "iri": episode.iri, "order": episode.order} if episode else None,
    }


def _expand(name: str) -> URIRef:

    return expand(name)


def _note(graph, node, lang: str, horizon) -> str:
    """The character's notes in ``lang`` (else English, else any), earliest revealed first."""
    texts = [o for o in graph.objects(node, SG.note) if isinstance(o, Literal)]
    best = in_language(texts, lang)
    if best is None:
        return ""
    chosen = {str(t) for t in texts if t.language == best.language}
    return " ".join(n["text"] for n in network.notes(graph, node, horizon) if n["text"] in chosen)


def attribute_properties(universe) -> list[URIRef]:
    """Every sub-property of sg:characterAttribute the ontology declares (transitively)."""
    ontology = universe.ontology.graph
    return sorted(
        p for p in ontology.transitive_subjects(RDFS.subPropertyOf, SG.characterAttribute) if p != SG.characterAttribute
    )


def attributes(universe, node: URIRef, lang: str = "en") -> list[dict]:
    """Each asserted attribute value with the sources and confidence of the statement about it.

    Literals in ``lang`` are shown where the property has any, else English ones, else all;
    values without a language (numbers, dates) always. Conflicting values are all listed.
    """
    graph = universe.graph
    found = []
    about = list(graph.subjects(SG.statementSubject, node))  # not every statement of a shared value
    for prop in attribute_properties(universe):
        for value in shown_values(list(graph.objects(node, prop)), lang):
            statements = sorted(
                s for s in about if (s, SG.statementProperty, prop) in graph and (s, SG.statementValue, value) in graph
            )
            found.append(
                {
                    "property": short(prop),
                    "label": network.label(graph, prop, lang),
                    "value": python_value(value),
                    "statements": [_statement(graph, s, lang) for s in statements],
                }
            )
    return sorted(found, key=lambda a: (a["label"].casefold(), str(a["value"])))


def shown_values(values: list, lang: str) -> list:
    """The values of one attribute worth showing, in order: every value without a language, and
    the literals in ``lang`` where there are any, else the English ones, else all (by text, then
    by term, so two values of one text keep one order however the graph was read)."""
    tagged = [v for v in values if isinstance(v, Literal) and v.language]
    chosen = []
    for wanted in (lang, "en"):
        chosen = [v for v in tagged if v.language.split("-")[0] == wanted]
        if chosen:
            break
    keep = [v for v in values if not (isinstance(v, Literal) and v.language)] + (chosen or tagged)
    return sorted(keep, key=lambda v: (str(v), v.n3()))


def _statement(graph, statement, lang: str) -> dict:
    confidence = graph.value(statement, SG.confidence)
    return {
        "statement": str(statement),
        "confidence": network.label(graph, confidence, lang) if confidence else "",
        "note": str(graph.value(statement, SG.note) or ""),
        "sources": network.sources(graph, statement),
    }


def python_value(term):
    if isinstance(term, Literal):
        python = term.toPython()
        return python if isinstance(python, (int, float, bool)) else str(term)
    return str(term)


def songs(graph, node: URIRef, lang: str = "en") -> list[dict]:
    """The songs the character sings in the story (sg:performedBy), with the song's sources."""
    found = []
    for song in set(graph.subjects(SG.performedBy, node)):
        episode = graph.value(song, SG.performedIn)
        found.append(
            {
                "song": str(song),
                "label": network.label(graph, song, lang),
                "episode": network.label(graph, episode, lang) if episode is not None else "",
                "order": network.order_of(graph, episode),
                "sources": network.sources(graph, song),
            }
        )
    return sorted(found, key=lambda s: (s["order"] is None, s["order"] or 0, s["label"]))


def voices(net, graph, node: str, lang: str = "en") -> list[dict]:
    """Who voices the character (credits with sg:asCharacter), on which work, with the credit's sources."""
    found = []
    for agent, _, key, d in net.in_edges(node, keys=True, data=True):
        if d.get("kind") != "voice":
            continue
        credit = URIRef(key.removesuffix("#voices"))
        work = graph.value(credit, SG.creditFor)
        found.append(
            {
                "credit": str(credit),
                "agent": agent,
                "label": net.nodes[agent].get("label", agent),
                "work": network.label(graph, work, lang) if work is not None else "",
                "sources": d.get("sources", []),
            }
        )
    return sorted(found, key=lambda v: (v["label"], v["work"]))


def bonds(net, node: str) -> list[dict]:
    """The character's bonds in both directions: ``outgoing``, ``incoming`` or ``mutual``; type,
    nature and canon status by slug (``one-sided``) and by label in the card's language."""
    found = []
    edges = list(net.out_edges(node, keys=True, data=True)) + list(net.in_edges(node, keys=True, data=True))
    for u, v, key, d in edges:
        if d.get("kind") != "bond":
            continue
        other = v if u == node else u
        direction = "mutual" if d.get("bond_type") == "mutual" else ("outgoing" if u == node else "incoming")
        found.append(
            {
                "bond": key,
                "label": d.get("label", key),
                "other": other,
                "other_label": net.nodes[other].get("label", other),
                "direction": direction,
                "bond_type": d.get("bond_type", ""),
                "nature": d.get("nature", ""),
                "canon": d.get("canon", ""),
                **{f"{key}_label": d.get(f"{key}_label", "") for key in ("bond_type", "nature", "canon")},
                "confidence": d.get("confidence", ""),
                "note": d.get("note", ""),
                "sources": d.get("sources", []),
            }
        )
    unique = {b["bond"]: b for b in found}
    return sorted(unique.values(), key=lambda b: (b["other_label"], b["nature"], b["bond"]))
