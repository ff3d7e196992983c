"""The hostile-input suite: one test per row of the case table, named by the row's id.

Each row runs the real command line (in-process through click's runner, or as a process when
real standard-input bytes or a possible hang matter) in a fresh sandbox and checks every
promise of the README's exit-code table (see harness.py)."""

from __future__ import annotations

import socket
from collections import Counter
from functools import cached_property
from pathlib import Path

import pytest

from . import cases_commands, cases_inputs
from .harness import Sandbox, assert_unchanged, check, run, snapshot
from .material import case, put, ttl

# A term longer than Oxigraph's parser buffer (16 MiB) is refused with the line that holds it.
HUNDRED_MB = case(
    "huge-100mb-one-line-literal",
    "--data",
    "{data}",
    "--data",
    "{work}/big.ttl",
    "export",
    "--format",
    "nt",
    code=2,
    where="big.ttl:",
    says=("longer than the Turtle parser can hold",),
    marks=(pytest.mark.slow,),
    proc=True,
    timeout=600,
    setup=lambda box: put("work/big.ttl", ttl('character:alpha rdfs:comment "' + "y" * 100_000_000 + '" .'))(box),
)
CASES = [*cases_inputs.cases(), *cases_commands.cases(), HUNDRED_MB]


def test_the_table_is_large_and_every_id_is_unique():
    ids = Counter(c.id for c in CASES)
    assert not [i for i, n in ids.items() if n > 1]
    assert len(CASES) >= 100
    commands = {
        "validate",
        "stats",
        "query",
        "queries",
        "show",
        "graph",
        "analyze",
        "export",
        "new",
        "add",
        "fmt",
        "diff",
        "publish",
    }
    assert commands <= {arg for c in CASES for arg in c.args}


@pytest.fixture(scope="module")
def closed_port() -> int:
    """A port on 127.0.0.1 that was just bound and closed: nothing listens there."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True, scope="module")
def own_cache(cache):
    """The Oxigraph store cache of in-process runs goes to a temporary folder, not ~/.cache."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(cache))
        yield


@pytest.fixture(autouse=True, scope="module")
def bundled_schema_parsed_once():
    """In-process rows on the bundled ontology (most of them: the hostile part is the data, the
    input or the options) share one parse of its ontology and shapes, as ``sg`` does for the
    bundled universe; a row that passes --ontology with other files parses them as ever. The
    shared graphs must come out of the module as they went in, but for the axioms pySHACL adds
    to any shapes graph it is given (``ShapesGraph.system_triples``, the same each time)."""
    from pyshacl.shapes_graph import ShapesGraph

    import stagegraph.universe as module

    original = module.Universe
    parsed = original()
    ontology, shapes = parsed.ontology, parsed.shapes
    bundled = tuple(Path(p).resolve() for p in parsed.ontology_paths)

    def triples() -> tuple[set, set]:
        return set(ontology.graph), set(shapes.graph) - set(ShapesGraph.system_triples)

    before = triples()

    class SharedSchema(original):
        def _bundled(self) -> bool:
            return tuple(Path(p).resolve() for p in self.ontology_paths) == bundled

        @cached_property
        def ontology(self):
            return ontology if self._bundled() else original.ontology.func(self)

        @cached_property
        def shapes(self):
            return shapes if self._bundled() else original.shapes.func(self)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(module, "Universe", SharedSchema)
        yield
    assert triples() == before, "a row changed the shared ontology or shapes"


@pytest.mark.parametrize("hostile", [pytest.param(c, id=c.id, marks=c.marks) for c in CASES])
def test_hostile(hostile, tmp_path, closed_port, cache):
    box = Sandbox(tmp_path, closed_port, cache)
    try:
        if hostile.setup is not None:
            hostile.setup(box)
        before = snapshot(box)
        result = run(hostile, box)
        after = snapshot(box)
        failures = []
        for verify in (
            lambda: check(hostile, box, result),
            lambda: assert_unchanged(hostile, before, after, result.code),
        ):
            try:
                verify()
            except AssertionError as exc:
                failures.append(str(exc))
        if failures:
            pytest.fail("\n\n".join(failures), pytrace=False)
    finally:
        for cleanup in box.cleanups:
            cleanup()
