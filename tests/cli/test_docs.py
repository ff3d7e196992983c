"""Docs cannot drift: every command and query is in the docs (the README and docs/), the README
stays a two-minute read, and its links lead somewhere."""

from __future__ import annotations

import re

import pytest

from helpers import ROOT
from stagegraph.cli import main

README = (ROOT / "README.md").read_text(encoding="utf-8")
DOCS = README + "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "docs").glob("*.md")))
CLI_REFERENCE = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
QUERY_REFERENCE = (ROOT / "docs" / "queries.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_is_documented_in_the_docs(command):
    assert re.search(rf"stagegraph (\S+ )*{re.escape(command)}\b", DOCS), (
        f"`stagegraph {command}` is documented neither in README.md nor in docs/"
    )


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_help_ends_with_an_example(command):
    assert "Example" in (main.commands[command].help or "")


def test_exit_codes_are_documented():
    for code in ("0", "1", "2"):
        assert re.search(rf"^\|\s*`?{code}`?\s*\|", DOCS, re.M), f"exit code {code} missing from the docs"


def test_setup_commands_are_documented():
    assert "make demo" in README and "make test" in README


def library_names():
    from stagegraph.query.library import library

    return sorted(library())


@pytest.mark.parametrize("name", library_names())
def test_every_library_query_is_documented_in_the_docs(name):
    assert f"| `{name}` |" in DOCS, f"library query `{name}` is not in the query table of docs/querying.md"


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


def test_the_readme_is_a_two_minute_read():
    assert len(README.splitlines()) < 200


def test_every_local_link_of_the_docs_leads_to_a_file():
    for path in [ROOT / "README.md", ROOT / "CONTRIBUTING.md", ROOT / "ARCHITECTURE.md", *(ROOT / "docs").glob("*.md")]:
        for target in re.findall(r"\]\(([^)\s#]+)(?:#[^)\s]*)?\)", path.read_text(encoding="utf-8")):
            if not re.match(r"[a-z]+:", target):
                assert (path.parent / target).exists(), f"{path.name} links to {target}, which does not exist"
