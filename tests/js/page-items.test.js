import assert from "node:assert/strict";
import { test } from "node:test";
import { searchNames } from "../../src/stagegraph/page/js/find.js";
import { DIM, displayName, edgeItem, NO_CAPTION, nodeItem, paletteOf } from "../../src/stagegraph/page/js/items.js";
import { fates } from "./page-fixture.js";

const [none, open] = fates;
const shownAll = (ids) => ({ nodes: new Set(ids), edges: new Set(ids) });
const lookOf = (palette) => ({ palette, narrow: false, nudged: new Map(), captionedOnce: new Set() });

test("a node's label carries its fate's badge and the language it fell back to", () => {
  assert.equal(displayName({ kind: "character", label: "Ivan" }, open), "Ivan ?");
  assert.equal(displayName({ kind: "character", label: "Ivan", fallback: "ko" }, none), "Ivan (ko)");
  assert.equal(displayName({ kind: "person", label: "Host" }, null), "Host");
});

test("a node is hidden unless shown, dimmed unless lit, and a character drawn as its fate", () => {
  const palette = paletteOf(false);
  const node = { id: "a", kind: "character", label: "A" };
  const item = nodeItem(node, shownAll(["a"]), true, open, palette);
  assert.equal(item.hidden, false);
  assert.equal(item.opacity, 1);
  assert.equal(item.shape, "diamond");
  assert.equal(item.color.background, open.color);
  assert.equal(item.color.border, palette.ink);
  assert.deepEqual(item.shapeProperties.borderDashes, [3, 3]);
  const unknown = nodeItem(node, shownAll([]), false, none, palette);
  assert.equal(unknown.hidden, true);
  assert.equal(unknown.opacity, DIM);
  assert.equal(unknown.color.background, palette.paper);
  assert.equal(nodeItem(node, shownAll([]), false, none, paletteOf(true)).color.background, "#1b1b20");
  const host = nodeItem({ id: "h", kind: "person", label: "H", shape: "box", color: "#888" }, shownAll([]), true, null);
  assert.deepEqual([host.shape, host.color], ["box", "#888"]);
});

test("an edge's caption is given when captioned, a space once it was, nothing if never", () => {
  const look = lookOf(paletteOf(false));
  const edge = {
    id: "e",
    from: "a",
    to: "b",
    kind: "bond",
    caption: "rivals",
    colour: "#111",
    dark: "#eee",
    opacity: 1,
  };
  const other = { ...edge, id: "f" };
  assert.equal(edgeItem(other, shownAll(["f"]), true, false, look).label, undefined);
  assert.equal(edgeItem(edge, shownAll(["e"]), true, true, look).label, "rivals");
  assert.equal(edgeItem(edge, shownAll(["e"]), true, false, look).label, NO_CAPTION);
  assert.equal(edgeItem(other, shownAll(["f"]), true, false, look).label, undefined);
});

test("an edge is dimmed with its own opacity, coloured for the scheme and moved as declutter says", () => {
  const edge = { id: "e", from: "a", to: "b", kind: "match", caption: "R1: A won", colour: "#111", dark: "#eee" };
  const look = lookOf(paletteOf(true));
  look.nudged.set("e", -12);
  const item = edgeItem({ ...edge, opacity: 0.5 }, shownAll([]), false, true, look);
  assert.equal(item.hidden, true);
  assert.equal(item.color.opacity, DIM * 0.5);
  assert.equal(item.color.color, "#eee");
  assert.equal(item.font.vadjust, -12);
  assert.equal(item.label, "R1: A won");
  look.narrow = true;
  assert.equal(edgeItem(edge, shownAll([]), false, true, look).label, "R1:\nA won");
});

test("the search offers each shown character's names once, the first character keeping a shared one", () => {
  const nodes = [
    { id: "a", kind: "character", label: "Ivan", names: { en: "Ivan", ko: "이반" } },
    { id: "b", kind: "character", label: "IVAN", names: {} },
    { id: "c", kind: "character", label: "Till" },
    { id: "h", kind: "person", label: "Host" },
  ];
  const { ids, names } = searchNames(nodes, { nodes: new Set(["a", "b", "h"]) });
  assert.deepEqual(names, ["Ivan", "이반"]);
  assert.deepEqual(
    [...ids],
    [
      ["ivan", "a"],
      ["이반", "a"],
    ],
  );
});
