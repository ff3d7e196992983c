"""Hostile standard input, options, shapes files, servers and output paths."""

from __future__ import annotations

import shutil

import pytest

from .harness import data_parses
from .material import (
    HEAD,
    SOURCE,
    case,
    contribution,
    each,
    fifo_with_reader,
    immutable,
    null_device,
    put,
    read_only,
    relabel,
    ttl,
)

DATA = ("--data", "{data}")
LONG = "x" * 100_000
SELECT = b"SELECT ?s WHERE { ?s ?p ?o } LIMIT 3\n"
BOM = b"\xef\xbb\xbf"
CROSS = b"SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }\n"

# --------------------------------------------------------------------------- standard input

REFUSED = {  # SPARQL that must be refused (exit 2), read from standard input
    "insert-data": b"INSERT DATA { <https://e.org/a> <https://e.org/b> <https://e.org/c> }",
    "delete-where": b"DELETE WHERE { ?s ?p ?o }",
    "drop-all": b"DROP ALL",
    "clear-default": b"CLEAR DEFAULT",
    "load": b"LOAD <file:///etc/passwd>",
    "update-after-comment": b"# SELECT * WHERE {}\nINSERT DATA { <https://e.org/a> <https://e.org/b> 1 }",
    "select-then-update": b"SELECT * WHERE { ?s ?p ?o } ; INSERT DATA { <https://e.org/a> <https://e.org/b> 1 }",
    "service": b"SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "service-silent": b"SELECT * WHERE { SERVICE SILENT <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "from": b"SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
    "from-named": b"SELECT * FROM NAMED <http://127.0.0.1:9/g> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "syntax-error": b"SELECT ?s WHERE {\n  ?s ?p \n}}",
    "nul-byte": b"SELECT ?s WHERE { ?s ?p \x00 }",
    "lone-surrogate-escape": b'SELECT ?x WHERE { BIND("\\uD800" AS ?x) }',
}


def _stdin_cases():
    for name, text in REFUSED.items():
        yield case(f"query-stdin-{name}", *DATA, "query", "-", code=2, stdin=text)
    yield case("query-stdin-empty", *DATA, "query", "-", code=2, stdin=b"")
    yield case("query-stdin-whitespace", *DATA, "query", "-", code=2, stdin=b"  \n\t\n")
    yield case(
        "query-stdin-not-utf8", *DATA, "query", "-", code=2, stdin=b'SELECT ?s WHERE { ?s ?p "caf\xe9" }', proc=True
    )
    yield case(
        "query-stdin-not-utf8-c-locale",
        *DATA,
        "query",
        "-",
        code=2,
        proc=True,
        stdin=b'SELECT ?s WHERE { ?s ?p "caf\xe9" }',
        env=(("LC_ALL", "C"), ("LANG", "C")),
    )
    yield case(
        "query-stdin-bom-accepted",
        *DATA,
        "query",
        "-",
        "--format",
        "json",
        code=0,
        stdin=BOM + SELECT,
        out="json",
        proc=True,
    )
    yield case(
        "query-stdin-bom-accepted-in-process",
        *DATA,
        "query",
        "-",
        "--format",
        "csv",
        code=0,
        stdin=BOM + SELECT,
        out="csv",
    )
    yield case(
        "query-stdin-huge-comment",
        *DATA,
        "query",
        "-",
        "--format",
        "json",
        code=0,
        out="json",
        stdin=b"# padding padding padding padding padding padding padding padding\n" * 40_000 + SELECT,
    )
    yield case(
        "query-stdin-deeply-nested-groups",
        *DATA,
        "query",
        "-",
        code={0, 2},
        stdin=b"SELECT * WHERE " + b"{ " * 5_000 + b"?s ?p ?o" + b" }" * 5_000,
    )
    yield case("query-stdin-timeout", "query", "-", "--timeout", "1", code=3, stdin=CROSS, proc=True, timeout=60)
    yield case("add-stdin-empty", *DATA, "add", "-", code=2, stdin=b"")
    yield case(
        "add-stdin-not-utf8",
        *DATA,
        "add",
        "-",
        code=2,
        proc=True,
        stdin=contribution().encode().replace(b"A hostile", b"A caf\xe9"),
    )
    yield case(
        "add-stdin-bom-accepted",
        *DATA,
        "add",
        "-",
        code=0,
        stdin=BOM + contribution().encode(),
        writes=("data/*.ttl",),
        check=data_parses,
        proc=True,
    )
    yield case("add-stdin-bom-dry-run", *DATA, "add", "-", "--dry-run", code=0, stdin=BOM + contribution().encode())
    yield case(
        "add-stdin-syntax-error",
        *DATA,
        "add",
        "-",
        code=2,
        where="<stdin>:6",
        stdin=(
            HEAD + "<https://w3id.org/stagegraph/source/x> a sg:Source .\n"
            '<https://w3id.org/stagegraph/source/y> rdfs:label "unclosed .\n'
        ).encode(),
    )
    yield case(
        "add-stdin-iri-space",
        *DATA,
        "add",
        "-",
        code=2,
        where="<stdin>:5",
        stdin=(HEAD + "<https://w3id.org/stagegraph/source/a b> a sg:Source .\n").encode(),
    )
    yield case(
        "add-stdin-lone-surrogate",
        *DATA,
        "add",
        "-",
        code=2,
        where="<stdin>:",
        stdin=contribution().replace("A hostile", "A \\uD800 hostile").encode(),
    )
    yield case(
        "add-stdin-unknown-term",
        *DATA,
        "add",
        "-",
        code=1,
        stdin=contribution().replace("sg:sourceKind", "sg:sourceKindd").encode(),
    )
    yield case(
        "add-stdin-ill-typed",
        *DATA,
        "add",
        "-",
        code=1,
        stdin=(
            HEAD + "<https://w3id.org/stagegraph/episode/bad-date> a sg:Episode ;\n"
            '  rdfs:label "Bad date"@en ; sg:released "abc"^^xsd:date ;\n'
            "  sg:source <https://w3id.org/stagegraph/source/wiki> ;\n"
            "  sg:confidence <https://w3id.org/stagegraph/vocab/confidence/single-source> .\n"
        ).encode(),
    )
    yield case("add-stdin-huge-junk", *DATA, "add", "-", code=2, stdin=b"x" * 5_000_000)


# --------------------------------------------------------------------------- options


def _option_cases():
    usage = [  # click usage errors: exit 2
        ("export-format-unknown", ("export", "--format", "docx")),
        ("query-format-unknown", ("query", "matches", "--format", "xlsx")),
        ("validate-format-unknown", ("validate", "--format", "xml")),
        ("stats-format-unknown", ("stats", "--format", "yaml")),
        ("queries-format-unknown", ("queries", "--format", "csv")),
        ("query-timeout-negative", ("query", "matches", "--timeout", "-1")),
        ("query-timeout-zero", ("query", "matches", "--timeout", "0")),
        ("query-timeout-text", ("query", "matches", "--timeout", "soon")),
        ("query-timeout-nan", ("query", "matches", "--timeout", "nan")),
        ("query-lang-unknown", ("query", "matches", "--lang", "xx")),
        ("graph-view-unknown", ("graph", "--view", "everything")),
        ("publish-timeout-zero", ("publish", "--endpoint", "http://127.0.0.1:{port}/store", "--timeout", "0")),
        ("store-unknown", ("--store", "postgres", "stats")),
        ("command-unknown", ("frobnicate",)),
        ("new-kind-unknown", ("new", "spaceship")),
        ("new-round-not-a-number", ("new", "episode", "--round", "two")),
        ("query-param-missing-value", ("query", "bonds", "-p", "character")),
    ]
    for name, args in usage:
        yield case(name, *DATA, *args, code=2)
    for name, args in [
        ("query-timeout-infinite", ("query", "characters", "--timeout", "inf")),
        ("query-timeout-enormous", ("query", "characters", "--timeout", "1e308")),
    ]:
        yield case(name, *DATA, *args, "--format", "json", code={0, 2}, out="json")
    yield case("query-name-unknown", *DATA, "query", "nosuchquery", code=2, says=("nosuchquery",))
    yield case("query-name-100kb", *DATA, "query", LONG, code=2)
    yield case("query-file-name-100kb", *DATA, "query", LONG + ".rq", code=2)
    yield case("data-path-100kb", "--data", "{work}/" + LONG, "stats", code=2)
    yield case("ontology-path-100kb", *DATA, "--ontology", "{work}/" + LONG + ".ttl", "validate", code=2)
    yield case(
        "query-param-unknown-entity", *DATA, "query", "bonds", "-p", "character", "Nobody", code=2, says=("Nobody",)
    )
    yield case("query-param-unknown-name", *DATA, "query", "bonds", "-p", "who", "alpha", code=2, says=("who",))
    yield case("query-param-not-given", *DATA, "query", "bonds", code=2, says=("character",))
    yield case("query-param-injection", *DATA, "query", "bonds", "-p", "character", 'alpha" } ; DROP ALL ; #', code=2)
    yield case("query-param-100kb", *DATA, "query", "bonds", "-p", "character", LONG, code=2)
    yield case(
        "query-param-iri-space",
        *DATA,
        "query",
        "bonds",
        "-p",
        "character",
        "<https://w3id.org/stagegraph/character/a b>",
        code=2,
    )
    yield case("show-unknown", *DATA, "show", "Nobody", code=2, says=("Nobody",))
    yield case("show-empty-name", *DATA, "show", "", code=2)
    yield case("show-100kb", *DATA, "show", LONG, code=2)
    yield case("show-markup-name", *DATA, "show", "<script>alert(1)</script>", code=2)
    yield case("show-iri-with-space", *DATA, "show", "<https://w3id.org/stagegraph/character/a b>", code=2)
    for command in ("graph", "analyze"):
        yield case(f"{command}-as-of-unknown", *DATA, command, "--as-of", "round-99", code=2, says=("round-99",))
        yield case(f"{command}-as-of-100kb", *DATA, command, "--as-of", LONG, code=2)
        yield case(f"{command}-as-of-a-character", *DATA, command, "--as-of", "alpha", code=2)
    yield case(
        "new-episode-impossible-date",
        *DATA,
        "new",
        "episode",
        "--title",
        "Round 9",
        "--released",
        "2022-13-45",
        "--source",
        SOURCE,
        code=2,
        says=("2022-13-45",),
    )
    yield case(
        "new-episode-date-words",
        *DATA,
        "new",
        "episode",
        "--title",
        "Round 9",
        "--released",
        "yesterday",
        "--source",
        SOURCE,
        code=2,
        says=("yesterday",),
    )
    yield case(
        "new-episode-impossible-date-add",
        *DATA,
        "new",
        "episode",
        "--title",
        "Round 9",
        "--released",
        "2022-02-30",
        "--source",
        SOURCE,
        "--add",
        code=2,
    )
    yield case(
        "new-bond-unknown-character",
        *DATA,
        "new",
        "bond",
        "--from",
        "Nobody",
        "--to",
        "beta",
        "--type",
        "mutual",
        "--nature",
        "family",
        "--source",
        SOURCE,
        code=2,
        says=("Nobody",),
    )
    yield case("new-character-no-source", *DATA, "new", "character", "--name", "Zed", code=2)
    yield case(
        "new-source-quotes-in-url-and-title",
        *DATA,
        "new",
        "source",
        "--url",
        'https://e.org/a"b>c',
        "--title",
        'A "quoted" \\ title',
        code={0, 2},
        out="ttl",
    )
    yield case(
        "new-slug-traversal",
        *DATA,
        "new",
        "character",
        "--name",
        "Zed",
        "--slug",
        "../../etc/passwd",
        "--source",
        SOURCE,
        code={0, 2},
        out="ttl",
    )
    yield case(
        "new-note-control-characters",
        *DATA,
        "new",
        "character",
        "--name",
        "Zed",
        "--note",
        "line\u2028break\rreturn\x01\x1b[31m",
        "--revealed-in",
        "unknown",
        "--source",
        SOURCE,
        code=0,
        out="ttl",
    )
    yield case(
        "new-title-100kb",
        *DATA,
        "new",
        "source",
        "--url",
        "https://e.org/long",
        "--title",
        LONG,
        code={0, 2},
        out="ttl",
    )
    yield case(
        "new-character-hostile-name-add",
        *DATA,
        "new",
        "character",
        "--name",
        "Zed\u2028<script>",
        "--source",
        SOURCE,
        "--add",
        code={0, 1, 2},
        writes=("data/*.ttl",),
        check=data_parses,
    )


# --------------------------------------------------------------------------- output paths (-o)


def _output_cases():
    targets = {
        "graph": ("graph", "-o"),
        "export": ("export", "--format", "nt", "-o"),
    }
    for command, args in targets.items():
        yield case(f"{command}-o-folder", *DATA, *args, "{work}", code=2)
        yield case(
            f"{command}-o-parent-is-a-file",
            *DATA,
            *args,
            "{work}/file.txt/out",
            code=2,
            setup=put("work/file.txt", "a file\n"),
            where="{work}/file.txt",
        )
        yield case(
            f"{command}-o-missing-parent",
            *DATA,
            *args,
            "{work}/no/such/out",
            code={0, 2},
            writes=("work/no", "work/no/*"),
        )
        yield case(f"{command}-o-char-device", *DATA, *args, "{work}/null", code={0, 2}, setup=null_device("work/null"))
        yield case(
            f"{command}-o-symlink",
            *DATA,
            *args,
            "{work}/link.out",
            code={0, 2},
            setup=each(put("work/real.out", "old\n"), _link("work/link.out", "{work}/real.out")),
            writes=("work/real.out",),
        )
        yield case(
            f"{command}-o-read-only-file",
            *DATA,
            *args,
            "{work}/ro.out",
            code=2,
            setup=read_only("work/ro.out"),
            where="{work}/ro.out",
        )
        yield case(
            f"{command}-o-immutable-file",
            *DATA,
            *args,
            "{work}/imm.out",
            code=2,
            setup=immutable("work/imm.out"),
            where="{work}/imm.out",
            marks=(_needs_chattr,),
        )
        yield case(f"{command}-o-name-too-long", *DATA, *args, "{work}/" + "n" * 300 + ".out", code=2)
        yield case(f"{command}-o-100kb", *DATA, *args, "{work}/" + LONG, code=2)
        yield case(
            f"{command}-o-fifo",
            *DATA,
            *args,
            "{work}/pipe.out",
            code={0, 2},
            setup=fifo_with_reader("work/pipe.out"),
            proc=True,
            timeout=60,
        )


def _link(rel, target):
    from .material import link

    return link(rel, target)


_needs_chattr = pytest.mark.skipif(shutil.which("chattr") is None, reason="chattr is not installed")


# --------------------------------------------------------------------------- shapes (--ontology)

SHAPES_HEAD = HEAD + "@prefix sh: <http://www.w3.org/ns/shacl#> .\n@prefix ex: <https://example.org/shapes/> .\n"


def shape(body: str) -> str:
    return SHAPES_HEAD + "ex:Shape a sh:NodeShape ;\n    sh:targetClass sg:Character ;\n" + body + " .\n"


def sparql(select: str) -> str:
    return shape(f'    sh:sparql [ sh:message "m" ; sh:select """{select}""" ]')


SHAPES = {  # a broken shapes file, and its exit code (with `where` its path)
    "literal-path": shape('    sh:property [ sh:path "rdfs:label" ; sh:minCount 1 ]'),
    "sparql-syntax-error": sparql("SELECT $this WHERE { $this ?p }}"),
    "sparql-service": sparql("SELECT $this WHERE { SERVICE <http://127.0.0.1:9/s> { $this ?p ?o } }"),
    "sparql-update": sparql("DELETE WHERE { ?s ?p ?o }"),
    "sparql-from": sparql("SELECT $this FROM <file:///etc/passwd> WHERE { $this ?p ?o }"),
    "pattern-bad-regex": shape('    sh:property [ sh:path rdfs:label ; sh:pattern "([" ]'),
    "min-count-words": shape('    sh:property [ sh:path rdfs:label ; sh:minCount "many" ]'),
    "class-literal": shape('    sh:property [ sh:path sg:garden ; sh:class "Place" ]'),
    "syntax-error": SHAPES_HEAD + "ex:Shape a sh:NodeShape ;\n    sh:targetClass sg:Character\n    sh:x .\n",
    "not-utf8": SHAPES_HEAD.encode() + b'ex:Shape a sh:NodeShape ; sh:message "caf\xe9" .\n',
}
ON_SHAPES = ("--data", "{data}", "--ontology", "{ontology}/stagegraph.ttl", "--ontology", "{work}/shapes.ttl")


def _shape_cases():
    for name, text in SHAPES.items():
        yield case(
            f"shapes-{name}",
            *ON_SHAPES,
            "validate",
            code=2,
            setup=put("work/shapes.ttl", text),
            where="{work}/shapes.ttl",
        )
    yield case(
        "shapes-literal-path-add",
        *ON_SHAPES,
        "add",
        "{work}/new.ttl",
        code=2,
        setup=each(put("work/shapes.ttl", SHAPES["literal-path"]), put("work/new.ttl", contribution())),
        where="{work}/shapes.ttl",
    )
    yield case(
        "shapes-recursive-node",
        *ON_SHAPES,
        "validate",
        code={0, 1, 2},
        setup=put(
            "work/shapes.ttl", shape("    sh:node ex:Shape ;\n    sh:property [ sh:path sg:garden ; sh:node ex:Shape ]")
        ),
    )
    deep = "[ sh:inversePath " * 3000 + "rdfs:label" + " ]" * 3000
    yield case(
        "shapes-deep-path",
        *ON_SHAPES,
        "validate",
        code={0, 1, 2},
        setup=put("work/shapes.ttl", shape(f"    sh:property [ sh:path {deep} ; sh:maxCount 99 ]")),
    )
    yield case(
        "shapes-none-in-ontology",
        "--data",
        "{data}",
        "--ontology",
        "{ontology}/stagegraph.ttl",
        "validate",
        code=2,
        where="{ontology}/stagegraph.ttl",
    )
    yield case("ontology-missing", *DATA, "--ontology", "{work}/absent", "validate", code=2, where="{work}/absent")


# --------------------------------------------------------------------------- servers, diff, fmt, queries


def _server_and_misc_cases():
    yield case(
        "publish-closed-port",
        *DATA,
        "publish",
        "--endpoint",
        "http://127.0.0.1:{port}/store",
        code=4,
        says=("127.0.0.1:{port}",),
        proc=True,
        timeout=30,
    )
    yield case(
        "query-endpoint-closed-port",
        "query",
        "characters",
        "--endpoint",
        "http://127.0.0.1:{port}/query",
        code=4,
        says=("127.0.0.1:{port}",),
        timeout=30,
    )
    yield case("publish-endpoint-file-url", *DATA, "publish", "--endpoint", "file://{victim}", code={2, 4})
    yield case("query-endpoint-file-url", "query", "characters", "--endpoint", "file://{victim}", code={2, 4})
    yield case("publish-endpoint-not-a-url", *DATA, "publish", "--endpoint", "not a url", code={2, 4})
    yield case(
        "query-endpoint-with-service",
        "query",
        "-",
        "--endpoint",
        "http://127.0.0.1:{port}/query",
        code=2,
        stdin=REFUSED["service"],
    )
    yield case("diff-missing", "diff", "{data}", "{work}/absent", code=2, where="{work}/absent")
    yield case("diff-equal", "diff", "{data}", "{data}/base.ttl", code=0)
    yield case(
        "diff-file-against-folder",
        "diff",
        "{base}",
        "{work}/other",
        code={0, 1},
        setup=put("work/other/one.ttl", relabel("Other")),
        out="text",
    )
    yield case(
        "fmt-bom-rewritten",
        "fmt",
        "{work}/bom.ttl",
        code=0,
        setup=put("work/bom.ttl", "\ufeff" + ttl(FINE_X)),
        writes=("work/bom.ttl",),
        outfile=("work/bom.ttl", "ttl"),
    )
    yield case(
        "fmt-check-bom",
        "fmt",
        "--check",
        "{work}/bom.ttl",
        code={0, 1},
        setup=put("work/bom.ttl", "\ufeff" + ttl(FINE_X)),
    )
    yield case(
        "fmt-crlf-rewritten",
        "fmt",
        "{work}/crlf.ttl",
        code=0,
        writes=("work/crlf.ttl",),
        setup=put("work/crlf.ttl", ttl(FINE_X, FINE_X).replace("\n", "\r\n")),
        outfile=("work/crlf.ttl", "ttl"),
    )
    yield case(
        "fmt-not-turtle",
        "fmt",
        "{work}/notes.txt",
        code=2,
        setup=put("work/notes.txt", "hello\n"),
        where="{work}/notes.txt",
    )
    yield case("fmt-missing", "fmt", "{work}/absent.ttl", code=2, where="{work}/absent.ttl")
    yield case(
        "fmt-read-only-file",
        "fmt",
        "{work}/ro.ttl",
        code={0, 2},
        setup=read_only("work/ro.ttl", ttl(FINE_X, FINE_X)),
        writes=("work/ro.ttl",),
    )
    yield case("queries-json", "queries", "--format", "json", code=0, out="json")
    yield case("queries-extra-argument", "queries", "extra", code=2)
    yield case(
        "stats-json-hostile-labels",
        "--data",
        "{work}/h.ttl",
        "stats",
        "--format",
        "json",
        code=0,
        out="json",
        setup=put("work/h.ttl", relabel("\\u0000\\u2028<script>")),
    )
    yield case(
        "graph-default-output",
        *DATA,
        "graph",
        code=0,
        writes=("work/build", "work/build/graph.html"),
        outfile=("work/build/graph.html", "html"),
    )


FINE_X = 'character:alpha rdfs:comment "x" .'


def cases():
    yield from _stdin_cases()
    yield from _option_cases()
    yield from _output_cases()
    yield from _shape_cases()
    yield from _server_and_misc_cases()
