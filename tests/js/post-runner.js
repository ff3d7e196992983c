// The SPARQL page's post-processing (src/stagegraph/site/sparql/js/post.js) over rows given as
// JSON on stdin, its labels looked up as the page does it: the page's labels query, run by the
// vendored Oxigraph (WebAssembly) on the page's graph. tests/site/test_post_equivalence.py
// compares the answers with query/post.py's. Not a test file itself (node --test skips it).
//
//   stdin:  {"engine": the engine's classic script (a path), "wasm": its WebAssembly (a path),
//            "graph": the page's graph (Turtle), "prefixes": {prefix: iri},
//            "cases": [{"json": SPARQL JSON, "example": {labels, chains, order, sets}, "lang", "labelsQuery"}, …]}
//   stdout: [{"json": SPARQL JSON} or {"error": message}, …], one for each case
import { readFileSync } from "node:fs";
import { runInThisContext } from "node:vm";
import { apply, sortSets } from "../../src/stagegraph/site/sparql/js/post.js";
import { withPrefixes } from "../../src/stagegraph/site/sparql/js/sparqltext.js";

const input = JSON.parse(readFileSync(0, "utf8"));
globalThis.self = globalThis;
runInThisContext(readFileSync(input.engine, "utf8"));
await self.oxigraph.init({ module_or_path: readFileSync(input.wasm) });
const store = new self.oxigraph.Store();
store.load(input.graph, { format: "text/turtle", lenient: true, no_transaction: true });

// As the page's select(): the prefixes the query does not declare added, the answer as SPARQL JSON.
async function runSelect(text) {
  const prepared = withPrefixes(text, input.prefixes).text;
  return JSON.parse(String(store.query(prepared, { results_format: "application/sparql-results+json" })));
}

const answers = [];
for (const { json, example, lang, labelsQuery } of input.cases) {
  try {
    await apply(json, example, lang, labelsQuery, runSelect);
    sortSets(json, example.sets || []);
    answers.push({ json });
  } catch (error) {
    answers.push({ error: String(error?.stack || error) });
  }
}
process.stdout.write(JSON.stringify(answers));
