// The contribution check's steps (src/stagegraph/site/contribute/js/checkengine.js), those of
// `stagegraph add --dry-run`, on the vendored Oxigraph (WebAssembly, run in Node) with a small
// hand-made plan. tests/site/test_contribute_check.py runs the real plan against add itself.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { before, describe, test } from "node:test";
import { createChecker, FORMAT } from "../../src/stagegraph/site/contribute/js/checkengine.js";
import init, * as oxigraph from "../../src/stagegraph/site/vendor/oxigraph/web.js";

const EX = "http://example.org/";
const XSD = "http://www.w3.org/2001/XMLSchema#";
const HEAD = `@prefix ex: <${EX}> . @prefix xsd: <${XSD}> .\n`;

/** A plan of two checks: every ex:Thing needs an ex:name; an ex:size is never the constant 1. */
function data(extra = {}) {
  return {
    format: FORMAT,
    declined: [],
    checks: [
      {
        kind: "focus",
        query: `SELECT ?this WHERE { ?this a <${EX}Thing> FILTER NOT EXISTS { ?this <${EX}name> ?v } }`,
        severity: "Violation",
        shape: `${EX}ThingShape`,
        nodeShape: `${EX}ThingShape`,
        path: `${EX}name`,
        field: `${EX}name`,
        component: "http://www.w3.org/ns/shacl#MinCountConstraintComponent",
        message: { text: "A thing needs a name." },
      },
      {
        kind: "sparql",
        query: `SELECT * WHERE { ?this <${EX}size> ?size FILTER (sameTerm(?size, 1)) }`,
        severity: "Warning",
        shape: `${EX}SizeShape`,
        nodeShape: `${EX}SizeShape`,
        path: null,
        field: `${EX}size`,
        component: "http://www.w3.org/ns/shacl#SPARQLConstraintComponent",
        message: { fill: "Size {?size} of {$this}." },
      },
    ],
    literals: { constants: [[`"1"^^<${XSD}integer>`, `"1"^^<${XSD}integer>`]], lexical: [] },
    namespaces: [],
    literalModes: { [`${XSD}integer`]: "integer" },
    data: `${HEAD}ex:a a ex:Thing ; ex:name "A" ; ex:knows ex:b0 . ex:far a ex:Thing .`,
    ontology: `${HEAD}ex:Thing a <http://www.w3.org/2002/07/owl#Class> .`,
    dataGraph: "urn:x-stagegraph:data",
    written: [],
    vocab: { namespaces: [`${EX}vocab/`], terms: [`${EX}vocab/known`] },
    walk: { base: EX, notThrough: [`${EX}vocab/`], report: 2 },
    prefixes: { ex: EX },
    severityOrder: { Violation: 0, Warning: 2, Info: 3 },
    notBlocking: ["Info"],
    filedClasses: [`${EX}Thing`],
    statementSubject: `${EX}about`,
    elements: {},
    ...extra,
  };
}

describe("the contribution check", () => {
  let checker;
  before(async () => {
    await init({
      module_or_path: readFileSync(new URL("../../src/stagegraph/site/vendor/oxigraph/web_bg.wasm", import.meta.url)),
    });
    checker = createChecker(oxigraph, data());
  });

  test("a valid contribution: no result", () => {
    assert.deepEqual(checker.check(`${HEAD}ex:c a ex:Thing ; ex:name "C" .`), []);
  });

  test("a problem near the contribution, as add prints it; one far away is not its own", () => {
    assert.deepEqual(checker.check(`${HEAD}ex:c a ex:Thing ; ex:knows ex:a .`), [
      {
        severity: "Violation",
        focus: "ex:c",
        path: "ex:name",
        message: "A thing needs a name.",
        field: `${EX}name`,
        shape: `${EX}ThingShape`,
        component: "http://www.w3.org/ns/shacl#MinCountConstraintComponent",
      },
    ]);
  });

  test("a change to an entity the data has is validated against everything", () => {
    const found = checker.check(`${HEAD}ex:a ex:size 2 .`);
    assert.deepEqual(
      found.map((r) => r.focus),
      ["ex:far"],
    );
  });

  test("SPARQL messages filled; warnings block too, in the CLI's order", () => {
    const found = checker.check(`${HEAD}ex:c a ex:Thing ; ex:size 1 .`);
    assert.deepEqual(
      found.map((r) => [r.severity, r.message]),
      [
        ["Violation", "A thing needs a name."],
        ["Warning", `Size 1 of ${EX}c.`],
      ],
    );
  });

  test("nothing new: valid, whatever the data holds", () => {
    assert.deepEqual(checker.check(`${HEAD}ex:far a ex:Thing .`), []);
    assert.deepEqual(checker.check(HEAD), []);
  });

  test("refused before validating: a term of the vocabularies the ontology does not define", () => {
    const [refusal] = checker.check(`${HEAD}ex:c a ex:Thing ; ex:name "C" ; ex:kind <${EX}vocab/knwn> .`);
    assert.equal(refusal.message, "ex:vocab/knwn is not a term of the ontology; did you mean ex:vocab/known?");
    assert.equal(refusal.focus, null);
    assert.equal(refusal.field, `${EX}kind`);
  });

  test("refused after validating: a new subject of no type the ontology places", () => {
    const [refusal] = checker.check(`${HEAD}ex:c ex:name "C" .`);
    assert.match(refusal.message, /^ex:c has no rdf:type the ontology knows/);
  });

  test("a literal the store keeps as one of the shapes' constants declines; the store is left as it was", () => {
    const size = checker.store.size;
    assert.throws(
      () => checker.check(`${HEAD}ex:c a ex:Thing ; ex:name "C" ; ex:size "01"^^xsd:integer .`),
      (error) => error.declined === true,
    );
    assert.equal(checker.store.size, size);
    assert.throws(() => checker.check("ex:c ex:p ex:o ."), /not valid Turtle/);
  });

  test("a universe whose shapes the planner does not cover, or data of another format, declines", () => {
    const universe = createChecker(oxigraph, data({ declined: ["ex:Shape: sh:closed"] }));
    assert.match(universe.declined, /ex:Shape: sh:closed.*run stagegraph add --dry-run/);
    assert.throws(
      () => universe.check(HEAD),
      (error) => error.declined === true,
    );
    assert.match(createChecker(oxigraph, data({ format: 0 })).declined, /format 0/);
  });
});
