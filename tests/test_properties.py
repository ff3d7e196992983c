"""Property tests (Hypothesis): graphs of hostile terms round-trip through every writer.

Literals hold any Unicode but lone surrogates (the loader refuses those), with U+2028,
U+2029, C0 and C1 controls, quotes and backslashes made likely, some very long; language
tags; datatypes with well-formed and ill-formed lexical forms; blank nodes and lists nested
up to 600 deep. Each writer must give text its reader turns back into the same graph or
rows. The profile (conftest.py) is derandomized, so a run is the same every time.
"""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET

import networkx as nx
import pyoxigraph
from hypothesis import given
from hypothesis import strategies as st
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from helpers import MARKDOWN_SPACE, read_csv, read_markdown, read_tsv
from stagegraph.network import export
from stagegraph.output import cell, query_result
from stagegraph.rdf.canonical import serialize
from stagegraph.rdf.ntriples import nt_line
from stagegraph.rdf.oxigraph_terms import parse_into
from stagegraph.store.seam import QueryResult

EX = "http://example.org/"
CHARACTER = "https://w3id.org/stagegraph/character/"
HOSTILE = [
    "\u2028",
    "\u2029",
    "\x85",
    "\r",
    "\n",
    "\r\n",
    "\t",
    "\x00",
    "\x01",
    "\x0b",
    "\x0c",
    "\x1b",
    "\x1c",
    "\x7f",
    "\x9b",
    "\ufeff",
    "\ufffe",
    "\uffff",
    '"',
    '"""',
    "'",
    "\\",
    "\\u0041",
    "|",
    "<br>",
    "&",
    "<",
    "#",
    " ",
    "@",
    "^^",
    "\U0001f47d",
    "미지",
    "\u0301",
]

# --- strategies --------------------------------------------------------------------------

any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
hostile_text = st.lists(st.one_of(st.sampled_from(HOSTILE), any_text), max_size=8).map("".join)
long_text = st.builds(lambda piece, n: piece * n, st.sampled_from(HOSTILE + ["ab", "x\ny"]), st.integers(500, 3000))
texts = st.one_of(hostile_text, any_text, long_text)

local_names = st.text(st.characters(categories=("L", "N"), exclude_characters="\ufffe\uffff"), min_size=1, max_size=12)
iris = st.one_of(
    st.builds(lambda n: URIRef(EX + n), local_names),
    st.builds(lambda n: URIRef(CHARACTER + n), st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True)),
    st.builds(lambda n: URIRef(f"{EX}path/{n}?q=1#frag"), st.from_regex(r"[A-Za-z0-9._~-]{1,10}", fullmatch=True)),
)
predicates = st.one_of(
    st.sampled_from([RDF.type, RDFS.label, RDFS.comment, SKOS.prefLabel]),
    st.builds(lambda n: URIRef(EX + n), st.from_regex(r"[a-z]{1,6}", fullmatch=True)),
)
language_tags = st.from_regex(r"[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2}|-[0-9]{3})?", fullmatch=True)  # BCP 47
typed = st.one_of(
    st.builds(lambda i: Literal(str(i), datatype=XSD.integer), st.integers(-(10**30), 10**30)),
    st.builds(lambda s: Literal(s, datatype=XSD.integer), st.sampled_from(["+01", "-0", "٣", "1.5", "", " 1"])),
    st.builds(lambda s: Literal(s, datatype=XSD.decimal), st.sampled_from(["1.50", ".5", "-0.0", "1.", "١.٢"])),
    st.builds(lambda s: Literal(s, datatype=XSD.boolean), st.sampled_from(["true", "false", "TRUE", "1"])),
    st.builds(lambda s, n: Literal(s, datatype=URIRef(EX + "type/" + n)), texts, local_names),
)
literals = st.one_of(
    st.builds(Literal, texts),
    st.builds(lambda s, tag: Literal(s, lang=tag), texts, language_tags),
    typed,
)
leaves = st.one_of(iris, literals)


class Blank:
    """``[ p o ; … ]``: a blank node written inline."""

    def __init__(self, pairs):
        self.pairs = pairs


class List:
    """``( o … )``: an RDF list."""

    def __init__(self, items):
        self.items = items


objects = st.recursive(
    leaves,
    lambda inner: st.one_of(
        st.lists(st.tuples(predicates, inner), max_size=3).map(Blank), st.lists(inner, max_size=3).map(List)
    ),
    max_leaves=12,
)
deep = st.builds(
    lambda depth, as_list, leaf: _chain(depth, as_list, leaf),
    st.one_of(st.integers(1, 60), st.integers(250, 600)),
    st.booleans(),
    leaves,
)


def _chain(depth: int, as_list: bool, leaf):
    node = leaf
    for _ in range(depth):
        node = List([node]) if as_list else Blank([(URIRef(EX + "p"), node)])
    return node


def _add(graph: Graph, subject, predicate, obj) -> None:
    """Add ``subject predicate obj``, building the nested blank nodes of ``obj`` without recursion."""
    todo = [(subject, predicate, obj)]
    while todo:
        s, p, o = todo.pop()
        if isinstance(o, Blank):
            node = BNode()
            todo += [(node, q, x) for q, x in o.pairs]
        elif isinstance(o, List):
            cells = [BNode() for _ in o.items]
            node = cells[0] if cells else RDF.nil
            for cell_node, item, rest in zip(cells, o.items, cells[1:] + [RDF.nil], strict=False):
                graph.add((cell_node, RDF.rest, rest))
                todo.append((cell_node, RDF.first, item))
        else:
            node = o
        graph.add((s, p, node))


@st.composite
def graphs(draw, nested=objects):
    graph = Graph()
    for _ in range(draw(st.integers(1, 6))):
        _add(graph, draw(iris), draw(predicates), draw(nested))
    return graph


# --- helpers -----------------------------------------------------------------------------


def oxigraph_triples(text: str, fmt) -> int:
    """How many triples Oxigraph (a strict parser of the W3C grammars) reads from ``text``."""
    return len(list(pyoxigraph.parse(input=text.encode("utf-8"), format=fmt, base_iri=EX)))


def parse(text: str, rdflib_format: str) -> Graph:
    """``text`` read as the loader reads data files (Turtle and N-Triples through Oxigraph, whose
    parser does not recurse), or by rdflib for JSON-LD."""
    graph = Graph()
    if rdflib_format == "json-ld":
        return graph.parse(data=text, format="json-ld", publicID=EX)
    assert parse_into(graph, text, rdflib_format, EX) is not None, text
    return graph


def assert_same_graph(text: str, rdflib_format: str, graph: Graph) -> None:
    back = parse(text, rdflib_format)
    assert len(back) == len(graph)
    assert isomorphic(back, graph), text


# --- canonical Turtle and the RDF exports ------------------------------------------------


@given(graphs())
def test_canonical_turtle_parses_back_to_the_same_graph(graph):
    text = serialize(graph)
    assert oxigraph_triples(text, pyoxigraph.RdfFormat.TURTLE) == len(graph)
    assert_same_graph(text, "turtle", graph)


@given(graphs())
def test_canonical_turtle_is_a_fixed_point(graph):
    text = serialize(graph)
    assert serialize(parse(text, "turtle")) == text


@given(graphs(nested=deep))
def test_canonical_turtle_writes_deep_nesting_that_parses_back(graph):
    text = serialize(graph)
    assert oxigraph_triples(text, pyoxigraph.RdfFormat.TURTLE) == len(graph)
    assert serialize(parse(text, "turtle")) == text


@given(graphs())
def test_nt_export_parses_back_to_the_same_graph(graph):
    text = export._rdf(graph, "nt")
    assert oxigraph_triples(text, pyoxigraph.RdfFormat.N_TRIPLES) == len(graph)
    assert all(line.endswith(" .") for line in text.split("\n")[:-1])  # one triple per line
    assert_same_graph(text, "nt", graph)


@given(graphs())
def test_ttl_and_jsonld_exports_parse_back_to_the_same_graph(graph):
    assert_same_graph(export._rdf(graph, "ttl"), "turtle", graph)
    text = export._rdf(graph, "jsonld")
    json.loads(text)
    assert_same_graph(text, "json-ld", graph)


# --- the XML network exports -------------------------------------------------------------


@given(st.lists(st.tuples(iris, texts), min_size=1, max_size=5, unique_by=lambda pair: pair[0]), texts)
def test_graphml_and_gexf_are_well_formed_and_labels_read_back(nodes, edge_label):
    net = nx.MultiDiGraph()
    for iri, label in nodes:
        net.add_node(str(iri), label=label)
    first = str(nodes[0][0])
    net.add_edge(first, first, key=f"{EX}fact/1", label=edge_label)
    for write, read in ((export.graphml, nx.read_graphml), (export.gexf, nx.read_gexf)):
        text = write(net)
        ET.fromstring(text.encode("utf-8"))
        back = read(io.BytesIO(text.encode("utf-8")))
        assert {n: d.get("label", "") for n, d in back.nodes(data=True)} == {
            export.xml_text(str(iri)): export.xml_text(label) for iri, label in nodes
        }
        assert [d.get("label", "") for *_, d in back.edges(data=True)] == [export.xml_text(edge_label)]


# --- query result formats ----------------------------------------------------------------

terms = st.one_of(st.none(), iris, literals, st.builds(BNode, st.from_regex(r"b[0-9]{1,4}", fullmatch=True)))


@st.composite
def results(draw):
    width = draw(st.integers(1, 4))
    columns = [f"v{i}" for i in range(width)]
    rows = draw(st.lists(st.tuples(*[terms] * width), max_size=5))
    return QueryResult("select", columns, rows)


def as_text(term, compact=False):
    return cell(term, compact=compact)


@given(results())
def test_json_and_sparql_json_parse_back_to_the_same_rows(result):
    plain = json.loads(query_result(result, "json"))
    assert plain == [
        {c: (None if t is None else as_text(t)) for c, t in zip(result.columns, row, strict=True)}
        for row in result.rows
    ]
    document = json.loads(query_result(result, "sparql-json"))
    assert document["head"]["vars"] == result.columns
    assert [tuple(_term(b.get(c)) for c in result.columns) for b in document["results"]["bindings"]] == result.rows


def _term(binding: dict | None):
    """An RDF term from a SPARQL 1.1 JSON results binding."""
    if binding is None:
        return None
    if binding["type"] == "uri":
        return URIRef(binding["value"])
    if binding["type"] == "bnode":
        return BNode(binding["value"])
    datatype = binding.get("datatype")
    return Literal(binding["value"], lang=binding.get("xml:lang"), datatype=URIRef(datatype) if datatype else None)


@given(results())
def test_csv_and_tsv_parse_back_to_the_same_rows(result):
    expected = [result.columns] + [[as_text(t) for t in row] for row in result.rows]
    assert read_csv(query_result(result, "csv") + "\n") == expected
    assert read_tsv(query_result(result, "tsv") + "\n") == expected


@given(results())
def test_markdown_rows_keep_their_cells(result):
    rows = read_markdown(query_result(result, "md") + "\n")
    assert rows[0] == result.columns
    assert rows[2:] == [
        [re.sub(r"\r\n|\r|\n", "<br>", as_text(t, compact=True)).strip(MARKDOWN_SPACE) for t in row]
        for row in result.rows
    ]


@given(results())
def test_table_has_one_line_per_row_and_no_control_character(result):
    text = query_result(result, "table")
    assert len(text.split("\n")) == 2 + len(result.rows)
    assert not re.search(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]", text.replace("\n", ""))


# --- terms as written: parse → fmt → parse, and the N-Triples export (issue 23) -----------

SIGN = st.sampled_from(["", "+", "-"])
DIGITS = st.from_regex(r"[0-9]{1,4}", fullmatch=True)
integer_forms = st.builds(str.__add__, SIGN, DIGITS)  # 01, +1, -007, 0
decimal_forms = st.builds(lambda s, a, b: f"{s}{a}.{b}", SIGN, st.from_regex(r"[0-9]{0,3}", fullmatch=True), DIGITS)
double_forms = st.builds(
    lambda m, e, x: f"{m}{e}{x}", st.one_of(integer_forms, decimal_forms), st.sampled_from("eE"), integer_forms
)  # 1E0, 4.0e+00, .5E-1
short_numbers = st.one_of(integer_forms, decimal_forms, double_forms)  # written bare: 04.00, +1
quoted_typed = st.one_of(
    st.builds(lambda v: f'"{v}"^^xsd:integer', st.one_of(integer_forms, st.sampled_from([" 1", "1.0", "", "٣"]))),
    st.builds(lambda v: f'"{v}"^^xsd:decimal', st.one_of(decimal_forms, integer_forms, st.just("4."))),
    st.builds(lambda v: f'"{v}"^^xsd:double', st.one_of(double_forms, st.sampled_from(["INF", "-INF", "NaN"]))),
    st.builds(lambda v: f'"{v}"^^xsd:boolean', st.sampled_from(["1", "0", "true", "false", "TRUE", " true"])),
    st.builds(
        lambda v: f'"{v}"^^xsd:date',
        st.sampled_from(["2024-01-02", "2024-1-2", "2024-01-02Z", "2024-01-02+09:00", "0001-01-01", "-0044-03-15"]),
    ),
)
tags = st.builds(
    lambda tag, upper: "".join(c.upper() if u else c for c, u in zip(tag, upper, strict=False)),
    st.sampled_from(["en", "en-gb", "zh-hant-tw", "ko", "de-ch-1996", "x-private"]),
    st.lists(st.booleans(), min_size=12, max_size=12),
)
escaped = st.lists(
    st.sampled_from(
        ["a", " ", "\\t", "\\n", "\\r", '\\"', "\\\\", "\\u00e9", "\\U0001F47D", "'", "미지", "\\b", "\\f"]
    ),
    max_size=6,
).map("".join)
written = st.one_of(
    short_numbers,
    quoted_typed,
    st.sampled_from(["true", "false"]),
    st.builds(lambda s, t: f'"{s}"@{t}', escaped, tags),
    escaped.map(lambda s: f'"{s}"'),
)


@st.composite
def written_turtle(draw) -> str:
    """Turtle text whose objects are literals written every way the grammar allows (no blank nodes)."""
    lines = [
        f"ex:s{draw(st.integers(0, 3))} ex:p{draw(st.integers(0, 2))} {draw(written)} ."
        for _ in range(draw(st.integers(1, 12)))
    ]
    return (
        "@prefix ex: <http://example.org/> .\n@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        + "\n".join(lines)
        + "\n"
    )


def oxigraph_lines(text: str, fmt=pyoxigraph.RdfFormat.TURTLE) -> set[str]:
    """The triples Oxigraph reads from ``text``, as N-Triples lines: lexical forms exactly as
    written (Oxigraph never rewrites one; it lowercases language tags, RDF 1.1's comparison)."""
    return {str(q.triple) for q in pyoxigraph.parse(input=text.encode("utf-8"), format=fmt, base_iri=EX)}


def term_lines(graph: Graph) -> set[str]:
    """The triples of an rdflib graph as N-Triples lines: lexical forms and tags as the terms hold them."""
    return {nt_line(*triple) for triple in graph}


@given(written_turtle())
def test_parse_fmt_parse_keeps_every_term_as_written(text):
    graph = parse(text, "turtle")
    formatted = serialize(graph)
    assert oxigraph_lines(formatted) == oxigraph_lines(text), formatted
    assert term_lines(parse(formatted, "turtle")) == term_lines(graph), formatted  # tags in their case too


@given(written_turtle())
def test_nt_export_keeps_every_term_as_written(text):
    graph = parse(text, "turtle")
    exported = export._rdf(graph, "nt")
    assert oxigraph_lines(exported, pyoxigraph.RdfFormat.N_TRIPLES) == oxigraph_lines(text), exported
    assert term_lines(parse(exported, "nt")) == term_lines(graph), exported
