"""The contribute page's check: a contribution validated in the reader's browser, before anything
leaves the page, with the results ``stagegraph add FILE --dry-run`` gives for it.

Route: the set-at-a-time engine's plan (validate/setwise/portable.py), emitted here when the
page is built, run by ``site/contribute/js/check*.js`` on the Oxigraph WebAssembly the SPARQL
page already ships (sparqlpage.engine), over the tree's data, the ontology and the
contribution. Not a JavaScript SHACL engine: one would be a third implementation of SHACL with
its own readings of every corner (messages, literals, SPARQL-based constraints), where the plan
is the engine ``add`` itself uses on large contributions, already proven equal to pySHACL's
report (tests/validate/test_fast.py), its queries run by the same Oxigraph; only the plan's
few local rules (local.py) and pySHACL's words are ported to JavaScript, and anything they
would not judge exactly as Python does is declined rather than guessed.

What the browser does is what ``add --dry-run`` does (contribute/add.py): terms of the
project's vocabularies that the ontology does not define are refused first (with its "did you
mean"); a contribution whose triples are all in the data adds nothing and is valid; it is
merged with the data and validated; unless it changes an entity already in the data, only the
results about nodes near it are kept (within ``neighbourhood.REPORT`` links, walked as
neighbourhood.py walks them, and every blank node); a report with only sh:Info results is
valid, and then a new subject whose type the ontology does not know is refused. Each result
is written as ``add`` prints it (output/report.py): the focus and path as prefixed names, the
message, the severity.

``checker_parts(universe, tree_graph_text, lang)`` gives what the page needs for a tree whose graph
is ``tree_graph_text`` (Turtle or N-Triples, as its SPARQL page is given it; the ontology's triples
in it are told apart) in the language ``lang`` (kept in the data; results are in the CLI's words,
as ``add`` prints them):

- ``"check"``: JSON data for ``startChecker`` (check.js): the plan, the tree's data (without
  the ontology) and the ontology as Turtle, the literals Oxigraph's store would rewrite, the
  ontology's vocabulary terms, the walk, the prefixes; or, where this universe's shapes cannot
  be run in the browser, ``"declined"`` (why) and nothing to run: the page then says so and
  points to ``stagegraph add --dry-run``, never claims the contribution valid.
- ``"scripts"``: the non-executed ``<script>`` blocks the page must hold, as ``{"id", "type",
  "text"}`` (``text`` is already made safe to inline: put it between the tags as it is): the
  engine's classic script, the checker's Web Worker (``contribute/worker.bundle.js``) and the
  WebAssembly as base64. Empty when declined.
- ``"csp"``: the Content-Security-Policy sources the page must add, by directive (the
  keyword names of ``markup.csp``): ``'wasm-unsafe-eval'`` in ``script_src`` (the page
  compiles the WebAssembly) and ``blob:`` in ``worker_src`` (the worker is made from a Blob of
  the two scripts). Empty when declined.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import pyoxigraph
from rdflib import URIRef
from rdflib.namespace import RDFS

from .. import markup
from ..contribute.add import TOPIC_FILES, VOCAB
from ..errors import InputError
from ..rdf.namespaces import BASE, PREFIXES, SG
from ..validate.neighbourhood import NOT_THROUGH, REPORT
from ..validate.report import NOT_BLOCKING, SEVERITY_ORDER
from ..validate.setwise.faithful import audit
from ..validate.setwise.portable import portable_plan
from . import sparqlpage

ASSETS = "contribute"
ELEMENTS = {"engine": "sg-check-engine", "worker": "sg-check-worker", "wasm": "sg-check-wasm"}
DATA_GRAPH = "urn:x-stagegraph:data"  # where the browser keeps a copy of the tree's data alone


def checker_parts(universe, tree_graph_text: str, lang: str) -> dict[str, Any]:
    """What the contribute page needs to check a contribution in the browser (see the module's
    docstring): ``{"check": data, "scripts": [{"id", "type", "text"}], "csp": {directive: [sources]}}``."""
    plan = _plan(universe.shapes.graph)
    check: dict[str, Any] = {"format": plan["format"], "lang": lang, "declined": list(plan["declined"])}
    if check["declined"]:
        return {"check": check, "scripts": [], "csp": {}}
    ontology_triples = _ontology(tuple(str(p) for p in universe.ontology.files))
    data_triples = [t for t in _parse(tree_graph_text) if t not in ontology_triples]
    rewrites = audit(t.object for t in [*data_triples, *ontology_triples] if type(t.object) is pyoxigraph.Literal)
    check["declined"] = (
        [rewrites.problem] if rewrites.problem else _unsafe(rewrites.written, plan["literals"], data_triples)
    )
    if check["declined"]:
        return {"check": check, "scripts": [], "csp": {}}
    check.update(
        {
            "checks": plan["checks"],
            "literals": plan["literals"],
            "namespaces": plan["namespaces"],
            "literalModes": plan["literalModes"],
            "data": _turtle(data_triples),
            "ontology": _turtle(ontology_triples),
            "dataGraph": DATA_GRAPH,
            "written": [[_term(stored), _term(written)] for stored, written in rewrites.written.items()],
            "vocab": _vocab(universe),
            "walk": {"base": BASE, "notThrough": list(NOT_THROUGH), "report": REPORT},
            "prefixes": PREFIXES,
            "severityOrder": SEVERITY_ORDER,
            "notBlocking": sorted(NOT_BLOCKING),
            "filedClasses": _filed_classes(universe),
            "statementSubject": str(SG.statementSubject),
            "elements": ELEMENTS,
        }
    )
    scripts = [dict(script) for script in _scripts()]
    return {"check": check, "scripts": scripts, "csp": {"script_src": ["'wasm-unsafe-eval'"], "worker_src": ["blob:"]}}


@lru_cache(maxsize=1)
def _scripts() -> tuple[dict[str, Any], ...]:
    """The engine, the checker's worker and the WebAssembly as the page holds them: the same for
    every tree, made safe to inline once per build (half a second, on 5 MB)."""
    built = sparqlpage.engine()
    worker = resources_text(f"{ASSETS}/worker.bundle.js")
    return (
        {"id": ELEMENTS["engine"], "type": "text/plain", "text": markup.inline_script(built.script)},
        {"id": ELEMENTS["worker"], "type": "text/plain", "text": markup.inline_script(worker)},
        {"id": ELEMENTS["wasm"], "type": "text/plain", "text": markup.inline_script(built.wasm_base64)},
    )


def resources_text(name: str) -> str:
    """A file of this package (the checker's worker bundle), as text."""
    from importlib import resources

    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


@lru_cache(maxsize=4)
def _plan_cached(key: int, shapes) -> dict[str, Any]:
    return portable_plan(shapes)


def _plan(shapes) -> dict[str, Any]:
    """The portable plan of a shapes graph, made once per build (every tree and language reads it)."""
    return _plan_cached(id(shapes), shapes)


def _parse(text: str) -> list[pyoxigraph.Triple]:
    try:
        return list(dict.fromkeys(pyoxigraph.parse(input=text.encode("utf-8"), format=pyoxigraph.RdfFormat.TURTLE)))
    except SyntaxError as exc:
        raise InputError(
            f"the tree's graph for the contribution check is not valid Turtle or N-Triples: {exc}"
        ) from None


@lru_cache(maxsize=4)
def _ontology(files: tuple[str, ...]) -> frozenset[pyoxigraph.Triple]:
    """The ontology's triples, as the CLI's stores load them (each file with its own base IRI)."""
    from pathlib import Path

    found: set[pyoxigraph.Triple] = set()
    for file in files:
        path = Path(file)
        fmt = pyoxigraph.RdfFormat.N_TRIPLES if path.suffix == ".nt" else pyoxigraph.RdfFormat.TURTLE
        found.update(pyoxigraph.parse(path=str(path), format=fmt, base_iri=path.resolve().as_uri()))
    return frozenset(found)


def _turtle(triples) -> str:
    """Triples as Turtle with the project's prefixes, every term as written (the parser keeps
    lexical forms; only a store rewrites them)."""
    ordered = sorted(triples, key=str)
    return pyoxigraph.serialize(ordered, format=pyoxigraph.RdfFormat.TURTLE, prefixes=PREFIXES).decode("utf-8")


def _unsafe(written: dict, literals: dict[str, Any], triples: list[pyoxigraph.Triple]) -> list[str]:
    """Why the data's literals that Oxigraph's store rewrites would change a result (portable.literal_safety)."""
    constants = {stored: as_written for stored, as_written in literals["constants"]}
    for stored, as_written in written.items():
        if str(stored) in constants and constants[str(stored)] != str(as_written):
            return [f"the data writes {as_written}, which Oxigraph's store keeps as the shapes' constant {stored}"]
        for reading in literals["lexical"]:
            properties = reading["objectOf"]
            if properties is None or all(
                any(t.predicate.value == p and t.object == as_written for t in triples) for p in properties
            ):
                return [f"the data writes {as_written}, which Oxigraph's store rewrites, and {reading['why']}"]
    return []


def _term(term: pyoxigraph.Literal) -> dict[str, str]:
    """A literal as the browser's terms are (Oxigraph's JavaScript ones)."""
    return {
        "termType": "Literal",
        "value": term.value,
        "language": term.language or "",
        "datatype": term.datatype.value,
    }


def _vocab(universe) -> dict[str, Any]:
    """What add.check_terms reads: the project's vocabulary namespaces, and the ontology's terms in them."""
    ontology = universe.ontology.graph
    known = {str(t) for t in ontology.all_nodes() if isinstance(t, URIRef)}
    return {"namespaces": list(VOCAB), "terms": sorted(k for k in known if k.startswith(VOCAB))}


def _filed_classes(universe) -> list[str]:
    """The classes whose instances add.topic_file places: a topic class, or one of its subclasses
    in the ontology."""
    ontology = universe.ontology.graph
    topics = set(TOPIC_FILES)
    candidates = set(topics) | {s for s in ontology.subjects(RDFS.subClassOf, None) if isinstance(s, URIRef)}
    return sorted(
        str(c) for c in candidates if any(a in topics for a in ontology.transitive_objects(c, RDFS.subClassOf))
    )
