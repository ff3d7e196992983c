"""``stagegraph site --repo URL``: the forge addresses the contribute page can propose to, and the
one-sentence refusal of every other (exit 2)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from helpers import ROOT, assert_clean_error
from stagegraph.errors import ExitCode, InputError
from stagegraph.site.forge import repository
from stagegraph.words.website import propose_words


@pytest.mark.parametrize(
    ("url", "forge", "base"),
    [
        ("https://github.com/owner/repo", "github", "https://github.com/owner/repo"),
        ("https://github.com/owner/repo.git", "github", "https://github.com/owner/repo"),
        ("https://GitHub.com/Owner/my.repo/", "github", "https://github.com/Owner/my.repo"),
        ("  https://gitlab.com/group/project  ", "gitlab", "https://gitlab.com/group/project"),
        ("https://gitlab.com/group/sub/project.git", "gitlab", "https://gitlab.com/group/sub/project"),
        ("https://codeberg.org/owner/repo", "gitea", "https://codeberg.org/owner/repo"),
        ("gitea+https://git.example.org/owner/repo", "gitea", "https://git.example.org/owner/repo"),
        ("GITEA+http://127.0.0.1:3000/owner/repo", "gitea", "http://127.0.0.1:3000/owner/repo"),
        ("gitlab+https://gitlab.example.org/a/b/c", "gitlab", "https://gitlab.example.org/a/b/c"),
        ("gitea+http://[::1]:3000/o/r", "gitea", "http://[::1]:3000/o/r"),
        ("github+https://ghe.example.org/owner/repo", "github", "https://ghe.example.org/owner/repo"),
    ],
)
def test_a_forge_address_becomes_the_pages_repo_object(url, forge, base):
    assert repository(url) == {"forge": forge, "url": base, "branch": "main", "folder": "contributions"}


def test_the_branch_is_kept():
    assert repository("https://github.com/o/r", "release/2.x")["branch"] == "release/2.x"


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("https://example.org/owner/repo", "example.org is not a forge stagegraph knows by name"),
        ("svn+https://github.com/o/r", "svn is not a forge stagegraph knows"),
        ("github.com/owner/repo", "not a web address"),
        ("git@github.com:owner/repo.git", "not a web address"),
        ("ftp://github.com/owner/repo", "not a web address"),
        ("https://github.com/owner", "the path is not a repository's (OWNER/REPO)"),
        ("https://github.com/owner/repo/tree/main", "the path is not a repository's"),
        ("https://gitlab.com/group/project/-/tree/main", "the path is not a repository's (GROUP/PROJECT"),
        ("https://github.com/owner/re po", "the path is not a repository's"),
        ("https://github.com/../repo", "the path is not a repository's"),
        ("https://user:secret@github.com/owner/repo", "user name or password"),
        ("https://github.com/owner/repo?tab=readme", "query or fragment"),
        ("https://github.com:99999/owner/repo", "not a web address"),
        ("", "not a web address"),
    ],
)
def test_an_address_it_cannot_use_is_refused_in_one_sentence(url, words):
    with pytest.raises(InputError) as refused:
        repository(url)
    message = str(refused.value)
    assert words in message
    assert message.startswith("--repo ") and "\n" not in message
    assert refused.value.exit_code == ExitCode.INPUT


@pytest.mark.parametrize("branch", ["", "-x", "a..b", "a b", "x.lock", "a:b", "feature/", "a\nb"])
def test_a_branch_git_would_refuse_is_refused(branch):
    with pytest.raises(InputError, match="is not a branch name git accepts"):
        repository("https://github.com/o/r", branch)


def test_site_refuses_an_unusable_repo_before_building(run, tmp_path):
    out = tmp_path / "site"
    assert_clean_error(
        run("site", "-o", out, "--repo", "https://example.org/o/r"), 2, "error: --repo https://example.org/o/r:"
    )
    assert not out.exists()
    assert_clean_error(run("site", "-o", out, "--repo", "https://github.com/o/r", "--repo-branch", "a..b"), 2, "branch")
    assert_clean_error(run("site", "-o", out, "--repo-branch", "dev"), 2, "--repo-branch needs --repo")
    assert not out.exists()


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed: propose.js cannot be read")
def test_the_scripts_english_words_are_the_word_tables():
    """propose.js falls back to English words of its own: the same as words/website.py's, which the
    page passes in its language (propose_words)."""
    script = ROOT / "src" / "stagegraph" / "site" / "contribute" / "js" / "propose.js"
    printed = subprocess.run(
        [
            "node",
            "--input-type=module",
            "-e",
            f"import {{ WORDS }} from {json.dumps(script.as_uri())}; console.log(JSON.stringify(WORDS))",
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    assert json.loads(printed) == propose_words("en")
    for lang in ("ko", "ja"):
        assert set(propose_words(lang)) == set(propose_words("en"))
        for key, text in propose_words(lang).items():
            assert set(re.findall(r"\{\w+\}", text)) == set(re.findall(r"\{\w+\}", propose_words("en")[key])), key
