"""Plain words for a fact: "bond: Luka → Hyuna, romantic, one-sided; source …"."""

from __future__ import annotations

from rdflib import Graph
from rdflib.namespace import RDF

from ..rdf.labels import label
from ..rdf.namespaces import SG, short


def _names(graph: Graph, nodes) -> str:
    return ", ".join(label(graph, n) for n in sorted(nodes))


def describe(graph: Graph, subject) -> str:
    """One line that says what ``subject`` states, in the words a fan would use."""
    kind = graph.value(subject, RDF.type)
    value = lambda p: graph.value(subject, p)  # noqa: E731
    sources = _names(graph, graph.objects(subject, SG.source))
    tail = f"; source {sources}" if sources else ""
    if kind == SG.Bond:
        arrow = "↔" if str(value(SG.bondType)).endswith("/mutual") else "→"
        return (f"bond: {label(graph, value(SG['from']))} {arrow} {label(graph, value(SG.to))}, "
                f"{label(graph, value(SG.nature))}, {label(graph, value(SG.bondType))}{tail}")
    if kind == SG.Fate:
        where = f" in {label(graph, value(SG.inEpisode))}" if value(SG.inEpisode) else ""
        return f"fate: {label(graph, value(SG.fateOf))} {label(graph, value(SG.fateStatus))}{where}{tail}"
    if kind == SG.Credit:
        who = f" as {label(graph, value(SG.asCharacter))}" if value(SG.asCharacter) else ""
        return (f"credit: {label(graph, value(SG.agent))}, {label(graph, value(SG.role))}{who}, "
                f"on {label(graph, value(SG.creditFor))}{tail}")
    if kind == SG.Source:
        return f"source: {label(graph, subject)} <{value(SG.url)}>"
    if kind == SG.AttributeStatement:
        return (f"attribute: {label(graph, value(SG.statementSubject))} {label(graph, value(SG.statementProperty))} "
                f"= {value(SG.statementValue)}{tail}")
    if kind == SG.Slot:
        who = label(graph, value(SG.contestant)) if value(SG.contestant) else "an unidentified opponent"
        return f"match slot: {who}, {label(graph, value(SG.outcome))}{tail}"
    kind_label = label(graph, kind) if kind is not None else "entity"
    return f"{kind_label}: {label(graph, subject)} ({short(subject)}){tail}"
