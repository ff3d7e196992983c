"""What a fact states, as data: ``{"kind": "bond", "from": "Luka", "to": "Hyuna", …}`` with every
entity already named in labels (output/contribute.py words it: "bond: Luka → Hyuna, …")."""

from __future__ import annotations

from rdflib import Graph
from rdflib.namespace import RDF

from ..rdf.labels import label
from ..rdf.namespaces import SG, short


def _names(graph: Graph, nodes) -> str:
    return ", ".join(label(graph, n) for n in sorted(nodes))


def describe(graph: Graph, subject) -> dict:
    """What ``subject`` states, named as a fan would name it."""
    kind = graph.value(subject, RDF.type)
    value = lambda p: graph.value(subject, p)  # noqa: E731
    name = lambda p: label(graph, value(p)) if value(p) is not None else None  # noqa: E731
    fact = {"subject": str(subject), "sources": _names(graph, graph.objects(subject, SG.source))}
    if kind == SG.Bond:
        mutual = str(value(SG.bondType)).endswith("/mutual")
        return fact | {
            "kind": "bond",
            "from": name(SG["from"]),
            "to": name(SG.to),
            "mutual": mutual,
            "nature": name(SG.nature),
            "type": name(SG.bondType),
        }
    if kind == SG.Fate:
        return fact | {
            "kind": "fate",
            "of": name(SG.fateOf),
            "status": name(SG.fateStatus),
            "episode": name(SG.inEpisode),
        }
    if kind == SG.Credit:
        return fact | {
            "kind": "credit",
            "agent": name(SG.agent),
            "role": name(SG.role),
            "as": name(SG.asCharacter),
            "work": name(SG.creditFor),
        }
    if kind == SG.Source:
        return fact | {"kind": "source", "title": label(graph, subject), "url": str(value(SG.url))}
    if kind == SG.AttributeStatement:
        return fact | {
            "kind": "attribute",
            "of": name(SG.statementSubject),
            "property": name(SG.statementProperty),
            "value": str(value(SG.statementValue)),
        }
    if kind == SG.Slot:
        return fact | {"kind": "slot", "contestant": name(SG.contestant), "outcome": name(SG.outcome)}
    return fact | {
        "kind": "entity",
        "class": label(graph, kind) if kind is not None else "entity",
        "label": label(graph, subject),
        "short": short(subject),
    }
