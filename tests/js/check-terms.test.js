// What the contribution check refuses before validating (src/stagegraph/site/contribute/js/checkterms.js):
// add.py's check_terms, with difflib's closest match ported. The expected ratios and matches are
// Python's (difflib.SequenceMatcher(None, a, b).ratio(), difflib.get_close_matches(…, n=1, cutoff=0.6)).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { closeMatch, ratio, refusedTerm } from "../../src/stagegraph/site/contribute/js/checkterms.js";

const chars = (text) => Array.from(text);
const SG = "https://w3id.org/stagegraph/ns#";
const VOCAB = "https://w3id.org/stagegraph/vocab/";
const PREFIXES = {
  sg: SG,
  bondtype: `${VOCAB}bondtype/`,
  status: `${VOCAB}status/`,
  bond: "https://w3id.org/stagegraph/bond/",
};
const TERMS = [
  `${SG}Bond`,
  `${SG}nature`,
  `${SG}from`,
  `${VOCAB}bondtype/mutual`,
  `${VOCAB}bondtype/one-sided`,
  `${VOCAB}status/died`,
];
const iri = (value) => ({ termType: "NamedNode", value });
const quad = (s, p, o) => ({ subject: iri(s), predicate: iri(p), object: o.startsWith?.("http") ? iri(o) : o });

describe("SequenceMatcher's ratio", () => {
  test("is Python's, autojunk included", () => {
    assert.equal(ratio(chars("abcd"), chars("bcde")), 0.75);
    assert.equal(ratio(chars("hello world"), chars("world hello")), 0.45454545454545453);
    assert.equal(ratio([], []), 1.0);
    assert.equal(ratio(chars(`${"a".repeat(300)}b`), chars(`b${"a".repeat(300)}`)), 0.0033222591362126247);
    assert.equal(ratio(chars("kitten"), chars("sitting")), 0.6153846153846154);
    assert.equal(ratio(chars("한국어"), chars("한국")), 0.8);
  });

  test("get_close_matches keeps the best match over the cutoff", () => {
    assert.equal(closeMatch(`${VOCAB}bondtype/telepathic`, TERMS), `${VOCAB}bondtype/mutual`);
    assert.equal(closeMatch(`${SG}natrue`, TERMS), `${SG}nature`);
    assert.equal(closeMatch(`${SG}Bondd`, TERMS), `${SG}Bond`);
    assert.equal(closeMatch(`${VOCAB}status/dead`, TERMS), `${VOCAB}status/died`);
    assert.equal(closeMatch(`${SG}${"z".repeat(50)}`, TERMS), null);
  });

  test("ties go to the larger text, as heapq.nlargest orders (score, text)", () => {
    assert.equal(closeMatch("abc", ["abx", "aby"]), "aby");
  });
});

describe("refusedTerm", () => {
  const vocab = { namespaces: [SG, VOCAB], terms: TERMS };

  test("an unknown term of the vocabularies, with add's words and the property it is given with", () => {
    const quads = [quad("https://w3id.org/stagegraph/bond/x", `${SG}bondType`, `${VOCAB}bondtype/telepathic`)];
    const refused = refusedTerm(quads, { ...vocab, terms: [...TERMS, `${SG}bondType`] }, PREFIXES);
    assert.equal(refused.message, "bondtype:telepathic is not a term of the ontology; did you mean bondtype:mutual?");
    assert.equal(refused.field, `${SG}bondType`);
  });

  test("the first refused term in code point order, and the hint without a close match", () => {
    const long = "z".repeat(60);
    const quads = [
      quad("https://w3id.org/stagegraph/bond/x", `${SG}${long}`, `${SG}Bond`),
      quad("https://w3id.org/stagegraph/bond/x", `${SG}from`, `${SG}natrue`),
    ];
    assert.equal(
      refusedTerm(quads, vocab, PREFIXES).message,
      "sg:natrue is not a term of the ontology; did you mean sg:nature?",
    );
    assert.equal(
      refusedTerm(quads.slice(0, 1), vocab, PREFIXES).message,
      `sg:${long} is not a term of the ontology; see ontology/stagegraph.ttl for the terms`,
    );
  });

  test("an IRI that cannot be written between < and >, or without a scheme", () => {
    const quads = [quad("https://w3id.org/stagegraph/bond/x", `${SG}from`, "https://example.org/a{b}")];
    assert.match(refusedTerm(quads, vocab, PREFIXES).message, /^<https:\/\/example.org\/a\{b\}> is not a valid IRI/);
    assert.equal(
      refusedTerm([quad("https://w3id.org/stagegraph/bond/x", `${SG}from`, `${SG}Bond`)], vocab, PREFIXES),
      null,
    );
  });

  test("literals and terms outside the vocabularies are never refused", () => {
    const literal = { termType: "Literal", value: "sg:nonsense", language: "", datatype: { value: "x" } };
    const quads = [quad("https://example.org/thing", "https://example.org/p", literal)];
    assert.equal(refusedTerm(quads, vocab, PREFIXES), null);
  });
});
