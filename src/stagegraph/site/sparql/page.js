// The SPARQL page: examples, editor, the engine in a Web Worker, results and downloads.
// The only script that runs in the page (its hash is in the Content-Security-Policy).
(function () {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const data = JSON.parse($("sg-data").textContent);
  self.stagegraphPost.words = data.words;
  const say = self.stagegraphPost.say;
  const count = (n) => n.toLocaleString(data.lang);
  const body = document.body;
  const SHOWN_ROWS = 1000;
  const state = { module: null, worker: null, ready: false, pending: null, example: null, nextId: 1, urls: [] };

  // --- reading SPARQL text without a parser: comments, strings and IRIs masked out ---------

  const TOKENS = /<[^<>"{}|^`\\\x00-\x20]*>|#[^\n]*|"""[\s\S]*?"""|'''[\s\S]*?'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g;
  const masked = (text) => text.replace(TOKENS, (token) => " ".repeat(token.length));
  const word = (names) => new RegExp("(?<![?$:\\w])(" + names + ")(?![\\w:])", "i");
  const UPDATE = word("INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH|USING");
  const FORM = word("SELECT|ASK|CONSTRUCT|DESCRIBE");

  /** Why the page will not run ``text``, or null. The worker never calls update() either. */
  function refusal(text) {
    const plain = masked(text);
    if (!plain.replace(/\s+/g, "")) return say("empty", {});
    if (UPDATE.test(plain) && !FORM.test(plain)) {
      return say("update", {});
    }
    if (UPDATE.test(plain)) return say("update_words", {});
    if (word("SERVICE").test(plain)) return say("service", {});
    if (word("FROM").test(plain)) return say("from", {});
    return null;
  }

  function kindOf(text) {
    const found = FORM.exec(masked(text));
    const form = found ? found[1].toUpperCase() : "SELECT";
    return form === "SELECT" ? "select" : form === "ASK" ? "ask" : "graph";
  }

  // --- terms: bound as serialised RDF terms, never pasted text --------------------------------

  const SAFE_IRI = /^[^<>"{}|^`\\\x00-\x20]*$/;
  function term(value) {
    if (value.type === "uri") {
      if (!SAFE_IRI.test(value.value)) throw new Error(say("bad_iri", { iri: value.value }));
      return "<" + value.value + ">";
    }
    const escaped = value.value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/\r/g, "\\r");
    return '"' + escaped + '"';
  }

  /** ``text`` with a VALUES block opening its outermost WHERE group (on the same line: line numbers stay). */
  function withValues(text, bindings) {
    const names = Object.keys(bindings);
    if (!names.length) return text;
    const plain = masked(text);
    const where = /\bWHERE\s*\{/i.exec(plain);
    const at = where ? where.index + where[0].length - 1 : plain.indexOf("{");
    if (at < 0) throw new Error(say("no_where", {}));
    const block = " VALUES (" + names.map((n) => "?" + n).join(" ") + ") { (" + names.map((n) => term(bindings[n])).join(" ") + ") } ";
    return text.slice(0, at + 1) + block + text.slice(at + 1);
  }

  /** The prefixes the query does not declare itself, on one line before it. */
  function withPrefixes(text) {
    const plain = masked(text);
    const missing = Object.keys(data.prefixes).filter((p) => !new RegExp("\\bPREFIX\\s+" + p + "\\s*:", "i").test(plain));
    if (!missing.length) return { text, shift: 0 };
    return { text: missing.map((p) => "PREFIX " + p + ": <" + data.prefixes[p] + ">").join(" ") + "\n" + text, shift: 1 };
  }

  // --- the engine ---------------------------------------------------------------------------

  function decode(base64) {
    if (Uint8Array.fromBase64) return Uint8Array.fromBase64(base64);
    const raw = atob(base64), bytes = new Uint8Array(raw.length);
    for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return bytes;
  }

  function startWorker() {
    const began = performance.now();
    const source = new Blob([$("sg-engine").textContent, "\n", $("sg-worker").textContent], { type: "text/javascript" });
    const url = URL.createObjectURL(source);
    const worker = new Worker(url);
    URL.revokeObjectURL(url);
    state.worker = worker;
    state.ready = false;
    worker.onmessage = (event) => received(event.data, began);
    worker.onerror = (event) => engineFailed(event.message || say("no_worker", {}));
    worker.postMessage({ type: "start", module: state.module, graph: data.graph });
  }

  async function startEngine() {
    const began = performance.now();
    try {
      state.module = await WebAssembly.compile(decode($("sg-wasm").textContent));
    } catch (error) {
      engineFailed(String(error));
      return;
    }
    body.dataset.compileMs = Math.round(performance.now() - began);
    startWorker();
  }

  function engineFailed(message) {
    $("engine-status").textContent = say("failed_start", { message });
    body.dataset.state = "failed";
    body.dataset.settled = "true";
  }

  function received(message, began) {
    if (message.type === "ready") {
      state.ready = true;
      body.dataset.readyMs = Math.round(performance.now() - began);
      body.dataset.loadMs = Math.round(message.loadMs);
      body.dataset.startedMs = Math.round(performance.now());
      $("engine-status").textContent = say("ready", { n: count(message.triples), ms: Math.round(performance.now() - began) });
      $("run").disabled = false;
      if (body.dataset.state === "loading") body.dataset.state = "ready";
      body.dataset.settled = "true";
      return;
    }
    const pending = state.pending;
    if (message.type === "error" && !state.ready) return engineFailed(message.message);
    if (!pending || message.id !== pending.id) return;
    state.pending = null;
    clearTimeout(pending.timer);
    $("stop").disabled = true;
    if (message.type === "error") pending.reject(new Error(shiftLines(message.message, pending.shift)));
    else pending.resolve({ body: message.body, ms: message.ms });
  }

  /** Oxigraph's ``line:column`` positions, counted in the text the reader wrote. */
  function shiftLines(message, shift) {
    return shift ? message.replace(/\b(\d+):(\d+)\b/g, (all, line, column) => (line > shift ? (line - shift) + ":" + column : all)) : message;
  }

  function execute(text, format) {
    const prepared = withPrefixes(text);
    return new Promise((resolve, reject) => {
      const id = state.nextId++;
      const seconds = Number($("timeout").value);
      const timer = seconds ? setTimeout(() => stop(say("timed_out", { n: seconds })), seconds * 1000) : null;
      state.pending = { id, resolve, reject, timer, shift: prepared.shift };
      $("stop").disabled = false;
      state.worker.postMessage({ type: "query", id, text: prepared.text, format });
    });
  }

  function stop(why) {
    const pending = state.pending;
    if (!pending) return;
    state.pending = null;
    clearTimeout(pending.timer);
    state.worker.terminate();
    $("stop").disabled = true;
    $("run").disabled = true;
    $("engine-status").textContent = say("restarting", {});
    startWorker();
    pending.reject(Object.assign(new Error(why), { stopped: true }));
  }

  // --- results --------------------------------------------------------------------------------

  /** Python's order (by code point), as the CLI sorts the members of a set column. */
  const byCodePoint = self.stagegraphPost.byCodePoint;

  function sortSets(json, sets) {
    for (const row of json.results.bindings) {
      for (const name of sets) {
        const cell = row[name];
        if (cell && cell.type === "literal") cell.value = cell.value.split("; ").sort(byCodePoint).join("; ");
      }
    }
  }

  async function select(text) {
    return JSON.parse((await execute(text, "application/sparql-results+json")).body);
  }

  /** Run ``text`` (parameters bound as terms); what the table shows and the downloads hold.
   * ``post`` (a library example) asks for its labels, chains and order, as the CLI does them. */
  async function runQuery(text, bindings, sets, post) {
    const refused = refusal(text);
    if (refused) throw Object.assign(new Error(refused), { refused: true });
    const kind = kindOf(text);
    const bound = withValues(text, bindings || {});
    const answer = await execute(bound, kind === "graph" ? "application/n-triples" : "application/sparql-results+json");
    if (kind === "graph") return { kind, triples: answer.body, ms: answer.ms };
    const json = JSON.parse(answer.body);
    let processed = false;
    if (kind === "select" && post) processed = await self.stagegraphPost.apply(json, post, data.lang, data.labelsQuery, select);
    if (kind === "select" && sets && sets.length) sortSets(json, sets);
    return { kind, json, ms: answer.ms, processed };
  }

  function prefixed(iri) {
    let best = null;
    for (const [prefix, base] of Object.entries(data.prefixes)) {
      if (iri.startsWith(base) && (!best || base.length > data.prefixes[best].length)) best = prefix;
    }
    const local = best ? iri.slice(data.prefixes[best].length) : null;
    return best && /^[\w.-]*$/.test(local) ? best + ":" + local : iri;
  }

  function cellNode(value) {
    if (!value) return document.createTextNode("");
    if (value.type === "uri") {
      const href = data.links[value.value];
      const shown = prefixed(value.value);
      if (!href) return document.createTextNode(shown);
      const link = document.createElement("a");
      link.href = href;
      link.textContent = shown;
      link.title = value.value;
      return link;
    }
    if (value.type === "bnode") return document.createTextNode("_:" + value.value);
    return document.createTextNode(value.value);
  }

  function showTable(json, name) {
    const vars = json.head.vars, rows = json.results.bindings;
    const table = document.createElement("table");
    const caption = table.createCaption();
    caption.textContent = rows.length > SHOWN_ROWS ? say("first_rows", { shown: count(SHOWN_ROWS), n: count(rows.length) }) : say("rows_of", { name });
    const head = table.createTHead().insertRow();
    for (const name of vars) {
      const th = document.createElement("th");
      th.scope = "col";
      th.textContent = name;
      head.appendChild(th);
    }
    const tbody = table.createTBody();
    for (const row of rows.slice(0, SHOWN_ROWS)) {
      const tr = tbody.insertRow();
      for (const name of vars) tr.insertCell().appendChild(cellNode(row[name]));
    }
    return table;
  }

  // SPARQL 1.1 Query Results CSV and TSV Formats.
  const csvField = (s) => (/[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s);
  const csvValue = (v) => (!v ? "" : v.type === "bnode" ? "_:" + v.value : v.value);
  function tsvValue(v) {
    if (!v) return "";
    if (v.type === "uri") return "<" + v.value + ">";
    if (v.type === "bnode") return "_:" + v.value;
    const text = '"' + v.value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/\r/g, "\\r").replace(/\t/g, "\\t") + '"';
    if (v["xml:lang"]) return text + "@" + v["xml:lang"];
    if (v.datatype && v.datatype !== "http://www.w3.org/2001/XMLSchema#string") return text + "^^<" + v.datatype + ">";
    return text;
  }

  function downloads(result, name) {
    state.urls.forEach((u) => URL.revokeObjectURL(u));
    state.urls = [];
    const link = (id, text, type, file) => {
      const url = URL.createObjectURL(new Blob([text], { type }));
      state.urls.push(url);
      const a = $(id);
      a.href = url;
      a.download = file;
    };
    if (result.kind === "graph") {
      link("download-csv", result.triples, "application/n-triples", name + ".nt");
      $("download-csv").textContent = "N-Triples";
      $("download-tsv").hidden = $("download-json").hidden = true;
      return;
    }
    $("download-csv").textContent = "CSV";
    $("download-tsv").hidden = $("download-json").hidden = false;
    const vars = result.json.head.vars || [], rows = (result.json.results || { bindings: [] }).bindings;
    const csv = [vars.join(",")].concat(rows.map((r) => vars.map((v) => csvField(csvValue(r[v]))).join(","))).join("\r\n") + "\r\n";
    const tsv = [vars.map((v) => "?" + v).join("\t")].concat(rows.map((r) => vars.map((v) => tsvValue(r[v])).join("\t"))).join("\n") + "\n";
    link("download-csv", csv, "text/csv", name + ".csv");
    link("download-tsv", tsv, "text/tab-separated-values", name + ".tsv");
    link("download-json", JSON.stringify(result.json, null, 2) + "\n", "application/sparql-results+json", name + ".srj");
  }

  function show(result, name) {
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
      view.appendChild(showTable(result.json, name));
      $("result-status").textContent = say(rows === 1 ? "row" : "rows", { n: count(rows), ms });
      body.dataset.rows = rows;
    }
    $("post-note").hidden = !result.processed;
    downloads(result, name);
    $("downloads").hidden = false;
  }

  // --- the form: examples, parameters, editor -------------------------------------------------

  function bindings() {
    const bound = {};
    const example = state.example;
    if (!example) return bound;
    for (const param of example.params) {
      const field = $("param-" + param.name);
      if (!field.value) throw Object.assign(new Error(say("choose_value", param)), { refused: true });
      bound[param.name] = { type: param.choices ? "uri" : "literal", value: field.value };
    }
    if (example.lang) bound.lang = { type: "literal", value: data.lang };
    return bound;
  }

  async function runFromForm() {
    if (!state.ready || state.pending) return;
    const text = $("query").value;
    $("result-status").textContent = say("running", {});
    body.dataset.state = "running";
    try {
      const example = state.example;
      // Only an example as the library wrote it is post-processed: edited or typed text is shown raw.
      const post = example && text === example.text ? example : null;
      const result = await runQuery(text, bindings(), example ? example.sets : [], post);
      show(result, example ? example.name : "query");
      body.dataset.state = "done";
    } catch (error) {
      $("result-view").replaceChildren();
      $("downloads").hidden = true;
      $("post-note").hidden = true;
      $("result-status").textContent = error.stopped ? error.message : say(error.refused ? "refused" : "failed", error);
      body.dataset.state = error.refused ? "refused" : error.stopped ? "stopped" : "error";
    }
  }

  function choose(example) {
    state.example = example;
    $("query").value = example.text;
    updateGutter();
    const summary = $("example-summary");
    summary.textContent = example.name + ": " + example.summary + (example.description ? " " + example.description : "");
    summary.hidden = false;
    const fields = $("param-fields");
    fields.replaceChildren();
    for (const param of example.params) fields.appendChild(paramField(param));
    $("params").hidden = example.params.length === 0;
    document.querySelectorAll("#example-list button").forEach((b) => b.setAttribute("aria-pressed", String(b.dataset.name === example.name)));
  }

  function paramField(param) {
    const wrap = document.createElement("p");
    const label = document.createElement("label");
    label.htmlFor = "param-" + param.name;
    label.textContent = param.name + " — " + param.description;
    let field;
    if (param.choices) {
      field = document.createElement("select");
      field.appendChild(new Option(say("choose", {}), ""));
      for (const [iri, name] of param.choices) field.appendChild(new Option(name, iri));
      const preset = param.default && param.choices.find(([iri, name]) => name === param.default || iri === param.default);
      if (preset) field.value = preset[0];
    } else {
      field = document.createElement("input");
      field.type = "text";
      field.value = param.default || "";
    }
    field.id = "param-" + param.name;
    wrap.append(label, field);
    return wrap;
  }

  function updateGutter() {
    const lines = $("query").value.split("\n").length;
    $("gutter").textContent = Array.from({ length: lines }, (_, i) => i + 1).join("\n");
    $("gutter").scrollTop = $("query").scrollTop;
  }

  function newQuery() {
    state.example = null;
    $("query").value = "SELECT ?s ?p ?o WHERE {\n  ?s ?p ?o\n}\nLIMIT 20\n";
    $("example-summary").hidden = true;
    $("params").hidden = true;
    document.querySelectorAll("#example-list button").forEach((b) => b.setAttribute("aria-pressed", "false"));
    updateGutter();
  }

  function build() {
    const list = $("example-list");
    for (const example of data.examples) {
      const item = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.dataset.name = example.name;
      button.textContent = example.name;
      button.setAttribute("aria-pressed", "false");
      button.setAttribute("aria-describedby", "example-" + example.name);
      button.addEventListener("click", () => choose(example));
      const summary = document.createElement("span");
      summary.id = "example-" + example.name;
      summary.textContent = example.summary;
      item.append(button, summary);
      list.appendChild(item);
    }
    const prefixes = $("prefix-list");
    for (const [prefix, iri] of Object.entries(data.prefixes)) {
      const dt = document.createElement("dt"), dd = document.createElement("dd");
      dt.textContent = prefix + ":";
      dd.textContent = iri;
      prefixes.append(dt, dd);
    }
    $("footer-graph").textContent = say("triples", { n: count(data.triples) });
    const editor = $("query");
    editor.addEventListener("input", updateGutter);
    editor.addEventListener("scroll", () => { $("gutter").scrollTop = editor.scrollTop; });
    editor.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        runFromForm();
      }
    });
    $("run").addEventListener("click", runFromForm);
    $("stop").addEventListener("click", () => stop(say("stopped", {})));
    $("clear").addEventListener("click", newQuery);
    newQuery();
  }

  /** For tests and scripts: run a library query by name, with parameters as IRIs or text. */
  async function runExample(name, params) {
    const example = data.examples.find((e) => e.name === name);
    const bound = {};
    for (const param of example.params) bound[param.name] = { type: param.choices ? "uri" : "literal", value: params[param.name] };
    if (example.lang) bound.lang = { type: "literal", value: data.lang };
    return runQuery(example.text, bound, example.sets, example);
  }

  window.sparqlPage = { runExample, runQuery, refusal, data };
  build();
  startEngine();
})();
