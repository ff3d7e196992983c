"""Docs cannot drift: every command and option group the CLI has is in the README."""

from __future__ import annotations

import re

import pytest

from helpers import ROOT
from stagegraph.cli import main

README = (ROOT / "README.md").read_text(encoding="utf-8")
CLI_REFERENCE = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
QUERY_REFERENCE = (ROOT / "docs" / "queries.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_is_documented_in_the_readme(command):
    assert re.search(rf"stagegraph (\S+ )*{re.escape(command)}\b", README), (
        f"`stagegraph {command}` is not documented in README.md"
    )


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_help_ends_with_an_example(command):
    assert "Example" in (main.commands[command].help or "")


def test_exit_codes_are_documented():
    for code in ("0", "1", "2"):
        assert re.search(rf"^\|\s*`?{code}`?\s*\|", README, re.M), f"exit code {code} missing from README"


def test_setup_commands_are_documented():
    assert "make demo" in README and "make test" in README


def library_names():
    from stagegraph.query.library import library

    return sorted(library())


@pytest.mark.parametrize("name", library_names())
def test_every_library_query_is_documented_in_the_readme(name):
    assert f"| `{name}` |" in README, f"library query `{name}` is not in the README's query table"


@pytest.mark.parametrize("name", library_names())
def test_every_library_query_has_a_summary(name):
    from stagegraph.query.library import library

    assert library()[name].summary, f"queries/{name}.rq has no '#+ summary:' line"


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_has_its_help_in_the_generated_reference(command):
    """docs/cli.md holds each command's --help (make lint checks it is the code's, with cog)."""
    assert f"## stagegraph {command}\n" in CLI_REFERENCE
    assert f"Usage: stagegraph {command} " in CLI_REFERENCE


@pytest.mark.parametrize("name", library_names())
def test_every_library_query_is_in_the_generated_reference(name):
    assert f"## `{name}`\n" in QUERY_REFERENCE
