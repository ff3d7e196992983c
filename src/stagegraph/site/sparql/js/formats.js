// A result as the downloads hold it (SPARQL 1.1 Query Results CSV and TSV), and IRIs as the table
// shows them. Pure: SPARQL JSON in, text out.

const XSD_STRING = "http://www.w3.org/2001/XMLSchema#string";

const csvField = (s) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const csvValue = (v) => (!v ? "" : v.type === "bnode" ? `_:${v.value}` : v.value);

/** One cell as a term of the TSV format: IRIs in <>, literals quoted with their tag or datatype. */
export function tsvValue(v) {
  if (!v) return "";
  if (v.type === "uri") return `<${v.value}>`;
  if (v.type === "bnode") return `_:${v.value}`;
  const escaped = v.value
    .replace(/\\/g, "\\\\")
    .replace(/"/g, '\\"')
    .replace(/\n/g, "\\n")
    .replace(/\r/g, "\\r")
    .replace(/\t/g, "\\t");
  if (v["xml:lang"]) return `"${escaped}"@${v["xml:lang"]}`;
  if (v.datatype && v.datatype !== XSD_STRING) return `"${escaped}"^^<${v.datatype}>`;
  return `"${escaped}"`;
}

const variables = (json) => json.head.vars || [];
const bindings = (json) => (json.results || { bindings: [] }).bindings;

/** A SELECT's SPARQL JSON as CSV (lines end with CRLF). */
export function csvText(json) {
  const vars = variables(json);
  const lines = [vars.join(",")].concat(bindings(json).map((r) => vars.map((v) => csvField(csvValue(r[v]))).join(",")));
  return `${lines.join("\r\n")}\r\n`;
}

/** A SELECT's SPARQL JSON as TSV. */
export function tsvText(json) {
  const vars = variables(json);
  const lines = [vars.map((v) => `?${v}`).join("\t")].concat(
    bindings(json).map((r) => vars.map((v) => tsvValue(r[v])).join("\t")),
  );
  return `${lines.join("\n")}\n`;
}

/** `iri` as prefix:local with the longest of `prefixes` it starts with, when the local part is plain; else itself. */
export function prefixed(iri, prefixes) {
  let best = null;
  for (const [prefix, base] of Object.entries(prefixes)) {
    if (iri.startsWith(base) && (!best || base.length > prefixes[best].length)) best = prefix;
  }
  const local = best ? iri.slice(prefixes[best].length) : null;
  return best && /^[\w.-]*$/.test(local) ? `${best}:${local}` : iri;
}
