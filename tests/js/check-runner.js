// The contribution check (src/stagegraph/site/contribute/js/checkengine.js) run in Node on the
// vendored Oxigraph (WebAssembly), as the page's Web Worker runs it: the check data the page is
// built with, then each contribution. tests/site/test_contribute_check.py compares the answers
// with `stagegraph add FILE --dry-run`'s. Not a test file itself (node --test skips it).
//
//   stdin:  {"engine": the engine's classic script (a path), "wasm": its WebAssembly (a path),
//            "check": contributecheck.checker_parts(…)["check"], "contributions": [Turtle, …],
//            "rules": [{"rule", "term", "modes"}, …] (optional: local rules judged on terms)}
//   stdout: {"declined": null or why, "startMs", "answers": [{"results": [...], "ms"} or
//            {"declined": why} or {"error": message}, …] (one for each contribution),
//            "rules": [{"holds": true/false} or {"declined": why}, …]}
import { readFileSync } from "node:fs";
import { runInThisContext } from "node:vm";
import { createChecker } from "../../src/stagegraph/site/contribute/js/checkengine.js";
import { holds } from "../../src/stagegraph/site/contribute/js/checklocal.js";

const input = JSON.parse(readFileSync(0, "utf8"));
globalThis.self = globalThis;
runInThisContext(readFileSync(input.engine, "utf8"));
await self.oxigraph.init({ module_or_path: readFileSync(input.wasm) });

const output = { declined: null, answers: [], rules: [] };
if (input.check) {
  const began = performance.now();
  const checker = createChecker(self.oxigraph, input.check);
  output.startMs = performance.now() - began;
  output.declined = checker.declined;
  for (const turtle of input.contributions || []) {
    const start = performance.now();
    try {
      output.answers.push({ results: checker.check(turtle), ms: performance.now() - start });
    } catch (error) {
      output.answers.push(error?.declined ? { declined: error.message } : { error: String(error?.stack || error) });
    }
  }
}
for (const { rule, term, modes } of input.rules || []) {
  try {
    output.rules.push({ holds: holds(rule, term, modes) });
  } catch (error) {
    output.rules.push(error?.declined ? { declined: error.message } : { error: String(error?.stack || error) });
  }
}
process.stdout.write(JSON.stringify(output));
