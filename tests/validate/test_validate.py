"""The validation report: one result per problem, on the entity at fault, warnings gated."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from helpers import TESTS

SHAPES = TESTS / "shapes"


@pytest.fixture
def universe_with(tmp_path):
    """A copy of the tiny test universe plus the given fixture files."""

    def build(*fixtures: str) -> Path:
        shutil.copy(SHAPES / "base.ttl", tmp_path / "base.ttl")
        for fixture in fixtures:
            shutil.copy(SHAPES / fixture, tmp_path / fixture.replace("/", "-"))
        return tmp_path

    return build


def test_nested_sh_node_details_are_not_reported_twice(run, universe_with):
    """Regression: pySHACL attaches the failing sh:node check as sh:detail; it used to be
    listed as a second result whose focus was the concept itself, with no file."""
    folder = universe_with("BondShape/bad-canon-status-as-text.ttl")
    report = json.loads(run("validate", "--format", "json", str(folder)).stdout)
    assert report["results"]
    assert all(r["focus"].startswith("https://w3id.org/stagegraph/bond/") for r in report["results"])
    assert all(r["file"] for r in report["results"])


def test_warnings_fail_unless_allowed(run, universe_with):
    folder = universe_with(
        next(p.relative_to(SHAPES).as_posix() for p in (SHAPES / "OppositeOneSidedBonds").glob("bad-*.ttl"))
    )
    strict = run("validate", str(folder))
    assert strict.exit_code == 1 and "[WARNING]" in strict.stdout
    assert "[VIOLATION]" not in strict.stdout
    lenient = run("validate", "--allow-warnings", str(folder))
    assert lenient.exit_code == 0 and "[WARNING]" in lenient.stdout


@pytest.mark.slow  # over 3 s here (make test-fast --durations)
def test_large_graphs_validated_shape_by_shape_find_the_same(monkeypatch, shape_reference):
    """A graph above BATCHED triples is validated one shape at a time (with progress): the
    results must be those of a single run (the session's reference run on the same files), for
    a violation of every shape."""
    import stagegraph.validate.reference.engine as validate
    from stagegraph.rdf.load import Loaded, parse_file
    from stagegraph.universe import Universe

    universe = Universe(data_paths=(SHAPES / "base.ttl",))
    base = parse_file(SHAPES / "base.ttl")
    key = lambda r: (r.focus if r.focus.startswith("http") else "_:", r.shape, r.path, r.message)  # noqa: E731
    for folder in sorted(p for p in SHAPES.iterdir() if p.is_dir()):
        bad = next(iter(sorted(folder.glob("bad-*.ttl"))), None)
        if bad is None:
            continue
        data = Loaded(base + parse_file(bad), [], {})
        single = shape_reference(bad)
        monkeypatch.setattr(validate, "BATCHED", 0)
        seen = []
        batched = universe.validate(data, progress=lambda done, total, shape, seen=seen: seen.append((done, total)))
        assert {key(r) for r in batched.results} == {key(r) for r in single.results}, folder.name
        assert seen and seen[-1][0] == seen[-1][1]


def test_a_second_validation_in_one_process_parses_no_sparql_constraint_again(run):
    """The shapes are parsed anew for each run, and pySHACL writes a constraint's PREFIX lines in
    the order of a set of blank nodes; the parsed queries are reused all the same."""
    from stagegraph.validate.reference import patches

    assert run("--data", str(SHAPES / "base.ttl"), "validate").exit_code == 0
    before = patches._prepared.cache_info()
    assert run("--data", str(SHAPES / "base.ttl"), "validate").exit_code == 0
    after = patches._prepared.cache_info()
    assert after.misses == before.misses and after.hits > before.hits
