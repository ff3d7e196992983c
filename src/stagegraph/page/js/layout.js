// The view's arithmetic: which part of the canvas is shown, at which zoom. Labels keep a
// constant size on screen (fontsAt), so a view is fitted in screen px: the outermost nodes stay
// ``pad`` px inside the free part of the canvas, whatever the zoom. Pure: points in, numbers out.
import { CAPTION_PX, inView, LABEL_PX, MOST_BOXES, overlapping } from "./captions.js";

export const MAX_ZOOM = 1.6;

// The screen px kept between the outermost nodes and the edge of the view.
export const padFor = (narrow) => (narrow ? { x: 44, y: 36 } : { x: 72, y: 40 });

// A node's canvas point (computed when the page was written); on a portrait screen turned a
// quarter, x for y, so that the picture fills it.
export const placeOf = (node, portrait) => (portrait ? { x: node.y, y: node.x } : { x: node.x, y: node.y });

// Font and node sizes in canvas px that are the same on screen at ``scale``, down to a least
// canvas size (past about 2x they grow on screen rather than vanish).
export function fontsAt(scale) {
  return {
    nodes: { font: { size: Math.max(6, LABEL_PX / scale) }, size: Math.max(8, 10 / scale) },
    edges: { font: { size: Math.max(6, CAPTION_PX / scale) } },
  };
}

// The bounding box of some points: {minX, maxX, minY, maxY}.
export function spanOf(points) {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  return { minX: Math.min(...xs), maxX: Math.max(...xs), minY: Math.min(...ys), maxY: Math.max(...ys) };
}

// The zoom at which ``span`` fits in width × height screen px less the pad, at most MAX_ZOOM.
export function fitScale(span, width, height, pad) {
  return Math.min(
    MAX_ZOOM,
    (width - 2 * pad.x) / Math.max(1, span.maxX - span.minX),
    (height - 2 * pad.y) / Math.max(1, span.maxY - span.minY),
  );
}

// The middle of the ends of ``lines`` (a set of edge ids) that have spots: the most connected
// part; null if none.
export function linkedMiddle(spots, edges, lines) {
  let x = 0;
  let y = 0;
  let count = 0;
  for (const e of edges) {
    if (!lines.has(e.id)) continue;
    for (const id of [e.from, e.to]) {
      if (!spots[id]) continue;
      x += spots[id].x;
      y += spots[id].y;
      count += 1;
    }
  }
  return count ? { x: x / count, y: y / count } : null;
}

// ``at`` (else the middle of ``span``), moved so that a view of ``free`` at ``scale`` does not
// pass the edge of what it shows (less the pad); centred on an axis that fits whole.
export function centreOf(at, span, scale, free, pad) {
  const middle = (lo, hi) => (lo + hi) / 2;
  const point = at || { x: middle(span.minX, span.maxX), y: middle(span.minY, span.maxY) };
  const keep = (v, lo, hi, half) =>
    hi - lo <= 2 * half ? middle(lo, hi) : Math.min(hi - half, Math.max(lo + half, v));
  return {
    x: keep(point.x, span.minX, span.maxX, (free.width / 2 - pad.x) / scale),
    y: keep(point.y, span.minY, span.maxY, (free.height / 2 - pad.y) / scale),
  };
}

// The least zoom from ``fitted`` up (by 5 % steps, to ``most``) at which no two boxes in view
// overlap (up to MOST_BOXES of them); ``centreAt(scale)`` is where the view stands at that zoom.
export function readableScale(boxes, fitted, most, centreAt, free) {
  if (boxes.length > MOST_BOXES) return fitted;
  let scale = fitted;
  while (scale < most && overlapping(inView(boxes, centreAt(scale), scale, free), scale)) scale *= 1.05;
  return Math.min(scale, most);
}

// The view of ``spots`` (id → canvas point) in ``free``: {scale, position}. Fitted; with
// ``boxes`` (a narrow screen's labels and captions), close enough that none covers another (the
// reader pans), centred on ``at``. A ``focused`` neighbourhood may come closer than twice its fit
// (up to MAX_ZOOM), as the captions of all its bonds are shown.
export function wholeView(spots, free, { at = null, focused = false, boxes = null, pad }) {
  const points = Object.values(spots);
  if (!points.length) return { scale: 1, position: { x: 0, y: 0 } };
  const span = spanOf(points);
  const fitted = fitScale(span, free.width, free.height, pad);
  const most = focused ? Math.max(fitted, MAX_ZOOM) : Math.min(MAX_ZOOM, 2 * fitted);
  const scale = boxes ? readableScale(boxes, fitted, most, (s) => centreOf(at, span, s, free, pad), free) : fitted;
  return { scale, position: centreOf(at, span, scale, free, pad) };
}

// A view that fits ``points`` in ``free`` ({width, height}), centred on them.
export function fitView(points, free, pad) {
  if (!points.length) return null;
  const span = spanOf(points);
  return {
    scale: fitScale(span, free.width, free.height, pad),
    position: { x: (span.minX + span.maxX) / 2, y: (span.minY + span.maxY) / 2 },
  };
}
