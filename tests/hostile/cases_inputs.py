"""Hostile data files and hostile folders, through every command that reads the data."""

from __future__ import annotations

from .harness import data_parses
from .material import (
    FINE,
    NT_OK,
    SOURCE,
    base_text,
    broken,
    case,
    contribution,
    deep_blank_nodes,
    deep_collection,
    each,
    fifo,
    folder,
    journal,
    link,
    put,
    relabel,
    ttl,
)

BAD = "{work}/bad.ttl"
ON_BAD = ("--data", BAD)

# --------------------------------------------------------------------------- broken files, by kind

SYNTAX = {  # line 6 of a Turtle file, and the README's exit 2 with path:6
    "unterminated-string": 'character:alpha rdfs:comment "never closed .',
    "unknown-prefix": 'nope:alpha rdfs:comment "x" .',
    "two-objects-no-comma": 'character:alpha rdfs:comment "a" "b" .',
    "bad-escape": 'character:alpha rdfs:comment "bad \\q escape" .',
    "bad-language-tag": 'character:alpha rdfs:comment "x"@-en .',
    "literal-subject": '"x" rdfs:comment "y" .',
    "stray-brace": 'character:alpha rdfs:comment "x" . }',
    # Oxigraph refuses these and rdflib accepted them: they are not Turtle
    "iri-space": '<https://w3id.org/stagegraph/character/a b> rdfs:comment "x" .',
    "iri-quote": '<https://w3id.org/stagegraph/character/a"b> rdfs:comment "x" .',
    "iri-braces": '<https://w3id.org/stagegraph/character/{a}> rdfs:comment "x" .',
    "iri-nul-escape": '<https://w3id.org/stagegraph/character/\\u0000> rdfs:comment "x" .',
    "iri-raw-control": '<https://w3id.org/stagegraph/character/a\x01b> rdfs:comment "x" .',
    "lone-surrogate": 'character:alpha rdfs:comment "\\uD800" .',
    "lone-surrogate-in-iri": '<https://w3id.org/stagegraph/character/\\uDC00> rdfs:comment "x" .',
}

ENCODINGS = {  # bytes, and the line the decoding error is on
    "latin-1": (broken("@@").encode().replace(b"@@", b'character:alpha rdfs:comment "caf\xe9" .'), 6),
    "overlong-utf8": (broken("@@").encode().replace(b"@@", b'character:alpha rdfs:comment "\xc0\xaf" .'), 6),
    "utf8-surrogate-bytes": (broken("@@").encode().replace(b"@@", b'character:alpha rdfs:comment "\xed\xa0\x80" .'), 6),
    "utf-16": (("\ufeff" + ttl(FINE)).encode("utf-16-le"), 1),
    "png-junk": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01" * 8, 1),
    "gzip-junk": (b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + bytes(range(256)), 1),
}

NT_SYNTAX = {  # line 3 of an N-Triples file
    "prefixed-name": '<https://w3id.org/stagegraph/character/alpha> rdfs:label "x" .',
    "relative-iri": '<alpha> <http://www.w3.org/2000/01/rdf-schema#label> "x" .',
    "turtle-a": "<https://w3id.org/stagegraph/character/alpha> a <https://w3id.org/stagegraph/ns#Character> .",
    "two-objects": '<https://e.org/a> <https://e.org/p> "x" "y" .',
}


def _syntax_cases():
    for name, line in SYNTAX.items():
        yield case(
            f"file-syntax-{name}", "validate", BAD, code=2, setup=put("work/bad.ttl", broken(line)), where=BAD + ":6"
        )
    for name, (body, line) in ENCODINGS.items():
        yield case(
            f"file-encoding-{name}", "validate", BAD, code=2, setup=put("work/bad.ttl", body), where=f"{BAD}:{line}"
        )
    for name, line in NT_SYNTAX.items():
        yield case(
            f"file-nt-{name}",
            "validate",
            "{work}/bad.nt",
            code=2,
            setup=put("work/bad.nt", NT_OK * 2 + line + "\n" + NT_OK),
            where="{work}/bad.nt:3",
        )
    yield from _empty_cases()
    yield case(
        "file-wrong-suffix",
        "validate",
        "{work}/data.txt",
        code=2,
        setup=put("work/data.txt", ttl(FINE)),
        where="{work}/data.txt",
    )
    yield case("file-missing", "validate", "{work}/absent.ttl", code=2, where="{work}/absent.ttl")
    yield case(
        "file-utf8-bom-accepted",
        "--data",
        "{work}/bom.ttl",
        "validate",
        code=0,
        setup=put("work/bom.ttl", "\ufeff" + base_text()),
    )
    yield case(
        "file-utf8-bom-nt-accepted",
        "--data",
        "{data}",
        "--data",
        "{work}/bom.nt",
        "stats",
        "--format",
        "json",
        code=0,
        setup=put("work/bom.nt", "\ufeff" + NT_OK),
        out="json",
    )
    yield case(
        "file-crlf-accepted",
        "--data",
        "{work}/crlf.ttl",
        "validate",
        code=0,
        setup=put("work/crlf.ttl", base_text().replace("\n", "\r\n")),
    )


# --------------------------------------------------------------------------- empty files: valid, the empty graph


def _empty_cases():
    """An empty (or blank) Turtle or N-Triples document is valid: every reader takes it as the empty graph."""
    empty, blank, nt = put("work/bad.ttl", b""), put("work/bad.ttl", " \n\t\n"), put("work/empty.nt", b"")
    yield case("file-empty-accepted", "validate", BAD, code=0, setup=empty)
    yield case("file-whitespace-only-accepted", "validate", BAD, code=0, setup=blank)
    yield case("file-empty-nt-accepted", "--data", "{data}", "--data", "{work}/empty.nt", "validate", code=0, setup=nt)
    yield case("export-on-empty-file", *ON_BAD, "export", "--format", "nt", code=0, setup=empty)
    yield case("stats-on-empty-file", *ON_BAD, "stats", "--format", "json", code=0, setup=empty, out="json")
    yield case("fmt-check-on-empty-file", "fmt", "--check", BAD, code=0, setup=empty)
    yield case("diff-empty-file-with-itself", "diff", BAD, BAD, code=0, setup=empty)


# --------------------------------------------------------------------------- every command on a broken file

COMMANDS = {
    "validate": ("validate",),
    "stats": ("stats",),
    "query": ("query", "characters"),
    "show": ("show", "alpha"),
    "graph": ("graph", "-o", "{work}/g.html"),
    "analyze": ("analyze",),
    "export": ("export", "--format", "ttl"),
    "new": ("new", "character", "--name", "Zed", "--source", SOURCE),
    "publish": ("publish", "--endpoint", "http://127.0.0.1:{port}/store"),
}
BROKEN = {  # a data file, and where its problem is
    "syntax": (broken(SYNTAX["unterminated-string"]), ":6"),
    "latin-1": (ENCODINGS["latin-1"][0], ":6"),
}


def _every_command():
    for kind, (body, line) in BROKEN.items():
        for name, args in COMMANDS.items():
            yield case(
                f"{name}-on-{kind}-file", *ON_BAD, *args, code=2, setup=put("work/bad.ttl", body), where=BAD + line
            )
        yield case(
            f"add-on-{kind}-file",
            "--data",
            "{data}",
            "add",
            "{work}/new.ttl",
            code=2,
            setup=each(put("data/bad.ttl", body), put("work/new.ttl", contribution())),
            where="{data}/bad.ttl" + line,
        )
        yield case(
            f"diff-on-{kind}-file",
            "diff",
            "{data}/base.ttl",
            BAD,
            code=2,
            setup=put("work/bad.ttl", body),
            where=BAD + line,
        )
        yield case(
            f"fmt-check-on-{kind}-file",
            "fmt",
            "--check",
            BAD,
            code=2,
            setup=put("work/bad.ttl", body),
            where=BAD + line,
        )
        yield case(f"fmt-on-{kind}-file", "fmt", BAD, code=2, setup=put("work/bad.ttl", body), where=BAD + line)


# --------------------------------------------------------------------------- shapes of data: deep, huge, ill-typed

DEEP = {"blank-nodes": deep_blank_nodes(), "collection": deep_collection()}
ILL_TYPED_DATE = base_text().replace('"2020-01-31"^^xsd:date', '"abc"^^xsd:date', 1)
ILL_TYPED_AGE = base_text().replace("sg:age 17 ;", 'sg:age "seventeen"^^xsd:integer ;', 1)


def _shape_cases():
    for name, text in DEEP.items():
        setup = put("work/deep.ttl", text)
        yield case(f"deep-{name}-fmt-check", "fmt", "--check", "{work}/deep.ttl", code={0, 1}, setup=setup)
        yield case(
            f"deep-{name}-export-ttl",
            "--data",
            "{work}/deep.ttl",
            "export",
            "--format",
            "ttl",
            code=0,
            setup=setup,
            out="ttl",
        )
        yield case(
            f"deep-{name}-export-nt",
            "--data",
            "{work}/deep.ttl",
            "export",
            "--format",
            "nt",
            code=0,
            setup=setup,
            out="nt",
        )
        yield case(
            f"deep-{name}-validate",
            "--data",
            "{data}",
            "--data",
            "{work}/deep.ttl",
            "validate",
            code={0, 1},
            setup=setup,
        )
    yield case(
        "huge-2mb-literal-oxigraph-store",
        "--data",
        "{data}",
        "--data",
        "{work}/big.ttl",
        "query",
        "characters",
        "--format",
        "json",
        code=0,
        out="json",
        setup=put("work/big.ttl", ttl('character:alpha rdfs:comment "' + "x" * 2_000_000 + '" .')),
    )
    yield case(
        "ill-typed-date-validate",
        "--data",
        "{work}/ill.ttl",
        "validate",
        code=1,
        setup=put("work/ill.ttl", ILL_TYPED_DATE),
        shows=("released",),
    )
    yield case(
        "ill-typed-integer-validate",
        "--data",
        "{work}/ill.ttl",
        "validate",
        code=1,
        setup=put("work/ill.ttl", ILL_TYPED_AGE),
        shows=("age",),
    )
    yield case(
        "ill-typed-date-stats",
        "--data",
        "{work}/ill.ttl",
        "stats",
        "--format",
        "json",
        code=0,
        setup=put("work/ill.ttl", ILL_TYPED_DATE),
        out="json",
    )
    yield case(
        "ill-typed-integer-show",
        "--data",
        "{work}/ill.ttl",
        "show",
        "alpha",
        "--format",
        "json",
        code=0,
        setup=put("work/ill.ttl", ILL_TYPED_AGE),
        out="json",
    )
    yield case(
        "ill-typed-date-query-timeline",
        "--data",
        "{work}/ill.ttl",
        "query",
        "timeline",
        "--format",
        "json",
        code=0,
        setup=put("work/ill.ttl", ILL_TYPED_DATE),
        out="json",
    )


# --------------------------------------------------------------------------- hostile labels through every output

LABELS = {  # Turtle literal bodies (with Turtle escapes)
    "markup": "<script>alert(1)</script><b onmouseover=x>&amp;]]>",
    "carriage-return": "Al\\rpha\\r\\nBeta",
    "u2028": "Al\\u2028pha\\u2029",
    "control": "Al\\u0001ph\\u001B[31ma\\u0007\\u007F",
    "nul": "Al\\u0000pha",
    "bidi-zero-width": "\\u202Eahpla\\u202C\\u200B\\u200D\\uFEFF",
    "tabs-pipes-quotes": 'a\\tb|c\\"d,e;f\\\\g',
    "template": "{{ 7*7 }}{% if true %}x{% endif %}{# c #}{{TITLE}}{{w:sq_run}}",  # Jinja2, and the old markers
}
EXPORTS = {
    "ttl": "ttl",
    "nt": "nt",
    "jsonld": "json",
    "graphml": "xml",
    "gexf": "xml",
    "cytoscape": "json",
    "csv": "csv",
}
QUERY_FORMATS = {"csv": "csv", "tsv": "tsv", "md": "md", "json": "json", "sparql-json": "json", "table": "text"}
HOSTILE_FILE = "{work}/hostile.ttl"


def _label_cases():
    for label_name, label in LABELS.items():
        setup = put("work/hostile.ttl", relabel(label))
        on = ("--data", HOSTILE_FILE)
        for fmt, parser in EXPORTS.items():
            yield case(
                f"label-{label_name}-export-{fmt}", *on, "export", "--format", fmt, code=0, setup=setup, out=parser
            )
        for fmt, parser in QUERY_FORMATS.items():
            yield case(
                f"label-{label_name}-query-{fmt}",
                *on,
                "query",
                "characters",
                "--format",
                fmt,
                code=0,
                setup=setup,
                out=parser,
            )
        yield case(
            f"label-{label_name}-show-json", *on, "show", "beta", "--format", "json", code=0, setup=setup, out="json"
        )
        yield case(
            f"label-{label_name}-analyze-json", *on, "analyze", "--format", "json", code=0, setup=setup, out="json"
        )
        yield case(
            f"label-{label_name}-graph",
            *on,
            "graph",
            "-o",
            "{work}/g.html",
            code=0,
            setup=setup,
            writes=("work/g.html",),
            outfile=("work/g.html", "html"),
        )
        yield case(
            f"label-{label_name}-diff-triples",
            "diff",
            "{base}",
            HOSTILE_FILE,
            "--format",
            "triples",
            code=1,
            setup=setup,
            out="triples",
        )
    every = put("work/hostile.ttl", relabel(LABELS["markup"] + LABELS["u2028"]))
    yield case("label-show-text", "--data", HOSTILE_FILE, "show", "alpha", code={0, 2}, setup=every, out="text")


# --------------------------------------------------------------------------- hostile folders

CONTRIB = ("add", "{work}/new.ttl")
WITH_CONTRIB = put("work/new.ttl", contribution())
JOURNAL_FILES = ("data/.stagegraph.journal", "data/.evil.tmp")


def _folder_cases():
    yield case(
        "folder-empty", "--data", "{work}/empty", "validate", code=2, setup=folder("work/empty"), where="{work}/empty"
    )
    yield case(
        "folder-only-hidden-files",
        "--data",
        "{work}/hidden",
        "stats",
        code=2,
        setup=put("work/hidden/.secret.ttl", ttl(FINE)),
        where="{work}/hidden",
    )
    yield case(
        "folder-hidden-junk-skipped",
        "--data",
        "{data}",
        "validate",
        code=0,
        setup=put("data/.junk.ttl", b"\x89PNG\x00junk"),
    )
    yield case(
        "folder-stale-tmp-skipped",
        "--data",
        "{data}",
        "validate",
        code=0,
        setup=put("data/.base.ttl.k2j3.tmp", b"half a file \x00"),
    )
    yield case(
        "folder-stale-tmp-add",
        "--data",
        "{data}",
        *CONTRIB,
        code=0,
        setup=each(put("data/.base.ttl.k2j3.tmp", b"half a file"), WITH_CONTRIB),
        writes=("data/*.ttl",),
        check=data_parses,
    )
    yield case("folder-subfolder-named-ttl", "--data", "{data}", "validate", code=0, setup=folder("data/sub.ttl"))
    yield case(
        "folder-fifo-skipped",
        "--data",
        "{data}",
        "validate",
        code=0,
        setup=fifo("data/pipe.ttl"),
        proc=True,
        timeout=60,
    )
    yield case(
        "folder-symlink-file-out",
        "--data",
        "{data}",
        "validate",
        code={0, 2},
        setup=each(put("outside/ext.ttl", ttl(FINE)), link("data/ext.ttl", "{outside}/ext.ttl")),
    )
    yield case(
        "folder-symlink-dir-out",
        "--data",
        "{data}",
        "validate",
        code={0, 2},
        setup=each(put("outside/ext/more.ttl", ttl(FINE)), link("data/ext", "{outside}/ext")),
    )
    yield case(
        "folder-symlink-loop",
        "--data",
        "{data}",
        "validate",
        code={0, 2},
        setup=link("data/loop", "{data}"),
        proc=True,
        timeout=60,
    )
    yield case(
        "folder-symlink-dangling",
        "--data",
        "{data}",
        "validate",
        code={0, 2},
        setup=link("data/gone.ttl", "{outside}/missing.ttl"),
    )
    yield case(
        "fmt-folder-symlink-out",
        "fmt",
        "{data}",
        code={0, 2},
        writes=("data/base.ttl",),
        setup=each(put("outside/ext.ttl", ttl(FINE, FINE)), link("data/ext.ttl", "{outside}/ext.ttl")),
    )
    yield case(
        "add-topic-file-symlink-out",
        "--data",
        "{data}",
        *CONTRIB,
        code={0, 2},
        setup=each(
            put("outside/sources.ttl", contribution("elsewhere")),
            link("data/sources.ttl", "{outside}/sources.ttl"),
            WITH_CONTRIB,
        ),
        writes=("data/base.ttl",),
    )
    yield case(
        "folder-filename-newline",
        "--data",
        "{work}/evil",
        "validate",
        code=2,
        says=("name.ttl",),
        setup=put("work/evil/bad\nname.ttl", broken(SYNTAX["unterminated-string"])),
    )
    yield case(
        "folder-filename-escape",
        "--data",
        "{work}/evil",
        "validate",
        code=2,
        says=("red.ttl",),
        setup=put("work/evil/\x1b[31mred.ttl", broken(SYNTAX["unterminated-string"])),
    )
    yield case(
        "data-fifo-file",
        "--data",
        "{work}/pipe.ttl",
        "validate",
        code=2,
        setup=fifo("work/pipe.ttl"),
        where="{work}/pipe.ttl",
        proc=True,
        timeout=60,
    )
    yield case(
        "add-fifo-contribution",
        "--data",
        "{data}",
        "add",
        "{work}/pipe.ttl",
        code=2,
        setup=fifo("work/pipe.ttl"),
        where="{work}/pipe.ttl",
        proc=True,
        timeout=10,
    )
    yield case(
        "add-folder-as-contribution",
        "--data",
        "{data}",
        "add",
        "{work}/dir.ttl",
        code=2,
        setup=folder("work/dir.ttl"),
        where="{work}/dir.ttl",
    )
    yield case("add-data-is-a-file", "--data", "{data}/base.ttl", *CONTRIB, code=2, setup=WITH_CONTRIB)
    yield case(
        "query-folder-as-query-file", "query", "{work}/q.rq", code=2, setup=folder("work/q.rq"), where="{work}/q.rq"
    )
    # planted journals: a reader finishes an interrupted write; it must stay inside the folder
    escapes = {
        "parent-target": (".evil.tmp\t../outside/victim.txt\n", [("data/.evil.tmp", "pwned\n")]),
        "absolute-target": (".evil.tmp\t{victim}\n", [("data/.evil.tmp", "pwned\n")]),
        "outside-source": ("../outside/victim.txt\tstolen.ttl\n", []),
        "absolute-source": ("{victim}\tstolen.ttl\n", []),
        "binary": (b"\xff\xfe\x00\x01junk\tbase.ttl\n", []),
    }
    for name, (lines, planted) in escapes.items():

        def setup(box, lines=lines, planted=planted):
            text = box.expand(lines) if isinstance(lines, str) else lines
            journal(text, *planted)(box)

        yield case(
            f"journal-{name}-validate",
            "--data",
            "{data}",
            "validate",
            code={0, 2},
            setup=setup,
            may_touch=JOURNAL_FILES,
        )
        yield case(
            f"journal-{name}-add",
            "--data",
            "{data}",
            *CONTRIB,
            code={0, 2},
            setup=each(setup, WITH_CONTRIB),
            may_touch=JOURNAL_FILES,
            writes=("data/sources.ttl",),
        )
    staged_link = each(journal(".evil.tmp\tbase.ttl\n"), link("data/.evil.tmp", "{victim}"))
    yield case(
        "journal-staged-symlink-validate",
        "--data",
        "{data}",
        "validate",
        code={0, 2},
        setup=staged_link,
        may_touch=JOURNAL_FILES,
    )
    target_link = each(
        journal(".evil.tmp\tlinked.ttl\n", ("data/.evil.tmp", ttl(FINE))),
        put("outside/linked.ttl", ttl(FINE)),
        link("data/linked.ttl", "{outside}/linked.ttl"),
    )
    yield case(
        "journal-target-symlink-validate",
        "--data",
        "{data}",
        "validate",
        code={0, 2},
        setup=target_link,
        may_touch=JOURNAL_FILES,
    )
    yield case(
        "journal-is-a-folder-add",
        "--data",
        "{data}",
        *CONTRIB,
        code=2,
        setup=each(folder("data/.stagegraph.journal"), WITH_CONTRIB),
    )
    yield case(
        "lock-symlink-to-victim-add",
        "--data",
        "{data}",
        *CONTRIB,
        code={0, 2},
        setup=each(link("data/.stagegraph.lock", "{victim}"), WITH_CONTRIB),
        writes=("data/sources.ttl",),
    )
    yield case(
        "lock-symlink-dangling-out-add",
        "--data",
        "{data}",
        *CONTRIB,
        code={0, 2},
        setup=each(link("data/.stagegraph.lock", "{outside}/created-by-lock"), WITH_CONTRIB),
        writes=("data/sources.ttl",),
    )
    yield case(
        "lock-is-a-folder-add",
        "--data",
        "{data}",
        *CONTRIB,
        code=2,
        setup=each(folder("data/.stagegraph.lock"), WITH_CONTRIB),
        where="{data}",
    )


def cases():
    yield from _syntax_cases()
    yield from _every_command()
    yield from _shape_cases()
    yield from _label_cases()
    yield from _folder_cases()
