import assert from "node:assert/strict";
import { test } from "node:test";
import {
  CAPTION_PX,
  captionBox,
  captionOf,
  captionPoint,
  clash,
  declutterPlan,
  fanOf,
  GAP,
  inView,
  LABEL_PX,
  overlapping,
  readables,
} from "../../src/stagegraph/page/js/captions.js";
import { measure } from "./page-fixture.js";

const box = (x, y, extra = {}) => ({ x, y, dy: 0, w: 40, h: 10, ...extra });
const text = { measure, narrow: false, nameOf: (n) => n.label };
const near = (actual, expected) => assert.ok(Math.abs(actual - expected) < 1e-9, `${actual} ≠ ${expected}`);

test("two boxes clash when they come closer than GAP on screen", () => {
  // 40 px wide: apart once their centres are 40 + GAP screen px apart.
  assert.equal(clash(box(0, 0), box(40 + GAP - 0.01, 0), 1), true);
  assert.equal(clash(box(0, 0), box(40 + GAP, 0), 1), false);
  // The same canvas distance is apart at a closer zoom.
  assert.equal(clash(box(0, 0), box(30, 0), 1), true);
  assert.equal(clash(box(0, 0), box(30, 0), 2), false);
  // Side by side vertically likewise, with each box's own offset in screen px.
  assert.equal(clash(box(0, 0), box(0, 12), 1), true);
  assert.equal(clash(box(0, 0), box(0, 12, { dy: 20 }), 1), false);
  assert.equal(clash(box(0, 0, { dy: 20 }), box(0, 12, { dy: 20 }), 1), true);
});

test("overlapping says whether any two boxes clash", () => {
  assert.equal(overlapping([box(0, 0), box(100, 0), box(200, 0)], 1), false);
  assert.equal(overlapping([box(0, 0), box(100, 0), box(120, 0)], 1), true);
  assert.equal(overlapping([], 1), false);
});

test("inView keeps the boxes some part of which the view shows", () => {
  const free = { width: 200, height: 100 };
  const boxes = [box(0, 0), box(119, 0), box(121, 0), box(0, 60), box(0, -60)];
  const shown = inView(boxes, { x: 0, y: 0 }, 1, free);
  // Half the view (100, 50) and half the box (20, 5): centres up to 120 and 55 px off the view's.
  assert.deepEqual(
    shown.map((b) => [b.x, b.y]),
    [
      [0, 0],
      [119, 0],
    ],
  );
  // A box offset down by its label's drop is judged where it is drawn.
  assert.equal(inView([box(0, 40, { dy: 20 })], { x: 0, y: 0 }, 1, free).length, 0);
});

test("a straight caption is mid-line; a fanned one is off it, clockwise and anticlockwise mirrored", () => {
  const from = { x: 0, y: 0 };
  const to = { x: 100, y: 0 };
  assert.deepEqual(captionPoint(from, to, false), { x: 50, y: 0 });
  const cw = captionPoint(from, to, { type: "curvedCW", roundness: 0.4 });
  const ccw = captionPoint(from, to, { type: "curvedCCW", roundness: 0.4 });
  near(cw.x, ccw.x);
  near(cw.y, -ccw.y);
  // As vis-network draws it: clockwise from left to right bows up (canvas y grows down), through
  // a via point 0.7 of the line away at 0.7 of a half turn.
  near(cw.x, 25 + 35 * Math.sin(0.7 * Math.PI));
  near(cw.y, 35 * Math.cos(0.7 * Math.PI));
  assert.ok(cw.y < -10, "a fanned caption stands off its line");
  const flat = captionPoint(from, to, { type: "curvedCW", roundness: 0 });
  near(flat.x, 50);
  near(flat.y, 0);
});

test("on a narrow screen a match's caption takes two lines and bonds fan out wider", () => {
  const match = { kind: "match", caption: "Final: Luka won ✓" };
  const bond = { kind: "bond", caption: "rivals: old", smooth: { type: "curvedCW", roundness: 0.3 } };
  assert.equal(captionOf(match, true), "Final:\nLuka won ✓");
  assert.equal(captionOf(match, false), match.caption);
  assert.equal(captionOf(bond, true), bond.caption);
  assert.equal(fanOf(bond, false), bond.smooth);
  near(fanOf(bond, true).roundness, 0.75);
  assert.equal(fanOf({ ...bond, smooth: { type: "curvedCW", roundness: 0.5 } }, true).roundness, 0.95);
  assert.equal(bond.smooth.roundness, 0.3, "the edge itself is not changed");
  assert.equal(fanOf({ kind: "bond" }, true), false);
});

test("a caption's box is as wide as its widest line and a line high for each", () => {
  const spots = { a: { x: 0, y: 0 }, b: { x: 100, y: 20 } };
  const edge = { id: "m", from: "a", to: "b", kind: "match", caption: "Final: Luka won" };
  const wide = captionBox(edge, spots, 1, text);
  assert.deepEqual(wide, {
    dy: 0,
    id: "m",
    x: 50,
    y: 10,
    w: measure("Final: Luka won", CAPTION_PX),
    h: CAPTION_PX + 4,
  });
  const tall = captionBox(edge, spots, 1, { ...text, narrow: true });
  assert.equal(tall.w, measure("Luka won", CAPTION_PX));
  assert.equal(tall.h, 2 * (CAPTION_PX + 4));
  // Past about 2x the fonts stop shrinking on the canvas: they grow on screen.
  assert.equal(captionBox(edge, spots, 4, text).h, 6 * 4 + 4);
});

test("readables are the placed characters' labels under them and the captioned edges' captions", () => {
  const graph = {
    nodes: [
      { id: "a", kind: "character", label: "Ann" },
      { id: "b", kind: "character", label: "Bo" },
      { id: "h", kind: "person", label: "Host" },
      { id: "z", kind: "character", label: "Not placed" },
    ],
    edges: [
      { id: "ab", from: "a", to: "b", caption: "friends" },
      { id: "az", from: "a", to: "z", caption: "never drawn" },
      { id: "bh", from: "b", to: "h", caption: "not captioned" },
    ],
  };
  const spots = { a: { x: 0, y: 0 }, b: { x: 100, y: 0 }, h: { x: 50, y: 50 } };
  const boxes = readables(graph, spots, new Set(["ab", "az"]), text);
  assert.deepEqual(
    boxes.map((b) => [b.x, b.y, b.w]),
    [
      [0, 0, measure("Ann", LABEL_PX)],
      [100, 0, measure("Bo", LABEL_PX)],
      [50, 0, measure("friends", CAPTION_PX)],
    ],
  );
  // A label hangs below its node: its radius (10), a gap (1), half its line (9).
  assert.equal(boxes[0].dy, 20);
  assert.equal(boxes[2].dy, 0);
});

// Two characters with a match between them, and others whose labels (20 screen px below their
// node) stand where the match's caption would be drawn.
function field(others, edges = []) {
  const nodes = [
    { id: "p", kind: "character", label: "P" },
    { id: "q", kind: "character", label: "Q" },
    ...others.map(([id]) => ({ id, kind: "character", label: "R" })),
  ];
  const spots = { p: { x: 0, y: 0 }, q: { x: 200, y: 0 } };
  for (const [id, y] of others) spots[id] = { x: 100, y };
  const match = { id: "m", from: "p", to: "q", kind: "match", caption: "Round 1: P won" };
  const graph = { nodes, edges: [match, ...edges] };
  return { graph, spots, shown: new Set(graph.edges.map((e) => e.id)) };
}
const view = { centre: { x: 100, y: 0 }, scale: 1, free: { width: 1000, height: 1000 } };
const step = CAPTION_PX + 4 + GAP; // a caption moved by a line: its height and the gap

test("a caption clear of every label stays where it is", () => {
  const { graph, spots, shown } = field([["r", 200]]);
  const plan = declutterPlan(graph, spots, shown, null, view, text);
  assert.equal(plan.mute.size, 0);
  assert.equal(plan.nudge.size, 0);
});

test("a caption over a label moves a line up, in canvas px", () => {
  // R's label is centred 10 screen px below the line: the caption clears it a line up.
  const { graph, spots, shown } = field([["r", -10]]);
  assert.deepEqual(declutterPlan(graph, spots, shown, null, view, text).nudge, new Map([["m", -step]]));
  // At twice the zoom the same move is half as many canvas px (the labels stand 20 canvas px apart).
  const closer = { ...view, scale: 2 };
  const { graph: g2, spots: s2, shown: e2 } = field([["r", -5]]);
  assert.deepEqual(declutterPlan(g2, s2, e2, null, closer, text).nudge, new Map([["m", -step / 2]]));
});

test("a caption that clears nothing within two lines is withheld", () => {
  // Labels at 0, a line up, a line down, two up and two down (screen px from the line).
  const others = [0, -1, 1, -2, 2].map((k, i) => [`r${i}`, k * step - 20]);
  const { graph, spots, shown } = field(others);
  const plan = declutterPlan(graph, spots, shown, null, view, text);
  assert.deepEqual([...plan.mute], ["m"]);
  assert.equal(plan.nudge.size, 0);
});

test("a focused bond's caption comes first; the match's moves aside for it", () => {
  const bond = { id: "b", from: "p", to: "q", kind: "bond", caption: "rivals" };
  const { graph, spots, shown } = field([], [bond]);
  const lit = new Set(["b", "p", "q"]);
  assert.deepEqual(declutterPlan(graph, spots, shown, lit, view, text).nudge, new Map([["m", -step]]));
  // Unfocused, a bond has no caption: nothing to move.
  assert.equal(declutterPlan(graph, spots, shown, null, view, text).nudge.size, 0);
  // A caption not shown is not placed.
  assert.equal(declutterPlan(graph, spots, new Set(["m"]), lit, view, text).nudge.size, 0);
});

test("a caption out of view is neither moved nor withheld", () => {
  const { graph, spots, shown } = field([["r", -10]]);
  const away = { ...view, centre: { x: 100, y: 5000 } };
  const plan = declutterPlan(graph, spots, shown, null, away, text);
  assert.equal(plan.mute.size + plan.nudge.size, 0);
});

test("more than 300 names near the view are left as drawn", () => {
  // With P and Q, 301 names: the caption over R's label stays; with one fewer it moves.
  const others = Array.from({ length: 299 }, (_, i) => [`r${i}`, -10]);
  const { graph, spots, shown } = field(others);
  assert.equal(declutterPlan(graph, spots, shown, null, view, text).nudge.size, 0);
  const fewer = field(others.slice(0, 298));
  assert.deepEqual(
    declutterPlan(fewer.graph, fewer.spots, fewer.shown, null, view, text).nudge,
    new Map([["m", -step]]),
  );
});
