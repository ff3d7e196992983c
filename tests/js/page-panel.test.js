import assert from "node:assert/strict";
import { test } from "node:test";
import { fill, safeUrl } from "../../src/stagegraph/page/js/dom.js";
import { code, episodeOf, noteParts, notesOf, panelSources, WITHHELD } from "../../src/stagegraph/page/js/panel.js";
import { ALL } from "../../src/stagegraph/page/js/state.js";

const W = { revealed_in: "Revealed in", revealed_unknown: "Episode unknown" };
const sources = [
  { iri: "https://x/source/s1", title: "One" },
  { iri: "https://x/source/s1e2", title: "One, episode two" },
  { iri: "https://x/source/late", title: "Later", shown_from: 3 },
  { withheld: true, iri: "", title: "", url: "" },
  { iri: "https://x/source/a.b", title: "Dotted" },
];

test("only http(s) URLs are links", () => {
  for (const url of ["https://example.org/a", "http://example.org", "HTTPS://EXAMPLE.ORG"])
    assert.equal(safeUrl(url), url);
  for (const url of [
    "javascript:alert(1)",
    "https:example.org",
    " https://x",
    "data:text/html,x",
    "//example.org",
    "/a",
    "",
    null,
    undefined,
  ]) {
    assert.equal(safeUrl(url), null, String(url));
  }
});

test("fill replaces the names it is given and leaves the others", () => {
  assert.equal(fill("{n} of {total}, {other}", { n: 1, total: 2 }), "1 of 2, {other}");
  assert.equal(fill("{n}", { n: "<b>{total}</b>", total: 3 }), "<b>{total}</b>", "a value is not filled again");
});

test("a source's code is the last part of its IRI in capitals", () => {
  assert.equal(code(sources[1]), "S1E2");
  assert.equal(code(WITHHELD), "");
  assert.equal(code({}), "");
});

test("an episode is named by its order, or said to be unknown", () => {
  const episodes = [{ order: 1, label: "Round 1" }];
  assert.equal(episodeOf(1, episodes, W), "Revealed in: Round 1");
  assert.equal(episodeOf(7, episodes, W), "Revealed in: 7");
  assert.equal(episodeOf(null, episodes, W), "Episode unknown");
  assert.equal(episodeOf(undefined, episodes, W), "Episode unknown");
});

test("a fact's notes are those revealed at the cut", () => {
  const fact = {
    notes: [
      { text: "early", revealed: 1 },
      { text: "late", revealed: 3 },
      { text: "undated", revealed: null },
    ],
  };
  assert.deepEqual(notesOf(fact, { cut: 2 }), ["early"]);
  assert.deepEqual(notesOf(fact, { cut: ALL }), ["early", "late", "undated"]);
  assert.deepEqual(notesOf(null, { cut: ALL }), []);
});

test("a panel's sources are numbered in the order cited, each once", () => {
  const refs = panelSources(sources, { cut: ALL });
  refs.add([1, 0]);
  refs.add([0, 4, 99]);
  refs.add(undefined);
  assert.deepEqual(
    refs.list.map((s) => s.title),
    ["One, episode two", "One", "Dotted"],
  );
  assert.equal(refs.number(sources[0]), 2);
  assert.equal(refs.number(sources[2]), 0);
});

test("a source that spoils later episodes is listed once as withheld, after the others", () => {
  const refs = panelSources(sources, { cut: 2 });
  refs.add([2, 0]);
  refs.add([3]);
  refs.add([1, 2]);
  assert.deepEqual(refs.list, [sources[0], WITHHELD, sources[1]]);
  const later = panelSources(sources, { cut: 3 });
  later.add([2]);
  assert.deepEqual(later.list, [sources[2]]);
});

test("a note cites a listed source after its code; the longest code wins", () => {
  const refs = panelSources(sources, { cut: ALL });
  refs.add([0, 1]);
  assert.deepEqual(noteParts("As S1E2 shows, and S1 says.", refs), [
    { text: "As S1E2" },
    { ref: 2 },
    { text: " shows, and S1" },
    { ref: 1 },
    { text: " says." },
  ]);
  // A code inside a longer one is not cited alone: A.B, not A.
  const dotted = panelSources([{ iri: "https://x/a" }, { iri: "https://x/a.b" }], { cut: ALL });
  dotted.add([0, 1]);
  assert.deepEqual(noteParts("see A.B", dotted), [{ text: "see A.B" }, { ref: 2 }, { text: "" }]);
  // Only whole words: S1E2X names nothing.
  assert.deepEqual(noteParts("S1E2X", refs), [{ text: "S1E2X" }]);
});

test("a note names no source that is not listed, and a code is matched as written", () => {
  assert.deepEqual(noteParts("S1 says", panelSources(sources, { cut: ALL })), [{ text: "S1 says" }]);
  const refs = panelSources(sources, { cut: ALL });
  refs.add([4]);
  assert.deepEqual(noteParts("AXB and A.B", refs), [{ text: "AXB and A.B" }, { ref: 1 }, { text: "" }]);
});
