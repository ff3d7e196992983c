"""What a relationship page draws on screen: each name and caption as vis-network drew it, and
which of them overlap (tests/page and tests/site read the page the same way)."""

from __future__ import annotations

# The box on screen (graph-relative CSS px) of every label whose anchor is on the canvas: each
# visible character's name and each visible caption, as vis-network drew them.
ON_SCREEN_LABELS = """() => {
    const n = window.stagegraph.network, r = document.getElementById('graph').getBoundingClientRect();
    const on = (p) => p.x >= 0 && p.x <= r.width && p.y >= 0 && p.y <= r.height;
    const box = (s, name, kind, down = 0) => {  // down: the caption's vadjust, which its size leaves out
        const a = n.canvasToDOM({x: s.left, y: s.top + down});
        const z = n.canvasToDOM({x: s.left + s.width, y: s.top + s.height + down});
        return {name, kind, l: a.x, t: a.y, r: z.x, b: z.y};
    };
    const out = [];
    window.stagegraph.nodes.get({filter: (x) => x.kind === 'character' && !x.hidden}).forEach((x) => {
        if (on(n.canvasToDOM(n.getPosition(x.id)))) out.push(box(n.body.nodes[x.id].labelModule.size, x.id, 'name'));
    });
    window.stagegraph.edges.get({filter: (e) => !e.hidden}).forEach((e) => {
        const edge = n.body.edges[e.id], drawn = edge.options.label, s = edge.labelModule.size;  // what it draws
        const down = edge.options.font.vadjust || 0;
        if (!drawn || !drawn.trim()) return;
        if (on(n.canvasToDOM({x: s.left + s.width / 2, y: s.top + s.height / 2 + down}))) {
            out.push(box(s, drawn, 'caption', down));
        }
    });
    return out;
}"""


def overlapping(boxes: list[dict]) -> list[tuple]:
    """Pairs of boxes that overlap by more than a pixel both ways."""
    found = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            wide = min(a["r"], b["r"]) - max(a["l"], b["l"])
            high = min(a["b"], b["b"]) - max(a["t"], b["t"])
            if wide > 1 and high > 1:
                found.append((a["name"], b["name"], round(wide), round(high)))
    return found
