"""The Oxigraph store: same rows as rdflib, cached by content, rebuilt when changed or corrupt."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from helpers import cli_process
from stagegraph import bundle
from stagegraph.query.library import library
from stagegraph.query.run import run as run_query
from stagegraph.store import oxigraph as store
from stagegraph.universe import Universe

PARAMS = {
    "song-credits": {"song": "MY CLEMATIS"},
    "bonds": {"character": "Till"},
    "sources": {"entity": "Mizi"},
    "credits-by-person": {"person": "VIVINOS"},
}


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder / "stagegraph" / "stores"


def rows(universe, name, lang="en"):
    result = run_query(universe, name, PARAMS.get(name, {}), lang=lang)
    return result.columns, [tuple("" if t is None else str(t) for t in row) for row in result.rows]


@pytest.mark.parametrize("name", sorted(library()))
def test_every_library_query_gives_the_same_rows_on_both_stores(cache, universe, name):
    oxigraph = Universe(store_kind="oxigraph")
    assert oxigraph.store_for_queries() == "oxigraph" and universe.store_for_queries() == "memory"
    assert rows(oxigraph, name, "ko") == rows(universe, name, "ko")


def test_the_store_is_built_once_and_reused(cache):
    Universe(store_kind="oxigraph").oxigraph  # noqa: B018  (the property builds or opens the store)
    built = sorted(p for p in cache.iterdir() if not p.name.startswith("."))
    assert len(built) == 1 and (built[0] / store.MARKER).exists()
    marker = (built[0] / store.MARKER).stat().st_mtime_ns
    Universe(store_kind="oxigraph").oxigraph  # noqa: B018  (the property builds or opens the store)
    assert (built[0] / store.MARKER).stat().st_mtime_ns == marker  # opened, not rebuilt


def test_changing_a_file_builds_a_new_store(cache, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(bundle.data_dir(), data)
    first = Universe(data_paths=(data,), store_kind="oxigraph")
    before = rows(first, "matches")
    with open(data / "matches.ttl", "a", encoding="utf-8") as handle:
        handle.write(
            "\n<https://w3id.org/stagegraph/match/round-1> "
            '<http://www.w3.org/2000/01/rdf-schema#comment> "changed"@en .\n'
        )
    second = Universe(data_paths=(data,), store_kind="oxigraph")
    assert second.oxigraph.store is not first.oxigraph.store
    assert len([p for p in cache.iterdir() if not p.name.startswith(".")]) == 2
    assert rows(second, "matches") == before


@pytest.mark.parametrize("damage", ["no-marker", "garbage"])
def test_a_broken_cache_is_rebuilt_not_trusted(cache, damage):
    Universe(store_kind="oxigraph").oxigraph  # noqa: B018  (the property builds or opens the store)
    [folder] = [p for p in cache.iterdir() if not p.name.startswith(".")]
    if damage == "no-marker":
        (folder / store.MARKER).unlink()
    else:
        for path in folder.iterdir():
            if path.is_file() and path.name != store.MARKER:
                path.write_bytes(b"not a database")
    again = Universe(store_kind="oxigraph")
    assert rows(again, "matches")[1][0][0] == "Round 1"
    assert (folder / store.MARKER).exists()


def test_auto_picks_memory_for_small_data_and_oxigraph_for_large(monkeypatch):
    assert Universe(store_kind="auto").store_for_queries() == "memory"
    monkeypatch.setattr(store, "AUTO_THRESHOLD", 10)
    assert Universe(store_kind="auto").store_for_queries() == "oxigraph"


def test_timeout_holds_inside_oxigraph(cache):
    """In a process of its own: Oxigraph cannot stop a query, so the timed-out one runs on in its
    thread until the process ends (in the test process, it took a core for the rest of the session)."""
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f . ?g ?s ?h }"
    result = cli_process("--store", "oxigraph", "query", "-", "--timeout", "1", input=slow, timeout=60)
    assert result.returncode == 3 and "longer than 1 s" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_store_option_is_documented(run):
    assert "--store" in run("--help").output


def _every_name_of(universe, kind):
    from stagegraph.rdf.names import _names, expand, instances

    nodes = instances(universe.graph, universe.ontology.graph, expand(kind))
    return sorted({name for node in nodes for name in _names(universe.graph, node)} | {str(n) for n in nodes})


@pytest.mark.parametrize("kind", ["sg:Character", "sg:Episode", "sg:Song", "sg:Person"])
def test_names_resolve_on_oxigraph_exactly_as_in_memory(cache, universe, kind):
    from stagegraph.errors import UnknownEntity
    from stagegraph.rdf.names import find_in, resolve

    oxigraph = Universe(store_kind="oxigraph").oxigraph
    names = _every_name_of(universe, kind)
    assert len(names) > 5
    for value in names + [n.upper() for n in names] + ["nobody at all", "Mizi "]:
        try:
            expected = resolve(value, kind, universe.graph, universe.ontology.graph)
        except UnknownEntity as exc:
            with pytest.raises(UnknownEntity) as err:
                find_in(oxigraph, value, kind, "x")
            assert str(err.value).split(";")[0].split("'")[1] == str(exc).split(";")[0].split("'")[1]
        else:
            assert find_in(oxigraph, value, kind, "x") == expected, value


def test_the_name_and_label_table_is_kept_beside_the_store_and_rebuilt_when_damaged(cache):
    from stagegraph.rdf.names import find_in

    oxigraph = Universe(store_kind="oxigraph").oxigraph
    table = oxigraph.folder / "index.sqlite"
    assert table.exists()  # written when the store was built
    mizi = find_in(oxigraph, "Mizi", "sg:Character", "character")
    before = rows(Universe(store_kind="oxigraph"), "matches", "ko")
    table.write_bytes(b"not a database")
    again = Universe(store_kind="oxigraph").oxigraph
    assert find_in(again, "mizi", "sg:Character", "character") == mizi
    assert table.read_bytes().startswith(b"SQLite format 3")
    assert rows(Universe(store_kind="oxigraph"), "matches", "ko") == before


HOLDER = """
import sys
from pathlib import Path
from stagegraph.query.run import run
from stagegraph.universe import Universe
universe = Universe(data_paths=(Path(sys.argv[1]),), store_kind="oxigraph")
print(universe.oxigraph.folder.name, flush=True)
sys.stdin.readline()
print(len(run(universe, "matches", {}).rows), flush=True)
"""
BUILDER = (
    "import sys; from pathlib import Path; from stagegraph.universe import Universe; "
    "print(Universe(data_paths=(Path(sys.argv[1]),), store_kind='oxigraph').oxigraph.folder.name)"
)
PRUNER = (
    "import sys; from pathlib import Path; from stagegraph.store.oxigraph import prune; prune(Path(sys.argv[1]), 0)"
)


def python(code: str, *args, **kwargs):
    return subprocess.run(
        [sys.executable, "-c", code, *map(str, args)], capture_output=True, text=True, check=True, timeout=300, **kwargs
    )


def test_a_store_another_process_has_open_is_not_pruned_and_an_unused_one_is(cache, tmp_path):
    other = tmp_path / "other"
    shutil.copytree(bundle.data_dir(), other)
    (other / "extra.ttl").write_text(
        '<https://w3id.org/stagegraph/x> <http://www.w3.org/2000/01/rdf-schema#label> "x"@en .\n', encoding="utf-8"
    )
    unused = python(BUILDER, other).stdout.strip()  # built by a process that has ended
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(bundle.data_dir())],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        used = holder.stdout.readline().strip()
        assert used and used != unused and (cache / unused / store.MARKER).exists()
        python(PRUNER, cache)  # a third process prunes everything it may: keep 0
        assert (cache / used / store.MARKER).exists()
        assert not (cache / unused).exists()
        out, err = holder.communicate("\n", timeout=120)
    finally:
        holder.kill()
    assert holder.returncode == 0 and out.strip() == "7", err


def test_the_key_of_unchanged_files_is_remembered_and_any_write_hashes_them_again(cache, tmp_path, monkeypatch):
    from stagegraph.store import cache as stores

    data = tmp_path / "data"
    shutil.copytree(bundle.data_dir(), data)
    files = sorted(data.glob("*.ttl"))
    stores.key_for(files, cache)
    assert not (cache / stores.KEYS).exists()  # just written: not settled, not remembered
    monkeypatch.setattr(stores, "SETTLED", 0)
    first = stores.key_for(files, cache)
    [remembered] = json.loads((cache / stores.KEYS).read_text(encoding="utf-8")).values()
    assert remembered == first == store.content_key(files)
    (cache / stores.KEYS).write_text(json.dumps(dict.fromkeys(json.loads((cache / stores.KEYS).read_text()), "0" * 32)))
    assert stores.key_for(files, cache) == "0" * 32  # trusted from the stat, not hashed again
    target = data / "matches.ttl"
    before = target.stat()
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("round-1", "round-9", 1), encoding="utf-8")  # same size
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))  # and the same modification time
    assert target.stat().st_size == before.st_size and target.stat().st_mtime_ns == before.st_mtime_ns
    assert stores.key_for(files, cache) == store.content_key(files) != first
