"""A site built twice from the same files is the same, byte for byte, so a wiki editor's diff of
two builds shows only what the data changed (pyLODE's page too: it is asked to sort)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import differing
from site_fixtures import built_site  # noqa: F401  (the bundled site, built once per session)

pytestmark = pytest.mark.slow  # a build of the bundled site in a process of its own

STAGEGRAPH = Path(sys.executable).parent / "stagegraph"


def test_two_builds_with_different_hash_seeds_are_identical(built_site, tmp_path):  # noqa: F811
    """The session's build (in this process) and one in a process of its own with another hash seed."""
    ours = os.environ.get("PYTHONHASHSEED", "random")
    seed = "2" if ours == "1" else "1"  # unset or "random": this process's seed is a random one
    subprocess.run(
        [str(STAGEGRAPH), "site", "-q", "-o", str(tmp_path / seed)],
        check=True,
        env={**os.environ, "PYTHONHASHSEED": seed},
        capture_output=True,
    )
    assert (tmp_path / seed / "ns" / "pylode.html").is_file()
    assert differing(built_site.root, tmp_path / seed) == []
