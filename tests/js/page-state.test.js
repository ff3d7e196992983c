import assert from "node:assert/strict";
import { test } from "node:test";
import { bracketMatch } from "../../src/stagegraph/page/js/bracket.js";
import {
  ALL,
  defaultsOf,
  edgeShown,
  fateKey,
  focusSets,
  indexOf,
  initialState,
  seen,
  stepsOf,
  undatedCount,
  visibleSets,
} from "../../src/stagegraph/page/js/state.js";
import { A, AB, AC, B, C, CREDIT, fates, HOST, MATCH, sampleData } from "./page-fixture.js";

const setup = (cut = ALL) => {
  const data = sampleData();
  const state = initialState(defaultsOf(data.legend));
  state.cut = cut;
  return { data, index: indexOf(data), state };
};
const sorted = (set) => [...set].sort();

test("the defaults are the legend's kinds that are on, and every nature and canon", () => {
  const { data } = setup();
  assert.deepEqual(defaultsOf(data.legend), {
    kinds: ["bond", "match"],
    natures: ["romantic", "rivalry"],
    canon: ["canon", "fanon"],
  });
  const state = initialState(defaultsOf(data.legend));
  assert.equal(state.cut, ALL);
  assert.equal(state.focus, null);
});

test("a fact is seen from its episode on; one of no known episode only with everything", () => {
  assert.equal(seen({ cut: 2 }, 1), true);
  assert.equal(seen({ cut: 2 }, 2), true);
  assert.equal(seen({ cut: 2 }, 3), false);
  assert.equal(seen({ cut: 2 }, null), false);
  assert.equal(seen({ cut: 2 }, undefined), false);
  assert.equal(seen({ cut: ALL }, null), true);
});

test("a character's fate is drawn once seen: open when unknown, none before", () => {
  const { data } = setup();
  const [alpha, , gamma] = data.nodes;
  assert.equal(fateKey(alpha, { cut: 2 }, fates), "none");
  assert.equal(fateKey(alpha, { cut: 3 }, fates), "dead");
  assert.equal(fateKey(gamma, { cut: 1 }, fates), "open");
  assert.equal(fateKey({ ...alpha, fate: { ...alpha.fate, status: "exiled" } }, { cut: ALL }, fates), "open");
  assert.equal(fateKey({ ...alpha, fate: { status: "dead", revealed: 1 } }, { cut: ALL }, fates), "none");
});

test("an edge is shown by its kind, its episode and, for a bond, its nature and canon", () => {
  const { data, state } = setup(2);
  const [ab, ac, credit, match] = data.edges;
  assert.equal(edgeShown(ab, state), true);
  assert.equal(edgeShown(ac, state), false, "a bond of no known episode waits for everything");
  assert.equal(edgeShown(credit, state), false, "credits are off by default");
  state.kinds.add("credit");
  assert.equal(edgeShown(credit, state), true, "a credit is no spoiler");
  assert.equal(edgeShown(match, state), true);
  state.natures.delete("romantic");
  assert.equal(edgeShown(ab, state), false);
  state.canon.delete("canon");
  state.natures.add("romantic");
  assert.equal(edgeShown(ab, state), false);
  state.natures.clear();
  assert.equal(edgeShown(match, state), true, "a match has no nature");
  state.cut = 1;
  state.natures.add("romantic");
  state.canon.add("canon");
  assert.equal(edgeShown(ab, state), false, "revealed in episode 2");
});

test("what is visible: every character with everything; at a cut, those with something seen", () => {
  const all = setup();
  assert.deepEqual(sorted(visibleSets(all.index, all.state).edges), sorted([AB, AC, MATCH]));
  assert.deepEqual(sorted(visibleSets(all.index, all.state).nodes), sorted([A, B, C]));
  const first = setup(1);
  const shown = visibleSets(first.index, first.state);
  assert.deepEqual(sorted(shown.edges), [MATCH]);
  // Beta and Gamma: a match and a fate seen; Alpha: nothing yet.
  assert.deepEqual(sorted(shown.nodes), sorted([B, C]));
  first.state.kinds.add("credit");
  assert.deepEqual(sorted(visibleSets(first.index, first.state).nodes), sorted([A, B, C, HOST]));
});

test("embedded, only the focus and its neighbours are visible, or nothing if it is hidden", () => {
  const { index, state } = setup();
  const shown = visibleSets(index, state, C);
  assert.deepEqual(sorted(shown.edges), sorted([AC, MATCH]));
  assert.deepEqual(sorted(shown.nodes), sorted([A, B, C]));
  state.cut = 1;
  assert.deepEqual(sorted(visibleSets(index, state, B).nodes), sorted([B, C]), "the bond to Alpha comes later");
  const hidden = visibleSets(index, state, HOST);
  assert.equal(hidden.nodes.size + hidden.edges.size, 0);
});

test("a focus lights a node's shown lines and their ends, or an edge and its ends", () => {
  const { index, state } = setup(2);
  assert.equal(focusSets(index, state), null);
  state.focus = A;
  assert.deepEqual(sorted(focusSets(index, state)), sorted([A, AB, B]));
  state.focus = AC;
  assert.deepEqual(sorted(focusSets(index, state)), sorted([AC, A, C]));
});

test("the slider's steps end with everything unless the page is cut", () => {
  const { data } = setup();
  assert.deepEqual(
    stepsOf(data.episodes, null, "All").map((s) => s.order),
    [1, 2, 3, ALL],
  );
  assert.equal(stepsOf(data.episodes, null, "All").at(-1).label, "All");
  assert.equal(stepsOf(data.episodes, { order: 3 }, "All").length, 3);
});

test("undated facts are spoiler bonds and matches of no known episode, and fates revealed at none", () => {
  const { data } = setup();
  assert.equal(undatedCount(data), 1);
  data.nodes[0].fate.revealed = null;
  data.edges[2].revealed = null; // a credit: no spoiler
  assert.equal(undatedCount(data), 2);
});

test("a bracket's match is found only once it is seen", () => {
  const { data } = setup();
  assert.equal(bracketMatch(data.bracket, MATCH, { cut: 1 }).match, MATCH);
  assert.equal(bracketMatch(data.bracket, MATCH, { cut: 0 }), null);
  assert.equal(bracketMatch(data.bracket, CREDIT, { cut: ALL }), null);
});
