"""Shared fixtures: a CLI runner and the bundled universe, loaded once per session."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from stagegraph import bundle
from stagegraph.cli import main
from stagegraph.universe import Universe

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"


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
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None):
        return runner.invoke(main, list(args), input=input, catch_exceptions=False)

    return invoke


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return bundle.data_dir()


@pytest.fixture(scope="session")
def ontology_dir() -> Path:
    return bundle.ontology_dir()
