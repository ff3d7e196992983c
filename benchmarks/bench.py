#!/usr/bin/env python3
"""``make bench``: stagegraph beside bare rdflib, pyoxigraph and the pySHACL command line.

For the bundled graph and for synthetic universes of about 10k, 100k and 1M triples
(benchmarks/synth.py, generated once into build/bench/<size>/data and reused), every
operation runs as a subprocess: wall time (``time.perf_counter`` around it) and peak
memory (the child's own ``ru_maxrss``, from ``os.wait4``), the median of several runs, each
bounded by a timeout. Each stagegraph operation is printed beside its baselines, measured
in the same run on the same files, with the ratio stagegraph / baseline (below 1× means
stagegraph is faster). Results go to build/bench/results.json and results.md.

Environment:

    BENCH_SIZES     synthetic sizes in triples, comma-separated (default 10000,100000,1000000)
    BENCH_RUNS      runs per measurement, median reported (default 3; 1 from 1M triples up)
    BENCH_TIMEOUT   seconds before one run is stopped and reported as "timeout" (default 600)
    BENCH_OPS       only these rows (fnmatch patterns on row keys, comma-separated, e.g.
                    "load*,*-oxigraph-*"); default every row. Keys are listed by BENCH_LIST=1.
    BENCH_BUNDLED   1 (default) to measure start-up and the bundled graph, 0 to skip them
    BENCH_GRAPH_CHARACTERS  characters of the universe for the `graph` and `site` targets (default 2000; 0 skips)
    BENCH_SEED      seed of the synthetic universes (default 0)
    BENCH_DIR       where universes and results go (default build/bench)
    BENCH_RENDER=1  only render results.md and the tables again from results.json

A measurement that timed out at one size is not run again at larger sizes (reported as
"timeout", marked "skipped"). Timings are never asserted in tests; they live here.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import synth  # noqa: E402  (found through the sys.path entry just above)

BIN = Path(sys.executable).parent
STAGEGRAPH = str(BIN / "stagegraph")
PYSHACL = str(BIN / "pyshacl")
PYTHON = sys.executable
BARE = str(HERE / "bare.py")
BUILD = Path(os.environ.get("BENCH_DIR") or ROOT / "build" / "bench").resolve()
CACHE = BUILD / "cache"
ONTOLOGY = ROOT / "ontology" / "stagegraph.ttl"
SHAPES = ROOT / "ontology" / "shapes.ttl"
QUERIES = ("bonds", "love-chains", "matches")


# --- configuration --------------------------------------------------------------------------


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


SIZES = [int(s.replace("_", "")) for s in os.environ.get("BENCH_SIZES", "10000,100000,1000000").split(",") if s.strip()]
TIMEOUT = env_int("BENCH_TIMEOUT", 600)
PATTERNS = [p.strip() for p in os.environ.get("BENCH_OPS", "").split(",") if p.strip()]
BUNDLED = env_int("BENCH_BUNDLED", 1)
GRAPH_CHARACTERS = env_int("BENCH_GRAPH_CHARACTERS", 2000)
CONTRIBUTIONS = (1, 10)  # MB of the synthetic contributions added to the bundled data
SEED = env_int("BENCH_SEED", 0)


def runs_for(triples: int) -> int:
    return env_int("BENCH_RUNS", 1 if triples >= 1_000_000 else 3)


# --- measuring one command ------------------------------------------------------------------


@dataclass
class Spec:
    """One command to measure: a stagegraph operation or a baseline."""

    key: str
    label: str
    cmd: list[str]
    before: object = None  # called before each run, untimed (e.g. empty the cache, copy the data)
    warmup: bool = False  # run once, untimed, before the timed runs
    ref: str | None = None  # instead of a command: the result of another spec of the same size
    runs: int | None = None  # runs of this spec, if not the table's (a long one runs once)


@dataclass
class Measured:
    label: str
    key: str = ""
    seconds: float | None = None
    mb: float | None = None
    runs: list = field(default_factory=list)
    status: str = "ok"  # ok, timeout, error, skipped (timed out at a smaller size)
    rc: int | None = None
    cmd: str = ""
    timeout: int = TIMEOUT

    def as_dict(self) -> dict:
        return dict(vars(self))


SPAWNER: subprocess.Popen | None = None


def start_spawner() -> None:
    """Start benchmarks/spawner.py while this process is small (see its docstring for why)."""
    global SPAWNER
    SPAWNER = subprocess.Popen(
        [PYTHON, str(HERE / "spawner.py")], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1
    )


def run_once(cmd: list[str], env: dict, timeout: float, log: Path) -> dict:
    """Run ``cmd`` through the spawner: its wall time, its own peak RSS (MB), exit code, whether it timed out."""
    if SPAWNER is None:
        start_spawner()
    request = {
        "cmd": cmd,
        "env": env,
        "cwd": str(ROOT),
        "timeout": timeout,
        "out": str(log.with_suffix(".out")),
        "err": str(log.with_suffix(".err")),
    }
    SPAWNER.stdin.write(json.dumps(request) + "\n")
    SPAWNER.stdin.flush()
    answer = json.loads(SPAWNER.stdout.readline())
    if answer.get("error"):
        log.with_suffix(".err").write_text(answer["error"] + "\n")
    return answer


def measure(spec: Spec, runs: int, env: dict, logs: Path) -> Measured:
    result = Measured(spec.label, spec.key, cmd=" ".join(_short(c) for c in spec.cmd))
    log = logs / spec.key.replace("/", "_")
    if spec.warmup:
        if spec.before:
            spec.before()
        warm = run_once(spec.cmd, env, TIMEOUT, log)
        if warm["timeout"] or warm["rc"] != 0:
            result.status, result.rc = ("timeout" if warm["timeout"] else "error"), warm["rc"]
            return result
    for _ in range(spec.runs or runs):
        if spec.before:
            spec.before()
        one = run_once(spec.cmd, env, TIMEOUT, log)
        result.runs.append(one)
        if one["timeout"]:
            result.status = "timeout"
            break
        if one["rc"] != 0:
            result.status, result.rc = "error", one["rc"]
            break
    good = [r for r in result.runs if not r["timeout"] and r["rc"] == 0]
    if result.status == "ok" and good:
        result.seconds = round(statistics.median(r["seconds"] for r in good), 3)
        result.mb = round(statistics.median(r["mb"] for r in good), 1)
        result.rc = 0
    return result


def _short(part: str) -> str:
    return part.replace(str(ROOT) + "/", "").replace(str(BIN) + "/", "")


# --- universes ------------------------------------------------------------------------------


@dataclass
class Universe:
    key: str  # "bundled", "10000", "chars-2000"
    title: str
    data: Path
    folder: Path
    character: str  # a character name for the bonds lookup
    pair: tuple  # (from IRI, to IRI, English names) for the added bond
    source: str  # an existing source IRI
    characters: int | None = None
    triples: int | None = None
    runs: int = 3

    @property
    def data_files(self) -> list[Path]:
        return sorted(p for p in self.data.glob("*.ttl") if not p.name.startswith("."))


def synth_digest() -> str:
    return hashlib.sha256((HERE / "synth.py").read_bytes()).hexdigest()[:16]


def synthetic(key: str, characters: int, runs: int) -> Universe:
    """The synthetic universe of ``characters``, generated unless already there with the same parameters."""
    folder = BUILD / key
    data = folder / "data"
    params = {"characters": characters, "seed": SEED, "synth": synth_digest()}
    stamp = folder / "params.json"
    known = json.loads(stamp.read_text()) if stamp.exists() else {}
    if {k: known.get(k) for k in params} != params or not data.is_dir():
        shutil.rmtree(folder, ignore_errors=True)
        data.mkdir(parents=True)
        started = time.perf_counter()
        triples = synth.write(characters, data, SEED)
        note(f"generated {key}: {characters} characters, {triples} triples in {time.perf_counter() - started:.1f} s")
        stamp.write_text(json.dumps({**params, "triples": triples}, indent=2) + "\n")
        known = {**params, "triples": triples}
    base = "https://w3id.org/stagegraph/"
    a, b = 0, min(2, characters - 1)
    pair = (
        base + "character/" + synth.character_slug(a),
        base + "character/" + synth.character_slug(b),
        synth.character_name(a),
        synth.character_name(b),
    )
    return Universe(
        key,
        "",
        data,
        folder,
        synth.character_name(0),
        pair,
        base + "source/" + synth.source_slug(0),
        characters,
        known["triples"],
        runs,
    )


def bundled() -> Universe:
    base = "https://w3id.org/stagegraph/"
    folder = BUILD / "bundled"
    folder.mkdir(parents=True, exist_ok=True)
    data = ROOT / "data"
    pair = (base + "character/acorn", base + "character/durian", "Acorn", "Durian")
    universe = Universe(
        "bundled",
        "the bundled ALIEN STAGE graph (data/)",
        data,
        folder,
        "Till",
        pair,
        base + "source/ct",
        runs=env_int("BENCH_RUNS", 5),
    )
    universe.triples = count_triples(universe.data_files)
    universe.characters = None
    return universe


def count_triples(files: list[Path]) -> int:
    import pyoxigraph

    return sum(sum(1 for _ in pyoxigraph.parse(path=str(f), format=pyoxigraph.RdfFormat.TURTLE)) for f in files)


def prepare(universe: Universe) -> dict:
    """Files the commands read, written outside the timed part: merged data, queries, the new bond."""
    import pyoxigraph
    from rdflib import Literal, URIRef

    from stagegraph.store.values import with_values

    folder = universe.folder
    merged = folder / "merged.nt"  # one data graph for the pySHACL command line: data + ontology
    inputs = [str(p) for p in universe.data_files] + [str(ONTOLOGY)]
    digest = hashlib.sha256("\n".join(f"{p}:{os.path.getsize(p)}:{os.path.getmtime(p)}" for p in inputs).encode())
    stamp = folder / "merged.stamp"
    if not merged.exists() or not stamp.exists() or stamp.read_text() != digest.hexdigest():

        def triples():
            for path in inputs:
                yield from pyoxigraph.parse(path=path, format=pyoxigraph.RdfFormat.TURTLE)

        pyoxigraph.serialize(triples(), output=str(merged), format=pyoxigraph.RdfFormat.N_TRIPLES)
        stamp.write_text(digest.hexdigest())
    files = {"merged": merged}
    character_iri = resolve_character(universe)
    for name in QUERIES:
        text = (ROOT / "queries" / f"{name}.rq").read_text(encoding="utf-8")
        bindings = {"lang": Literal("en")}
        raw = {"lang": {"literal": "en"}}
        if name == "bonds":
            bindings = {"character": URIRef(character_iri), **bindings}
            raw = {"character": {"iri": character_iri}, **raw}
        (folder / f"{name}.rq").write_text(text, encoding="utf-8")
        (folder / f"{name}.bindings.json").write_text(json.dumps(raw), encoding="utf-8")
        (folder / f"{name}.values.rq").write_text(with_values(text, bindings), encoding="utf-8")
    bond = write_bond(folder, universe)
    files["bond"] = bond
    if universe.key == "bundled":
        for size in CONTRIBUTIONS:
            files[f"contribution-{size}"] = contribution(folder, size)
    return files


def write_bond(folder: Path, universe: Universe) -> Path:
    """The one bond ``add`` adds in the benchmark: a valid fact between two of the universe's
    characters (tests/test_bench.py holds add --dry-run to accepting it)."""
    a, b, name_a, name_b = universe.pair
    bond = folder / "bond.ttl"
    slug_a, slug_b = a.rsplit("/", 1)[1], b.rsplit("/", 1)[1]
    bond.write_text(
        f"""@prefix sg: <https://w3id.org/stagegraph/ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .

<https://w3id.org/stagegraph/bond/{slug_a}-{slug_b}-family-bench>
    a sg:Bond ;
    rdfs:label "{name_a} ↔ {name_b} (family, mutual)"@en ;
    sg:bondType <https://w3id.org/stagegraph/vocab/bondtype/mutual> ;
    sg:canonStatus <https://w3id.org/stagegraph/vocab/canon/fan-interpretation> ;
    sg:confidence <https://w3id.org/stagegraph/vocab/confidence/single-source> ;
    sg:from <{a}> ;
    sg:nature <https://w3id.org/stagegraph/vocab/nature/family> ;
    sg:revealUnknown true ;
    sg:source <{universe.source}> ;
    sg:to <{b}> .
""",
        encoding="utf-8",
    )
    return bond


def contribution(folder: Path, size: int) -> Path:
    """A synthetic contribution of about ``size`` MB (benchmarks/synth.py), written once."""
    path = folder / f"contribution-{size}mb.ttl"
    stamp = path.with_suffix(".stamp")
    if not path.exists() or not stamp.exists() or stamp.read_text() != synth_digest():
        text, _ = synth.contribution(synth.characters_for_bytes(size * 1_000_000), SEED)
        path.write_text(text, encoding="utf-8")
        stamp.write_text(synth_digest())
    return path


def resolve_character(universe: Universe) -> str:
    if universe.key == "bundled":
        return "https://w3id.org/stagegraph/character/till"
    return "https://w3id.org/stagegraph/character/" + synth.character_slug(0)


# --- the rows of a table ----------------------------------------------------------------------


@dataclass
class Row:
    key: str
    label: str
    main: Spec
    baselines: list  # of Spec


def empty_cache():
    shutil.rmtree(CACHE / "stagegraph", ignore_errors=True)


def rows_for(universe: Universe, files: dict) -> list[Row]:
    d = ["--data", str(universe.data)]
    folder = universe.folder
    data_files = [str(p) for p in universe.data_files]
    with_ontology = data_files + [str(ONTOLOGY)]
    sg = [STAGEGRAPH] + d
    add_data = folder / "add-data"

    def fresh_copy():
        shutil.rmtree(add_data, ignore_errors=True)
        shutil.copytree(universe.data, add_data)

    shared = {}

    def base(key, label, cmd):
        shared.setdefault(key, Spec(key, label, cmd))
        return shared[key]

    rdflib_load = base("bare-rdflib-load", "bare rdflib: parse", [PYTHON, BARE, "rdflib-load", *with_ontology])
    ox_load = base("bare-oxigraph-load", "bare pyoxigraph: bulk_load", [PYTHON, BARE, "oxigraph-load", *with_ontology])
    # the baselines of both validate rows, measured once however many of them BENCH_OPS selects
    pyshacl_cli = base(
        "pyshacl-cli",
        "pySHACL CLI (merged .nt)",
        [PYSHACL, "-s", str(SHAPES), "-e", str(ONTOLOGY), "-a", "-i", "none", "-f", "human", str(files["merged"])],
    )
    shacl_rust = base(
        "shacl-rust",
        "`shacl` (Rust, PyPI; merged .nt)",
        [PYTHON, BARE, "shacl-validate", str(SHAPES), str(files["merged"])],
    )
    rows = [
        Row(
            "load",
            "load (`stats`, rdflib)",
            Spec("sg-load", "stagegraph", sg + ["--store", "memory", "stats"]),
            [rdflib_load, ox_load],
        ),
        Row(
            "load-oxigraph",
            "load into Oxigraph (`query matches`, cold cache)",
            Spec(
                "sg-load-oxigraph",
                "stagegraph",
                sg + ["--store", "oxigraph", "query", "matches", "--format", "csv", "--timeout", str(TIMEOUT)],
                before=empty_cache,
            ),
            [
                base(
                    "bare-oxigraph-query-matches",
                    "bare pyoxigraph: load + query",
                    [PYTHON, BARE, "oxigraph-query", str(folder / "matches.values.rq"), *with_ontology],
                )
            ],
        ),
        Row("validate", "validate", Spec("sg-validate", "stagegraph", sg + ["validate"]), [pyshacl_cli, shacl_rust]),
        Row(
            "validate-fast",
            "validate --engine fast",
            Spec("sg-validate-fast", "stagegraph", sg + ["validate", "--engine", "fast"]),
            [
                Spec("sg-validate-pyshacl", "stagegraph --engine pyshacl", sg + ["validate", "--engine", "pyshacl"]),
                pyshacl_cli,
                shacl_rust,
            ],
        ),
    ]
    for name in QUERIES:
        params = ["-p", "character", universe.character] if name == "bonds" else []
        query = ["query", name, *params, "--format", "csv", "--timeout", str(TIMEOUT)]
        bare_rdflib = base(
            f"bare-rdflib-query-{name}",
            "bare rdflib: parse + query",
            [
                PYTHON,
                BARE,
                "rdflib-query",
                str(folder / f"{name}.rq"),
                str(folder / f"{name}.bindings.json"),
                *with_ontology,
            ],
        )
        bare_ox = base(
            f"bare-oxigraph-query-{name}",
            "bare pyoxigraph: load + query",
            [PYTHON, BARE, "oxigraph-query", str(folder / f"{name}.values.rq"), *with_ontology],
        )
        rows += [
            Row(
                f"{name}-memory",
                f"query {name} (memory)",
                Spec(f"sg-{name}-memory", "stagegraph", sg + ["--store", "memory", *query]),
                [bare_rdflib, bare_ox],
            ),
            Row(
                f"{name}-oxigraph-cold",
                f"query {name} (oxigraph, cold)",
                Spec(
                    f"sg-{name}-oxigraph-cold", "stagegraph", sg + ["--store", "oxigraph", *query], before=empty_cache
                ),
                [bare_ox, bare_rdflib],
            ),
            Row(
                f"{name}-oxigraph-warm",
                f"query {name} (oxigraph, warm)",
                Spec(f"sg-{name}-oxigraph-warm", "stagegraph", sg + ["--store", "oxigraph", *query], warmup=True),
                [bare_ox, bare_rdflib],
            ),
        ]
    rows += [
        Row("graph", "graph", Spec("sg-graph", "stagegraph", sg + ["graph", "-o", str(folder / "graph.html")]), []),
        Row(
            "site",
            "site (every horizon tree)" if universe.key == "bundled" else "site --full-only (the full tree)",
            Spec(
                "sg-site",
                "stagegraph",
                sg
                + ["site", "-q", "-o", str(folder / "site")]
                + ([] if universe.key == "bundled" else ["--full-only"]),
            ),
            [],
        ),
        Row(
            "export-nt",
            "export --format nt",
            Spec("sg-export-nt", "stagegraph", sg + ["export", "--format", "nt", "-o", str(folder / "export.nt")]),
            [
                Spec(
                    "bare-rdflib-nt",
                    "bare rdflib: parse + serialize nt",
                    [PYTHON, BARE, "rdflib-nt", str(folder / "bare-rdflib.nt"), *data_files],
                ),
                Spec(
                    "bare-oxigraph-nt",
                    "bare pyoxigraph: parse + serialize nt",
                    [PYTHON, BARE, "oxigraph-nt", str(folder / "bare-oxigraph.nt"), *data_files],
                ),
            ],
        ),
        Row(
            "add",
            "add one bond",
            Spec(
                "sg-add",
                "stagegraph",
                [STAGEGRAPH, "--data", str(add_data), "add", str(files["bond"])],
                before=fresh_copy,
            ),
            [Spec("sg-validate", "stagegraph validate (full)", [], ref="sg-validate")],
        ),
    ]
    if universe.key == "bundled":
        rows += contribution_rows(universe, files, fresh_copy, add_data)
    return rows


def contribution_rows(universe: Universe, files: dict, fresh_copy, add_data: Path) -> list[Row]:
    """``add`` of a 1 MB and a 10 MB contribution to the bundled data: the 10 MB row's ratio is
    its time over the 1 MB one's (linear growth gives about 10)."""

    def spec(size):
        return Spec(
            f"sg-add-{size}mb",
            "stagegraph",
            [STAGEGRAPH, "--data", str(add_data), "add", str(files.get(f"contribution-{size}", ""))],
            before=fresh_copy,
            runs=1,
        )

    small, large = CONTRIBUTIONS
    return [
        Row(f"add-{small}mb", f"add a {small} MB contribution", spec(small), []),
        Row(
            f"add-{large}mb",
            f"add a {large} MB contribution",
            spec(large),
            [Spec(f"sg-add-{small}mb", f"add of {small} MB (above)", [], ref=f"sg-add-{small}mb")],
        ),
    ]


def startup_rows() -> list[Row]:
    return [
        Row(
            "startup",
            "start-up (`stagegraph --help`)",
            Spec("sg-help", "stagegraph", [STAGEGRAPH, "--help"]),
            [
                Spec("python-pass", "python -c pass", [PYTHON, "-c", "pass"]),
                Spec("python-rdflib", "python -c 'import rdflib'", [PYTHON, "-c", "import rdflib"]),
            ],
        )
    ]


def graph_rows(universe: Universe) -> list[Row]:
    page = universe.folder / "graph.html"
    rows = [
        Row(
            "graph",
            "graph",
            Spec("sg-graph", "stagegraph", [STAGEGRAPH, "--data", str(universe.data), "graph", "-o", str(page)]),
            [],
        ),
        Row(
            "site",
            "site --full-only (the full tree)",
            Spec(
                "sg-site",
                "stagegraph",
                [
                    STAGEGRAPH,
                    "--data",
                    str(universe.data),
                    "site",
                    "-q",
                    "--full-only",
                    "-o",
                    str(universe.folder / "site"),
                ],
            ),
            [],
        ),
    ]
    if browser_available():
        rows.append(
            Row(
                "settle",
                "page settles in Chromium (whole run: browser start, load, physics)",
                Spec("sg-settle", "benchmarks/settle.py", [PYTHON, str(HERE / "settle.py"), str(page)]),
                [],
            )
        )
    return rows


def browser_available() -> bool:
    """Playwright and a Chromium to drive (as the browser tests use): else the settle row is left out."""
    import importlib.util

    chromium = os.environ.get("STAGEGRAPH_CHROMIUM") or "/usr/bin/chromium"
    return importlib.util.find_spec("playwright") is not None and Path(chromium).exists()


def selected(rows: list[Row]) -> list[Row]:
    if not PATTERNS:
        return rows
    return [r for r in rows if any(fnmatch.fnmatch(r.key, p) for p in PATTERNS)]


# --- running a table --------------------------------------------------------------------------

TIMED_OUT: dict[str, str] = {}  # spec key -> the size at which it timed out


def remember_timeouts(sections: dict, size: int) -> None:
    """Seed TIMED_OUT from earlier runs' smaller sizes (same or longer timeout), so they are not re-run."""
    for key, section in sections.items():
        if not key.isdigit() or int(key) >= size:
            continue
        for entry in section["rows"]:
            for m in [entry["stagegraph"], *entry["baselines"]]:
                if m.get("status") in ("timeout", "skipped") and m.get("key") and m.get("timeout", 0) >= TIMEOUT:
                    TIMED_OUT.setdefault(m["key"], key)


def run_table(
    universe_key: str,
    rows: list[Row],
    runs: int,
    env: dict,
    logs: Path,
    *,
    full: list[Row],
    previous: dict | None,
    on_row,
) -> list[dict]:
    """Measure ``rows`` (baselines shared between rows are run once); ``on_row(table)`` after each row."""
    logs.mkdir(parents=True, exist_ok=True)
    done: dict[str, Measured] = {}
    before = {e["stagegraph"].get("key"): e["stagegraph"] for e in (previous or {}).get("rows", [])}

    def get(spec: Spec) -> Measured:
        key = spec.ref or spec.key
        if key in done:
            return done[key]
        if spec.ref:
            if key in before and not any(r.main.key == key for r in rows):  # from an earlier run of this size
                data = {k: v for k, v in before[key].items() if k in Measured.__dataclass_fields__}
                done[key] = Measured(**data)
                return done[key]
            if not any(r.main.key == key for r in rows):  # BENCH_OPS left it out: do not run it behind its back
                done[key] = Measured(spec.label, key, status="not run")
                return done[key]
            return get(next(r.main for r in full if r.main.key == key))
        if key in TIMED_OUT:
            result = Measured(spec.label, key, status="skipped", cmd=" ".join(_short(c) for c in spec.cmd))
            note(f"  [{universe_key}] {key}: skipped, timed out at {TIMED_OUT[key]}")
        else:
            result = measure(spec, runs, env, logs)
            if result.status == "timeout":
                TIMED_OUT.setdefault(key, universe_key)
            note(f"  [{universe_key}] {key}: {cell(result)}")
            if result.status == "error":
                err = logs / (key.replace("/", "_") + ".err")
                tail = err.read_text(errors="replace").strip().splitlines()[-3:] if err.exists() else []
                for line in tail:
                    note(f"      {line}")
        done[key] = result
        return result

    table = []
    for row in rows:
        main = get(row.main)
        entry = {"key": row.key, "operation": row.label, "stagegraph": main.as_dict(), "baselines": []}
        for spec in row.baselines:
            measured = get(spec)
            data = measured.as_dict()
            data["label"] = spec.label
            data["ratio"] = ratio(main, measured)
            entry["baselines"].append(data)
        table.append(entry)
        on_row(table)
    return table


def ratio(main: Measured, baseline: Measured) -> float | None:
    if main.seconds is None or not baseline.seconds:
        return None
    return round(main.seconds / baseline.seconds, 3)


def cell(measured) -> str:
    if isinstance(measured, dict):
        seconds, mb, status = measured.get("seconds"), measured.get("mb"), measured.get("status")
    else:
        seconds, mb, status = measured.seconds, measured.mb, measured.status
    if seconds is None:
        return {"timeout": "timeout", "skipped": "timeout (skipped)", "error": "error"}.get(status, status)
    return f"{seconds:.2f} s, {mb:.0f} MB"


# --- output -----------------------------------------------------------------------------------


def note(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def fmt_s(m: dict) -> str:
    if m.get("seconds") is None:
        return {
            "timeout": f"timeout ({m.get('timeout', TIMEOUT)} s)",
            "skipped": "timeout*",
            "not run": "not run",
            "error": f"error (exit {m.get('rc')})",
        }.get(m.get("status"), str(m.get("status")))
    return f"{m['seconds']:.2f}"


def fmt_mb(m: dict) -> str:
    return "" if m.get("mb") is None else f"{m['mb']:.0f}"


def fmt_ratio(main: dict, base: dict) -> str:
    """The ratio, or its bound when one side timed out (``> 40×``: stagegraph timed out, the baseline did not)."""
    if base.get("ratio") is not None:
        return f"{base['ratio']:.2f}×"
    if main.get("seconds") is None and main.get("status") == "timeout" and base.get("seconds"):
        return f"> {main.get('timeout', TIMEOUT) / base['seconds']:.0f}×"
    if base.get("seconds") is None and base.get("status") == "timeout" and main.get("seconds"):
        bound = main["seconds"] / base.get("timeout", TIMEOUT)
        return f"< {bound:.2f}×" if bound >= 0.01 else f"< {bound:.3f}×"
    return ""


def table_rows(entries: list[dict]) -> list[list[str]]:
    lines = []
    for entry in entries:
        main = entry["stagegraph"]
        baselines = entry["baselines"] or [None]
        for i, b in enumerate(baselines):
            lines.append(
                [
                    entry["operation"] if i == 0 else "",
                    fmt_s(main) if i == 0 else "",
                    fmt_mb(main) if i == 0 else "",
                    b["label"] if b else "—",
                    fmt_s(b) if b else "",
                    fmt_mb(b) if b else "",
                    fmt_ratio(main, b) if b else "",
                ]
            )
    return lines


HEADER = ["operation", "stagegraph s", "MB", "baseline", "s", "MB", "ratio"]


def text_table(entries: list[dict]) -> str:
    rows = [HEADER] + table_rows(entries)
    widths = [max(len(r[i]) for r in rows) for i in range(len(HEADER))]
    right = {1, 2, 4, 5, 6}
    out = []
    for n, r in enumerate(rows):
        out.append(
            "  ".join(c.rjust(widths[i]) if i in right else c.ljust(widths[i]) for i, c in enumerate(r)).rstrip()
        )
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


def md_table(entries: list[dict]) -> str:
    rows = table_rows(entries)
    out = ["| " + " | ".join(HEADER) + " |", "|---|--:|--:|---|--:|--:|--:|"]
    out += ["| " + " | ".join(c.replace("|", "\\|") for c in r) + " |" for r in rows]
    return "\n".join(out)


def heading(section: dict) -> str:
    if section["key"] == "startup":
        return "Start-up"
    parts = [
        f"{section['triples']:,} triples" if section.get("triples") else None,
        f"{section['characters']:,} characters" if section.get("characters") else None,
        f"{section['bytes'] / 1e6:.1f} MB of Turtle" if section.get("bytes") else None,
    ]
    where = ", ".join(p for p in parts if p)
    name = section.get("title") or f"synthetic universe of about {int(section['key']):,} triples"
    counts = sorted(
        {
            len(m["runs"])
            for e in section["rows"]
            for m in [e["stagegraph"], *e["baselines"]]
            if m.get("seconds") is not None and m.get("runs")
        }
    )
    runs = "–".join(str(c) for c in (counts[0], counts[-1]) if c) if counts else str(section.get("runs"))
    runs = runs if len(set(runs.split("–"))) > 1 else runs.split("–")[0]
    return f"{name[0].upper() + name[1:]} ({where}; median of {runs} run{'s' if runs != '1' else ''})"


def machine() -> dict:
    from importlib.metadata import version

    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    versions = {}
    for package in ("stagegraph", "rdflib", "pyshacl", "pyoxigraph"):
        try:
            versions[package] = version(package)
        except Exception:  # noqa: BLE001 - a missing package is reported as None
            versions[package] = None
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_gb": ram,
        "os": platform.platform(),
        "python": platform.python_version(),
        **versions,
    }


def machine_line(m: dict) -> str:
    return (
        f"{m['cpu']}, {m['cores']} cores, {m['ram_gb']} GB RAM; {m['os']}; Python {m['python']}, "
        f"stagegraph {m['stagegraph']}, rdflib {m['rdflib']}, pySHACL {m['pyshacl']}, "
        f"pyoxigraph {m['pyoxigraph']}"
    )


NOTES = [
    (
        "Ratio = stagegraph time / baseline time: below 1× stagegraph is faster. Peak memory is the "
        "process's own maximum resident set size."
    ),
    (
        "Baselines read the same files: the bare rdflib and pyoxigraph scripts (benchmarks/bare.py) parse the data "
        "files plus ontology/stagegraph.ttl (what stagegraph queries run on) and run the same query text, parameters "
        "bound with initBindings (rdflib) or a VALUES block (pyoxigraph)."
    ),
    (
        "The pySHACL command line takes one data graph, so it validates build/bench/<size>/merged.nt: the data files "
        "and the ontology merged into one N-Triples file (`pyshacl -s ontology/shapes.ttl -e ontology/stagegraph.ttl "
        "-a -i none -f human merged.nt`)."
    ),
    (
        'Oxigraph "cold" empties stagegraph\'s store cache before each run (the store is built from the files); '
        '"warm" runs on the cache left by an untimed first run.'
    ),
    "`add` runs on a fresh copy of the data each time; its baseline is the full `stagegraph validate` above.",
    (
        "`add` of a 1 MB and a 10 MB contribution (benchmarks/synth.py's `contribution`: new characters, seasons, "
        "bonds, songs with sources) to the bundled data runs once each; the 10 MB row's ratio is over the 1 MB row."
    ),
    "timeout: stopped after the per-run timeout; timeout*: not run, it timed out at a smaller size.",
]


# --- targets ----------------------------------------------------------------------------------


def find(sections: dict, size: str, row: str, baseline: str | None = None):
    section = sections.get(size)
    if not section:
        return None
    for entry in section["rows"]:
        if entry["key"] == row:
            if baseline is None:
                return entry["stagegraph"]
            for b in entry["baselines"]:
                if b["label"].startswith(baseline):
                    return b
    return None


def targets(sections: dict) -> list[dict]:
    out = []

    def check(name, value, limit, text, better="lower"):
        if value is None:
            out.append({"target": name, "measured": "n.a.", "status": "n.a."})
            return
        ok = value <= limit if better == "lower" else value >= limit
        out.append({"target": name, "measured": text, "status": "PASS" if ok else "FAIL"})

    def secs(m):
        return m.get("seconds") if m else None

    help_ = find(sections, "startup", "startup")
    check("`stagegraph --help` under 0.3 s", secs(help_), 0.3, f"{secs(help_):.2f} s" if secs(help_) else "")
    for row, base, limit, title in (
        ("matches-memory", "bare rdflib", 1.2, "bundled: `query matches` ≤ 1.2× bare rdflib"),
        ("validate", "pySHACL", 1.1, "bundled: `validate` ≤ 1.1× pySHACL CLI"),
    ):
        b = find(sections, "bundled", row, base)
        r = b.get("ratio") if b else None
        check(title, r, limit, f"{r:.2f}×" if r else "")
    big, mid = "1000000", "100000"
    for name in QUERIES:
        b = find(sections, big, f"{name}-oxigraph-warm", "bare pyoxigraph")
        r = b.get("ratio") if b else None
        check(f"1M: `{name}` with oxigraph (warm) ≤ 1.5× bare pyoxigraph", r, 1.5, f"{r:.2f}×" if r else "")
    for name in QUERIES:
        main = find(sections, mid, f"{name}-oxigraph-warm")
        speedup, texts = None, []
        for other, what in (
            (find(sections, mid, f"{name}-oxigraph-warm", "bare rdflib"), "bare rdflib script"),
            (find(sections, mid, f"{name}-memory"), "--store memory"),
        ):
            if not (main and main.get("seconds") and other):
                continue
            if other.get("seconds"):
                times = other["seconds"] / main["seconds"]
                texts.append(f"{times:.1f}× vs {what}")
            elif other.get("status") in ("timeout", "skipped"):
                times = other.get("timeout", TIMEOUT) / main["seconds"]
                texts.append(f"> {times:.0f}× vs {what} (timed out)")
            else:
                continue
            speedup = times if speedup is None else min(speedup, times)  # the stricter of the two
        check(
            f"100k: `{name}` with oxigraph (warm) ≥ 10× faster than rdflib's engine",
            speedup,
            10,
            "; ".join(texts),
            better="higher",
        )

    def timed(m, limit, name):
        """A duration target: a timeout fails it too."""
        if m and m.get("status") == "timeout":
            check(name, float("inf"), limit, f"timeout ({m.get('timeout', TIMEOUT)} s)")
        else:
            check(name, secs(m), limit, f"{secs(m):.2f} s" if secs(m) else "")

    for name in QUERIES:
        timed(find(sections, big, f"{name}-oxigraph-warm"), 2, f"1M: second `query {name}` (warm) under 2 s")
    add = find(sections, big, "add")
    timed(add, 3, "1M: `add` under 3 s")
    b = find(sections, big, "add", "stagegraph validate")
    speedup = b["seconds"] / add["seconds"] if b and b.get("seconds") and secs(add) else None
    check(
        "1M: `add` ≥ 20× faster than full validate", speedup, 20, f"{speedup:.1f}×" if speedup else "", better="higher"
    )
    v = find(sections, big, "validate")
    mb = v.get("mb") if v and v.get("seconds") else None
    check("1M: full validate completes under 4 GB peak", mb, 4096, f"{mb:.0f} MB" if mb else "")
    for size, label, limit in ((mid, "100k", 5), (big, "1M", 30)):
        fast = find(sections, size, "validate-fast")
        timed(fast, limit, f"{label}: `validate --engine fast` under {limit} s")
    fast = find(sections, big, "validate-fast")
    mb = fast.get("mb") if fast and fast.get("seconds") else None
    check("1M: `validate --engine fast` under 3 GB peak", mb, 3072, f"{mb:.0f} MB" if mb else "")
    small, large = CONTRIBUTIONS
    big_add = find(sections, "bundled", f"add-{large}mb")
    timed(big_add, 30, f"bundled: `add` of a {large} MB contribution under 30 s")
    b = find(sections, "bundled", f"add-{large}mb", f"add of {small} MB")
    r = b.get("ratio") if b else None
    check(f"`add` {large} MB / {small} MB time ≤ 15× (linear: about 10×)", r, 15, f"{r:.1f}×" if r else "")
    chars = GRAPH_CHARACTERS or 2000
    g = find(sections, f"chars-{chars}", "graph")
    timed(g, 5, f"`graph` on {chars:,} characters under 5 s")
    timed(find(sections, f"chars-{chars}", "settle"), 5, f"the {chars:,}-character page settles in under 5 s")
    timed(find(sections, f"chars-{chars}", "site"), 60, f"`site --full-only` on {chars:,} characters under 60 s")
    return out


def render(results: dict) -> tuple[str, str]:
    sections = results["sections"]
    order = (
        ["startup", "bundled"]
        + sorted((k for k in sections if k.isdigit()), key=int)
        + sorted(k for k in sections if k.startswith("chars-"))
    )
    text, md = [], ["# stagegraph benchmark", "", f"Machine: {machine_line(results['machine'])}.", ""]
    for key in order:
        if key not in sections:
            continue
        section = sections[key]
        title = heading(section)
        text += [f"== {title} ==", text_table(section["rows"]), ""]
        md += [f"### {title}", "", f"Measured {section['measured_at']}.", "", md_table(section["rows"]), ""]
    checks = targets(sections)
    width = max(len(c["target"]) for c in checks)
    text += ["== Targets ==", *(f"{c['status']:5} {c['target'].ljust(width)}  {c['measured']}" for c in checks), ""]
    md += ["### Targets", "", "| target | measured | status |", "|---|---|---|"]
    md += [f"| {c['target']} | {c['measured']} | {c['status']} |" for c in checks]
    md += ["", "Notes:", ""] + [f"- {n}" for n in NOTES] + [""]
    results["targets"] = checks
    return "\n".join(text), "\n".join(md)


# --- main -------------------------------------------------------------------------------------


def shown_path(path: Path) -> str:
    """The path relative to the repository when it is inside it (BENCH_DIR may be anywhere)."""
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def main(argv: list[str]) -> int:
    if argv:
        if argv[0] in ("-h", "--help"):
            print(__doc__)
            return 0
        print(
            f"bench.py takes no arguments (got {' '.join(argv)}); configure it with BENCH_* variables, see --help",
            file=sys.stderr,
        )
        return 2
    if os.environ.get("BENCH_RENDER"):  # only write results.md (and the targets) again from results.json
        results = json.loads((BUILD / "results.json").read_text())
        text, md = render(results)
        save(results, BUILD / "results.json")
        (BUILD / "results.md").write_text(md, encoding="utf-8")
        print(text)
        return 0
    if os.environ.get("BENCH_LIST"):
        dummy = Universe("x", "", ROOT / "data", BUILD / "x", "Till", ("a", "b", "A", "B"), "s")
        rows = rows_for(dummy, {"merged": Path("m"), "bond": Path("b")}) + contribution_rows(dummy, {}, None, Path("a"))
        for row in startup_rows() + rows:
            print(f"{row.key:24} {row.label}")
        return 0
    start_spawner()  # first, while this process is small
    BUILD.mkdir(parents=True, exist_ok=True)
    CACHE.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "XDG_CACHE_HOME": str(CACHE), "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("PYTHONSTARTUP", None)
    results_path = BUILD / "results.json"
    results = json.loads(results_path.read_text()) if results_path.exists() else {}
    results.setdefault("sections", {})
    results["machine"] = machine()
    note(f"machine: {machine_line(results['machine'])}")
    note(f"timeout {TIMEOUT} s per run; sizes {SIZES}; rows {PATTERNS or 'all'}")

    jobs = (["startup", "bundled"] if BUNDLED else []) + [str(size) for size in sorted(SIZES)]
    if GRAPH_CHARACTERS:
        jobs.append(f"chars-{GRAPH_CHARACTERS}")
    for key in jobs:
        universe = None
        if key == "startup":
            full, runs, logs = startup_rows(), env_int("BENCH_RUNS", 5), BUILD / "startup" / "logs"
        elif key.startswith("chars-"):
            universe = synthetic(key, GRAPH_CHARACTERS, runs_for(0))
            universe.title = f"synthetic universe of {GRAPH_CHARACTERS:,} characters (the `graph` and `site` targets)"
            full = graph_rows(universe)
        else:
            if key == "bundled":
                universe = bundled()
            else:
                remember_timeouts(results["sections"], int(key))
                universe = synthetic(key, synth.characters_for(int(key)), runs_for(int(key)))
            full = rows_for(universe, prepare(universe))
        if universe is not None:
            runs, logs = universe.runs, universe.folder / "logs"
        rows = selected(full)
        if not rows:
            continue
        # with BENCH_OPS, the rows measured now replace their own rows of an earlier run, the others stay
        previous = results["sections"].get(key) if PATTERNS else None
        order = {r.key: i for i, r in enumerate(full)}

        def on_row(table, key=key, universe=universe, runs=runs, previous=previous, order=order):
            merged = {e["key"]: e for e in (previous or {}).get("rows", [])}
            merged.update({e["key"]: e for e in table})
            entries = sorted(merged.values(), key=lambda e: order.get(e["key"], len(order)))
            section = section_of(universe, entries) if universe else {"key": key, "runs": runs, "rows": entries}
            section["runs"] = runs
            section["measured_at"] = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
            results["sections"][key] = section
            save(results, results_path)

        run_table(key, rows, runs, env, logs, full=full, previous=previous, on_row=on_row)
        section = results["sections"][key]
        print(f"== {heading(section)} ==\n{text_table(section['rows'])}\n", flush=True)

    text, md = render(results)
    save(results, results_path)
    (BUILD / "results.md").write_text(md, encoding="utf-8")
    print(text[text.index("== Targets ==") :])
    for line in NOTES:
        print(f"- {line}")
    print(f"Written {shown_path(results_path)} and {shown_path(BUILD / 'results.md')}")
    return 0


def section_of(universe: Universe, rows: list[dict]) -> dict:
    size = sum(p.stat().st_size for p in universe.data_files)
    return {
        "key": universe.key,
        "title": universe.title,
        "characters": universe.characters,
        "triples": universe.triples,
        "bytes": size,
        "runs": universe.runs,
        "rows": rows,
    }


def save(results: dict, path: Path) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, path)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
