"""An installed copy (a wheel, not the checkout) finds its bundled ontology, data and queries."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from helpers import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    return next(out.glob("stagegraph-*.whl"))


def test_wheel_carries_the_bundle(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    for folder in ("ontology", "data"):
        source = sorted(p.name for p in (ROOT / folder).glob("*.ttl"))
        packed = sorted(Path(n).name for n in names if n.startswith(f"stagegraph/_bundle/{folder}/"))
        assert packed == source, folder


def test_installed_copy_validates_from_any_folder(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    where = subprocess.run(
        [
            sys.executable,
            "-c",
            "import stagegraph, stagegraph.bundle as b; print(stagegraph.__file__); print(b.data_dir())",
        ],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert str(target) in where.stdout.splitlines()[0]
    assert "_bundle" in where.stdout.splitlines()[1]
    result = subprocess.run(
        [sys.executable, "-m", "stagegraph", "validate"], cwd=elsewhere, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "No issues found" in result.stdout
