"""`stagegraph export`: every format read back by the tool it is for and compared with the graph."""

from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from stagegraph.network import graph as network

TILL = "https://w3id.org/stagegraph/character/till"
IVAN_TILL = "https://w3id.org/stagegraph/bond/ivan-till-romantic"
ROUND_1 = "https://w3id.org/stagegraph/match/round-1"


@pytest.fixture(scope="module")
def net(universe):
    return network.build(universe.graph, universe.ontology.graph, view="all")


def exported(run, fmt: str) -> str:
    result = run("export", "--format", fmt)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
@pytest.mark.parametrize("fmt, rdflib_format", [("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")])
def test_rdf_formats_hold_the_whole_data_graph(run, universe, fmt, rdflib_format):
    back = Graph().parse(data=exported(run, fmt), format=rdflib_format)
    assert len(back) == len(universe.data.graph)
    assert isomorphic(back, universe.data.graph)


def test_jsonld_uses_the_project_prefixes(run):
    document = json.loads(exported(run, "jsonld"))
    assert document["@context"]["sg"] == "https://w3id.org/stagegraph/ns#"
    assert document["@context"]["character"] == "https://w3id.org/stagegraph/character/"


def edge_keys(graph) -> set:
    return {key for _, _, key in graph.edges(keys=True)}


def check_network(back, net):
    assert set(back.nodes) == set(net.nodes)
    assert back.number_of_edges() == net.number_of_edges()
    assert edge_keys(back) == edge_keys(net)
    till = back.nodes[TILL]
    assert till["kind"] == "character" and till["fate"] == "unknown" and till["label"] == "Till"
    assert till["name_ja"] == "ティル"
    ((u, v, bond),) = [(u, v, d) for u, v, k, d in back.edges(keys=True, data=True) if k == IVAN_TILL]
    assert (u, v) == ("https://w3id.org/stagegraph/character/ivan", TILL)
    assert bond["kind"] == "bond" and bond["bond_type"] == "one-sided" and bond["nature"] == "romantic"
    assert bond["canon"] == "canon" and int(bond["revealed"]) == 3
    kinds = {d["kind"] for _, _, d in back.edges(data=True)}
    assert kinds == {d["kind"] for _, _, d in net.edges(data=True)}


def test_graphml_reads_back_in_networkx(run, net):
    back = nx.read_graphml(io.BytesIO(exported(run, "graphml").encode("utf-8")))
    assert back.is_multigraph() and back.is_directed()
    check_network(back, net)


def test_gexf_reads_back_in_networkx(run, net):
    text = exported(run, "gexf")
    assert 'xmlns="http://www.gexf.net/1.2draft"' in text and 'version="1.2"' in text
    back = nx.read_gexf(io.BytesIO(text.encode("utf-8")))
    check_network(back, net)
    assert text == exported(run, "gexf")  # no date stamp: the same graph gives the same file


def test_cytoscape_elements(run, net):
    data = json.loads(exported(run, "cytoscape"))
    nodes, edges = data["elements"]["nodes"], data["elements"]["edges"]
    assert {n["data"]["id"] for n in nodes} == set(net.nodes)
    assert {e["data"]["id"] for e in edges} == edge_keys(net)
    assert len(edges) == net.number_of_edges()
    by_id = {e["data"]["id"]: e["data"] for e in edges}
    assert by_id[IVAN_TILL]["source"].endswith("/ivan") and by_id[IVAN_TILL]["target"] == TILL
    assert by_id[ROUND_1]["kind"] == "match" and by_id[ROUND_1]["winner"].endswith("/mizi")
    till = next(n["data"] for n in nodes if n["data"]["id"] == TILL)
    assert till["fate"] == "unknown" and till["label"] == "Till"


def test_csv_rows_match_nodes_and_edges(run, net):
    rows = list(csv.DictReader(io.StringIO(exported(run, "csv"))))
    nodes = [r for r in rows if r["element"] == "node"]
    edges = [r for r in rows if r["element"] == "edge"]
    assert len(nodes) + len(edges) == len(rows)
    assert {r["id"] for r in nodes} == set(net.nodes) and len(nodes) == net.number_of_nodes()
    assert {r["id"] for r in edges} == edge_keys(net) and len(edges) == net.number_of_edges()
    bond = next(r for r in edges if r["id"] == IVAN_TILL)
    assert (bond["source_label"], bond["target_label"], bond["nature"]) == ("Ivan", "Till", "romantic")
    assert next(r for r in nodes if r["id"] == TILL)["fate"] == "unknown"


def test_output_file_is_written_and_its_path_printed(run, tmp_path):
    target = tmp_path / "out" / "alien-stage.gexf"
    result = run("export", "--format", "gexf", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(target)
    assert target.read_text(encoding="utf-8") == exported(run, "gexf")
    assert [p.name for p in target.parent.iterdir()] == ["alien-stage.gexf"]  # no temporary file left


def test_unwritable_output_exits_2_cleanly(run, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    result = run("export", "--format", "ttl", "-o", str(blocker / "x.ttl"))
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert f"{blocker} is a file, not a folder" in result.output
    assert blocker.read_text(encoding="utf-8") == "x"


def test_unknown_format_is_a_usage_error(run):
    result = run("export", "--format", "xlsx")
    assert result.exit_code == 2 and "Traceback" not in result.output


HOSTILE_LABEL = "bell\x07 cr\r nul\x00 esc\x1b tab\t lf\n fffe\ufffe ls\u2028 <&\"'"
HOSTILE_TURTLE = (
    "@prefix sg: <https://w3id.org/stagegraph/ns#> .\n"
    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
    "<https://w3id.org/stagegraph/character/x> a sg:Character ;\n"
    '    rdfs:label "bell\\u0007 cr\\r nul\\u0000 esc\\u001B tab\\t lf\\n '
    'fffe\\uFFFE ls\\u2028 <&\\"\'"@en .\n'
)


@pytest.mark.parametrize("fmt, read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_xml_exports_are_well_formed_with_control_characters_in_labels(run, tmp_path, fmt, read):
    import xml.etree.ElementTree as ET

    from stagegraph.network.export import xml_text

    data = tmp_path / "x.ttl"
    data.write_text(HOSTILE_TURTLE, encoding="utf-8")
    result = run("--data", str(data), "export", "--format", fmt)
    assert result.exit_code == 0, result.output
    ET.fromstring(result.stdout.encode("utf-8"))  # expat refuses XML that is not well-formed
    back = read(io.BytesIO(result.stdout.encode("utf-8")))
    label = back.nodes["https://w3id.org/stagegraph/character/x"]["label"]
    assert label == xml_text(HOSTILE_LABEL)
    assert label == HOSTILE_LABEL.replace("\x07", "\\u0007").replace("\x00", "\\u0000").replace(
        "\x1b", "\\u001B"
    ).replace("\ufffe", "\\uFFFE")  # tab, CR, LF and U+2028 read back as they were


def test_jsonld_keeps_zero_false_and_empty_values_among_several(run, tmp_path):
    data = tmp_path / "x.ttl"
    data.write_text(
        '<http://example.org/a> <http://example.org/p> 0, 1, false, true, "", "x" ;\n'
        "    a 0, <http://example.org/C> .\n",
        encoding="utf-8",
    )
    text = run("--data", str(data), "export", "--format", "jsonld").stdout
    back = Graph().parse(data=text, format="json-ld")
    assert isomorphic(back, Graph().parse(data, format="turtle")), text


def test_csv_export_quotes_a_label_holding_a_bare_carriage_return(run, tmp_path):
    data = tmp_path / "x.ttl"
    data.write_text(HOSTILE_TURTLE.split("rdfs:label")[0] + 'rdfs:label "bare\\rcr"@en .\n', encoding="utf-8")
    result = run("--data", str(data), "export", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout_bytes.decode("utf-8"), newline="")))
    assert [row["label"] for row in rows] == ["bare\rcr"]
