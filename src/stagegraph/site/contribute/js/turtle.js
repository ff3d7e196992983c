// Canonical Turtle as src/stagegraph/rdf/canonical.py writes it, for the graphs `stagegraph new`
// makes (IRIs and literals, no blank nodes): the prefixes used, sorted; one block per subject in
// IRI order, `a` first, then labels, then the other predicates by their written name, one per
// line, objects sorted (IRIs, then literals by language, datatype and text). Pure: node --test runs it.
//
// A term is {iri} or {value, lang, datatype} (lang and datatype null when absent).

export const RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label";
const SKOS = "http://www.w3.org/2004/02/skos/core#";
const XSD = "http://www.w3.org/2001/XMLSchema#";
const PREDICATE_RANK = { [RDF_TYPE]: 0, [RDFS_LABEL]: 1, [`${SKOS}prefLabel`]: 2, [`${SKOS}altLabel`]: 3 };
const PLAIN = {
  [`${XSD}integer`]: /^[+-]?[0-9]+$/,
  [`${XSD}decimal`]: /^[+-]?[0-9]*\.[0-9]+$/,
  [`${XSD}boolean`]: /^(true|false)$/,
};
const PN_LOCAL = /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?$/;
const ESCAPES = { "\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t" };
const LONG_ESCAPES = { "\\": "\\\\", "\r": "\\r" };
const XSD_STRING = `${XSD}string`;

/** -1, 0 or 1 as `a` sorts before, with or after `b` by code point, as Python compares text
 * (JavaScript's < compares UTF-16 code units, which puts U+FF61 after U+1F600). */
export function byCodePoint(a, b) {
  if (a === b) return 0;
  const x = Array.from(a);
  const y = Array.from(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i].codePointAt(0) < y[i].codePointAt(0) ? -1 : 1;
  }
  return x.length < y.length ? -1 : x.length > y.length ? 1 : 0;
}

function compareTuples(a, b) {
  for (let i = 0; i < a.length; i++) {
    const order = typeof a[i] === "number" ? Math.sign(a[i] - b[i]) : byCodePoint(a[i], b[i]);
    if (order) return order;
  }
  return 0;
}

/** A term's identity: equal keys are the same RDF term (a language tag compared without case). */
export function termKey(term) {
  if (term.iri !== undefined) return JSON.stringify(term.iri);
  return JSON.stringify([term.value, (term.lang || "").toLowerCase(), term.datatype || ""]);
}

class Writer {
  constructor(prefixes) {
    this.prefixes = prefixes;
    this.used = {};
    this.names = new Map();
  }

  /** [prefix or null, written form] of an IRI: the longest prefix whose local part is a PN_LOCAL. */
  split(text) {
    if (!this.names.has(text)) {
      let best = null;
      for (const [prefix, uri] of Object.entries(this.prefixes)) {
        if (text.startsWith(uri) && (best === null || uri.length > this.prefixes[best].length)) best = prefix;
      }
      let found = [null, `<${text}>`];
      if (best !== null) {
        const local = text.slice(this.prefixes[best].length);
        if (local === "" || PN_LOCAL.test(local)) found = [best, `${best}:${local}`];
      }
      this.names.set(text, found);
    }
    return this.names.get(text);
  }

  iri(text, record = true) {
    const [prefix, written] = this.split(text);
    if (prefix !== null && record) this.used[prefix] = this.prefixes[prefix];
    return written;
  }

  literal(term) {
    const text = term.value;
    const pattern = PLAIN[term.datatype];
    if (pattern?.test(text)) return text;
    let body;
    if (text.includes("\n")) {
      let escaped = Array.from(text, (c) => LONG_ESCAPES[c] ?? c).join("");
      // Python's `$` also matches before a last line break: "+(?=\n?$) is its "+$.
      escaped = escaped.replace(/"{3,}|"+(?=\n?$)/g, (run) => '\\"'.repeat(run.length));
      body = `"""${escaped}"""`;
    } else {
      body = `"${Array.from(text, (c) => ESCAPES[c] ?? c).join("")}"`;
    }
    if (term.lang) return `${body}@${term.lang}`;
    if (term.datatype && term.datatype !== XSD_STRING) return `${body}^^${this.iri(term.datatype)}`;
    return body;
  }

  term(term) {
    return term.iri !== undefined ? this.iri(term.iri) : this.literal(term);
  }
}

function objectKey(term) {
  if (term.iri !== undefined) return [0, "", "", term.iri];
  return [1, term.lang || "", term.datatype || "", term.value];
}

/** The canonical Turtle text of `triples` ([subject IRI, predicate IRI, term], each once). */
export function serialize(triples, prefixes) {
  const writer = new Writer(prefixes);
  const bySubject = new Map();
  for (const [subject, predicate, object] of triples) {
    if (!bySubject.has(subject)) bySubject.set(subject, new Map());
    const byPredicate = bySubject.get(subject);
    if (!byPredicate.has(predicate)) byPredicate.set(predicate, []);
    byPredicate.get(predicate).push(object);
  }
  const subjects = [...bySubject.keys()].sort(byCodePoint);
  const blocks = subjects.map((subject) => {
    const byPredicate = bySubject.get(subject);
    const predicates = [...byPredicate.keys()].sort((a, b) =>
      compareTuples([PREDICATE_RANK[a] ?? 9, writer.iri(a, false)], [PREDICATE_RANK[b] ?? 9, writer.iri(b, false)]),
    );
    const lines = predicates.map((predicate) => {
      const name = predicate === RDF_TYPE ? "a" : writer.iri(predicate);
      const objects = [...byPredicate.get(predicate)].sort((a, b) => compareTuples(objectKey(a), objectKey(b)));
      return `    ${name} ${objects.map((o) => writer.term(o)).join(", ")}`;
    });
    return `${writer.iri(subject)}\n${lines.join(" ;\n")} .\n`;
  });
  const body = blocks.join("\n");
  const used = Object.keys(writer.used).sort(byCodePoint);
  const head = used.map((p) => `@prefix ${p}: <${writer.used[p]}> .\n`).join("");
  return head + (body ? `\n${body}` : "");
}
