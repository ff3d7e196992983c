// Reading SPARQL text on the SPARQL page (src/stagegraph/site/sparql/js/sparqltext.js) and its words:
// what is refused, the query's form, parameters bound as terms, prefixes added, positions kept.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  iriTerm,
  kindOf,
  masked,
  refusal,
  shiftLines,
  term,
  withPrefixes,
  withValues,
} from "../../src/stagegraph/site/sparql/js/sparqltext.js";
import { say, setWords } from "../../src/stagegraph/site/sparql/js/words.js";

describe("masked", () => {
  test("comments, strings and IRIs blanked, positions kept", () => {
    const text = 'SELECT * { ?s <http://e/DELETE> "INSERT" } # DROP\nLIMIT 1';
    const plain = masked(text);
    assert.equal(plain.length, text.length);
    assert.ok(!/DELETE|INSERT|DROP/.test(plain));
    assert.ok(plain.endsWith("\nLIMIT 1"));
    assert.equal(masked("'''a\n'b'''x"), `${" ".repeat(10)}x`);
  });
});

describe("refusal", () => {
  test("updates, SERVICE, FROM and empty text are refused; a query naming them in text is not", () => {
    assert.equal(refusal("  # nothing\n"), "empty");
    assert.equal(refusal("DELETE WHERE { ?s ?p ?o }"), "update");
    assert.equal(refusal("SELECT * { ?s ?p ?o } ; INSERT DATA {}"), "update_words");
    assert.equal(refusal("SELECT * { SERVICE <http://e/> { ?s ?p ?o } }"), "service");
    assert.equal(refusal("SELECT * FROM <http://e/g> { ?s ?p ?o }"), "from");
    assert.equal(refusal('SELECT ?insert ?from WHERE { ?insert <http://e/DROP> "SERVICE" } # FROM'), null);
    assert.equal(refusal("SELECT * { ?s sg:delete ?o }"), null);
  });

  test("refusals are said in the page's words", () => {
    setWords({ empty: "Write a query first." });
    assert.equal(refusal(""), "Write a query first.");
    assert.equal(say("empty"), "Write a query first.");
    setWords({ empty: "empty", n: "{n} rows of {name}" });
    assert.equal(say("n", { n: 3, name: "bonds" }), "3 rows of bonds");
    assert.equal(say("unknown"), "unknown");
  });
});

describe("kindOf", () => {
  test("the form, past prefixes, comments and strings", () => {
    assert.equal(kindOf("PREFIX ask: <http://e/>\nSELECT * {}"), "select");
    assert.equal(kindOf('# CONSTRUCT\nASK { ?s ?p "SELECT" }'), "ask");
    assert.equal(kindOf("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"), "graph");
    assert.equal(kindOf("describe <http://e/a>"), "graph");
    assert.equal(kindOf("{ ?s ?p ?o }"), "select");
  });
});

describe("terms and VALUES", () => {
  test("literals escaped, IRIs that could end the term refused", () => {
    assert.equal(term({ type: "literal", value: 'a "b" \\ \n\r' }), '"a \\"b\\" \\\\ \\n\\r"');
    assert.equal(term({ type: "uri", value: "http://e/a" }), "<http://e/a>");
    for (const bad of ["http://e/a> . }", "http://e/a b", "http://e/\u0000", 'x"'])
      assert.throws(() => iriTerm(bad), /bad_iri/);
  });

  test("the VALUES block opens the outermost WHERE group, on the same line", () => {
    const text = "SELECT ?x WHERE {\n  ?x ?p ?y\n}";
    const bound = withValues(text, { y: { type: "literal", value: "1" }, z: { type: "uri", value: "http://e/z" } });
    assert.equal(bound, 'SELECT ?x WHERE { VALUES (?y ?z) { ("1" <http://e/z>) } \n  ?x ?p ?y\n}');
    assert.equal(withValues("ASK { ?s ?p ?o }", { s: { type: "uri", value: "http://e/s" } }).split("\n").length, 1);
    assert.equal(withValues(text, {}), text);
    assert.throws(() => withValues("SELECT ?x", { x: { type: "literal", value: "1" } }), /no_where/);
  });

  test("a WHERE in a comment or string is not the group", () => {
    const text = '# WHERE {\nSELECT ?x { ?x ?p "WHERE {" }';
    assert.ok(
      withValues(text, { x: { type: "literal", value: "v" } }).startsWith(
        '# WHERE {\nSELECT ?x { VALUES (?x) { ("v") } ',
      ),
    );
  });
});

describe("prefixes and positions", () => {
  const prefixes = { sg: "https://w3id.org/stagegraph/ns#", rdfs: "http://www.w3.org/2000/01/rdf-schema#" };

  test("the prefixes the query does not declare, on one line before it", () => {
    assert.deepEqual(withPrefixes("PREFIX sg: <http://other/>\nSELECT * {}", prefixes), {
      text: "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\nPREFIX sg: <http://other/>\nSELECT * {}",
      shift: 1,
    });
    const all = "PREFIX sg: <x:> prefix RDFS : <y:> SELECT * {}";
    assert.deepEqual(withPrefixes(all.replace("RDFS", "rdfs"), prefixes), {
      text: all.replace("RDFS", "rdfs"),
      shift: 0,
    });
  });

  test("the engine's line:column counted in the reader's text", () => {
    assert.equal(shiftLines("error at 3:5 and 1:2", 1), "error at 2:5 and 1:2");
    assert.equal(shiftLines("error at 3:5", 0), "error at 3:5");
  });
});
