// What must stay readable: node labels and edge captions, whose size on screen is fixed. Their
// boxes, where vis-network draws them, which overlap, and which captions are moved or withheld
// (declutter). Pure: text is measured by the ``measure(text, px)`` it is given.

export const LABEL_PX = 14; // node labels on screen, CSS px
export const CAPTION_PX = 13; // edge captions on screen, CSS px
export const GAP = 3; // screen px kept between two boxes (the drawn text differs a little from the ruler's)
export const MOST_BOXES = 300; // more names in view than this are left as drawn (measuring them costs)

// On a narrow screen a match's caption takes two lines ("Final:" over "Luka won ✓"): half as wide.
export const captionOf = (edge, narrow) =>
  narrow && edge.kind === "match" ? edge.caption.replace(": ", ":\n") : edge.caption;

// On a narrow screen bonds between the same two characters fan out wider: a phone's view is
// closer to its nodes, and the captions (a fixed size on screen) need the room between them.
export const PHONE_FAN = 2.5;
export function fanOf(edge, narrow) {
  if (!edge.smooth) return false;
  if (!narrow) return edge.smooth;
  return { ...edge.smooth, roundness: Math.min(0.95, edge.smooth.roundness * PHONE_FAN) };
}

// Where vis-network draws a caption: mid-line, or for a fanned edge (curvedCW/CCW) at the
// middle of the quadratic curve through its via point, computed as vis-network computes it.
export function captionPoint(from, to, smooth) {
  if (!smooth) return { x: (from.x + to.x) / 2, y: (from.y + to.y) / 2 };
  const r = smooth.roundness;
  const dx = to.x - from.x;
  const dy = from.y - to.y;
  const turn = smooth.type === "curvedCW" ? 0.5 * r + 0.5 : 0.5 - 0.5 * r;
  const angle = (Math.atan2(dy, dx) + turn * Math.PI) % (2 * Math.PI);
  const reach = (0.5 * r + 0.5) * Math.hypot(dx, dy);
  const via = { x: from.x + reach * Math.sin(angle), y: from.y + reach * Math.cos(angle) };
  return { x: (from.x + to.x) / 4 + via.x / 2, y: (from.y + to.y) / 4 + via.y / 2 };
}

// A box is a canvas point (x, y) with a size (w, h) and a downward offset (dy) in screen px.
// ``text`` is {measure(text, px), narrow, nameOf(node)}.

// An edge's caption box at ``scale``: past about 2x the fonts stop shrinking on the canvas
// (6 canvas px, as layout's fontsAt sizes them), so they grow on screen.
export function captionBox(edge, spots, scale, text) {
  const lines = captionOf(edge, text.narrow).split("\n");
  const px = Math.max(CAPTION_PX, 6 * scale);
  return {
    dy: 0,
    id: edge.id,
    ...captionPoint(spots[edge.from], spots[edge.to], fanOf(edge, text.narrow)),
    w: Math.max(...lines.map((line) => text.measure(line, px))),
    h: (px + 4) * lines.length,
  };
}

// Each placed character's label (under it) and each caption of ``captioned`` (mid-line), as
// boxes, at ``scale`` (default: one the fonts keep their size at).
export function readables(graph, spots, captioned, text, scale = 1) {
  const boxes = [];
  const px = Math.max(LABEL_PX, 6 * scale);
  // Screen px from a node's centre down to its label's: its radius (fontsAt's: 10 px, 8 canvas px
  // past 1.25x), a gap, half a line (20 px at the fonts' own size).
  const drop = Math.max(10, 8 * scale) + 1 + (px + 4) / 2;
  for (const n of graph.nodes) {
    if (n.kind === "character" && spots[n.id]) {
      boxes.push({ x: spots[n.id].x, y: spots[n.id].y, dy: drop, w: text.measure(text.nameOf(n), px), h: px + 4 });
    }
  }
  for (const e of graph.edges) {
    if (captioned.has(e.id) && spots[e.from] && spots[e.to]) boxes.push(captionBox(e, spots, scale, text));
  }
  return boxes;
}

// Whether two boxes come closer than GAP on screen at ``scale``.
export const clash = (a, b, scale) =>
  Math.abs((a.x - b.x) * scale) < (a.w + b.w) / 2 + GAP &&
  Math.abs((a.y - b.y) * scale + a.dy - b.dy) < (a.h + b.h) / 2 + GAP;

export function overlapping(boxes, scale) {
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) if (clash(boxes[i], boxes[j], scale)) return true;
  }
  return false;
}

// The boxes a view centred on ``centre`` at ``scale`` shows (some part of) in ``free`` ({width, height}).
export function inView(boxes, centre, scale, free) {
  return boxes.filter(
    (b) =>
      Math.abs(b.x - centre.x) * scale < free.width / 2 + b.w / 2 &&
      Math.abs((b.y - centre.y) * scale + b.dy) < free.height / 2 + b.h / 2,
  );
}

// The steps a caption is moved by (in its own heights) to clear what it covers: none, a line up
// or down, then two.
export const NUDGES = [0, -1, 1, -2, 2];

// A caption that would cover a name or a caption kept before it, at the view ``{centre, scale,
// free}``, is moved beside its line a line up or down (then two), else withheld (the panel lists
// every bond): the focused character's bonds first (``lit``, a set or null), then the matches.
// Up to MOST_BOXES names in view; a larger graph is left as drawn. ``spots`` are the shown
// nodes' canvas points, ``shownEdges`` the shown edges' ids. Returns {mute: a set of edge ids,
// nudge: a map from edge id to canvas px down}.
export function declutterPlan(graph, spots, shownEdges, lit, view, text) {
  const { centre, scale, free } = view;
  const mute = new Set();
  const nudge = new Map();
  const near = (p) => Math.abs(p.x - centre.x) * scale < free.width && Math.abs(p.y - centre.y) * scale < free.height;
  const nearby = Object.keys(spots).filter((id) => near(spots[id])); // measured only if few (a large graph's first view)
  if (nearby.length > MOST_BOXES) return { mute, nudge };
  const names = Object.fromEntries(nearby.map((id) => [id, spots[id]]));
  const kept = inView(readables(graph, names, new Set(), text, scale), centre, scale, free);
  const isLit = (e) => Boolean(lit?.has(e.id));
  const captioned = graph.edges
    .filter((e) => shownEdges.has(e.id) && spots[e.from] && spots[e.to] && (e.kind === "match" || isLit(e)))
    .sort((a, b) => Number(isLit(b)) - Number(isLit(a)));
  for (const e of captioned) {
    const box = captionBox(e, spots, scale, text);
    if (!inView([box], centre, scale, free).length) continue;
    const at = (k) => ({ ...box, dy: k * (box.h + GAP) });
    const step = NUDGES.find((k) => !kept.some((other) => clash(at(k), other, scale)));
    if (step === undefined) {
      mute.add(e.id);
      continue;
    }
    kept.push(at(step));
    if (step) nudge.set(e.id, (step * (box.h + GAP)) / scale);
  }
  return { mute, nudge };
}
