// Showing a result: the table (its first rows), the answer of an ASK, the triples of a graph, and
// the downloads (CSV, TSV and JSON, or N-Triples).
import { $, body, count, data } from "./context.js";
import { csvText, prefixed, tsvText } from "./formats.js";
import { say } from "./words.js";

const SHOWN_ROWS = 1000;
let urls = [];

function cellNode(value) {
  if (!value) return document.createTextNode("");
  if (value.type === "uri") {
    const href = data.links[value.value];
    const shown = prefixed(value.value, data.prefixes);
    if (!href) return document.createTextNode(shown);
    const link = document.createElement("a");
    link.href = href;
    link.textContent = shown;
    link.title = value.value;
    return link;
  }
  if (value.type === "bnode") return document.createTextNode(`_:${value.value}`);
  return document.createTextNode(value.value);
}

function table(json, name) {
  const vars = json.head.vars;
  const rows = json.results.bindings;
  const shown = document.createElement("table");
  const caption = shown.createCaption();
  caption.textContent =
    rows.length > SHOWN_ROWS
      ? say("first_rows", { shown: count(SHOWN_ROWS), n: count(rows.length) })
      : say("rows_of", { name });
  const head = shown.createTHead().insertRow();
  for (const variable of vars) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = variable;
    head.appendChild(th);
  }
  const tbody = shown.createTBody();
  for (const row of rows.slice(0, SHOWN_ROWS)) {
    const tr = tbody.insertRow();
    for (const variable of vars) tr.insertCell().appendChild(cellNode(row[variable]));
  }
  return shown;
}

function downloads(result, name) {
  for (const url of urls) URL.revokeObjectURL(url);
  urls = [];
  const link = (id, text, type, file) => {
    const url = URL.createObjectURL(new Blob([text], { type }));
    urls.push(url);
    const a = $(id);
    a.href = url;
    a.download = file;
  };
  if (result.kind === "graph") {
    link("download-csv", result.triples, "application/n-triples", `${name}.nt`);
    $("download-csv").textContent = "N-Triples";
    $("download-tsv").hidden = true;
    $("download-json").hidden = true;
    return;
  }
  $("download-csv").textContent = "CSV";
  $("download-tsv").hidden = false;
  $("download-json").hidden = false;
  link("download-csv", csvText(result.json), "text/csv", `${name}.csv`);
  link("download-tsv", tsvText(result.json), "text/tab-separated-values", `${name}.tsv`);
  const text = `${JSON.stringify(result.json, null, 2)}\n`;
  link("download-json", text, "application/sparql-results+json", `${name}.srj`);
}

/** Show `result` (from main.js's runQuery) under the name `name` (the example's, or "query"). */
export function show(result, name) {
  const view = $("result-view");
  view.replaceChildren();
  const ms = Math.round(result.ms);
  if (result.kind === "ask") {
    const answer = document.createElement("p");
    answer.className = "ask";
    answer.textContent = result.json.boolean ? "true" : "false";
    view.appendChild(answer);
    $("result-status").textContent = say("answer", { answer: answer.textContent, ms });
  } else if (result.kind === "graph") {
    const pre = document.createElement("pre");
    pre.textContent = result.triples;
    view.appendChild(pre);
    const lines = result.triples.split("\n").filter(Boolean).length;
    $("result-status").textContent = say(lines === 1 ? "triple" : "triples", { n: count(lines), ms });
  } else {
    const rows = result.json.results.bindings.length;
    view.appendChild(table(result.json, name));
    $("result-status").textContent = say(rows === 1 ? "row" : "rows", { n: count(rows), ms });
    body.dataset.rows = rows;
  }
  $("post-note").hidden = !result.processed;
  downloads(result, name);
  $("downloads").hidden = false;
}

/** No result: the view, the downloads and the note emptied or hidden. */
export function clear() {
  $("result-view").replaceChildren();
  $("downloads").hidden = true;
  $("post-note").hidden = true;
}
