// What the library asks of an example's result after the query, done as the CLI does it
// (src/stagegraph/query/post.py): #+ labels, #+ chain and #+ order. Sets self.stagegraphPost.
(function () {
  "use strict";
  const XSD = "http://www.w3.org/2001/XMLSchema#";
  // The datatypes whose values rdflib gives as int or float (xsd:decimal is a Decimal: text).
  const INTEGERS = new Set(["integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte"].map((n) => XSD + n));
  const FLOATS = new Set([XSD + "double", XSD + "float"]);
  const SAFE_IRI = /^[^<>"{}|^`\\\x00-\x20]*$/;
  const CHUNK = 500;
  // The page's words (site/words.py, ``sq_*``), set by the page: its messages in the reader's language.
  const post = { words: {} };
  const say = (key, values) => (post.words[key] || key).replace(/\{(\w+)\}/g, (_, name) => String(values[name]));

  /** Python's order of strings (by code point). */
  function byCodePoint(a, b) {
    const x = Array.from(a), y = Array.from(b);
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      const d = x[i].codePointAt(0) - y[i].codePointAt(0);
      if (d) return d;
    }
    return x.length - y.length;
  }

  function column(vars, name, header) {
    const at = vars.indexOf(name);
    if (at < 0) throw new Error(say("header", { header, name }));
    return at;
  }

  /** Each IRI in ``columns`` becomes its label in ``lang`` (else English); anything else becomes unbound. */
  async function label(json, columns, lang, labelsQuery, runSelect) {
    const present = columns.filter((c) => json.head.vars.includes(c));
    const rows = json.results.bindings;
    const entities = new Set();
    for (const row of rows) for (const c of present) if (row[c] && row[c].type === "uri") entities.add(row[c].value);
    const sorted = Array.from(entities).sort(byCodePoint);
    const names = new Map();
    for (let start = 0; start < sorted.length; start += CHUNK) {
      const values = sorted.slice(start, start + CHUNK).map((iri) => {
        if (!SAFE_IRI.test(iri)) throw new Error(say("bad_iri", { iri }));
        return "<" + iri + ">";
      }).join(" ");
      const found = await runSelect(labelsQuery.replace("%s", () => values));
      for (const row of found.results.bindings) {
        if (!row.entity || !row.label) continue;
        if (!names.has(row.entity.value)) names.set(row.entity.value, []);
        names.get(row.entity.value).push(row.label);
      }
    }
    for (const labels of names.values()) {
      labels.sort((a, b) => byCodePoint(a.value, b.value) || byCodePoint(a["xml:lang"] || "", b["xml:lang"] || ""));
    }
    for (const row of rows) {
      for (const c of present) {
        if (!row[c]) continue;
        const best = row[c].type === "uri" ? pick(names.get(row[c].value) || [], lang) : null;
        if (best) row[c] = best;
        else delete row[c];
      }
    }
  }

  function pick(labels, lang) {
    for (const wanted of [lang, "en"]) {
      for (const found of labels) {
        const tag = (found["xml:lang"] || "").toLowerCase();
        if (tag === wanted || tag.startsWith(wanted + "-")) return found;
      }
    }
    return null;
  }

  /** The non-empty ``parts`` joined with " → " into one column ``target``, where the first of them was. */
  function chain(json, target, parts) {
    const vars = json.head.vars;
    const at = Math.min(...parts.map((p) => column(vars, p, "chain")));
    for (const row of json.results.bindings) {
      const joined = parts.filter((p) => row[p]).map((p) => row[p].value).join(" → ");
      for (const p of parts) delete row[p];
      row[target] = { type: "literal", value: joined };
    }
    json.head.vars = vars.map((v, i) => (i === at ? target : parts.includes(v) ? null : v)).filter((v) => v !== null);
  }

  /** Unbound first, then numbers by value, then everything else by its text. */
  function sortable(cell) {
    if (!cell) return [0, 0, ""];
    if (cell.type === "literal" && INTEGERS.has(cell.datatype) && /^\s*[+-]?\d+\s*$/.test(cell.value)) return [1, Number(cell.value), ""];
    if (cell.type === "literal" && FLOATS.has(cell.datatype)) {
      const text = cell.value.trim().replace(/^([+-]?)INF$/i, "$1Infinity");
      const value = /^[+-]?(Infinity|NaN)$/i.test(text) || /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text) ? Number(text) : null;
      if (value !== null) return [1, value, ""];
    }
    return [2, 0, cell.value];
  }

  function compare(a, b) {
    return a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0) || byCodePoint(a[2], b[2]);
  }

  function order(json, columns) {
    for (const spec of columns.slice().reverse()) {
      const name = spec.replace(/^-+/, ""), sign = spec.startsWith("-") ? -1 : 1;
      column(json.head.vars, name, "order");
      json.results.bindings.sort((x, y) => sign * compare(sortable(x[name]), sortable(y[name])));
    }
  }

  /** ``json`` (SPARQL results, changed in place) with the example's labels, chains and order;
   * ``runSelect(text)`` runs a SELECT on the same store and gives its JSON. True when anything was done. */
  async function apply(json, example, lang, labelsQuery, runSelect) {
    const labels = example.labels || [], chains = example.chains || [], sorting = example.order || [];
    if (labels.length) await label(json, labels, lang, labelsQuery, runSelect);
    for (const [target, parts] of chains) chain(json, target, parts);
    if (sorting.length) order(json, sorting);
    return Boolean(labels.length || chains.length || sorting.length);
  }

  self.stagegraphPost = Object.assign(post, { apply, byCodePoint, sortable, say });
})();
