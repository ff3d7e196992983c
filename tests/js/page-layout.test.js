import assert from "node:assert/strict";
import { test } from "node:test";
import { CAPTION_PX, LABEL_PX } from "../../src/stagegraph/page/js/captions.js";
import {
  centreOf,
  fitScale,
  fitView,
  fontsAt,
  linkedMiddle,
  MAX_ZOOM,
  padFor,
  placeOf,
  readableScale,
  spanOf,
  wholeView,
} from "../../src/stagegraph/page/js/layout.js";

const pad = { x: 10, y: 20 };
const near = (actual, expected) => assert.ok(Math.abs(actual - expected) < 1e-9, `${actual} ≠ ${expected}`);

test("a span is the bounding box of its points", () => {
  assert.deepEqual(
    spanOf([
      { x: 3, y: -1 },
      { x: -2, y: 5 },
      { x: 0, y: 0 },
    ]),
    { minX: -2, maxX: 3, minY: -1, maxY: 5 },
  );
});

test("a fit is limited by the tighter axis, less the pad on each side", () => {
  const span = { minX: 0, maxX: 1000, minY: 0, maxY: 100 };
  near(fitScale(span, 520, 1000, pad), 0.5); // (520 - 20) / 1000, the height leaves room
  near(fitScale(span, 10_000, 160, pad), 1.2); // (160 - 40) / 100
});

test("a fit never zooms past MAX_ZOOM, even for one point", () => {
  assert.equal(fitScale({ minX: 0, maxX: 10, minY: 0, maxY: 10 }, 1000, 1000, pad), MAX_ZOOM);
  assert.equal(fitScale({ minX: 5, maxX: 5, minY: 5, maxY: 5 }, 1000, 1000, pad), MAX_ZOOM);
});

test("a phone keeps a smaller pad than a desktop", () => {
  assert.ok(padFor(true).x < padFor(false).x && padFor(true).y < padFor(false).y);
});

test("a portrait screen swaps a node's axes", () => {
  assert.deepEqual(placeOf({ x: 1, y: 2 }, true), { x: 2, y: 1 });
  assert.deepEqual(placeOf({ x: 1, y: 2 }, false), { x: 1, y: 2 });
});

test("fonts keep their size on screen until they reach 6 canvas px", () => {
  for (const scale of [0.25, 1, 2]) {
    const f = fontsAt(scale);
    near(f.nodes.font.size * scale, LABEL_PX);
    near(f.edges.font.size * scale, CAPTION_PX);
  }
  assert.equal(fontsAt(10).nodes.font.size, 6);
  assert.equal(fontsAt(10).edges.font.size, 6);
  assert.equal(fontsAt(10).nodes.size, 8);
});

test("the linked middle averages the placed ends of the given lines", () => {
  const spots = { a: { x: 0, y: 0 }, b: { x: 10, y: 0 }, c: { x: 10, y: 30 } };
  const edges = [
    { id: "ab", from: "a", to: "b" },
    { id: "bc", from: "b", to: "c" },
    { id: "cz", from: "c", to: "z" }, // z is not placed: only c counts
  ];
  assert.deepEqual(linkedMiddle(spots, edges, new Set(["ab"])), { x: 5, y: 0 });
  assert.deepEqual(linkedMiddle(spots, edges, new Set(["ab", "bc"])), { x: 7.5, y: 7.5 });
  assert.deepEqual(linkedMiddle(spots, edges, new Set(["cz"])), { x: 10, y: 30 });
  assert.equal(linkedMiddle(spots, edges, new Set(["nothing"])), null);
});

test("a centre is kept where the view does not pass the edge of what it shows", () => {
  const span = { minX: 0, maxX: 1000, minY: 0, maxY: 100 };
  const free = { width: 220, height: 1000 }; // half a view: (110 - 10) / 1 = 100 canvas px
  assert.deepEqual(centreOf({ x: 500, y: 50 }, span, 1, free, pad), { x: 500, y: 50 });
  assert.deepEqual(centreOf({ x: 20, y: 50 }, span, 1, free, pad), { x: 100, y: 50 });
  assert.deepEqual(centreOf({ x: 990, y: 50 }, span, 1, free, pad), { x: 900, y: 50 });
  // No point given: the middle; at half the zoom the view is twice as wide in canvas px.
  assert.deepEqual(centreOf(null, span, 1, free, pad), { x: 500, y: 50 });
  assert.deepEqual(centreOf({ x: 20, y: 50 }, span, 0.5, free, pad), { x: 200, y: 50 });
});

test("an axis that fits whole is centred, wherever the point asked for", () => {
  const span = { minX: 0, maxX: 100, minY: 0, maxY: 100 };
  assert.deepEqual(centreOf({ x: 0, y: 100 }, span, 1, { width: 1000, height: 1000 }, pad), { x: 50, y: 50 });
});

test("the readable scale is the least 5 % step at which no two boxes overlap", () => {
  // Two 40 px wide labels 40 canvas px apart: apart on screen from 40 + 3 px, a scale of 1.075.
  const boxes = [
    { x: 0, y: 0, dy: 0, w: 40, h: 10 },
    { x: 40, y: 0, dy: 0, w: 40, h: 10 },
  ];
  const free = { width: 10_000, height: 10_000 };
  const centreAt = () => ({ x: 20, y: 0 });
  const scale = readableScale(boxes, 1, 10, centreAt, free);
  near(scale, 1.05 ** 2);
  assert.ok(scale * 40 >= 43 && (scale / 1.05) * 40 < 43);
  assert.equal(readableScale(boxes, 1, 1.03, centreAt, free), 1.03, "capped at the most it may zoom");
  assert.equal(readableScale(boxes, 2, 10, centreAt, free), 2, "already apart at the fit");
});

test("the readable scale gives up past 300 boxes", () => {
  const boxes = Array.from({ length: 301 }, () => ({ x: 0, y: 0, dy: 0, w: 40, h: 10 }));
  assert.equal(
    readableScale(boxes, 1, 10, () => ({ x: 0, y: 0 }), { width: 100, height: 100 }),
    1,
  );
});

test("a whole view is fitted and centred; nothing placed is the identity view", () => {
  const spots = { a: { x: 0, y: 0 }, b: { x: 100, y: 50 } };
  const free = { width: 120, height: 1000 };
  const view = wholeView(spots, free, { pad });
  near(view.scale, 1); // (120 - 20) / 100
  assert.deepEqual(view.position, { x: 50, y: 25 });
  assert.deepEqual(wholeView({}, free, { pad }), { scale: 1, position: { x: 0, y: 0 } });
});

test("a whole view zooms for its boxes: up to twice its fit, or MAX_ZOOM when focused", () => {
  const spots = { a: { x: 0, y: 0 }, b: { x: 1000, y: 0 } };
  const free = { width: 220, height: 1000 };
  // Two wide labels on the same point: they never come apart.
  const boxes = [
    { x: 500, y: 0, dy: 0, w: 100, h: 10 },
    { x: 500, y: 0, dy: 0, w: 100, h: 10 },
  ];
  const fitted = wholeView(spots, free, { pad }).scale;
  near(fitted, 0.2);
  near(wholeView(spots, free, { pad, boxes }).scale, 0.4);
  assert.equal(wholeView(spots, free, { pad, boxes, focused: true }).scale, MAX_ZOOM);
});

test("fitView fits points into the free part of the canvas, centred on them", () => {
  assert.equal(fitView([], { width: 100, height: 100 }, pad), null);
  const view = fitView(
    [
      { x: -50, y: 0 },
      { x: 50, y: 10 },
    ],
    { width: 220, height: 1000 },
    pad,
  );
  near(view.scale, 1.6); // (220 - 20) / 100 = 2, capped
  assert.deepEqual(view.position, { x: 0, y: 5 });
});
