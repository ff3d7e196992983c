// The contribute page's patch (src/stagegraph/site/contribute/js/patch.js) for answers given as
// JSON on stdin: tests/contribute/test_patch_equivalence.py runs the same answers through
// `stagegraph new` and compares the bytes. Not a test file itself (node --test skips it).
//
//   stdin:  {"known": known.py's object, "forms": form.py's forms()["forms"],
//            "cases": [{"kind", "values": {fieldId: [value, …]}}, …]}
//   stdout: [{"turtle", "argv"} or {"refused": message, "argv"} or {"error": stack}, …], one per case
import { readFileSync } from "node:fs";
import { argvOf, patch, Refusal } from "../../src/stagegraph/site/contribute/js/patch.js";

const input = JSON.parse(readFileSync(0, "utf8"));
const answers = input.cases.map((answer) => {
  const form = input.forms[answer.kind];
  const argv = argvOf(form, answer);
  try {
    const made = patch(form, answer, input.known);
    return { turtle: made.turtle, argv };
  } catch (error) {
    if (error instanceof Refusal) return { refused: error.message, argv };
    return { error: String(error?.stack || error), argv };
  }
});
process.stdout.write(JSON.stringify(answers));
