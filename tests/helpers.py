"""Assertions the CLI test modules share."""

from __future__ import annotations

import json


def ok(result):
    """The result of a command that must succeed."""
    assert result.exit_code == 0, (result.output, result.exception)
    return result


def json_rows(result) -> list[dict]:
    """The rows of a successful `--format json` query."""
    return json.loads(ok(result).stdout)


def assert_clean_error(result, code: int, *fragments: str):
    """A refusal: the documented exit code, the given words, and never a traceback."""
    assert result.exit_code == code, (result.output, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    for fragment in fragments:
        assert fragment in result.output, result.output
