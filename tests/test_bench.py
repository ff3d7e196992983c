"""What make bench adds is a fact add accepts: a benchmark row that errors measures nothing.

Timings are never asserted here; they live in the benchmark (make bench).
"""

from __future__ import annotations

import importlib.util
import sys

from helpers import ROOT, cli


def bench_module(monkeypatch, folder):
    monkeypatch.setenv("BENCH_DIR", str(folder))  # read when the module is loaded
    spec = importlib.util.spec_from_file_location("bench", ROOT / "benchmarks" / "bench.py")
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "bench", module)  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_the_bond_the_benchmark_adds_is_valid_on_the_bundled_data(monkeypatch, tmp_path):
    bench = bench_module(monkeypatch, tmp_path / "bench")
    bond = bench.write_bond(tmp_path, bench.bundled())
    dry = cli("add", bond, "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "valid:" in dry.output and "10 new triples" in dry.output
