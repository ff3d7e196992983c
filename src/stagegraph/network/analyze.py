"""The ``analyze`` command's work: what the networkx graph of bonds and matches says.

``analyze(net, graph)`` returns plain data — the most central characters, the chains and
cycles of one-sided feeling, the mutual pairs, the connected groups and the tournament
bracket — which ``output.analysis_text`` draws and ``output.to_json`` prints as is.

The bracket is derived from the data, not from ALIEN STAGE: matches in the viewing order
of their episodes (``sg:order``); a match in which no contestant fought before is in the
first round, any other is one round after the latest round its contestants fought in; the
match whose episode is ``episodekind:final`` (else the last one) is the final. Rounds are
named from the final backwards (final, semi-finals, quarter-finals, round of 16…).
"""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from ..rdf.namespaces import PREFIXES, SG
from . import graph as network
from .asof import cut_episode

TOP = 5
STORY_EDGES = ("bond", "match")
FINAL_KIND = URIRef(PREFIXES["episodekind"] + "final")
UNKNOWN = "?"


def run(universe, *, as_of: str | None = None, lang: str = "en") -> dict:
    """The analysis of a universe, cut at episode ``as_of`` (a name, slug or IRI) when given."""
    cut = cut_episode(universe, as_of, lang)
    order = cut.order if cut else None
    seen = universe.at(order)  # the graph as of the episode: one rule per triple (horizon)
    net = network.build(seen.graph, seen.ontology.graph, lang=lang, view="all", cut=order)
    result = analyze(net, seen.graph, lang=lang, cut=order)
    result["as_of"] = {"episode": cut.label, "iri": cut.iri, "order": cut.order} if cut else None
    return result


def analyze(net, graph: Graph | None = None, *, lang: str = "en", cut: int | None = None) -> dict:
    """Centrality, chains, mutual pairs, cycles, groups and bracket of ``net`` (from network.build).

    With ``graph`` (data and ontology), the bracket is read from the RDF, so it holds the matches
    network.build leaves out (those with an unidentified contestant) and knows which episode is the
    final; without it, the bracket holds only the matches in ``net``.
    """
    story = story_graph(net)
    one_sided = feelings(net)
    return {
        "centrality": centrality(story),
        "chains": chains(one_sided),
        "mutual_pairs": mutual_pairs(net),
        "cycles": cycles(one_sided),
        "groups": groups(story),
        "bracket": bracket(net, graph, lang=lang, cut=cut),
    }


def _label(net, node) -> str:
    return net.nodes[node].get("label", str(node))


def story_graph(net):
    """The characters as a simple undirected graph, joined where a bond or a match joins them."""
    import networkx as nx

    story = nx.Graph()
    story.add_nodes_from(
        (n, {"label": d.get("label", n)}) for n, d in net.nodes(data=True) if d.get("kind") == "character"
    )
    story.add_edges_from(
        (u, v)
        for u, v, d in net.edges(data=True)
        if d.get("kind") in STORY_EDGES and u in story and v in story and u != v
    )
    return story


def feelings(net):
    """The one-sided bonds as a DiGraph, each edge with the natures and bond IRIs it stands for."""
    import networkx as nx

    found = nx.DiGraph()
    for u, v, key, d in net.edges(keys=True, data=True):
        if d.get("kind") != "bond" or d.get("bond_type") != "one-sided" or u == v:
            continue
        if not found.has_edge(u, v):
            found.add_edge(u, v, natures=[], bonds=[])
        found[u][v]["natures"] = sorted(set(found[u][v]["natures"]) | {d.get("nature", "")})
        found[u][v]["bonds"] = sorted(set(found[u][v]["bonds"]) | {key})
    for node in found:
        found.nodes[node]["label"] = _label(net, node)
    return found


def centrality(story) -> dict:
    """The top characters by degree (distinct characters linked) and by betweenness, ties by name."""
    import networkx as nx

    degree = nx.degree_centrality(story) if len(story) > 1 else {n: 0.0 for n in story}
    between = nx.betweenness_centrality(story) if len(story) > 1 else {n: 0.0 for n in story}

    def top(values: dict, extra) -> list[dict]:
        ranked = sorted(values, key=lambda n: (-round(values[n], 12), story.nodes[n].get("label", n), n))
        return [
            {"character": n, "label": story.nodes[n].get("label", n), **extra(n), "score": round(values[n], 4)}
            for n in ranked[:TOP]
        ]

    return {"degree": top(degree, lambda n: {"links": story.degree(n)}), "betweenness": top(between, lambda n: {})}


def chains(one_sided) -> list[dict]:
    """Maximal paths along one-sided bonds (no one-sided bond extends them at either end), longest first."""
    found = []
    for start in sorted(one_sided, key=lambda n: one_sided.nodes[n]["label"]):
        stack = [[start]]
        while stack:
            path = stack.pop()
            ahead = [n for n in one_sided.successors(path[-1]) if n not in path]
            for nxt in ahead:
                stack.append(path + [nxt])
            if ahead or len(path) < 2:
                continue
            if any(p not in path for p in one_sided.predecessors(path[0])):
                continue
            found.append(_walk(one_sided, path))
    found.sort(key=lambda c: (-c["length"], c["labels"]))
    return found


def _walk(one_sided, path: list, closed: bool = False) -> dict:
    pairs = list(zip(path, path[1:] + ([path[0]] if closed else []), strict=False))
    return {
        "characters": list(path),
        "labels": [one_sided.nodes[n]["label"] for n in path],
        "length": len(pairs),
        "natures": [one_sided[u][v]["natures"] for u, v in pairs],
        "bonds": [b for u, v in pairs for b in one_sided[u][v]["bonds"]],
    }


def cycles(one_sided) -> list[dict]:
    """Cycles of one-sided feeling (A → B → A, love triangles…), each starting at its first name."""
    import networkx as nx

    found = []
    for cycle in nx.simple_cycles(one_sided):
        turn = min(range(len(cycle)), key=lambda i: (one_sided.nodes[cycle[i]]["label"], cycle[i]))
        found.append(_walk(one_sided, cycle[turn:] + cycle[:turn], closed=True))
    found.sort(key=lambda c: (-c["length"], c["labels"]))
    return found


def mutual_pairs(net) -> list[dict]:
    """Pairs of characters joined by at least one mutual bond, with each bond's nature and canon status."""
    pairs: dict[frozenset, dict] = {}
    for u, v, key, d in net.edges(keys=True, data=True):
        if d.get("kind") != "bond" or d.get("bond_type") != "mutual":
            continue
        ends = sorted((u, v), key=lambda n: (_label(net, n), n))
        pair = pairs.setdefault(
            frozenset(ends), {"characters": ends, "labels": [_label(net, n) for n in ends], "bonds": []}
        )
        pair["bonds"].append(
            {
                "bond": key,
                "nature": d.get("nature", ""),
                "canon": d.get("canon", ""),
                "confidence": d.get("confidence", ""),
            }
        )
    for pair in pairs.values():
        pair["bonds"].sort(key=lambda b: (b["nature"], b["bond"]))
        pair["natures"] = [b["nature"] for b in pair["bonds"]]
    return sorted(pairs.values(), key=lambda p: p["labels"])


def groups(story) -> list[dict]:
    """Connected groups of characters over bonds and matches, largest first."""
    import networkx as nx

    found = []
    for component in nx.connected_components(story):
        members = sorted(component, key=lambda n: (story.nodes[n].get("label", n), n))
        found.append(
            {"size": len(members), "characters": members, "labels": [story.nodes[n].get("label", n) for n in members]}
        )
    return sorted(found, key=lambda g: (-g["size"], g["labels"]))


# --- the bracket ---------------------------------------------------------------------


def bracket(net, graph: Graph | None = None, *, lang: str = "en", cut: int | None = None) -> dict:
    """The tournament as rounds of matches: ``{"rounds": [{"name", "stage", "matches": […]}]}``.

    Each match: ``match``, ``episode``, ``order``, ``contestants`` (``label`` ``?`` for an
    unidentified one, ``winner`` true/false), ``winner`` (``None`` when unknown), ``after``
    (the matches its contestants come from). A view cut before its final (``graph`` as of an
    episode) knows only the matches shown so far: how many rounds are left is not known, so its
    stages are numbered (``named`` False) rather than named from the final.
    """
    everything = _matches_from_rdf(graph, lang) if graph is not None else _matches_from_net(net)
    if not everything:
        return {"rounds": [], "stages": 0, "named": True}
    named = cut is None or any(m["final"] for m in everything)
    _stage(everything, named)
    stages = max(m["stage"] for m in everything)
    shown = [m for m in everything if network.visible(m["order"], cut)]
    rounds = []
    for stage in range(1, stages + 1):
        rounds.append(
            {
                "name": round_name(stages - stage) if named else f"Stage {stage}",
                "stage": stage,
                "matches": [_public(m) for m in shown if m["stage"] == stage],
            }
        )
    return {"rounds": rounds, "stages": stages, "named": named}


def round_name(from_final: int) -> str:
    """0 → Final, 1 → Semi-finals, 2 → Quarter-finals, 3 → Round of 16…"""
    if from_final == 0:
        return "Final"
    if from_final == 1:
        return "Semi-finals"
    if from_final == 2:
        return "Quarter-finals"
    return f"Round of {2 ** (from_final + 1)}"


def _matches_from_rdf(graph: Graph, lang: str) -> list[dict]:
    found = []
    for match in set(graph.subjects(RDF.type, SG.Match)):
        episode = graph.value(match, SG.episode)
        slots = sorted(
            graph.objects(match, SG.slot), key=lambda s: (network._int(graph.value(s, SG.position)) or 0, str(s))
        )
        winner = graph.value(match, SG.winner)
        people = [graph.value(s, SG.contestant) for s in slots]
        found.append(
            {
                "match": str(match),
                "label": network.label(graph, match, lang),
                "episode": network.label(graph, episode, lang) if episode is not None else "",
                "order": network.order_of(graph, episode),
                "final": episode is not None and (episode, SG.episodeKind, FINAL_KIND) in graph,
                "contestants": [
                    {
                        "character": str(p) if p is not None else None,
                        "label": network.label(graph, p, lang) if p is not None else UNKNOWN,
                    }
                    for p in people
                ],
                "winner": str(winner) if winner is not None else None,
                "winner_label": network.label(graph, winner, lang) if winner is not None else None,
            }
        )
    return found


def _matches_from_net(net) -> list[dict]:
    found = []
    for u, v, key, d in net.edges(keys=True, data=True):
        if d.get("kind") != "match":
            continue
        found.append(
            {
                "match": key,
                "label": d.get("label", key),
                "episode": d.get("episode", ""),
                "order": d.get("revealed"),
                "final": False,
                "contestants": [{"character": n, "label": _label(net, n)} for n in (u, v)],
                "winner": d.get("winner") or None,
                "winner_label": d.get("winner_label") or None,
            }
        )
    return found


def _stage(matches: list[dict], final: bool = True) -> None:
    """Give each match its stage (1 = first round) and ``after``, the matches its contestants
    come from; with ``final``, the final (or the last match) is one stage after all the others."""
    matches.sort(key=lambda m: (m["order"] is None, m["order"] or 0, m["episode"], m["match"]))
    last: dict[str, dict] = {}
    for m in matches:
        before = [last[c["character"]] for c in m["contestants"] if c["character"] in last]
        m["after"] = [b["match"] for b in before]
        m["stage"] = 1 + max((b["stage"] for b in before), default=0)
        for c in m["contestants"]:
            if c["character"] is not None:
                last[c["character"]] = m
        for c in m["contestants"]:
            c["winner"] = c["character"] is not None and c["character"] == m["winner"]
    if not final:
        return
    finals = [m for m in matches if m["final"]] or matches[-1:]
    final = finals[-1]
    others = [m["stage"] for m in matches if m is not final]
    final["stage"] = max([final["stage"]] + [s + 1 for s in others])


def _public(m: dict) -> dict:
    return {
        key: m[key] for key in ("match", "label", "episode", "order", "contestants", "winner", "winner_label", "after")
    }
