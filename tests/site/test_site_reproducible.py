"""A site built twice from the same files is the same, byte for byte, so a wiki editor's diff of
two builds shows only what the data changed (pyLODE's page too: it is asked to sort)."""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # two builds of the bundled site

STAGEGRAPH = Path(sys.executable).parent / "stagegraph"


def differing(left: Path, right: Path) -> list[str]:
    """Files that differ or exist on one side only, recursively."""
    found, stack = [], [filecmp.dircmp(left, right)]
    while stack:
        here = stack.pop()
        found += [str(Path(here.left) / name) for name in here.left_only + here.right_only + here.diff_files]
        stack += here.subdirs.values()
    return found


def test_two_builds_with_different_hash_seeds_are_identical(tmp_path):
    for seed in ("1", "2"):
        subprocess.run([str(STAGEGRAPH), "site", "-q", "-o", str(tmp_path / seed)], check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed}, capture_output=True)
    assert (tmp_path / "1" / "ns" / "pylode.html").is_file()
    assert differing(tmp_path / "1", tmp_path / "2") == []
