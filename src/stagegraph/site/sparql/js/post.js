// What the library asks of an example's result after the query, done as the CLI does it:
// #+ labels, #+ chain and #+ order (src/stagegraph/query/post.py), then #+ sets (query/run.py's
// sort_sets). Results are SPARQL JSON, changed in place; the labels come from `runSelect`, given
// by the caller. tests/site/test_post_equivalence.py proves the rows equal to Python's for
// every library query; where Python's rules are odd, these follow them (Python is the reference).
import { iriTerm } from "./sparqltext.js";
import { say } from "./words.js";

const XSD = "http://www.w3.org/2001/XMLSchema#";
// The datatypes whose values rdflib gives as int or float (xsd:decimal is a Decimal, xsd:boolean a bool: text).
const INTEGERS = new Set(
  [
    "integer",
    "int",
    "long",
    "short",
    "byte",
    "nonNegativeInteger",
    "positiveInteger",
    "nonPositiveInteger",
    "negativeInteger",
    "unsignedLong",
    "unsignedInt",
    "unsignedShort",
    "unsignedByte",
  ].map((name) => XSD + name),
);
const FLOATS = new Set([`${XSD}double`, `${XSD}float`]);
/** Entities asked for in one labels query (query/post.py's BATCH). */
export const CHUNK = 500;

/** Python's order of strings: by code point (JavaScript's `<` compares UTF-16 code units). */
export function byCodePoint(a, b) {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    if (a.charCodeAt(i) !== b.charCodeAt(i)) return a.codePointAt(i) - b.codePointAt(i);
  }
  return a.length - b.length;
}

// --- numbers as Python reads them: rdflib's value of an xsd:integer is int(text), of an
// xsd:double or xsd:float float(text); both allow white space around, "_" between digits and
// the decimal digits of every script.

const PY_SPACE = "[\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*";
const PY_STRIP = new RegExp(`^${PY_SPACE}([\\s\\S]*?)${PY_SPACE}$`);
const DIGIT = /\p{Nd}/u;
const DIGITS = /\p{Nd}/gu;
const LONE_UNDERSCORE = /(?<=[0-9])_(?=[0-9])/g;
const INTEGER = /^[+-]?[0-9]+$/;
const FLOAT = /^[+-]?(?:(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|inf|infinity|nan)$/i;

/** A decimal digit of any script as 0-9: Unicode assigns them in runs of ten, 0 first. */
function asciiDigit(char) {
  const at = char.codePointAt(0);
  let start = at;
  while (DIGIT.test(String.fromCodePoint(start - 1))) start -= 1;
  return String((at - start) % 10);
}

/** The text as Python's int() and float() see it before parsing, or null when "_" is misplaced. */
function pythonNumeral(text) {
  const plain = PY_STRIP.exec(text)[1].replace(DIGITS, asciiDigit);
  const joined = plain.replace(LONE_UNDERSCORE, "");
  return joined.includes("_") ? null : joined;
}

/** Python's int(text) as a BigInt (compared exactly with numbers by `<`), or null. */
export function pythonInt(text) {
  const numeral = pythonNumeral(text);
  return numeral !== null && INTEGER.test(numeral) ? BigInt(numeral) : null;
}

/** Python's float(text), or null. */
export function pythonFloat(text) {
  const numeral = pythonNumeral(text);
  if (numeral === null || !FLOAT.test(numeral)) return null;
  const special = /^([+-]?)(inf|infinity|nan)$/i.exec(numeral);
  if (!special) return Number(numeral);
  if (special[2].toLowerCase() === "nan") return Number.NaN;
  return special[1] === "-" ? -Infinity : Infinity;
}

// --- #+ labels ------------------------------------------------------------------------------

/** Each cell of `columns` becomes its label in `lang` (else English), else unbound; `runSelect(text)`
 * runs a SELECT on the same store and gives its JSON. As Python does it, a cell is looked up by its
 * text, an IRI's or not (only IRIs are asked for, but a literal spelling one of them gets its label). */
export async function label(json, columns, lang, labelsQuery, runSelect) {
  const present = columns.filter((c) => json.head.vars.includes(c));
  const rows = json.results.bindings;
  const entities = new Set();
  for (const row of rows) {
    for (const c of present) if (row[c] && row[c].type === "uri") entities.add(row[c].value);
  }
  const sorted = Array.from(entities).sort(byCodePoint);
  const names = new Map();
  for (let start = 0; start < sorted.length; start += CHUNK) {
    const values = sorted
      .slice(start, start + CHUNK)
      .map(iriTerm)
      .join(" ");
    const found = await runSelect(labelsQuery.replace("%s", () => values));
    for (const row of found.results.bindings) {
      if (!row.entity || !row.label) continue;
      if (!names.has(row.entity.value)) names.set(row.entity.value, []);
      names.get(row.entity.value).push(row.label);
    }
  }
  const best = new Map();
  for (const [iri, labels] of names) best.set(iri, pick(labels.sort(byLanguageThenText), lang));
  for (const row of rows) {
    for (const c of present) {
      if (!row[c]) continue;
      const found = best.get(row[c].value);
      if (found) row[c] = found;
      else delete row[c];
    }
  }
}

/** rdflib's order of language-tagged literals: by tag, then by text. */
function byLanguageThenText(a, b) {
  return byCodePoint(a["xml:lang"] || "", b["xml:lang"] || "") || byCodePoint(a.value, b.value);
}

/** The first of `labels` in `lang` (or a region of it), else the first in English; null when neither. */
export function pick(labels, lang) {
  for (const wanted of [lang, "en"]) {
    for (const found of labels) {
      if (found.type !== "literal") continue;
      const tag = (found["xml:lang"] || "").toLowerCase();
      if (tag === wanted || tag.startsWith(`${wanted}-`)) return found;
    }
  }
  return null;
}

// --- #+ chain -------------------------------------------------------------------------------

function column(vars, name, header) {
  const at = vars.indexOf(name);
  if (at < 0) throw new Error(say("header", { header, name }));
  return at;
}

/** The bound `parts` joined with " → " into one plain literal column `target`, where the first of them was. */
export function chain(json, target, parts) {
  const vars = json.head.vars;
  const at = Math.min(...parts.map((p) => column(vars, p, "chain")));
  for (const row of json.results.bindings) {
    const joined = parts
      .filter((p) => row[p])
      .map((p) => row[p].value)
      .join(" → ");
    for (const p of parts) delete row[p];
    row[target] = { type: "literal", value: joined };
  }
  json.head.vars = vars.flatMap((v, i) => (i === at ? [target] : parts.includes(v) ? [] : [v]));
}

// --- #+ order -------------------------------------------------------------------------------

/** Unbound first, then numbers by value, then everything else by its text (query/post.py's _sortable). */
export function sortable(cell) {
  if (!cell) return [0, 0, ""];
  if (cell.type === "literal" && INTEGERS.has(cell.datatype)) {
    const value = pythonInt(cell.value);
    if (value !== null) return [1, value, ""];
  }
  if (cell.type === "literal" && FLOATS.has(cell.datatype)) {
    const value = pythonFloat(cell.value);
    if (value !== null) return [1, value, ""];
  }
  return [2, 0, cell.value];
}

/** Python's comparison of two sortable keys (tuples): NaN is neither less nor more than anything. */
export function compare(a, b) {
  if (a[0] !== b[0]) return a[0] - b[0];
  if (a[1] < b[1]) return -1;
  if (a[1] > b[1]) return 1;
  return byCodePoint(a[2], b[2]);
}

/** The rows sorted by `columns` ("-name" descending), stably, the last one first, as Python's
 * list.sort(key=…, reverse=…) does it (reversed around a stable ascending sort). */
export function order(json, columns) {
  const rows = json.results.bindings;
  for (const spec of columns.slice().reverse()) {
    const name = spec.replace(/^-+/, "");
    column(json.head.vars, name, "order");
    const keys = new Map(rows.map((row) => [row, sortable(row[name])]));
    const descending = spec.startsWith("-");
    if (descending) rows.reverse();
    rows.sort((x, y) => compare(keys.get(x), keys.get(y)));
    if (descending) rows.reverse();
  }
}

// --- #+ sets --------------------------------------------------------------------------------

/** The members of each "; "-separated literal in `sets` sorted, as a plain literal (query/run.py's sort_sets). */
export function sortSets(json, sets) {
  const present = sets.filter((c) => json.head.vars.includes(c));
  for (const row of json.results.bindings) {
    for (const name of present) {
      const cell = row[name];
      if (cell && cell.type === "literal") {
        row[name] = { type: "literal", value: cell.value.split("; ").sort(byCodePoint).join("; ") };
      }
    }
  }
}

/** `json` (a SELECT's SPARQL JSON, changed in place) with the example's labels, chains and order;
 * `runSelect(text)` runs a SELECT on the same store and gives its JSON. True when anything was done. */
export async function apply(json, example, lang, labelsQuery, runSelect) {
  const labels = example.labels || [];
  const chains = example.chains || [];
  const sorting = example.order || [];
  if (labels.length) await label(json, labels, lang, labelsQuery, runSelect);
  for (const [target, parts] of chains) chain(json, target, parts);
  if (sorting.length) order(json, sorting);
  return Boolean(labels.length || chains.length || sorting.length);
}
