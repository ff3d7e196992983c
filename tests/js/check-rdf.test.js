// The contribution check's terms (src/stagegraph/site/contribute/js/checkrdf.js): compared, ordered
// and named as the CLI does it.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  byCodePoint,
  ntriples,
  sameTerm,
  short,
  universeDeclined,
} from "../../src/stagegraph/site/contribute/js/checkrdf.js";

const XSD = "http://www.w3.org/2001/XMLSchema#";

test("short(): the longest namespace wins, the first of equals; other texts as they are", () => {
  const prefixes = {
    sg: "https://w3id.org/stagegraph/ns#",
    base: "https://w3id.org/stagegraph/",
    match: "https://w3id.org/stagegraph/match/",
  };
  assert.equal(short(prefixes, "https://w3id.org/stagegraph/match/final"), "match:final");
  assert.equal(short(prefixes, "https://w3id.org/stagegraph/ns#from"), "sg:from");
  assert.equal(short(prefixes, "^<https://w3id.org/stagegraph/ns#from>"), "^<https://w3id.org/stagegraph/ns#from>");
});

test("Python's string order: by code point, not by UTF-16 unit", () => {
  assert.ok(byCodePoint("\uffff", "😀") < 0); // UTF-16 would put the surrogate pair first
  assert.ok(byCodePoint("a", "ab") < 0);
  assert.equal(byCodePoint("x", "x"), 0);
});

test("terms in N-Triples and compared as RDF terms", () => {
  const literal = { termType: "Literal", value: 'a"b\\\n', language: "", datatype: { value: `${XSD}string` } };
  assert.equal(ntriples(literal), '"a\\"b\\\\\\n"');
  assert.equal(
    ntriples({ termType: "Literal", value: "1", language: "", datatype: `${XSD}integer` }),
    `"1"^^<${XSD}integer>`,
  );
  assert.equal(ntriples({ termType: "Literal", value: "x", language: "en", datatype: "…" }), '"x"@en');
  assert.equal(ntriples({ termType: "BlankNode", value: "b0" }), "_:b0");
  const en = { termType: "Literal", value: "x", language: "EN", datatype: { value: "l" } };
  assert.ok(sameTerm(en, { ...en, language: "en", datatype: "l" }));
  assert.ok(!sameTerm(en, { ...en, value: "y" }));
});

test("a universe that cannot be checked says so and points to the command", () => {
  assert.match(universeDeclined(["shape:X: sh:closed"]), /shape:X: sh:closed.*run stagegraph add --dry-run$/);
});
