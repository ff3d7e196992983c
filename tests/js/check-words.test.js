// What the contribution check's results say (src/stagegraph/site/contribute/js/checkwords.js): an
// sh:sparql message filled as pySHACL fills it, and pySHACL's generic words with the focus node and
// value written as pySHACL writes them (stringify_node, a fresh rdflib graph's prefixes).
// tests/site/test_contribute_check.py proves whole messages equal to add's.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  fieldOf,
  fillSparql,
  iriN3,
  messageText,
  stringify,
} from "../../src/stagegraph/site/contribute/js/checkwords.js";

const XSD = "http://www.w3.org/2001/XMLSchema#";
const NAMESPACES = [
  ["rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"],
  ["schema", "https://schema.org/"],
  ["xml", "http://www.w3.org/XML/1998/namespace"],
  ["xsd", XSD],
];
const MODES = {
  [`${XSD}integer`]: "integer",
  [`${XSD}boolean`]: "boolean",
  [`${XSD}decimal`]: "decimal",
  [`${XSD}date`]: "date",
  [`${XSD}double`]: "double",
};
const iri = (value) => ({ termType: "NamedNode", value });
const typed = (value, type) => ({ termType: "Literal", value, language: "", datatype: { value: `${XSD}${type}` } });
const declined = (run) => assert.throws(run, (error) => error.declined === true);

describe("sh:sparql messages", () => {
  test("each {?var} and {$var} filled with the term's text, then this, path and value", () => {
    const bindings = new Map([
      ["this", iri("https://w3id.org/stagegraph/match/final")],
      ["winner", iri("https://w3id.org/stagegraph/character/luka")],
      ["order", typed("8.0", "decimal")],
    ]);
    const focus = bindings.get("this");
    const message = "The winner ({?winner}) of {$this} at {?order}, {?value}; {?missing}";
    assert.equal(
      fillSparql(message, bindings, focus, null, focus),
      "The winner (https://w3id.org/stagegraph/character/luka) of https://w3id.org/stagegraph/match/final at 8.0, " +
        "https://w3id.org/stagegraph/match/final; {?missing}",
    );
  });

  test("a backslash (which Python's re.sub would read) declines", () => {
    const value = { termType: "Literal", value: "a\\d", language: "", datatype: { value: `${XSD}string` } };
    declined(() => fillSparql("{?value}", new Map(), iri("http://x"), null, value));
  });
});

describe("pySHACL's generic words", () => {
  test("the holes filled with the focus node and the value", () => {
    const parts = ["Less than 1 values on ", { slot: "focus" }, "->sg:from; ", { slot: "value" }];
    assert.equal(
      messageText({ parts }, iri("https://w3id.org/stagegraph/bond/x"), typed("17", "integer"), NAMESPACES, MODES),
      'Less than 1 values on <https://w3id.org/stagegraph/bond/x>->sg:from; Literal("17", datatype=xsd:integer)',
    );
    assert.equal(messageText({ text: "As written." }, null, null, NAMESPACES, MODES), "As written.");
  });

  test("IRIs: a prefixed name where the namespace is bound, else <…>", () => {
    assert.equal(iriN3("https://schema.org/Person", NAMESPACES), "schema:Person");
    assert.equal(iriN3("https://schema.org/a/b", NAMESPACES), "<https://schema.org/a/b>");
    assert.equal(iriN3("http://www.w3.org/XML/1998/namespacelang", NAMESPACES), "xml:lang");
    assert.equal(iriN3("urn:x-y:1", NAMESPACES), "<urn:x-y:1>");
    declined(() => iriN3("https://example.org/é", NAMESPACES));
  });

  test("literals as stringify_literal writes them, with their Python value where it differs", () => {
    const say = (term) => stringify(term, NAMESPACES, MODES);
    assert.equal(say(typed("017", "integer")), 'Literal("017" = 17, datatype=xsd:integer)');
    assert.equal(say(typed("1", "boolean")), 'Literal("1" = True, datatype=xsd:boolean)');
    assert.equal(say(typed("007.50", "decimal")), 'Literal("007.50" = 7.50, datatype=xsd:decimal)');
    assert.equal(say(typed("2022-01-01Z", "date")), 'Literal("2022-01-01Z" = 2022-01-01, datatype=xsd:date)');
    assert.equal(say(typed("--02-30", "gMonthDay")), 'Literal("--02-30", datatype=xsd:gMonthDay)');
    assert.equal(
      say({ termType: "Literal", value: "x", language: "", datatype: { value: `${XSD}string` } }),
      'Literal("x")',
    );
    assert.equal(say(null), "None");
    declined(() => say(typed("1e3", "double")));
    declined(() => say({ termType: "Literal", value: "x", language: "en", datatype: { value: "…" } }));
    declined(() => say({ termType: "BlankNode", value: "b0" }));
  });
});

test("the field a result concerns: a bound path or property, else the check's", () => {
  const check = { field: "https://w3id.org/stagegraph/ns#winner" };
  assert.equal(
    fieldOf(check, new Map([["property", iri("https://w3id.org/stagegraph/ns#age")]])),
    "https://w3id.org/stagegraph/ns#age",
  );
  assert.equal(fieldOf(check, new Map()), check.field);
  assert.equal(fieldOf({}, undefined), null);
});
