"""The spoiler wall, proven on a universe nobody hand-wrote (issue #24).

``benchmarks/synth.py --canary`` writes a universe in which every fact revealed at the episode of
viewing order k carries the marker ``QzK<kk>Qz`` (``-qzk<kk>qz`` in IRIs) in its texts, values,
IRIs and in the title and URL of any source cited only up to k; facts no episode reveals carry
``QzKUNKQz``. A reader at order N must never meet a marker above N, nor the unknown one: not in
any byte of any file of the site's tree ``at/<episode>/`` (pages, Turtle, JSON-LD, scripts, the
SPARQL page's data), nor in what ``graph``, ``show``, ``analyze`` and ``stats`` print with
``--as-of``. And each tree does hold its own episode's marker, so the test cannot pass by
showing nothing.
"""

from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from helpers import cli, synth_module

pytestmark = pytest.mark.slow  # one site of 17 trees (about 8 s) and ~400 commands

synth = synth_module()
CHARACTERS = 20
MARKER = re.compile(synth.MARKER_PATTERN.encode(), re.I)
# resources a page loads by itself (not links a reader follows): they count as part of its tree
LOADED = re.compile(
    rb"<(?:script|img|iframe|embed|source|audio|video)\b[^>]*?\bsrc=\"([^\"]+)\"|"
    rb"<link\b[^>]*?\brel=\"(?:stylesheet|preload|modulepreload|icon|manifest)\"[^>]*?\bhref=\"([^\"]+)\"",
    re.I,
)


def order_of(token: bytes) -> int:
    token = token.lower()
    return synth.UNKNOWN if token == b"qzkunkqz" else int(token[3:5])


def label(order: int) -> str:
    return synth.marker(order)


def too_late(order: int, at: int) -> bool:
    """Whether a marker of ``order`` must not be seen by a reader at ``at``."""
    return order == synth.UNKNOWN or order > at


def leaks(data: bytes, at: int) -> dict[str, str]:
    """Marker → a little of the text around its first forbidden occurrence."""
    found = {}
    for m in MARKER.finditer(data):
        order = order_of(m.group())
        if too_late(order, at) and label(order) not in found:
            around = data[max(0, m.start() - 80) : m.end() + 40]
            found[label(order)] = around.decode("utf-8", "replace").replace("\n", "\\n")
    return found


def orders_in(data: bytes) -> set[int]:
    return {order_of(m) for m in MARKER.findall(data)}


@pytest.fixture(scope="module")
def canary(tmp_path_factory) -> tuple[Path, object]:
    out = tmp_path_factory.mktemp("canary") / "universe"
    texts, _, universe = synth.canary(CHARACTERS)
    out.mkdir()
    for name, text in texts.items():
        (out / name).write_text(text, encoding="utf-8")
    return out, universe


@pytest.fixture(scope="module")
def episodes(canary) -> list[tuple[str, int]]:
    """``(slug, order)`` of every ordered episode, in viewing order."""
    _, universe = canary
    return [(universe.episode(k).split(":", 1)[1], k) for k in synth.canary_orders()]


@pytest.fixture(scope="module")
def site(canary, tmp_path_factory) -> Path:
    data, _ = canary
    out = tmp_path_factory.mktemp("canary-site") / "site"
    result = cli("--data", data, "site", "-o", out, "-q")
    assert result.exit_code == 0, (result.output, result.exception)
    return out


def tree_files(site: Path, tree: Path) -> dict[Path, bytes]:
    """Every file of a tree, hidden ones included, and every file outside it that one of its pages
    loads by itself (a script, a stylesheet, an embedded frame)."""
    files = {p: p.read_bytes() for p in sorted(tree.rglob("*")) if p.is_file()}
    for page in [p for p in files if p.suffix == ".html"]:
        for m in LOADED.finditer(files[page]):
            ref = (m.group(1) or m.group(2)).decode("utf-8", "replace")
            parts = urlsplit(ref)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            if target.is_file() and target.is_relative_to(site.resolve()) and target not in files:
                files[target] = target.read_bytes()
    return files


def test_every_ordered_episode_has_a_tree(site, episodes):
    assert sorted(p.name for p in (site / "at").iterdir()) == sorted(slug for slug, _ in episodes)


def test_no_tree_holds_a_marker_of_a_later_episode(site, episodes):
    failures = []
    for slug, order in episodes:
        tree = site / "at" / slug
        for path, data in tree_files(site, tree).items():
            for mark, around in leaks(data, order).items():
                failures.append(f"at/{slug}/ (order {order}): {path.relative_to(site)} holds {mark}: …{around}…")
    assert not failures, f"{len(failures)} leaks:\n" + "\n".join(failures[:40])


def test_each_tree_holds_its_own_episode_and_the_full_tree_everything(site, episodes):
    missing = []
    for slug, order in episodes:
        seen: set[int] = set()
        for data in tree_files(site, site / "at" / slug).values():
            seen |= orders_in(data)
        if order not in seen:
            missing.append(f"at/{slug}/ has no {label(order)}")
        if not set(range(order + 1)) - seen:
            continue
        missing.append(f"at/{slug}/ lacks earlier markers {sorted(set(range(order + 1)) - seen)}")
    full: set[int] = set()
    for path in site.rglob("*"):
        if path.is_file() and "at" not in path.relative_to(site).parts[:1]:
            full |= orders_in(path.read_bytes())
    assert full == {synth.UNKNOWN, *synth.canary_orders()}, sorted(full)
    assert not missing, "\n".join(missing)


@pytest.fixture(scope="module")
def run(canary):
    """Run the CLI in-process on the canary universe, parsed once for the module: the parsed
    graphs and the horizon are handed to every command's universe (views made from it, such as
    the universe as of an episode, are made as usual)."""
    import stagegraph.universe as module

    data, _ = canary
    original = module.Universe
    parsed = original(data_paths=(data,))
    for name in ("data", "ontology", "graph", "horizon"):
        if isinstance(getattr(original, name, None), cached_property):
            getattr(parsed, name)
    shared = {k: v for k, v in parsed.__dict__.items() if k in ("data", "ontology", "graph", "horizon")}

    def make(*args, **kwargs):
        if args:  # a view made inside the package
            return original(*args, **kwargs)
        fresh = original(*args, **kwargs)
        fresh.data_paths = (data,)
        fresh.__dict__.update(shared)
        return fresh

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(module, "Universe", make)
        yield lambda *args: cli(*args, catch=True)


def check(result, what: str, order: int, failures: list[str], *, must_succeed: bool = True, asked: str = "") -> str:
    """Record a failed command or any later marker it prints (``asked``, the name the reader typed,
    may be echoed back)."""
    output = result.output
    if asked:
        output = re.sub(re.escape(asked), "<asked>", output, flags=re.I)
    if must_succeed and result.exit_code != 0:
        failures.append(f"{what}: exit {result.exit_code}: {result.output[-300:]!r} {result.exception!r}")
    for mark, around in leaks(output.encode("utf-8"), order).items():
        failures.append(f"{what} (order {order}) prints {mark}: …{around}…")
    return output


def test_graph_analyze_and_stats_as_of_each_episode_hold_nothing_later(run, episodes, tmp_path):
    failures: list[str] = []
    for slug, order in episodes:
        page = tmp_path / f"{slug}.html"
        result = run("graph", "--as-of", slug, "-o", page)
        check(result, f"graph --as-of {slug}", order, failures)
        if page.exists():
            data = page.read_bytes()
            for mark, around in leaks(data, order).items():
                failures.append(f"graph --as-of {slug} (order {order}): the page holds {mark}: …{around}…")
            if order not in orders_in(data):
                failures.append(f"graph --as-of {slug}: the page has no {label(order)}")
        for command in ("analyze", "stats"):
            for fmt in ("text", "json"):
                check(
                    run(command, "--as-of", slug, "--format", fmt),
                    f"{command} --as-of {slug} --format {fmt}",
                    order,
                    failures,
                )
    assert not failures, f"{len(failures)} failures:\n" + "\n".join(failures[:40])


def test_show_as_of_each_episode_holds_nothing_later(run, canary, episodes):
    _, universe = canary
    failures: list[str] = []
    shown_own = 0
    for slug, order in episodes:
        visible = [c for c in range(universe.n) if universe.reveal[c] != synth.UNKNOWN and universe.reveal[c] <= order]
        hidden = [c for c in range(universe.n) if c not in visible]
        for c in visible:
            for fmt in ("text", "json"):
                output = check(
                    run("show", universe.cslug(c), "--as-of", slug, "--format", fmt),
                    f"show {universe.cslug(c)} --as-of {slug} --format {fmt}",
                    order,
                    failures,
                )
                shown_own += label(universe.reveal[c]) in output
        # a character not yet met: refused or not, nothing later may be printed (nor suggested)
        for c in hidden[:2]:
            check(
                run("show", universe.cslug(c), "--as-of", slug),
                f"show {universe.cslug(c)} --as-of {slug} (not yet met)",
                order,
                failures,
                must_succeed=False,
                asked=universe.cslug(c),
            )
    assert not failures, f"{len(failures)} failures:\n" + "\n".join(failures[:40])
    assert shown_own > 0
