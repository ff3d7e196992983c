// Terms as the contribution check handles them: Oxigraph's JavaScript terms ({termType, value,
// language, datatype}) compared, written and named as the CLI names them, and Declined, what a
// check throws when it cannot judge a contribution exactly as `stagegraph add` would.

export const XSD = "http://www.w3.org/2001/XMLSchema#";
export const RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
export const RDFS = "http://www.w3.org/2000/01/rdf-schema#";
export const XSD_STRING = `${XSD}string`;
export const LANG_STRING = `${RDF}langString`;
export const RDF_TYPE = `${RDF}type`;

/** A contribution (or a universe) the browser cannot check as `stagegraph add --dry-run` does:
 * the page says so and points to the command, rather than guessing. */
export class Declined extends Error {
  constructor(reason) {
    super(reason);
    this.name = "Declined";
    this.declined = true;
  }
}

/** Why a universe's checks cannot run in the browser, as the page says it. */
export function universeDeclined(reasons) {
  return `this universe's shapes cannot be checked in the browser (${reasons.join("; ")}); run stagegraph add --dry-run`;
}

/** Python's order of two strings: by code point (JavaScript's < compares UTF-16 units). */
export function byCodePoint(a, b) {
  const left = Array.from(a);
  const right = Array.from(b);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const x = left[i].codePointAt(0);
    const y = right[i].codePointAt(0);
    if (x !== y) return x < y ? -1 : 1;
  }
  return left.length - right.length;
}

const ESCAPES = { "\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r" };

/** A term in N-Triples (as pyoxigraph's str(term) writes it, for a VALUES block). */
export function ntriples(term) {
  if (term.termType === "NamedNode") return `<${term.value}>`;
  if (term.termType === "BlankNode") return `_:${term.value}`;
  if (term.termType !== "Literal") throw new Error(`not an RDF term: ${term.termType}`);
  const text = `"${term.value.replace(/[\\"\n\r]/g, (c) => ESCAPES[c])}"`;
  if (term.language) return `${text}@${term.language}`;
  const datatype = datatypeOf(term);
  return datatype === XSD_STRING ? text : `${text}^^<${datatype}>`;
}

/** The datatype IRI of a literal term (Oxigraph's, or a plain object's `datatype` text). */
export function datatypeOf(term) {
  const datatype = term.datatype;
  return typeof datatype === "string" ? datatype : datatype?.value;
}

/** Whether two terms are the same RDF term (language tags compared as rdflib does, in any case). */
export function sameTerm(a, b) {
  if (a.termType !== b.termType || a.value !== b.value) return false;
  if (a.termType !== "Literal") return true;
  return (a.language || "").toLowerCase() === (b.language || "").toLowerCase() && datatypeOf(a) === datatypeOf(b);
}

/** The term as the CLI prints it (str() of an rdflib term): an IRI, a blank node's label, a literal's text. */
export function text(term) {
  return term.value;
}

/** `character:mizi` for an IRI in one of `prefixes` (the longest namespace wins), else the text
 * itself: rdf/namespaces.py's short(). */
export function short(prefixes, value) {
  let best = "";
  for (const [prefix, namespace] of Object.entries(prefixes)) {
    if (value.startsWith(namespace) && namespace.length > (prefixes[best] || "").length) best = prefix;
  }
  return best ? `${best}:${value.slice(prefixes[best].length)}` : value;
}
