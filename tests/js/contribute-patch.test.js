// The contribute page's patch (src/stagegraph/site/contribute/js/patch.js and turtle.js): new.py's
// rules and rdf/canonical.py's form, each pinned on its own. tests/contribute/test_patch_equivalence.py
// proves the whole equal to `stagegraph new` on a corpus; these say what each part does.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  argvOf,
  optionsOf,
  patch,
  Refusal,
  shellLine,
  slugify,
  urlParts,
} from "../../src/stagegraph/site/contribute/js/patch.js";
import { byCodePoint, serialize, termKey } from "../../src/stagegraph/site/contribute/js/turtle.js";

const BASE = "https://w3id.org/stagegraph/";
const SG = `${BASE}ns#`;
const XSD = "http://www.w3.org/2001/XMLSchema#";
const RDFS = "http://www.w3.org/2000/01/rdf-schema#";
const C = `${BASE}character/`;
const PREFIXES = {
  sg: SG,
  rdfs: RDFS,
  xsd: XSD,
  character: C,
  bond: `${BASE}bond/`,
  source: `${BASE}source/`,
  episode: `${BASE}episode/`,
  bondtype: `${BASE}vocab/bondtype/`,
  nature: `${BASE}vocab/nature/`,
  canon: `${BASE}vocab/canon/`,
  confidence: `${BASE}vocab/confidence/`,
  sourcekind: `${BASE}vocab/sourcekind/`,
};
const known = {
  base: BASE,
  lang: "en",
  classes: {
    [`${SG}Character`]: [`${C}mizi`, `${C}till`],
    [`${SG}Episode`]: [`${BASE}episode/round-3`],
    [`${SG}Source`]: [`${BASE}source/ct`],
  },
  classNames: { [`${SG}Character`]: "character" },
  entities: {
    [`${C}mizi`]: { en: "Mizi", t: "Mizi", n: ["Mizi", "미지"] },
    [`${C}till`]: { en: "Till", t: "Till", n: ["Till"] },
  },
  taken: [`${BASE}bond/mizi-till-romantic`, `${BASE}source/a-page`],
  identity: {
    [`${BASE}bond/mizi-till-romantic`]: {
      [`${SG}from`]: [`${C}mizi`],
      [`${SG}to`]: [`${C}till`],
      [`${SG}nature`]: [`${BASE}vocab/nature/romantic`],
      [`${SG}bondType`]: [`${BASE}vocab/bondtype/mutual`],
      [`${SG}confidence`]: [`${BASE}vocab/confidence/confirmed`],
    },
  },
  urls: { "https://example.org/ct": `${BASE}source/ct` },
  series: null,
  prefixes: PREFIXES,
  unassigned: [[0x1ccd6, 0x1ccf9]],
};
const field = (id, param, extra = {}) => ({ id, option: `--${id}`, param, paths: [], label: id, ...extra });
const bondForm = {
  kind: "bond",
  fields: [
    field("from", "from_", { widget: "entity", cls: `${SG}Character` }),
    field("to", "to", { widget: "entity", cls: `${SG}Character` }),
    field("type", "bond_type", { widget: "choice" }),
    field("nature", "nature", { widget: "choice" }),
    field("revealed-in", "revealed_in", { widget: "reveal" }),
    field("source", "sources", { widget: "source", multiple: true }),
    field("confidence", "confidence", { widget: "choice" }),
  ],
};
const bond = (values) => ({ kind: "bond", values: { from: [`${C}mizi`], to: [`${C}till`], ...values } });

describe("slugs as new.py makes them", () => {
  test("NFKD, ASCII, lower case, hyphens", () => {
    assert.equal(slugify("Ænima: Ⅻ ﬁne"), "nima-xii-fine");
    assert.equal(slugify("미지"), "entity");
    assert.equal(slugify("--Hello,  World--"), "hello-world");
  });
  test("code points the Python's Unicode does not assign are dropped, not decomposed", () => {
    assert.equal(slugify("a\u{1CCD6}b", known.unassigned), "ab");
  });
});

describe("the patch", () => {
  test("a numbered IRI past a taken one that is another fact, with its label and default confidence", () => {
    const made = patch(
      bondForm,
      bond({
        type: ["one-sided"],
        nature: ["romantic"],
        "revealed-in": ["unknown"],
        source: [{ iri: `${BASE}source/ct`, url: "https://example.org/ct" }],
      }),
      known,
    );
    assert.equal(made.subject, `${BASE}bond/mizi-till-romantic-2`);
    assert.match(made.turtle, /rdfs:label "Mizi → Till \(romantic, one-sided\)"@en ;/);
    assert.match(made.turtle, /sg:confidence confidence:single-source ;/);
    assert.match(made.turtle, /sg:revealUnknown true ;/);
  });
  test("the same fact reuses its IRI and keeps its confidence", () => {
    const made = patch(
      bondForm,
      bond({
        type: ["mutual"],
        nature: ["romantic"],
        "revealed-in": ["unknown"],
        source: [{ iri: `${BASE}source/ct`, url: "https://example.org/ct" }],
      }),
      known,
    );
    assert.equal(made.subject, `${BASE}bond/mizi-till-romantic`);
    assert.doesNotMatch(made.turtle, /sg:confidence/);
  });
  test("a new page is described once, its slug numbered past one taken; two sources are confirmed", () => {
    const sources = [
      { url: "https://example.org/new", title: "A page" },
      { iri: `${BASE}source/ct`, url: "https://example.org/ct" },
    ];
    const made = patch(
      bondForm,
      bond({ type: ["directed"], nature: ["romantic"], "revealed-in": ["unknown"], source: sources }),
      known,
    );
    assert.match(made.turtle, /^source:a-page-2\n {4}a sg:Source ;/m);
    assert.match(made.turtle, /confidence:confirmed/);
  });
  test("refusals in new's words", () => {
    assert.throws(
      () =>
        patch(
          bondForm,
          bond({ type: ["mutual"], nature: ["romantic"], source: [{ url: "https://e.org/", title: "T" }] }),
          known,
        ),
      /a bond needs --revealed-in/,
    );
    assert.throws(
      () => patch(bondForm, bond({ type: ["mutual"], nature: ["romantic"], "revealed-in": ["unknown"] }), known),
      Refusal,
    );
    assert.throws(
      () =>
        patch(
          bondForm,
          bond({
            type: ["mutual"],
            nature: ["romantic"],
            "revealed-in": ["unknown"],
            source: [{ url: "https://e.org/a b", title: "T" }],
          }),
          known,
        ),
      /must be percent-encoded/,
    );
  });
  test("the command line: sources by URL, a title for each new page", () => {
    const answers = bond({
      source: [
        { iri: `${BASE}source/ct`, url: "https://example.org/ct" },
        { url: "https://e.org/", title: "T" },
      ],
    });
    assert.deepEqual(argvOf(bondForm, answers).slice(-8), [
      "--source",
      "https://example.org/ct",
      "--source",
      "https://e.org/",
      "--source-title",
      "",
      "--source-title",
      "T",
    ]);
    assert.deepEqual(optionsOf(bondForm, answers).source_titles, ["", "T"]);
    assert.equal(shellLine(["bond", "--note", "it's"]), "bond --note 'it'\\''s'");
  });
});

describe("URLs as urllib.parse reads them", () => {
  test("scheme lower-cased, netloc up to / ? #", () => {
    assert.deepEqual(urlParts("HTTPS://Example.org/a?b"), { scheme: "https", netloc: "Example.org" });
    assert.deepEqual(urlParts("https://"), { scheme: "https", netloc: "" });
  });
  test("brackets: an IPv6 address, never IPv4 or unbalanced", () => {
    assert.ok(urlParts("https://[::1]:80/"));
    assert.equal(urlParts("https://[127.0.0.1]/"), null);
    assert.equal(urlParts("https://[::1/"), null);
  });
  test("a host that NFKC turns into a path is refused", () => {
    assert.equal(urlParts("https://a\u2100b.org/"), null);
  });
});

describe("canonical Turtle as rdf/canonical.py writes it", () => {
  const lit = (value, extra = {}) => ({ value, lang: null, datatype: null, ...extra });
  test("prefixes used, a first, labels, then predicates by name; objects IRIs then literals", () => {
    const text = serialize(
      [
        [`${C}b`, `${SG}note`, lit("x", { lang: "en" })],
        [`${C}b`, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", { iri: `${SG}Character` }],
        [`${C}b`, `${RDFS}label`, lit("B", { lang: "en" })],
        [`${C}a`, `${SG}age`, lit("17", { datatype: `${XSD}integer` })],
      ],
      PREFIXES,
    );
    assert.equal(
      text,
      '@prefix character: <https://w3id.org/stagegraph/character/> .\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n@prefix sg: <https://w3id.org/stagegraph/ns#> .\n\ncharacter:a\n    sg:age 17 .\n\ncharacter:b\n    a sg:Character ;\n    rdfs:label "B"@en ;\n    sg:note "x"@en .\n',
    );
  });
  test("literals: escapes, long strings, quotes at the end, datatypes", () => {
    const one = (term) =>
      serialize([[`${C}a`, `${SG}note`, term]], PREFIXES)
        .split("sg:note ")[1]
        .slice(0, -3);
    assert.equal(one(lit('a "b" \\ \t')), '"a \\"b\\" \\\\ \\t"');
    assert.equal(one(lit('x\ny"')), '"""x\ny\\""""');
    assert.equal(one(lit('x\n""""y\r')), '"""x\n\\"\\"\\"\\"y\\r"""');
    assert.equal(one(lit('x""\n')), '"""x\\"\\"\n"""');
    assert.equal(one(lit("2024-02-29", { datatype: `${XSD}date` })), '"2024-02-29"^^xsd:date');
    assert.equal(one(lit("3.", { datatype: `${XSD}decimal` })), '"3."^^xsd:decimal');
  });
  test("an IRI no prefix fits is written whole", () => {
    assert.match(
      serialize([[`${C}a b`, `${SG}x`, { iri: "urn:x" }]], PREFIXES),
      /^<https:\/\/w3id.org\/stagegraph\/character\/a b>\n {4}sg:x <urn:x> \.$/m,
    );
  });
  test("text compared by code point, as Python does", () => {
    assert.equal(byCodePoint("\uff61", "\u{1F600}"), -1);
    assert.notEqual(termKey(lit("a", { lang: "EN" })), termKey(lit("a", { lang: "ko" })));
    assert.equal(termKey(lit("a", { lang: "EN" })), termKey(lit("a", { lang: "en" })));
  });
});
