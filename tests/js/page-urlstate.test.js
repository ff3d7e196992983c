import assert from "node:assert/strict";
import { test } from "node:test";
import { decodeHash, embedFocusOf, encodeHash } from "../../src/stagegraph/page/js/urlstate.js";

const defaults = { kinds: ["bond", "match"], natures: ["romantic", "rivalry"], canon: ["canon", "fanon"] };
const asOpened = () => ({
  focus: null,
  at: null,
  kinds: new Set(defaults.kinds),
  natures: new Set(defaults.natures),
  canon: new Set(defaults.canon),
});

test("the page as it opens has an empty fragment", () => {
  assert.equal(encodeHash(asOpened(), defaults), "");
  assert.deepEqual(decodeHash("", 4), { focus: null, at: null });
});

test("a filter equal to its default in another order is left out", () => {
  const view = { ...asOpened(), natures: new Set(["rivalry", "romantic"]) };
  assert.equal(encodeHash(view, defaults), "");
});

test("what differs from the defaults is encoded, and decoding gives the state back", () => {
  const focus = "https://w3id.org/stagegraph/character/a?x=1&y=2#frag,comma";
  const view = { ...asOpened(), focus, at: 2, kinds: new Set(["bond"]), natures: new Set() };
  const hash = encodeHash(view, defaults);
  assert.equal(new URLSearchParams(hash).get("focus"), focus);
  assert.ok(!hash.includes("canon="), "the canon filter is at its default and is left out");
  const back = decodeHash(`#${hash}`, 4);
  assert.deepEqual(back, { focus, at: 2, kinds: ["bond"], natures: [] });
});

test("a round trip keeps every filter's members", () => {
  const view = {
    focus: null,
    at: 0,
    kinds: new Set(["match", "credit"]),
    natures: new Set(["romantic"]),
    canon: new Set(["fanon"]),
  };
  const back = decodeHash(encodeHash(view, defaults), 3);
  assert.equal(back.at, 0);
  for (const key of ["kinds", "natures", "canon"]) assert.deepEqual(new Set(back[key]), view[key]);
});

test("the fragment is read with or without its #, and unknown keys are ignored", () => {
  const told = decodeHash("#zoom=3&focus=x&colour=red&kinds=bond", 2);
  assert.deepEqual(told, { focus: "x", at: null, kinds: ["bond"] });
  assert.deepEqual(decodeHash("focus=x", 2), { focus: "x", at: null });
});

test("a step outside the slider is ignored", () => {
  for (const at of ["-1", "4", "abc"]) assert.equal(decodeHash(`at=${at}`, 4).at, null, at);
  assert.equal(decodeHash("at=3", 4).at, 3);
  assert.equal(decodeHash("at=0", 4).at, 0);
});

test("empty members of a filter list are dropped", () => {
  assert.deepEqual(decodeHash("kinds=bond,,match,", 1).kinds, ["bond", "match"]);
});

test("a page is embedded only with embed=1 and a focus", () => {
  assert.equal(embedFocusOf("?embed=1", "#focus=https%3A%2F%2Fx%2Fa"), "https://x/a");
  assert.equal(embedFocusOf("", "#focus=a"), null);
  assert.equal(embedFocusOf("?embed=0", "#focus=a"), null);
  assert.equal(embedFocusOf("?embed=1", ""), null);
});
