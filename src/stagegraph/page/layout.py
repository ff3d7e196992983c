"""Where each node is drawn, computed once when the page is written.

The characters are placed by the bonds and matches between them, by a force-directed
layout in plain Python (Fruchterman–Reingold from a fixed start, repulsion counted within a
grid so that a step is near-linear; fewer steps for big graphs); songs, people and other
credited nodes are then placed around them with the characters held still (in a big graph,
simply beside the characters they are linked to). No random
numbers and no NumPy. The same graph always gives the same
positions, so the same file always draws the same picture.
"""

from __future__ import annotations

import math

STEPS = 120  # force-directed steps up to SMALL nodes; fewer above
SMALL = 200
SPACING = 150  # canvas units per character, roughly: the picture's width is SPACING·√n
ASPECT = 1.5  # wider than tall (a screen); the page turns it on a portrait screen


def positions(net) -> dict[str, tuple[int, int]]:
    """``{node: (x, y)}`` in vis-network canvas units, deterministic for a given graph."""
    characters = sorted(n for n, d in net.nodes(data=True) if d.get("kind") == "character")
    story = _pairs(net, set(characters), lambda d: d.get("kind") in ("bond", "match"))
    linked = sorted({n for pair in story for n in pair})
    placed = force(linked, story, {}) if linked else {}
    placed.update(_row(sorted(set(characters) - set(linked)), placed))
    rest = sorted(n for n in net.nodes if n not in placed)
    if rest and len(net) <= SMALL:
        placed = force(sorted(net.nodes), _pairs(net, set(net.nodes), lambda d: True), placed)
    elif rest:
        placed.update(_beside(net, rest, placed))
    return _scaled(placed, len(characters) or len(net))


def _beside(net, rest: list, placed: dict) -> dict:
    """A big graph's other nodes (songs, people): beside the characters they are linked to, in linear time."""
    found = {}
    for index, node in enumerate(rest):
        near = [placed[m] for m in list(net.predecessors(node)) + list(net.successors(node)) if m in placed]
        angle = index * 2.399963  # the golden angle: neighbours of one character do not pile up
        if near:
            x, y = sum(p[0] for p in near) / len(near), sum(p[1] for p in near) / len(near)
            found[node] = (x + 0.04 * math.cos(angle), y + 0.04 * math.sin(angle))
        else:
            found[node] = (1.2 * math.cos(angle), 1.2 * math.sin(angle))
    return found


def _row(alone: list, placed: dict) -> dict:
    """Characters with no bond or match: in rows under the others, in name order."""
    if not alone:
        return {}
    xs = [p[0] for p in placed.values()] or [-1.0, 1.0]
    bottom = max((p[1] for p in placed.values()), default=0.0)
    left, width = min(xs), (max(xs) - min(xs)) or 2.0
    per_row = max(4, int(math.sqrt(len(alone)) * 2))
    gap = width / max(1, min(per_row, len(alone)) - 1 or 1)
    return {
        n: (left + (i % per_row) * gap if len(alone) > 1 else 0.0, bottom + 0.35 + 0.3 * (i // per_row))
        for i, n in enumerate(alone)
    }


def _pairs(net, keep: set, wanted) -> list[tuple[str, str]]:
    return sorted(
        {tuple(sorted((u, v))) for u, v, d in net.edges(data=True) if u in keep and v in keep and u != v and wanted(d)}
    )


def force(order: list, pairs: list, fixed: dict) -> dict:
    """Fruchterman–Reingold from a fixed start, repulsion counted within a grid of cells (near-linear).

    Nodes in ``fixed`` keep their place; the others start on a ring (in ``order``) outside them.
    """
    count = len(order)
    free = [n for n in order if n not in fixed]
    pos = {n: list(fixed[n]) for n in fixed}
    for index, node in enumerate(free):
        angle = 2 * math.pi * index / max(1, len(free)) + 0.5
        radius = 1.0 + (0.3 if fixed else 0.0) + 0.05 * (index % 7)
        pos[node] = [radius * math.cos(angle), radius * math.sin(angle)]
    k = 2.0 / math.sqrt(max(count, 1))  # ideal distance in a 2×2 square
    steps = STEPS if count <= SMALL else max(15, STEPS * SMALL // count)
    temperature = 0.2
    for _step in range(steps):
        move = {n: [0.0, 0.0] for n in free}
        _repel(pos, move, k)
        for u, v in pairs:
            dx, dy = pos[u][0] - pos[v][0], pos[u][1] - pos[v][1]
            dist = math.hypot(dx, dy) or 1e-6
            pull = dist / k * 0.5
            if u in move:
                move[u][0] -= dx * pull
                move[u][1] -= dy * pull
            if v in move:
                move[v][0] += dx * pull
                move[v][1] += dy * pull
        for n in free:
            x, y = pos[n]
            fx, fy = move[n][0] - 0.15 * x / k, move[n][1] - 0.15 * y / k  # a little gravity keeps islands near
            length = math.hypot(fx, fy) or 1e-6
            step = min(length * k * k, temperature)
            pos[n] = [x + fx / length * step, y + fy / length * step]
        temperature *= 0.965
    return {n: (p[0], p[1]) for n, p in pos.items()}


def _repel(pos: dict, move: dict, k: float) -> None:
    """Add each node's repulsion from the nodes within ``3k`` to ``move``: each pair counted once
    (a cell against itself and four of its eight neighbours), both ends pushed."""
    reach = 3 * k
    cells: dict[tuple[int, int], list] = {}
    for n, (x, y) in pos.items():
        cells.setdefault((int(x // reach), int(y // reach)), []).append((x, y, move.get(n)))
    for (cx, cy), here in cells.items():
        for i, (x, y, mine) in enumerate(here):
            _push(x, y, mine, here[i + 1 :], reach * reach, k * k)
        for other in ((cx + 1, cy - 1), (cx + 1, cy), (cx + 1, cy + 1), (cx, cy + 1)):
            there = cells.get(other)
            if there:
                for x, y, mine in here:
                    _push(x, y, mine, there, reach * reach, k * k)


def _push(x: float, y: float, mine, others: list, reach2: float, kk: float) -> None:
    for ox, oy, theirs in others:
        dx, dy = x - ox, y - oy
        d2 = dx * dx + dy * dy or 1e-9
        if d2 < reach2:
            f = kk / d2
            if mine is not None:
                mine[0] += dx * f
                mine[1] += dy * f
            if theirs is not None:
                theirs[0] -= dx * f
                theirs[1] -= dy * f


def _scaled(placed: dict, count: int) -> dict:
    if not placed:
        return {}
    xs = [p[0] for p in placed.values()]
    ys = [p[1] for p in placed.values()]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    width = SPACING * math.sqrt(max(count, 2)) * math.sqrt(ASPECT)
    height = width / ASPECT
    mid_x, mid_y = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {
        n: (round((x - mid_x) / span_x * width), round((y - mid_y) / span_y * height)) for n, (x, y) in placed.items()
    }
