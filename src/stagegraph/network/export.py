"""The ``export`` command's work: the graph in the formats other tools open.

RDF formats (``ttl``, ``nt``, ``jsonld``) hold the whole data graph, every triple. The
network formats (``graphml``, ``gexf``, ``cytoscape``, ``csv``) hold network.build's graph
of every character, bond, match, credit and voice (``view="all"``): nodes keyed by entity
IRI and edges by fact IRI, with scalar attributes only (Gephi reads no lists), so
``fate`` is the fate's status and ``sources`` the sources' URLs joined by ``" "``.
Every text is the same for the same graph, so exports can be diffed.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

from ..choices import EXPORT_FORMATS
from ..errors import InputError
from ..files import csv_text, write_output
from ..rdf.canonical import serialize
from ..rdf.ntriples import nt_line
from . import graph as network
from .jsonld import document

RDF_FORMATS = ("ttl", "nt", "jsonld")
NETWORK_FORMATS = ("graphml", "gexf", "cytoscape", "csv")
FORMATS = EXPORT_FORMATS  # RDF_FORMATS + NETWORK_FORMATS
SUFFIXES = {
    "ttl": ".ttl",
    "nt": ".nt",
    "jsonld": ".jsonld",
    "graphml": ".graphml",
    "gexf": ".gexf",
    "cytoscape": ".cyjs",
    "csv": ".csv",
}

# The first columns of the CSV table, in order (any other attribute follows, by name):
# one row per node, then one row per edge.
CSV_COLUMNS = (
    "element",
    "id",
    "label",
    "kind",
    "source",
    "target",
    "source_label",
    "target_label",
    "bond_type",
    "nature",
    "canon",
    "confidence",
    "role",
    "episode",
    "winner",
    "winner_label",
    "revealed",
    "fate",
    "fate_episode",
    "name_en",
    "name_ko",
    "name_ja",
    "classes",
    "sources",
)

NODE_KEYS = ("kind", "label")
EDGE_KEYS = (
    "kind",
    "label",
    "bond_type",
    "mutual",
    "nature",
    "canon",
    "confidence",
    "role",
    "episode",
    "winner",
    "winner_label",
    "revealed",
    "note",
)


def export(universe, fmt: str) -> str:
    """The universe's graph as text in ``fmt`` (one of FORMATS)."""
    if fmt not in FORMATS:
        raise InputError(f"unknown export format '{fmt}'; choose one of {', '.join(FORMATS)}")
    if fmt in RDF_FORMATS:
        return _rdf(universe.data.graph, fmt)
    net = flat(network.build(universe.graph, universe.ontology.graph, view="all"))
    return {"graphml": graphml, "gexf": gexf, "cytoscape": cytoscape, "csv": table}[fmt](net)


def write(path, text: str) -> Path:
    """Write an export to ``path`` (atomically, or through an existing link, device or pipe)."""
    write_output(Path(path), text)
    return Path(path)


# --- RDF -----------------------------------------------------------------------------


def _rdf(graph, fmt: str) -> str:
    if fmt == "ttl":
        return serialize(graph)
    if fmt == "nt":
        return "".join(sorted({nt_line(s, p, o) + "\n" for s, p, o in graph}))

    return json.dumps(_sorted_jsonld(document(graph)), ensure_ascii=False, indent=2) + "\n"


def _sorted_jsonld(value):
    """JSON-LD with its node objects sorted by @id and unordered value arrays sorted, for stable output."""
    if isinstance(value, dict):
        return {k: (_sorted_jsonld(v) if k != "@list" else [_sorted_jsonld(i) for i in v]) for k, v in value.items()}
    if isinstance(value, list):
        items = [_sorted_jsonld(i) for i in value]
        return sorted(
            items,
            key=lambda i: (
                str(i.get("@id", "")) if isinstance(i, dict) else "",
                json.dumps(i, sort_keys=True, ensure_ascii=False),
            ),
        )
    return value


# --- network formats -----------------------------------------------------------------


def flat(net):
    """A copy of ``net`` whose attributes are all strings, numbers or booleans (what Gephi reads)."""
    import networkx as nx

    out = nx.MultiDiGraph()
    for node, d in sorted(net.nodes(data=True)):
        attrs = {k: d[k] for k in NODE_KEYS if d.get(k) not in (None, "")}
        for lang, name in sorted((d.get("names") or {}).items()):
            attrs[f"name_{lang or 'none'}"] = name
        if d.get("classes"):
            attrs["classes"] = " ".join(d["classes"])
        fate = d.get("fate")
        if fate:
            attrs["fate"] = fate.get("status", "unknown")
            for key in ("episode", "confidence"):
                if fate.get(key):
                    attrs[f"fate_{key}"] = fate[key]
            if fate.get("sources"):
                attrs["fate_sources"] = _urls(fate["sources"])
        out.add_node(node, **attrs)
    for u, v, key, d in sorted(net.edges(keys=True, data=True), key=lambda e: e[2]):
        attrs = {k: d[k] for k in EDGE_KEYS if d.get(k) not in (None, "")}
        if d.get("sources"):
            attrs["sources"] = _urls(d["sources"])
        out.add_edge(u, v, key=key, **attrs)
    return out


def _urls(sources: list[dict]) -> str:
    return " ".join(s.get("url") or s.get("iri", "") for s in sources)


# XML 1.0 cannot hold these characters at all, not even as &#…; references.
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value):
    """``value`` as XML 1.0 can hold it: each character XML forbids (the C0 controls other than
    tab, newline and carriage return; U+FFFE, U+FFFF) written as the visible text ``\\uXXXX``.
    Every other character, carriage returns included, reads back as it was."""
    if not isinstance(value, str):
        return value
    return XML_FORBIDDEN.sub(lambda m: f"\\u{ord(m.group(0)):04X}", value)


def _xml_safe(net):
    """A copy of ``net`` whose ids, keys and text attributes all pass through xml_text."""
    import networkx as nx

    out = nx.MultiDiGraph()
    for node, d in net.nodes(data=True):
        out.add_node(xml_text(node), **{k: xml_text(v) for k, v in d.items()})
    for u, v, key, d in net.edges(keys=True, data=True):
        out.add_edge(xml_text(u), xml_text(v), key=xml_text(key), **{k: xml_text(x) for k, x in d.items()})
    return out


def _xml_document(buffer) -> str:
    # ElementTree leaves a carriage return in element text as it is, and every XML parser reads a
    # bare one as a newline; a character reference keeps it. (The markup itself holds none.)
    return buffer.getvalue().decode("utf-8").replace("\r", "&#13;")


def graphml(net) -> str:
    import networkx as nx

    buffer = io.BytesIO()
    nx.write_graphml_xml(_xml_safe(net), buffer, encoding="utf-8", prettyprint=True)
    return _xml_document(buffer)


def gexf(net) -> str:
    """GEXF 1.2 (networkx's default, the version Gephi writes and reads); edge ids are the fact IRIs."""
    import networkx as nx

    copy = _xml_safe(net)
    for _, _, key, d in copy.edges(keys=True, data=True):
        d["id"] = key
    buffer = io.BytesIO()
    nx.write_gexf(copy, buffer, encoding="utf-8", prettyprint=True, version="1.2draft")
    # The writer stamps today's date; drop it (it is optional) so the same graph gives the same file.
    return re.sub(r' lastmodifieddate="[^"]*"', "", _xml_document(buffer), count=1)


def cytoscape(net) -> str:
    """Cytoscape.js elements JSON: ``{"elements": {"nodes": [{"data": …}], "edges": [{"data": …}]}}``."""
    nodes = [{"data": {"id": n, **d}} for n, d in net.nodes(data=True)]
    edges = [{"data": {"id": key, "source": u, "target": v, **d}} for u, v, key, d in net.edges(keys=True, data=True)]
    return (
        json.dumps(
            {"data": {"name": "stagegraph", "directed": True}, "elements": {"nodes": nodes, "edges": edges}},
            ensure_ascii=False,
            indent=2,
        )
        + "\n"
    )


def table(net) -> str:
    """One CSV table: a row per node (``element`` = node), then a row per edge (``element`` = edge, with
    ``source`` and ``target``); the columns are CSV_COLUMNS, then any other attribute by name."""
    present = {k for _, d in net.nodes(data=True) for k in d} | {k for *_, d in net.edges(data=True) for k in d}
    columns = list(CSV_COLUMNS) + sorted(present - set(CSV_COLUMNS))

    rows = [{"element": "node", "id": node, **d} for node, d in net.nodes(data=True)]
    rows += [
        {
            "element": "edge",
            "id": key,
            "source": u,
            "target": v,
            "source_label": net.nodes[u].get("label", ""),
            "target_label": net.nodes[v].get("label", ""),
            **d,
        }
        for u, v, key, d in net.edges(keys=True, data=True)
    ]
    return csv_text([columns] + [[row.get(c, "") for c in columns] for row in rows])
