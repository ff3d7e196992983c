"""``stagegraph add FILE --dry-run`` for a pull request's CI: what the file adds (or, refused, what it
proposes) in plain words, a last line that says whether it is valid, the exit code that says it too
(0 valid, 1 invalid, 2 unreadable), and ``--format json``; nothing is ever written."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from helpers import CONTRIBUTION_PREFIXES, IVAN_SUA_BOND, ROOT, UNSOURCED_BOND, assert_clean_error, visible

PREFIXES, BOND, UNSOURCED = CONTRIBUTION_PREFIXES, IVAN_SUA_BOND, UNSOURCED_BOND
WORDS = "bond: Ivan → Sua, rivalry, one-sided"


@pytest.fixture
def data(tmp_path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder)
    return folder


def patch(tmp_path: Path, text: str, name: str = "bond-ivan-sua-rivalry-20260102-030405.ttl") -> Path:
    folder = tmp_path / "contributions"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def dry(run, data, *args, **kwargs):
    return run("--data", data, "add", *args, "--dry-run", **kwargs)


def test_a_valid_patch_says_what_it_adds_and_that_it_is_valid(run, data, tmp_path):
    before = visible(data)
    path = patch(tmp_path, BOND)
    result = dry(run, data, path)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"would add {WORDS}; source ")
    assert lines[-1] == (
        f"valid: {path} keeps the data valid; adding it writes 10 new triples to bonds.ttl "
        "(dry run: nothing was written)"
    )
    assert visible(data) == before


def test_a_patch_with_nothing_new_is_valid_and_says_so(run, data, tmp_path):
    assert run("--data", data, "add", patch(tmp_path, BOND)).exit_code == 0
    result = dry(run, data, patch(tmp_path, BOND, "again.ttl"))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1].startswith("valid: ")
    assert "holds nothing new, every triple of it is already in the data" in result.stdout


def test_an_invalid_patch_says_what_it_proposes_and_why_it_is_refused(run, data, tmp_path):
    before = visible(data)
    path = patch(tmp_path, UNSOURCED)
    result = dry(run, data, path)
    assert_clean_error(result, 1, "[VIOLATION]", "sg:source")
    lines = result.stdout.splitlines()
    assert lines[0] == f"proposes {WORDS}"
    assert lines[-1] == (
        f"invalid: {path} would make the data invalid, 1 problem listed above (dry run: nothing was written)"
    )
    assert "error: the contribution would make the data invalid; nothing was written" in result.stderr
    assert visible(data) == before


def test_what_a_fact_leaves_out_is_a_question_mark(run, data, tmp_path):
    result = dry(run, data, patch(tmp_path, PREFIXES + "bond:x a sg:Bond .\n"))
    assert_clean_error(result, 1)
    assert result.stdout.splitlines()[0] == "proposes bond: ? → ?, ?, ?"
    assert "None" not in result.stdout


def test_an_unknown_term_is_invalid_in_one_sentence(run, data, tmp_path):
    path = patch(tmp_path, BOND.replace("a sg:Bond", "a sg:Bondd"))
    result = dry(run, data, path)
    assert_clean_error(result, 1)
    assert result.stdout.splitlines()[-1] == (
        f"invalid: {path}: sg:Bondd is not a term of the ontology; did you mean sg:Bond? (dry run: nothing was written)"
    )


def test_a_syntax_error_is_unreadable_exit_2(run, data, tmp_path):
    path = patch(tmp_path, PREFIXES + "bond:x a sg:Bond ;;; <\n")
    result = dry(run, data, path)
    assert_clean_error(result, 2, f"{path}:10: Turtle syntax error")
    assert result.stdout.startswith(f"invalid: {path}:10: Turtle syntax error")


def test_standard_input_is_named_stdin(run, data):
    result = dry(run, data, "-", input=UNSOURCED)
    assert_clean_error(result, 1)
    assert result.stdout.splitlines()[0] == f"proposes {WORDS}"
    assert result.stdout.splitlines()[-1].startswith("invalid: <stdin> would make the data invalid")


def test_a_problem_with_the_data_folder_is_not_called_invalid(run, data, tmp_path):
    result = run("--data", data, "--data", data / "bonds.ttl", "add", patch(tmp_path, BOND), "--dry-run")
    assert_clean_error(result, 2, "add writes to one data folder")
    assert "invalid" not in result.output


def test_json_for_ci(run, data, tmp_path):
    before = visible(data)
    path = patch(tmp_path, BOND)
    result = dry(run, data, path, "--format", "json")
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert answer["valid"] is True and answer["dry_run"] is True and answer["written"] is False
    assert answer["added"] == 10 and answer["problems"] == [] and answer["error"] is None
    assert [fact["words"] for fact in answer["facts"]][0].startswith(WORDS)
    assert answer["facts"][0]["subject"] == "https://w3id.org/stagegraph/bond/ivan-sua-rivalry"
    assert list(answer["files"].values()) == [10]
    refused = dry(run, data, patch(tmp_path, UNSOURCED, "bad.ttl"), "--format", "json")
    assert refused.exit_code == 1
    answer = json.loads(refused.stdout)
    assert answer["valid"] is False and answer["added"] == 0 and answer["files"] == {}
    assert answer["facts"][0]["words"] == WORDS
    assert [p["path"] for p in answer["problems"]] == ["https://w3id.org/stagegraph/ns#source"]
    assert answer["error"] == "the contribution would make the data invalid; nothing was written"
    broken = dry(run, data, patch(tmp_path, "<", "broken.ttl"), "--format", "json")
    assert broken.exit_code == 2 and json.loads(broken.stdout)["valid"] is False
    assert visible(data) == before


def test_json_without_dry_run_writes_and_says_so(run, data, tmp_path):
    result = run("--data", data, "add", patch(tmp_path, BOND), "--format", "json")
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert answer["written"] is True and answer["dry_run"] is False
    assert "bond:ivan-sua-rivalry" in (data / "bonds.ttl").read_text(encoding="utf-8")
