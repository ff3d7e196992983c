#!/usr/bin/env python3
"""The baselines of the benchmark: what a bare rdflib or pyoxigraph script does, nothing more.

    python benchmarks/bare.py rdflib-load FILE…
    python benchmarks/bare.py rdflib-query QUERY.rq BINDINGS.json FILE…
    python benchmarks/bare.py rdflib-nt OUT.nt FILE…
    python benchmarks/bare.py oxigraph-load FILE…
    python benchmarks/bare.py oxigraph-query QUERY.rq FILE…
    python benchmarks/bare.py oxigraph-nt OUT.nt FILE…
    python benchmarks/bare.py shacl-validate SHAPES.ttl DATA.nt

Each imports only its own library (never stagegraph), parses every FILE (Turtle, or
N-Triples for ``.nt``), does its one job and prints one line. For ``rdflib-query`` the
parameters come from BINDINGS.json (``{"name": {"iri": …}}`` or ``{"name": {"literal": …,
"lang": …}}``) and are passed as ``initBindings``; for ``oxigraph-query`` the query file
already carries them as a VALUES block (written by bench.py outside the timed part).
"""

from __future__ import annotations

import json
import sys


def rdflib_graph(files):
    from rdflib import Graph

    graph = Graph()
    for path in files:
        graph.parse(path, format="nt" if path.endswith(".nt") else "turtle")
    return graph


def oxigraph_store(files):
    import pyoxigraph

    store = pyoxigraph.Store()  # in memory
    for path in files:
        fmt = pyoxigraph.RdfFormat.N_TRIPLES if path.endswith(".nt") else pyoxigraph.RdfFormat.TURTLE
        store.bulk_load(path=path, format=fmt)
    return store


def main(argv: list[str]) -> int:
    command, args = argv[0], argv[1:]
    if command == "rdflib-load":
        print(len(rdflib_graph(args)), "triples")
    elif command == "rdflib-query":
        from rdflib import Literal, URIRef, Variable

        with open(args[0], encoding="utf-8") as handle:
            text = handle.read()
        with open(args[1], encoding="utf-8") as handle:
            given = json.load(handle)
        bindings = {
            Variable(name): URIRef(v["iri"]) if "iri" in v else Literal(v["literal"], lang=v.get("lang"))
            for name, v in given.items()
        }
        graph = rdflib_graph(args[2:])
        rows = list(graph.query(text, initBindings=bindings))
        print(len(rows), "rows")
    elif command == "rdflib-nt":
        graph = rdflib_graph(args[1:])
        graph.serialize(args[0], format="nt")
        print(len(graph), "triples")
    elif command == "oxigraph-load":
        print(len(oxigraph_store(args)), "triples")
    elif command == "oxigraph-query":
        with open(args[0], encoding="utf-8") as handle:
            text = handle.read()
        store = oxigraph_store(args[1:])
        results = store.query(text)
        width = len(results.variables)
        rows = [[solution[i] for i in range(width)] for solution in results]
        print(len(rows), "rows")
    elif command == "oxigraph-nt":
        import pyoxigraph

        def triples():
            for path in args[1:]:
                fmt = pyoxigraph.RdfFormat.N_TRIPLES if path.endswith(".nt") else pyoxigraph.RdfFormat.TURTLE
                yield from pyoxigraph.parse(path=path, format=fmt)

        pyoxigraph.serialize(triples(), output=args[0], format=pyoxigraph.RdfFormat.N_TRIPLES)
        print("written", args[0])
    elif command == "shacl-validate":  # the `shacl` engine from PyPI (Rust), an independent SHACL validator
        import shacl

        report = shacl.validate(args[1], args[0])
        print("conforms" if report.conforms else f"{len(report.results)} results")
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
