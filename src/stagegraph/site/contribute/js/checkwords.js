// What each result of the contribution check says, as the CLI says it: a shape's sh:message; an
// sh:sparql constraint's message with its {?var} filled in (validate/setwise/engine.py's _filled,
// as pySHACL fills it); or pySHACL's generic words, made at build time with holes for the focus
// node and the value, filled here as pySHACL writes a term (pyshacl.rdfutil.stringify_node with
// a fresh graph's prefixes). A term pySHACL would write in a way not ported here (a blank node,
// a float, a language tag whose case Oxigraph lowered) makes the check decline.

import { rdflibDatatype, readDate, readDecimal, readInteger } from "./checklocal.js";
import { Declined, RDF_TYPE } from "./checkrdf.js";

/** An sh:sparql constraint's message filled from a result's bindings (a Map: variable → term),
 * in the order the query binds them, then this, path and value. */
export function fillSparql(message, bindings, focus, path, value) {
  const fills = [];
  for (const [name, term] of bindings) if (!["this", "path", "value"].includes(name)) fills.push([name, term]);
  fills.push(["this", focus]);
  if (path) fills.push(["path", path]);
  fills.push(["value", value]);
  let text = message;
  for (const [name, term] of fills) {
    const filled = term ? term.value : "None";
    if (filled.includes("\\"))
      throw new Declined("a message would be filled with a backslash, which Python's re.sub reads");
    const hole = new RegExp(`\\{[?$]${name.replace(/[^\w]/g, "")}\\}`, "g");
    text = text.replace(hole, () => filled);
  }
  return text;
}

/** A message of the plan ({text} or {parts}) for a result about `focus` with `value`. */
export function messageText(message, focus, value, namespaces, modes) {
  if ("text" in message) return message.text;
  return message.parts
    .map((part) =>
      typeof part === "string" ? part : stringify(part.slot === "focus" ? focus : value, namespaces, modes),
    )
    .join("");
}

/** A term as pySHACL writes it in its generic messages (stringify_node). */
export function stringify(term, namespaces, modes) {
  if (!term) return "None";
  if (term.termType === "NamedNode") return iriN3(term.value, namespaces);
  if (term.termType === "Literal") return literalText(term, namespaces, modes);
  throw new Declined("pySHACL would describe a blank node in this message, which the browser does not do as it does");
}

function literalText(term, namespaces, modes) {
  if (term.language) throw new Declined("pySHACL would write a language tag as written, which Oxigraph lowercases");
  const datatype = rdflibDatatype(term);
  const lexical = term.value;
  const shown = (value) => (value === null || value === lexical ? `"${lexical}"` : `"${lexical}" = ${value}`);
  if (datatype === null) return `Literal(${shown(lexical)})`;
  return `Literal(${shown(pythonValue(lexical, datatype, modes))}, datatype=${iriN3(datatype, namespaces)})`;
}

/** str(literal.value) in Python, or null when rdflib gives the literal no value. */
function pythonValue(lexical, datatype, modes) {
  const mode = modes[datatype];
  if (mode === undefined) return null;
  if (mode === "str") return lexical;
  if (mode === "integer") {
    const value = readInteger(lexical);
    return value === null ? null : value.toString();
  }
  if (mode === "boolean") return ["1", "true"].includes(lexical.toLowerCase()) ? "True" : "False";
  if (mode === "date") {
    const value = readDate(lexical);
    return value === null
      ? null
      : `${String(value[0]).padStart(4, "0")}-${String(value[1]).padStart(2, "0")}-${String(value[2]).padStart(2, "0")}`;
  }
  if (mode === "decimal") {
    const value = readDecimal(lexical);
    if (value === null) return null;
    const fraction = value.fraction;
    if (value.finite && value.exponent === undefined && (fraction === undefined || fraction.length <= 6)) {
      const whole = (value.whole || "0").replace(/^0+(?=[0-9])/, "");
      return `${value.sign === "-" ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`;
    }
  }
  throw new Declined(`pySHACL would write the value of ${JSON.stringify(lexical)} in a way the browser does not`);
}

// rdflib.namespace.split_uri's character classes (NAME_CATEGORIES, SPLIT_START_CATEGORIES).
const NAME = /[\p{Ll}\p{Lu}\p{Lo}\p{Lt}\p{Nd}]/u;
const SPLIT_START = /[\p{Ll}\p{Lu}\p{Lo}\p{Lt}\p{Nl}_]/u;
const NAME_EXTRA = new Set(["\u00b7", "\u0387", "-", ".", "_", "%", "(", ")"]);

/** An IRI as rdflib writes it with a fresh graph's prefixes (URIRef.n3(namespace_manager)). */
export function iriN3(iri, namespaces) {
  if (!/^[\u0021-\u007e]*$/.test(iri))
    throw new Declined(
      "pySHACL would write an IRI with non-ASCII characters, which the browser does not do as it does",
    );
  const split = splitUri(iri);
  if (split === null) return `<${iri}>`;
  const bound = namespaces.filter(([, namespace]) => namespace === split);
  if (!bound.length) return `<${iri}>`;
  const longer = namespaces.filter(([, namespace]) => namespace.length > split.length && iri.startsWith(namespace));
  if (longer.length) throw new Declined("pySHACL's choice between two prefixes of one IRI is not ported");
  return `${bound[0][0]}:${iri.slice(split.length)}`;
}

const XMLNS = "http://www.w3.org/XML/1998/namespace";

/** rdflib's split_uri: the namespace part of an IRI, or null where it cannot split it. */
function splitUri(iri) {
  if (iri.startsWith(XMLNS)) return XMLNS;
  const chars = Array.from(iri);
  for (let i = chars.length - 1; i >= 0; i--) {
    if (NAME.test(chars[i]) || NAME_EXTRA.has(chars[i])) continue;
    // Python's range(-1 - i, length) visits the rest of the IRI, then its start again.
    const order = [...chars.keys()].slice(i).concat([...chars.keys()]);
    for (const j of order) {
      if (SPLIT_START.test(chars[j])) return j === 0 ? null : chars.slice(0, j).join("");
    }
    return null;
  }
  return null;
}

/** The property a result concerns, for a form to show it beside its field. */
export function fieldOf(check, bindings) {
  for (const name of ["path", "property"]) {
    const term = bindings?.get(name);
    if (term?.termType === "NamedNode" && term.value !== RDF_TYPE) return term.value;
  }
  return check.field || null;
}
