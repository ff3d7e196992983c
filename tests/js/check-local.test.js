// The contribution check's local rules (src/stagegraph/site/contribute/js/checklocal.js): rdflib's
// readings of literals and pySHACL's rules, as validate/setwise/local.py applies them in Python.
// tests/site/test_contribute_check.py compares them with local.py's on every rule and many values;
// these pin each reading and rule on its own.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  compile,
  conforms,
  holds,
  readDate,
  readDecimal,
  readFloat,
  readInteger,
  reading,
} from "../../src/stagegraph/site/contribute/js/checklocal.js";

const XSD = "http://www.w3.org/2001/XMLSchema#";
const MODES = {
  [`${XSD}integer`]: "integer",
  [`${XSD}decimal`]: "decimal",
  [`${XSD}boolean`]: "boolean",
  [`${XSD}date`]: "date",
  [`${XSD}double`]: "double",
  [`${XSD}anyURI`]: "str",
  [`${XSD}int`]: "numeric",
  [`${XSD}dateTime`]: "time",
};
const typed = (value, type) => ({ termType: "Literal", value, language: "", datatype: { value: `${XSD}${type}` } });
const text = (value, language = "") => ({
  termType: "Literal",
  value,
  language,
  datatype: { value: language ? "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString" : `${XSD}string` },
});
const iri = (value) => ({ termType: "NamedNode", value });
const blank = { termType: "BlankNode", value: "b0" };
const declined = (run) => assert.throws(run, (error) => error.declined === true);

describe("rdflib's readings", () => {
  test("integers as Python's int() reads them", () => {
    assert.equal(readInteger("17"), 17n);
    assert.equal(readInteger(" +5 "), 5n);
    assert.equal(readInteger("1_000"), 1000n);
    assert.equal(readInteger("017"), 17n);
    for (const bad of ["1.5", "abc", "", "1__0", "_1", "1_"]) assert.equal(readInteger(bad), null, bad);
    declined(() => readInteger("٣"));
  });

  test("decimals and floats", () => {
    assert.deepEqual(readDecimal("-3.50"), {
      finite: true,
      sign: "-",
      whole: "3",
      fraction: "50",
      exponent: undefined,
    });
    assert.equal(readDecimal("abc"), null);
    assert.equal(readDecimal("NaN").finite, false);
    declined(() => readDecimal("1_0"));
    assert.equal(readFloat("1e3"), 1000);
    assert.equal(readFloat("-INF"), -Infinity);
    assert.ok(Number.isNaN(readFloat("nan")));
    assert.equal(readFloat("x"), null);
  });

  test("dates as rdflib's parse_xsd_date and date.fromisoformat read them", () => {
    assert.deepEqual(readDate("2024-02-29"), [2024, 2, 29]);
    assert.deepEqual(readDate("2022-01-01Z"), [2022, 1, 1]);
    assert.deepEqual(readDate("2022-01-01+01:00"), [2022, 1, 1]);
    assert.deepEqual(readDate("2022-01-01-05:00"), [2022, 1, 1]);
    assert.deepEqual(readDate("2022-01-01T10:00"), [2022, 1, 1]);
    for (const bad of [
      "2022-02-29",
      "2022-13-45",
      "20220101",
      "-2022-01-01",
      "0000-01-01",
      "2022-1-01",
      " 2022-01-01",
    ]) {
      assert.equal(readDate(bad), null, bad);
    }
    declined(() => readDate("2022-W01-1"));
  });

  test("a literal's reading by its datatype; unported datatypes decline", () => {
    assert.equal(reading(typed("1", "boolean"), MODES).wellTyped, true);
    assert.equal(reading(typed("TRUE", "boolean"), MODES).wellTyped, false);
    assert.equal(reading(typed("x", "gMonthDay"), MODES).kind, "none");
    assert.equal(reading(text("x"), MODES).kind, "str");
    declined(() => reading(typed("5", "int"), MODES));
  });
});

describe("the rules", () => {
  test("sh:datatype: the datatype, well-typed; strings and language-tagged ones", () => {
    const integer = { datatype: `${XSD}integer` };
    assert.equal(holds(integer, typed("17", "integer"), MODES), true);
    assert.equal(holds(integer, typed("seventeen", "integer"), MODES), false);
    assert.equal(holds(integer, text("17"), MODES), false);
    assert.equal(holds(integer, iri("http://example.org/a"), MODES), false);
    assert.equal(holds({ datatype: `${XSD}string` }, text("x"), MODES), true);
    assert.equal(holds({ datatype: `${XSD}string` }, text("x", "en"), MODES), false);
    const langString = { datatype: "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString" };
    assert.equal(holds(langString, text("x", "en"), MODES), true);
    assert.equal(holds({ datatype: "http://www.w3.org/2000/01/rdf-schema#Literal" }, typed("x", "date"), MODES), true);
    assert.equal(holds({ datatype: `${XSD}gMonthDay` }, typed("--02-30", "gMonthDay"), MODES), true);
  });

  test("sh:nodeKind, sh:in, sh:languageIn", () => {
    assert.equal(holds({ nodeKind: "IRI" }, blank, MODES), false);
    assert.equal(holds({ nodeKind: "BlankNodeOrLiteral" }, blank, MODES), true);
    const members = { in: [typed("1", "integer"), { termType: "Literal", value: "a", language: "EN", datatype: "x" }] };
    assert.equal(holds(members, typed("1", "integer"), MODES), true);
    assert.equal(holds(members, typed("01", "integer"), MODES), false);
    assert.equal(holds(members, { ...text("a", "en"), datatype: "x" }, MODES), true);
    assert.equal(holds({ languageIn: ["en", "ko"] }, text("x", "en-gb"), MODES), true);
    assert.equal(holds({ languageIn: ["en"] }, text("x", "ja"), MODES), false);
    assert.equal(holds({ languageIn: ["en"] }, text("x"), MODES), false);
  });

  test("sh:pattern on the lexical form or the IRI, never a blank node", () => {
    const rule = { pattern: { source: "^a(?=\\n?(?![\\s\\S]))", flags: "u" } }; // Python's "^a$"
    assert.equal(holds(rule, text("a\n"), MODES), true);
    assert.equal(holds(rule, text("a\n\n"), MODES), false);
    assert.equal(holds({ pattern: { source: "x", flags: "u" } }, iri("http://x"), MODES), true);
    assert.equal(holds({ pattern: { source: "", flags: "u" } }, blank, MODES), false);
    assert.throws(() => compile({ not: [{ pattern: { source: "(", flags: "u" } }] }), SyntaxError);
  });

  test("ranges: numbers by value, other literals by their datatype IRI, texts never", () => {
    const atLeastZero = { compare: ">=", bound: { kind: "integer", value: "0" } };
    const belowTwoAndHalf = { compare: "<", bound: { kind: "decimal", value: "2.5" } };
    assert.equal(holds(atLeastZero, typed("0", "integer"), MODES), true);
    assert.equal(holds(atLeastZero, typed("-0.5", "decimal"), MODES), false);
    assert.equal(holds(belowTwoAndHalf, typed("2.4999999", "decimal"), MODES), true);
    assert.equal(holds(belowTwoAndHalf, typed("2.5", "double"), MODES), false);
    assert.equal(holds(atLeastZero, typed("NaN", "double"), MODES), false);
    assert.equal(holds(atLeastZero, text("17"), MODES), false);
    assert.equal(holds(atLeastZero, typed("2020-01-01", "date"), MODES), false); // "…#date" < "…#integer"
    assert.equal(holds({ ...atLeastZero, compare: "<=" }, typed("2020-01-01", "date"), MODES), true);
    assert.equal(holds(atLeastZero, typed("abc", "integer"), MODES), false); // rdflib raises: never holds
    assert.equal(holds({ ...atLeastZero, compare: "<=" }, typed("abc", "integer"), MODES), false);
    declined(() => holds(atLeastZero, typed("5", "int"), MODES));
    declined(() => holds(belowTwoAndHalf, typed("NaN", "double"), MODES));
  });

  test("sh:not, sh:or, sh:and of nested shapes", () => {
    const number = { or: [[{ datatype: `${XSD}decimal` }], [{ datatype: `${XSD}integer` }]] };
    assert.equal(holds(number, typed("3", "integer"), MODES), true);
    assert.equal(holds(number, text("3:30"), MODES), false);
    assert.equal(holds({ not: [{ nodeKind: "IRI" }] }, blank, MODES), true);
    assert.equal(conforms([{ nodeKind: "Literal" }, { languageIn: ["en"] }], text("x", "en"), MODES), true);
    assert.equal(holds({ and: [[{ nodeKind: "Literal" }], [{ nodeKind: "IRI" }]] }, text("x"), MODES), false);
  });
});
