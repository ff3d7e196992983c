// The local constraints of the set-at-a-time plan, judged on one term as validate/setwise/local.py
// judges it in Python with rdflib's reading of literals and pySHACL's rules: sh:datatype,
// sh:nodeKind, sh:in, sh:pattern, sh:languageIn, ranges, and sh:not, sh:or, sh:and of those.
// rdflib's readings are ported for the lexical forms whose reading is certain (ASCII numbers,
// dates, booleans); anything else throws Declined rather than guess.
//
// A term is Oxigraph's ({termType, value, language, datatype}), as the contribution wrote it.
// A string literal is read as rdflib reads one written without a datatype (Oxigraph cannot tell
// "x" from "x"^^xsd:string; every rule here judges the two alike, and so do the plan's queries).
import { byCodePoint, Declined, datatypeOf, LANG_STRING, RDFS, sameTerm, XSD, XSD_STRING } from "./checkrdf.js";

const RDFS_LITERAL = `${RDFS}Literal`;

/** Whether every character of `text` is ASCII. */
const isAscii = (text) => [...text].every((c) => c.codePointAt(0) < 0x80);

/** Python's str.strip() of an ASCII text (its whitespace: \t \n \v \f \r, 0x1c to 0x1f, space). */
function pythonStrip(text) {
  const space = (c) => c === " " || (c >= "\t" && c <= "\r") || (c >= "\u001c" && c <= "\u001f");
  let start = 0;
  let end = text.length;
  while (start < end && space(text[start])) start++;
  while (end > start && space(text[end - 1])) end--;
  return text.slice(start, end);
}
const KINDS = {
  IRI: ["NamedNode"],
  BlankNode: ["BlankNode"],
  Literal: ["Literal"],
  BlankNodeOrIRI: ["BlankNode", "NamedNode"],
  BlankNodeOrLiteral: ["BlankNode", "Literal"],
  IRIOrLiteral: ["NamedNode", "Literal"],
};

/** The datatype rdflib gives a literal: null for a string or a language-tagged one. */
export function rdflibDatatype(term) {
  const datatype = datatypeOf(term);
  return datatype === XSD_STRING || datatype === LANG_STRING ? null : datatype;
}

function declined(what, lexical) {
  return new Declined(`the browser cannot read ${JSON.stringify(lexical)} as ${what} exactly as rdflib does`);
}

function asciiOnly(lexical, what) {
  if (!isAscii(lexical)) throw declined(what, lexical);
  return pythonStrip(lexical);
}

/** int(lexical) as a BigInt, or null when Python's int() refuses it. */
export function readInteger(lexical) {
  const text = asciiOnly(lexical, "an integer");
  return /^[+-]?[0-9]+(?:_[0-9]+)*$/.test(text) ? BigInt(text.replace(/_/g, "")) : null;
}

const NUMBER = /^([+-]?)([0-9]*)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?$/;

/** Decimal(lexical) as {sign, whole, fraction, exponent, finite}, or null when it refuses it. */
export function readDecimal(lexical) {
  const text = asciiOnly(lexical, "a decimal");
  if (text.includes("_")) throw declined("a decimal", lexical);
  if (/^[+-]?(?:inf|infinity|s?nan[0-9]*)$/i.test(text)) return { finite: false };
  const found = NUMBER.exec(text);
  if (!found || !`${found[2]}${found[3] || ""}`) return null;
  return { finite: true, sign: found[1], whole: found[2], fraction: found[3], exponent: found[4] };
}

/** float(lexical), or null when Python's float() refuses it. */
export function readFloat(lexical) {
  const text = asciiOnly(lexical, "a float");
  if (text.includes("_")) throw declined("a float", lexical);
  if (/^[+-]?nan$/i.test(text)) return Number.NaN;
  if (/^[+-]?inf(?:inity)?$/i.test(text)) return text.startsWith("-") ? -Infinity : Infinity;
  const found = NUMBER.exec(text);
  if (!found || !`${found[2]}${found[3] || ""}`) return null;
  return Number(text);
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** rdflib's parse_xsd_date (then Python's date.fromisoformat) as [year, month, day], or null. */
export function readDate(lexical) {
  if (!isAscii(lexical)) throw declined("a date", lexical);
  let text = lexical;
  if (text.endsWith("Z") || text.endsWith("z")) text = text.slice(0, -1);
  if (text.startsWith("-")) return null; // date.fromisoformat("-…") always fails
  if (text.includes("T")) text = text.split("T")[0];
  else {
    const plus = text.lastIndexOf("+");
    const dash = text.lastIndexOf("-");
    if (plus > 0) text = text.slice(0, plus);
    else if (dash >= 0 && text.slice(dash + 1).includes(":")) text = text.slice(0, dash);
  }
  if (!text.includes("-")) return null;
  if (text.includes("W")) throw declined("a date", lexical); // ISO week dates: not ported
  const found = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(text);
  if (!found) return null;
  const [year, month, day] = found.slice(1).map(Number);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (year < 1 || month < 1 || month > 12 || day < 1) return null;
  return day <= DAYS[month - 1] + (month === 2 && leap ? 1 : 0) ? [year, month, day] : null;
}

/** How rdflib reads a literal: {kind: "none" (no value) | "str" | "integer" | "decimal" |
 * "boolean" | "date" | "double" | "float", value, wellTyped}. `modes`: datatype → reading
 * (validate/setwise/portable.py's literal_modes; a datatype it does not list has no value). */
export function reading(term, modes) {
  const datatype = rdflibDatatype(term);
  if (datatype === null) return { kind: "str", value: term.value, wellTyped: true };
  const mode = modes[datatype];
  const lexical = term.value;
  switch (mode) {
    case undefined:
      return { kind: "none", value: null, wellTyped: true };
    case "str":
      return { kind: "str", value: lexical, wellTyped: true };
    case "integer": {
      const value = readInteger(lexical);
      return { kind: "integer", value, wellTyped: value !== null };
    }
    case "decimal": {
      const value = readDecimal(lexical);
      return { kind: "decimal", value, wellTyped: value !== null };
    }
    case "boolean":
      return {
        kind: "boolean",
        value: ["1", "true"].includes(lexical.toLowerCase()),
        wellTyped: /^(true|false|1|0)$/.test(lexical),
      };
    case "date": {
      const value = readDate(lexical);
      return { kind: "date", value, wellTyped: value !== null };
    }
    case "double":
    case "float": {
      const value = readFloat(lexical);
      return { kind: mode, value, wellTyped: value !== null };
    }
    default:
      throw new Declined(`the browser cannot read literals of ${datatype} exactly as rdflib does`);
  }
}

/** Whether `term` satisfies one rule of the plan (local.py's holds). */
export function holds(rule, term, modes) {
  if ("datatype" in rule) return datatypeHolds(rule.datatype, term, modes);
  if ("nodeKind" in rule) return KINDS[rule.nodeKind].includes(term.termType);
  if ("in" in rule) return term.termType !== "BlankNode" && rule.in.some((member) => sameMember(member, term));
  if ("pattern" in rule) return patternHolds(rule.pattern, term);
  if ("languageIn" in rule) {
    if (term.termType !== "Literal" || !term.language) return false;
    const language = term.language.toLowerCase();
    return rule.languageIn.some((tag) => tag === "*" || tag === language || tag === language.split("-")[0]);
  }
  if ("compare" in rule) return rangeHolds(rule, term, modes);
  if ("not" in rule) return !conforms(rule.not, term, modes);
  if ("or" in rule) return rule.or.some((shape) => conforms(shape, term, modes));
  if ("and" in rule) return rule.and.every((shape) => conforms(shape, term, modes));
  throw new Declined(`an unknown rule: ${JSON.stringify(rule)}`);
}

/** Whether `term` conforms to a nested shape (a list of rules; local._conforms). */
export function conforms(rules, term, modes) {
  return rules.every((rule) => holds(rule, term, modes));
}

function sameMember(member, term) {
  // rdflib tells "x" from "x"^^xsd:string; Oxigraph does not, and the plan refuses such constants.
  return sameTerm(member, term);
}

function datatypeHolds(rule, term, modes) {
  if (term.termType !== "Literal") return false;
  const datatype = rdflibDatatype(term);
  if (datatype !== null && datatype === rule) {
    const read = reading(term, modes);
    return read.wellTyped;
  }
  if (rule === RDFS_LITERAL) return true;
  if (datatype === null && !term.language && rule === XSD_STRING) return true;
  return rule === LANG_STRING && Boolean(term.language);
}

const expressions = new Map();

function expression(pattern) {
  const key = `${pattern.flags}/${pattern.source}`;
  if (!expressions.has(key)) expressions.set(key, new RegExp(pattern.source, pattern.flags));
  return expressions.get(key);
}

/** Every regular expression of a rule compiled now (a SyntaxError thrown for one JavaScript refuses). */
export function compile(rule) {
  if ("pattern" in rule) expression(rule.pattern);
  for (const nested of [rule.not, ...(rule.or || []), ...(rule.and || [])])
    for (const inner of nested || []) compile(inner);
}

function patternHolds(pattern, term) {
  if (term.termType === "BlankNode") return false;
  return expression(pattern).test(term.value);
}

const ORDERED = ["integer", "decimal", "double", "float"];

/** pySHACL's range (local._range: pyshacl's compare_literal on rdflib literals). Two numbers are
 * compared by value; a literal of another datatype than the bound's is ordered by its datatype
 * IRI (rdflib's Literal.__gt__), and one of the bound's datatype that is ill-typed never holds. */
function rangeHolds(rule, term, modes) {
  if (term.termType !== "Literal") return false;
  const datatype = rdflibDatatype(term);
  const mode = datatype === null ? "str" : modes[datatype];
  if (mode === "str" || mode === "normalised") return false; // a text is never compared with a number
  const bound = `${XSD}${rule.bound.kind}`;
  if (ORDERED.includes(mode)) {
    const read = reading(term, modes);
    if (read.wellTyped) return ordered(rule.compare, compareNumbers(read, rule.bound));
  } else if (mode === "numeric" || mode === "time") {
    throw new Declined(`the browser cannot compare ${JSON.stringify(term.value)} with a number as pySHACL does`);
  }
  if (datatype === bound) return false; // an ill-typed literal of the bound's datatype: rdflib raises
  return ordered(rule.compare, byCodePoint(datatype, bound) > 0 ? 1 : -1);
}

function ordered(compare, order) {
  return { ">=": order >= 0, ">": order > 0, "<=": order <= 0, "<": order < 0 }[compare];
}

/** The order of a well-typed number and the bound, as Python orders their values. */
function compareNumbers(read, bound) {
  if ((read.kind === "double" || read.kind === "float") && !Number.isFinite(read.value)) {
    if (Number.isNaN(read.value)) {
      // NaN is neither equal to an integer nor greater; against a Decimal, Python raises
      if (bound.kind !== "integer") throw new Declined("the browser cannot compare NaN with a decimal as pySHACL does");
      return -1;
    }
    return read.value > 0 ? 1 : -1;
  }
  const limit = rational({
    kind: bound.kind,
    value: bound.kind === "integer" ? readInteger(bound.value) : readDecimal(bound.value),
  });
  return compareRational(rational(read), limit);
}

/** An exact rational {num, den} (BigInts, den > 0) of a numeric reading. */
function rational(read) {
  if (read.kind === "integer") return { num: read.value, den: 1n };
  if (read.kind === "decimal") {
    const { finite, sign, whole, fraction = "", exponent = "0" } = read.value;
    if (!finite) throw new Declined("the browser cannot compare an infinite or NaN decimal as pySHACL does");
    let num = BigInt(`${whole || "0"}${fraction}`) * (sign === "-" ? -1n : 1n);
    let den = 10n ** BigInt(fraction.length);
    const shift = BigInt(exponent);
    if (shift >= 0n) num *= 10n ** shift;
    else den *= 10n ** -shift;
    return { num, den };
  }
  const number = read.value;
  if (!Number.isFinite(number))
    throw new Declined("the browser cannot compare an infinite or NaN float as pySHACL does");
  let den = 1n;
  let scaled = number;
  while (!Number.isInteger(scaled)) {
    scaled *= 2; // exact in binary floating point
    den *= 2n;
  }
  return { num: BigInt(scaled), den };
}

function compareRational(a, b) {
  const left = a.num * b.den;
  const right = b.num * a.den;
  return left === right ? 0 : left > right ? 1 : -1;
}
