// The SPARQL page: the only script that runs in it (bundled by `make js` into
// sparql/page.bundle.js, allowed by its hash in the page's Content-Security-Policy).
import { $, body, count, data } from "./context.js";
import { queryText, setUpEditor } from "./editor.js";
import { execute, idle, startEngine, stop } from "./engine.js";
import { bindings, bound, chosenExample, listExamples, newQuery } from "./examples.js";
import { apply, sortSets } from "./post.js";
import { clear, show } from "./results.js";
import { kindOf, refusal, withValues } from "./sparqltext.js";
import { say, setWords } from "./words.js";

setWords(data.words);

async function select(text) {
  return JSON.parse((await execute(text, "application/sparql-results+json")).body);
}

/** Run `text` (parameters bound as terms); what the table shows and the downloads hold.
 * `post` (a library example) asks for its labels, chains and order, as the CLI does them. */
async function runQuery(text, parameters, sets, post) {
  const refused = refusal(text);
  if (refused) throw Object.assign(new Error(refused), { refused: true });
  const kind = kindOf(text);
  const query = withValues(text, parameters || {});
  const answer = await execute(query, kind === "graph" ? "application/n-triples" : "application/sparql-results+json");
  if (kind === "graph") return { kind, triples: answer.body, ms: answer.ms };
  const json = JSON.parse(answer.body);
  let processed = false;
  if (kind === "select" && post) processed = await apply(json, post, data.lang, data.labelsQuery, select);
  if (kind === "select" && sets && sets.length) sortSets(json, sets);
  return { kind, json, ms: answer.ms, processed };
}

async function runFromForm() {
  if (!idle()) return;
  const text = queryText();
  $("result-status").textContent = say("running");
  body.dataset.state = "running";
  try {
    const example = chosenExample();
    // Only an example as the library wrote it is post-processed: edited or typed text is shown raw.
    const post = example && text === example.text ? example : null;
    const result = await runQuery(text, bindings(), example ? example.sets : [], post);
    show(result, example ? example.name : "query");
    body.dataset.state = "done";
  } catch (error) {
    clear();
    $("result-status").textContent = error.stopped ? error.message : say(error.refused ? "refused" : "failed", error);
    body.dataset.state = error.refused ? "refused" : error.stopped ? "stopped" : "error";
  }
}

/** For tests and scripts: run a library query by name, with parameters as IRIs or text. */
async function runExample(name, params) {
  const example = data.examples.find((e) => e.name === name);
  return runQuery(example.text, bound(example, params), example.sets, example);
}

function listPrefixes() {
  const prefixes = $("prefix-list");
  for (const [prefix, iri] of Object.entries(data.prefixes)) {
    const dt = document.createElement("dt");
    const dd = document.createElement("dd");
    dt.textContent = `${prefix}:`;
    dd.textContent = iri;
    prefixes.append(dt, dd);
  }
}

window.sparqlPage = { runExample, runQuery, refusal, data };
listExamples();
listPrefixes();
$("footer-graph").textContent = say("triples", { n: count(data.triples) });
setUpEditor(runFromForm);
$("run").addEventListener("click", runFromForm);
$("stop").addEventListener("click", () => stop(say("stopped")));
$("clear").addEventListener("click", newQuery);
newQuery();
startEngine();
