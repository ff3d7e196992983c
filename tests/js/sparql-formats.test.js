// The SPARQL page's downloads (src/stagegraph/site/sparql/js/formats.js): SPARQL 1.1 Query Results
// CSV and TSV, and IRIs shortened with the page's prefixes.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { csvText, prefixed, tsvText, tsvValue } from "../../src/stagegraph/site/sparql/js/formats.js";

const json = {
  head: { vars: ["s", "o"] },
  results: {
    bindings: [
      { s: { type: "uri", value: "http://e/a" }, o: { type: "literal", value: 'say "hi", then\nleave' } },
      { s: { type: "bnode", value: "b0" } },
      { o: { type: "literal", value: "5", datatype: "http://www.w3.org/2001/XMLSchema#integer" } },
    ],
  },
};

describe("CSV and TSV", () => {
  test("CSV: values only, quoted where they hold a quote, comma or line break; CRLF lines", () => {
    assert.equal(csvText(json), 's,o\r\nhttp://e/a,"say ""hi"", then\nleave"\r\n_:b0,\r\n,5\r\n');
  });

  test("TSV: RDF terms, escaped, with their language or datatype", () => {
    assert.equal(
      tsvText(json),
      '?s\t?o\n<http://e/a>\t"say \\"hi\\", then\\nleave"\n_:b0\t\n\t"5"^^<http://www.w3.org/2001/XMLSchema#integer>\n',
    );
    assert.equal(tsvValue({ type: "literal", value: "미지\t", "xml:lang": "ko" }), '"미지\\t"@ko');
    assert.equal(tsvValue({ type: "literal", value: "x", datatype: "http://www.w3.org/2001/XMLSchema#string" }), '"x"');
  });

  test("an ASK answer downloads as an empty table", () => {
    assert.equal(csvText({ head: {}, boolean: true }), "\r\n");
    assert.equal(tsvText({ head: {}, boolean: true }), "\n");
  });
});

describe("prefixed", () => {
  const prefixes = { sg: "https://w3id.org/stagegraph/", sgc: "https://w3id.org/stagegraph/character/" };

  test("the longest prefix, when the rest is a plain local name", () => {
    assert.equal(prefixed("https://w3id.org/stagegraph/character/mizi", prefixes), "sgc:mizi");
    assert.equal(prefixed("https://w3id.org/stagegraph/song/x", prefixes), "https://w3id.org/stagegraph/song/x");
    assert.equal(prefixed("https://w3id.org/stagegraph/Bond", prefixes), "sg:Bond");
    assert.equal(prefixed("http://elsewhere/a", prefixes), "http://elsewhere/a");
  });
});
