// Which results the contribution check keeps (src/stagegraph/site/contribute/js/checknear.js): those
// about nodes within REPORT links of the contribution, walked as validate/neighbourhood.py walks.
import assert from "node:assert/strict";
import { test } from "node:test";
import { kept, nearNodes, walkable } from "../../src/stagegraph/site/contribute/js/checknear.js";

const B = "https://w3id.org/stagegraph/";
const TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const WALK = { base: B, notThrough: [`${B}vocab/`, `${B}source/`, `${B}ns#`], report: 2 };
const iri = (value) => ({ termType: "NamedNode", value });
const quad = (s, p, o) => ({ subject: iri(s), predicate: iri(p), object: iri(o) });

// a chain: new bond → luka → match → slot → till; luka cites a source; a type link into luka
const GRAPH = [
  quad(`${B}bond/new`, `${B}ns#from`, `${B}character/luka`),
  quad(`${B}match/final`, `${B}ns#winner`, `${B}character/luka`),
  quad(`${B}match/final`, `${B}ns#slot`, `${B}match/final-slot-2`),
  quad(`${B}match/final-slot-2`, `${B}ns#contestant`, `${B}character/till`),
  quad(`${B}character/luka`, `${B}ns#source`, `${B}source/ct`),
  quad(`${B}source/ct`, `${B}ns#about`, `${B}character/mizi`),
  quad(`${B}character/other`, TYPE, `${B}character/luka`),
];
const match = (subject, object) =>
  GRAPH.filter(
    (q) => (subject === null || q.subject.value === subject) && (object === null || q.object.value === object),
  );

test("the walk goes through entities, not sources, vocabularies or the ontology", () => {
  assert.equal(walkable(iri(`${B}character/luka`), WALK), true);
  assert.equal(walkable(iri(`${B}source/ct`), WALK), false);
  assert.equal(walkable(iri(`${B}ns#Bond`), WALK), false);
  assert.equal(walkable(iri("https://example.org/x"), WALK), false);
  assert.equal(walkable({ termType: "Literal", value: B }, WALK), false);
});

test("nodes within REPORT links, out and in (never in through rdf:type)", () => {
  // the contribution's walkable terms (the bond, Luka), then two links: the match, then its slot
  const near = nearNodes([GRAPH[0]], match, WALK);
  const expected = [`${B}bond/new`, `${B}character/luka`, `${B}match/final`, `${B}match/final-slot-2`];
  assert.deepEqual([...near].sort(), expected.sort());
  const farther = nearNodes([GRAPH[0]], match, { ...WALK, report: 3 });
  assert.ok(farther.has(`${B}character/till`));
  assert.ok(!farther.has(`${B}character/other`) && !farther.has(`${B}character/mizi`));
});

test("a contribution's own subjects are near, walkable or not", () => {
  const near = nearNodes([quad(`${B}source/new`, `${B}ns#url`, "https://example.org")], match, WALK);
  assert.ok(near.has(`${B}source/new`));
});

test("results kept: about a near node, a blank node, or anything but an http(s) IRI", () => {
  const near = new Set([`${B}bond/new`]);
  assert.equal(kept(iri(`${B}bond/new`), near), true);
  assert.equal(kept(iri(`${B}character/till`), near), false);
  assert.equal(kept({ termType: "BlankNode", value: "b1" }, near), true);
  assert.equal(kept(iri("urn:x:1"), near), true);
});
