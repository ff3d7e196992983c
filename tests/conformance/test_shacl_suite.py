"""The W3C SHACL Core test suite (tests/w3c/shacl-core), read from its manifests and run through the
CLI against every engine, as a user runs it:

    stagegraph --data DATAFILE --ontology SHAPESFILE validate --engine ENGINE --format json

(DATAFILE and SHAPESFILE are the entry's ``sht:dataGraph`` and ``sht:shapesGraph``; usually both
are the test file itself). One test per entry and engine, named ``[engine-folder/name]``, e.g.
``fast-node/and-001``. The manifests are parsed once, with rdflib: ``manifest.ttl`` →
``mf:include`` → sub-manifests → ``mf:include`` → test files → ``mf:entries`` lists.

How a run is compared with the entry's expected report (``mf:result``, an ``sh:ValidationReport``),
following pySHACL's own runner (``pyshacl.validator_conformance.compare_validation_reports`` and
``clean_validation_reports``) where it has a rule:

- **Exit code.** Expected ``sh:conforms true`` ⇒ 0. Otherwise the exit code the CLI's contract
  gives for the expected results: 1 when any expected result has a severity other than ``Info``
  or ``Warning`` (``Violation`` or a custom severity IRI, as in misc/severity-002), 1 when the
  only blocking ones are ``Warning`` (no ``--allow-warnings`` is passed; misc/severity-001), 0
  when every expected result is ``Info`` (no entry of the suite is Info-only today). The JSON's
  ``conforms`` must agree with the exit code (true ⇔ 0). Never a traceback: the exception click
  saw is none or a ``SystemExit``, and neither stream holds "Traceback".
- **Results, as a multiset.** Each result is the tuple (``focus_term``, ``path``, ``value_term``,
  ``source_shape``, ``component``, ``severity``); the printed list and the expected list must be
  equal as multisets (so a duplicated or a missing result fails). The expected report's terms are
  put in the JSON's forms: focus and value as N-Triples, the path as the IRI itself or, for a
  complex path, SPARQL 1.1 property-path text built from the SHACL path structure (sequence
  ``(A/B)``, alternative ``(A|B)``, inverse ``^A``, ``(A)*``, ``(A)+``, ``(A)?``, IRIs inside it
  in angle brackets), the shape as its IRI or ``_:…``, the component as its full IRI, the
  severity as the local name of its IRI. The printed N-Triples terms are read back with rdflib's
  N-Triples parser and written again, so escapes cannot make a difference that is not in the
  term; both sides are read with rdflib's literal normalisation off (``NORMALIZE_LITERALS``), so
  a literal's lexical form is compared as written (``"1"^^xsd:boolean`` is not ``"true"``).
- **Blank nodes match any blank node** (in the focus node, the value and the source shape): a
  blank node's label differs per parse, and the data graph, the shapes graph and the manifest are
  parsed separately. pySHACL's runner keys results by focus/value/path with every blank node as
  the one string "BNode" too; its first pass (``compare_blank_node``) also compares the blank
  node's own triples, which a label in JSON does not carry, so here a blank node is a wildcard
  and nothing more.
- **A missing sh:value or sh:resultPath is compared as absent**: pySHACL's runner compares the
  set of predicates of each result both ways (``compare_blank_node``), and keys a missing value
  or path as "", so a result without ``sh:value`` in the expected report must print
  ``"value_term": null`` (likewise ``"path": null``), never some value.
- **Messages only when the expected report has them**: pySHACL's runner drops the report's
  ``sh:resultMessage`` unless the expected results carry one (the suite asks harnesses to keep
  the messages it mentions: misc/message-001); then the printed ``message`` must be the lexical
  form of one of the expected messages (JSON has no language tag to compare).
- ``sh:detail`` is never compared (pySHACL's runner drops it when, as in every entry here, the
  expected results have none; the JSON does not print details).

Tests that are known to differ from the W3C expected report are in ``KNOWN`` below, each with
the reason; they are strict xfails, so one that starts passing fails loudly and must leave the
table. ``test_pyshacl_library_pass_count`` pins the reference: pySHACL itself, run as its own
runner runs it, passes the suite but for ``KNOWN``.
"""

from __future__ import annotations

import contextlib
import functools
import io
import json
import logging
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
import rdflib
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF

from helpers import TESTS, cli

SUITE = TESTS / "w3c" / "shacl-core"
ENGINES = ("pyshacl", "fast")
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SHT = Namespace("http://www.w3.org/ns/shacl-test#")
SH = Namespace("http://www.w3.org/ns/shacl#")
FIELDS = ("focus_term", "path", "value_term", "source_shape", "component", "severity")
BLANK = "_:"  # every blank node, on both sides: blank nodes match any blank node

# Tests expected to differ from the W3C expected report, on every engine. Nothing goes in here
# without the lead's agreement; each is a strict xfail, so it fails loudly once it passes.
KNOWN = {
    "property/uniqueLang-002": (
        'pySHACL reads sh:uniqueLang "1"^^xsd:boolean as true: it checks the literal\'s value, which '
        "rdflib computes as True when the shapes are parsed (pySHACL's own 'only \"true\" is true' patch "
        "applies during validation, after parsing); SHACL activates the constraint only for the "
        "literal true, so the W3C report expects conformance"
    ),
}
# pySHACL's own verdict on the suite (pyshacl.validate, as its runner calls it): every entry but KNOWN.
PYSHACL_LIBRARY_PASSES = 97


@contextlib.contextmanager
def _literals(normalize: bool):
    """rdflib builds literals normalised or as written inside this block (its global default, which
    stagegraph switches off when imported and pySHACL switches on after each validation)."""
    before, rdflib.NORMALIZE_LITERALS = rdflib.NORMALIZE_LITERALS, normalize
    try:
        yield
    finally:
        rdflib.NORMALIZE_LITERALS = before


@dataclass(frozen=True)
class Entry:
    """One ``sht:Validate`` entry of the suite, with its expected report in the JSON's forms."""

    id: str  # folder/name, e.g. node/and-001
    file: Path  # the test file (the manifest that lists the entry)
    data: Path
    shapes: Path
    conforms: bool
    results: tuple[tuple, ...]  # one FIELDS tuple per expected sh:result
    messages: tuple[tuple[tuple, frozenset], ...]  # (FIELDS tuple, its expected messages), where it has some
    manifest: Graph  # the test file's graph
    node: URIRef  # the entry in it

    @property
    def exit_code(self) -> int:
        """The exit code the CLI's contract gives for the expected report (see the module doc)."""
        if self.conforms:
            return 0
        return 0 if all(r[FIELDS.index("severity")] == "Info" for r in self.results) else 1


def _path_of(iri) -> Path:
    return Path(unquote(urlparse(str(iri)).path))


def nt(term) -> str:
    """A term in N-Triples form (a blank node: ``_:``, as every blank node)."""
    if term is None:
        return None
    if isinstance(term, BNode):
        return BLANK
    return term.n3()


def _local(iri) -> str:
    text = str(iri)
    return text[max(text.rfind("#"), text.rfind("/")) + 1 :]


def sparql_path(graph: Graph, node, top: bool = True) -> str:
    """A SHACL path as the JSON prints it: an IRI path as the IRI itself; a complex path as SPARQL
    1.1 property-path text with its IRIs in angle brackets."""
    if isinstance(node, URIRef):
        return str(node) if top else f"<{node}>"
    if (node, RDF.first, None) in graph:
        return "(" + "/".join(sparql_path(graph, n, False) for n in Collection(graph, node)) + ")"
    alternatives = graph.value(node, SH.alternativePath)
    if alternatives is not None:
        return "(" + "|".join(sparql_path(graph, n, False) for n in Collection(graph, alternatives)) + ")"
    inverse = graph.value(node, SH.inversePath)
    if inverse is not None:
        return "^" + sparql_path(graph, inverse, False)
    for predicate, mark in ((SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+"), (SH.zeroOrOnePath, "?")):
        inner = graph.value(node, predicate)
        if inner is not None:
            return f"({sparql_path(graph, inner, False)}){mark}"
    raise ValueError(f"not a SHACL path: {node!r}")


def _expected_result(graph: Graph, node) -> tuple:
    path = graph.value(node, SH.resultPath)
    shape = graph.value(node, SH.sourceShape)
    return (
        nt(graph.value(node, SH.focusNode)),
        None if path is None else sparql_path(graph, path),
        nt(graph.value(node, SH.value)),
        BLANK if isinstance(shape, BNode) else None if shape is None else str(shape),
        str(graph.value(node, SH.sourceConstraintComponent)),
        _local(graph.value(node, SH.resultSeverity)),
    )


def _entries_of(graph: Graph, test_file: Path) -> list[Entry]:
    folder = test_file.parent.relative_to(SUITE.resolve()).as_posix()
    entries = []
    for listed in graph.objects(URIRef(test_file.as_uri()), MF.entries):
        for node in Collection(graph, listed):
            assert isinstance(node, URIRef) and (node, RDF.type, SHT.Validate) in graph, node
            action, report = graph.value(node, MF.action), graph.value(node, MF.result)
            assert (report, RDF.type, SH.ValidationReport) in graph, node
            conforms = graph.value(report, SH.conforms)
            assert isinstance(conforms, Literal), (node, conforms)
            results, messages = [], []
            for result in graph.objects(report, SH.result):
                key = _expected_result(graph, result)
                results.append(key)
                said = frozenset(str(m) for m in graph.objects(result, SH.resultMessage))
                if said:
                    messages.append((key, said))
            entries.append(
                Entry(
                    id=f"{folder}/{_local(node)}",
                    file=test_file,
                    data=_path_of(graph.value(action, SHT.dataGraph)),
                    shapes=_path_of(graph.value(action, SHT.shapesGraph)),
                    conforms=conforms.value is True,
                    results=tuple(results),
                    messages=tuple(messages),
                    manifest=graph,
                    node=node,
                )
            )
    return entries


@functools.cache
def suite() -> tuple[Entry, ...]:
    """Every entry of the suite, each manifest parsed once (for the whole session): a manifest's
    ``mf:include`` files are read in turn, and its ``mf:entries`` list gives the entries (in the
    suite, manifest.ttl files include, and each test file is a manifest with one entry)."""
    entries, seen = [], set()

    def walk(manifest: Path):
        if manifest in seen:
            return
        seen.add(manifest)
        graph = Graph().parse(manifest, format="turtle")
        for included in graph.objects(URIRef(manifest.as_uri()), MF.include):
            walk(_path_of(included))
        entries.extend(_entries_of(graph, manifest))

    with _literals(normalize=False):
        walk((SUITE / "manifest.ttl").resolve())
    return tuple(sorted(entries, key=lambda e: e.id))


def _cases():
    for engine in ENGINES:
        for entry in suite():
            marks = [pytest.mark.xfail(strict=True, reason=KNOWN[entry.id])] if entry.id in KNOWN else []
            yield pytest.param(engine, entry, id=f"{engine}-{entry.id}", marks=marks)


def _read_term(text: str | None):
    """A printed N-Triples term, read with rdflib's N-Triples parser and written again."""
    if text is None:
        return None
    if not isinstance(text, str):
        return f"not a string: {text!r}"
    if text.startswith("_:"):
        return BLANK
    graph = Graph()
    try:
        with _literals(normalize=False):
            graph.parse(data=f"<urn:s> <urn:p> {text} .\n", format="nt")
    except Exception as exc:  # noqa: BLE001  (the printed text is what is wrong: say so, compare it as is)
        return f"unreadable N-Triples term {text!r}: {exc}"
    (term,) = graph.objects()
    return nt(term)


def _printed_result(row: dict) -> tuple:
    """A printed result as a FIELDS tuple (a key the JSON lacks: ``<no key …>``, which matches nothing)."""

    def field(name, read=lambda value: value):
        return read(row[name]) if name in row else f"<no key {name}>"

    shape = field("source_shape")
    return (
        field("focus_term", _read_term),
        field("path"),
        field("value_term", _read_term),
        BLANK if isinstance(shape, str) and shape.startswith("_:") else shape,
        field("component"),
        field("severity"),
    )


def _first_difference(expected: list[tuple], printed: list[tuple]) -> list[str]:
    """For each unmatched expected result, the nearest unmatched printed one and the first field
    where they differ; then the printed results left over."""
    lines, left = [], list(printed)
    for want in expected:
        if not left:
            lines.append(f"missing: {dict(zip(FIELDS, want, strict=True))}")
            continue
        near = max(left, key=lambda got: sum(a == b for a, b in zip(want, got, strict=True)))
        left.remove(near)
        field = next(f for f, a, b in zip(FIELDS, want, near, strict=True) if a != b)
        lines.append(
            f"{field}: expected {want[FIELDS.index(field)]!r}, printed {near[FIELDS.index(field)]!r}"
            f" (expected result {dict(zip(FIELDS, want, strict=True))})"
        )
    lines += [f"unexpected: {dict(zip(FIELDS, got, strict=True))}" for got in left]
    return lines


@pytest.mark.parametrize(("engine", "entry"), list(_cases()))
def test_w3c_shacl_core(engine, entry):
    result = cli(
        "--data", entry.data, "--ontology", entry.shapes, "validate", "--engine", engine, "--format", "json", catch=True
    )
    streams = result.output + (result.stderr or "")
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in streams, streams
    assert result.exit_code == entry.exit_code, (
        f"exit {result.exit_code}, expected {entry.exit_code}: {result.stderr.strip()[:500]}"
    )
    payload = json.loads(result.stdout)
    assert payload["conforms"] is (entry.exit_code == 0), payload["conforms"]
    differences = report_differences(entry, payload["results"])
    assert not differences, "\n".join(differences)


def report_differences(entry: Entry, rows: list[dict]) -> list[str]:
    """How the printed results differ from the entry's expected ones (none: they agree)."""
    printed = [_printed_result(row) for row in rows]
    want, got = Counter(entry.results), Counter(printed)
    differences = _first_difference(
        sorted((want - got).elements(), key=repr), sorted((got - want).elements(), key=repr)
    )
    for key, said in entry.messages:
        messages = {row.get("message") for row, p in zip(rows, printed, strict=True) if p == key}
        if not messages & said:
            differences.append(f"message: expected one of {sorted(said)}, printed {sorted(map(str, messages))}")
    return differences


def _library_passes(entry: Entry) -> bool:
    """Whether pySHACL itself passes ``entry``, run and compared as its own runner does: every
    graph parsed afresh with rdflib's defaults (literals normalised, as without stagegraph)."""
    import pyshacl
    from pyshacl.validator_conformance import check_sht_result

    with _literals(normalize=True):
        manifest = Graph().parse(entry.file, format="turtle")
        data = Graph().parse(entry.data, format="turtle")
        shapes = Graph().parse(entry.shapes, format="turtle")
        _conforms, report, _text = pyshacl.validate(data, shacl_graph=shapes, inference="none", advanced=True)
        with contextlib.redirect_stdout(io.StringIO()):  # compare_blank_node prints every difference
            return check_sht_result(
                report, manifest, manifest.value(entry.node, MF.result), logging.getLogger("w3c-shacl")
            )


def test_pyshacl_library_pass_count():
    """The reference is pinned: pySHACL's own verdict passes every entry of the suite but KNOWN."""
    entries = suite()
    failing = sorted(e.id for e in entries if not _library_passes(e))
    assert len(entries) == 98
    assert failing == sorted(KNOWN)
    assert len(entries) - len(failing) == PYSHACL_LIBRARY_PASSES


def test_the_suite_is_read_whole():
    """Every test file of the suite is reached from manifest.ttl, each entry once, each approved."""
    entries = suite()
    assert len({e.id for e in entries}) == len(entries) == 98
    assert all((e.node, MF.status, SHT.approved) in e.manifest for e in entries)
    reached = {e.data for e in entries} | {e.shapes for e in entries} | {e.file for e in entries}
    on_disk = {p.resolve() for p in SUITE.glob("*/*.ttl") if p.name != "manifest.ttl"}
    assert on_disk <= reached, sorted(map(str, on_disk - reached))
