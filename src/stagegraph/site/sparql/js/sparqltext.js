// Reading and preparing SPARQL text without a parser: comments, strings and IRIs masked out,
// what the page refuses to run, parameters bound as terms, the declared prefixes added.
import { say } from "./words.js";

// biome-ignore lint/suspicious/noControlCharactersInRegex: an IRI may not hold control characters (SPARQL's IRIREF); the class lists them to refuse them
export const SAFE_IRI = /^[^<>"{}|^`\\\x00-\x20]*$/;
const TOKENS =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: as in SAFE_IRI: an IRI is <…> without control characters
  /<[^<>"{}|^`\\\x00-\x20]*>|#[^\n]*|"""[\s\S]*?"""|'''[\s\S]*?'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g;
const word = (names) => new RegExp(`(?<![?$:\\w])(${names})(?![\\w:])`, "i");
const UPDATE = word("INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH|USING");
const FORM = word("SELECT|ASK|CONSTRUCT|DESCRIBE");

/** `text` with its comments, strings and IRIs blanked (same length: positions stay). */
export function masked(text) {
  return text.replace(TOKENS, (token) => " ".repeat(token.length));
}

/** Why the page will not run `text`, or null. The worker never calls update() either. */
export function refusal(text) {
  const plain = masked(text);
  if (!plain.replace(/\s+/g, "")) return say("empty");
  if (UPDATE.test(plain)) return say(FORM.test(plain) ? "update_words" : "update");
  if (word("SERVICE").test(plain)) return say("service");
  if (word("FROM").test(plain)) return say("from");
  return null;
}

/** "select", "ask" or "graph" (CONSTRUCT, DESCRIBE): the query's form, SELECT when none is found. */
export function kindOf(text) {
  const found = FORM.exec(masked(text));
  const form = found ? found[1].toUpperCase() : "SELECT";
  return form === "SELECT" ? "select" : form === "ASK" ? "ask" : "graph";
}

/** The IRI as a SPARQL term, refused when it could end the term early. */
export function iriTerm(iri) {
  if (!SAFE_IRI.test(iri)) throw new Error(say("bad_iri", { iri }));
  return `<${iri}>`;
}

/** A bound value (`{type: "uri" | "literal", value}`) as a serialised RDF term, never pasted text. */
export function term(value) {
  if (value.type === "uri") return iriTerm(value.value);
  const escaped = value.value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/\r/g, "\\r");
  return `"${escaped}"`;
}

/** `text` with a VALUES block opening its outermost WHERE group (on the same line: line numbers stay). */
export function withValues(text, bindings) {
  const names = Object.keys(bindings);
  if (!names.length) return text;
  const plain = masked(text);
  const where = /\bWHERE\s*\{/i.exec(plain);
  const at = where ? where.index + where[0].length - 1 : plain.indexOf("{");
  if (at < 0) throw new Error(say("no_where"));
  const variables = names.map((n) => `?${n}`).join(" ");
  const terms = names.map((n) => term(bindings[n])).join(" ");
  return `${text.slice(0, at + 1)} VALUES (${variables}) { (${terms}) } ${text.slice(at + 1)}`;
}

/** The `prefixes` (`{prefix: iri}`) the query does not declare itself, on one line before it;
 * `shift` is the number of lines added. */
export function withPrefixes(text, prefixes) {
  const plain = masked(text);
  const missing = Object.keys(prefixes).filter((p) => !new RegExp(`\\bPREFIX\\s+${p}\\s*:`, "i").test(plain));
  if (!missing.length) return { text, shift: 0 };
  const lines = missing.map((p) => `PREFIX ${p}: <${prefixes[p]}>`).join(" ");
  return { text: `${lines}\n${text}`, shift: 1 };
}

/** The engine's `line:column` positions in `message`, counted in the text the reader wrote. */
export function shiftLines(message, shift) {
  if (!shift) return message;
  return message.replace(/\b(\d+):(\d+)\b/g, (all, line, column) => (line > shift ? `${line - shift}:${column}` : all));
}
