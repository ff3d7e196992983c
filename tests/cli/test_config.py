"""--endpoint and --graph from a configuration file: stagegraph.toml in the working directory,
else $XDG_CONFIG_HOME/stagegraph/config.toml; the flag, then the environment, then the file;
credentials never in the file."""

from __future__ import annotations

import os

import pytest
from click.testing import CliRunner

from helpers import assert_clean_error
from servers import free_port
from stagegraph.cli import main

CLEAN = {"STAGEGRAPH_ENDPOINT": None, "STAGEGRAPH_GRAPH": None}


@pytest.fixture
def place(tmp_path, monkeypatch):
    """A working directory and a user configuration folder of the test's own."""
    work, home = tmp_path / "work", tmp_path / "config"
    work.mkdir()
    (home / "stagegraph").mkdir(parents=True)
    monkeypatch.chdir(work)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    return work, home / "stagegraph" / "config.toml"


def run(*args, env=None):
    return CliRunner().invoke(main, list(args), env={**CLEAN, **(env or {})})


def down(name: str) -> str:
    """An endpoint URL nobody listens on, named so the message shows where it came from."""
    return f"http://127.0.0.1:{free_port()}/{name}"


def test_endpoint_from_the_working_directory_file(place):
    work, _ = place
    url = down("from-file")
    (work / "stagegraph.toml").write_text(f'endpoint = "{url}"\ngraph = "https://example.org/g"\n')
    assert_clean_error(run("stats"), 4, f"cannot reach {url}")


def test_endpoint_from_the_user_file_when_the_directory_has_none(place):
    _, user = place
    url = down("from-user-file")
    user.write_text(f'endpoint = "{url}"\n')
    assert_clean_error(run("stats"), 4, f"cannot reach {url}")


def test_working_directory_file_comes_before_the_user_file(place):
    work, user = place
    url = down("from-work")
    user.write_text(f'endpoint = "{down("from-user")}"\n')
    (work / "stagegraph.toml").write_text(f'endpoint = "{url}"\n')
    assert_clean_error(run("stats"), 4, f"cannot reach {url}")


def test_flag_then_environment_then_file(place):
    work, _ = place
    (work / "stagegraph.toml").write_text(f'endpoint = "{down("from-file")}"\n')
    flag, env = down("from-flag"), down("from-env")
    assert_clean_error(run("--endpoint", flag, "stats", env={"STAGEGRAPH_ENDPOINT": env}), 4, f"cannot reach {flag}")
    assert_clean_error(run("stats", env={"STAGEGRAPH_ENDPOINT": env}), 4, f"cannot reach {env}")


def test_no_file_reads_the_local_files(place):
    assert run("stats").exit_code == 0


@pytest.mark.parametrize(
    "text",
    [
        'password = "dba"',
        'endpoint = "http://x/sparql"\nuser = "dba"',
        'token = "abc"',
        'endpoint = "http://dba:secret@127.0.0.1:8890/sparql"',
    ],
)
def test_a_credential_in_the_file_is_refused(place, text):
    work, _ = place
    (work / "stagegraph.toml").write_text(text + "\n")
    result = run("stats")
    assert_clean_error(result, 2, "stagegraph.toml", "STAGEGRAPH_ENDPOINT_PASSWORD", "environment")
    assert "secret" not in result.output and "dba" not in result.output.replace("STAGEGRAPH", "")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('endpont = "http://x/sparql"', ["unknown setting 'endpont'", "endpoint, graph"]),
        ("endpoint = 8890", ["must be a string"]),
        ('endpoint = "http://x/sparql', ["not valid TOML", "line 1"]),
    ],
)
def test_a_broken_file_is_named_and_explained(place, text, words):
    work, _ = place
    (work / "stagegraph.toml").write_text(text + "\n")
    assert_clean_error(run("stats"), 2, "stagegraph.toml", *words)


def test_the_suite_never_reads_a_developers_configuration():
    assert os.environ["XDG_CONFIG_HOME"].rsplit("/", 1)[-1].startswith("stagegraph-test-config-")
