"""A site built twice from the same files is the same, byte for byte, so a wiki editor's diff of
two builds shows only what the data changed (pyLODE's page too: it is asked to sort)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import differing

pytestmark = pytest.mark.slow  # two builds of the bundled site

STAGEGRAPH = Path(sys.executable).parent / "stagegraph"


def test_two_builds_with_different_hash_seeds_are_identical(tmp_path):
    for seed in ("1", "2"):
        subprocess.run(
            [str(STAGEGRAPH), "site", "-q", "-o", str(tmp_path / seed)],
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
        )
    assert (tmp_path / "1" / "ns" / "pylode.html").is_file()
    assert differing(tmp_path / "1", tmp_path / "2") == []
