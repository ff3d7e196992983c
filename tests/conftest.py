"""Shared fixtures: a CLI runner and the bundled universe, loaded once per session."""

from __future__ import annotations

import os
import tempfile
from functools import cached_property
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from helpers import ROOT, TESTS, cli, digest  # noqa: F401  (ROOT, TESTS: for the suites)
from stagegraph import bundle
from stagegraph.universe import Universe

# Property tests (test_properties.py): the same examples on every run, so `make test` and CI
# are stable; HYPOTHESIS_PROFILE=thorough searches far more, with fresh examples each time.
_SLOW_DATA = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]
settings.register_profile(
    "stagegraph", derandomize=True, deadline=None, max_examples=40, database=None, suppress_health_check=_SLOW_DATA
)
settings.register_profile("thorough", deadline=None, max_examples=2000, database=None, suppress_health_check=_SLOW_DATA)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "stagegraph"))

# A developer's own ~/.config/stagegraph/config.toml must not point the suite at a server.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="stagegraph-test-config-")


@pytest.fixture(scope="session")
def universe() -> Universe:
    """The bundled ALIEN STAGE universe, parsed once."""
    return Universe()


@pytest.fixture(scope="session")
def bundled_report(universe):
    return universe.validate()


@pytest.fixture
def run():
    """Run the CLI in-process: ``run("validate", "--format", "json")`` → click Result."""
    return cli


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return bundle.data_dir()


@pytest.fixture(scope="session")
def ontology_dir() -> Path:
    return bundle.ontology_dir()


class SharedUniverse(Universe):
    """A universe that forgets what it loaded when ``--data``/``--ontology`` change its files."""

    def __setattr__(self, name, value):
        super().__setattr__(name, value)
        if name in ("data_paths", "ontology_paths"):
            for key in [k for k, v in vars(Universe).items() if isinstance(v, cached_property)]:
                self.__dict__.pop(key, None)


@pytest.fixture(scope="module")
def sg(universe):
    """Run the CLI in-process on the already-parsed bundled universe (``--data``/``--ontology``
    still load their own files). Exceptions are caught, so a traceback is a failed assertion
    (exit code 1 with ``result.exception`` set), not an error."""
    import stagegraph.universe as universe_module

    def make(*args, **kwargs):
        fresh = SharedUniverse(*args, **kwargs)
        fresh.__dict__.update(
            data=universe.data, ontology=universe.ontology, shapes=universe.shapes, graph=universe.graph
        )
        return fresh

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(universe_module, "Universe", make)
        yield lambda *args, input=None: cli(*args, input=input, catch=True)


@pytest.fixture(scope="module")
def bundled_files_untouched():
    """Fails the module if any of its tests wrote to the checkout's data/ or ontology/."""

    def snapshot():
        return {**digest(bundle.data_dir()), **{f"ontology/{k}": v for k, v in digest(bundle.ontology_dir()).items()}}

    before = snapshot()
    yield
    assert snapshot() == before, "a test wrote to the checkout's data/ or ontology/"


@pytest.fixture(scope="session")
def shape_reference():
    """pySHACL's report on tests/shapes/base.ttl with one shape fixture, computed once per fixture
    for the whole session: the shape suite (its expected messages), the set-at-a-time engine and
    incremental validation are all compared with the same reference."""
    from stagegraph.rdf.load import load, load_schema
    from stagegraph.validate import make_engine
    from stagegraph.validate.engine import Data, Shapes

    ontology, shapes = load_schema([bundle.ontology_dir()])
    engine, found = make_engine("pyshacl"), {}

    def reference(fixture: Path):
        if fixture not in found:
            data = load([TESTS / "shapes" / "base.ttl", fixture])
            found[fixture] = engine.validate(
                Data(ontology.graph, lambda: (data.graph, data.origin)), Shapes(shapes.graph, shapes.origin)
            )
        return found[fixture]

    return reference
