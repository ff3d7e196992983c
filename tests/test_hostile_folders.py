"""Hostile names and paths: the operating system's refusals are one sentence, exit 2."""

from __future__ import annotations

import pytest


def assert_refused(result, *fragments: str) -> None:
    output = result.output
    assert result.exit_code == 2, output
    assert "Traceback" not in output, output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert output.startswith("error: ") and len(output.strip().splitlines()) == 1, output
    for fragment in fragments:
        assert fragment in output, output


# --------------------------------------------------------------------------- the system's refusals


LONG = "a" * 100_000


@pytest.mark.parametrize("args", [["query", LONG], ["--data", LONG, "validate"], ["validate", LONG],
                                  ["export", "--format", "nt", "-o", LONG], ["graph", "-o", LONG],
                                  ["add", LONG], ["fmt", LONG], ["diff", LONG, LONG]],
                         ids=["query name", "--data", "validate path", "export -o", "graph -o", "add", "fmt", "diff"])
def test_a_100_kb_name_is_one_short_sentence(sg, tmp_path, args):
    result = sg("--data", str(tmp_path), *args) if args[0] == "add" else sg(*args)
    assert_refused(result, "File name too long", "(100000 characters)")
    assert len(result.output) < 400
