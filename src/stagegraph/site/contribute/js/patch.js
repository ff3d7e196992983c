// The form's answers → the Turtle `stagegraph new` prints for the same answers, byte for byte:
// src/stagegraph/contribute/new.py ported, reading what new reads from the data out of the page's
// "known" object (src/stagegraph/contribute/known.py: entities by class, English labels, IRIs
// taken and what makes each the same fact, sources by URL), and written as rdf/canonical.py
// writes (turtle.js). tests/contribute/test_patch_equivalence.py runs a corpus of answers through
// both and compares the bytes. Pure: no DOM, so Node runs it (tests/js/patch-runner.js).
//
// Answers: {kind, values: {fieldId: [value, …]}}: an entity's IRI, a concept's local name, a text
// ({value, lang} for a text whose language is chosen), a source {iri} or {url, title}, the
// revealing episode's IRI or "unknown", the type's value; a source of the data is {iri, url}, a new
// page {url, title}.
import { serialize, termKey } from "./turtle.js";

const RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label";
const XSD = "http://www.w3.org/2001/XMLSchema#";
const LANG_STRING = `${RDF}langString`;
/** rdf/namespaces.py's SAFE_IRI: nothing that closes or breaks <…> in Turtle (no space, no control). */
const safeIri = (text) => Array.from(text).every((c) => c.codePointAt(0) > 0x20 && !'<>"{}|^`\\'.includes(c));
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
const INTEGER = /^[+-]?[0-9]+$/;
const DECIMAL = /^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$/;
const BOND_TYPES = { mutual: "mutual", "one-sided": "one-sided", unrequited: "one-sided", directed: "directed" };
const REVEAL_UNKNOWN = "unknown";

/** A refusal in new's words: what is wrong and what to do. */
export class Refusal extends Error {}

const fail = (message) => {
  throw new Refusal(message);
};
const iri = (text) => ({ iri: text });
const literal = (value, { lang = null, datatype = null } = {}) => ({ value, lang, datatype });
const truthy = (value) => !(value === undefined || value === null || value === "" || value === false);

/** Whether code point `point` is unassigned in the Unicode of the Python that wrote `ranges`. */
function unassigned(point, ranges) {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const [start, end] = ranges[middle];
    if (point < start) high = middle - 1;
    else if (point > end) low = middle + 1;
    else return true;
  }
  return false;
}

/** new.py's slugify: NFKD, ASCII only, lower case, runs of anything else as one hyphen.
 * Code points Python's Unicode does not assign are dropped first (this browser's newer Unicode
 * may decompose some, such as the outlined letters of Unicode 16, where Python keeps them). */
export function slugify(text, ranges = []) {
  const known = Array.from(text)
    .filter((c) => !unassigned(c.codePointAt(0), ranges))
    .join("");
  const ascii = Array.from(known.normalize("NFKD"))
    .filter((c) => c.codePointAt(0) < 128)
    .join("");
  const slug = ascii
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return slug || "entity";
}

export function checkedSlug(slug, ranges = []) {
  if (slug !== undefined && slug !== null && !SLUG.test(slug)) {
    fail(`--slug '${slug}' is not a slug: use lowercase letters, digits and hyphens, e.g. '${slugify(slug, ranges)}'`);
  }
  return slug;
}

/** `value` if it is a real day written YYYY-MM-DD (Python's date.fromisoformat: years 1 to 9999). */
export function checkedDate(value, option) {
  const [year, month, day] = DATE.test(value) ? value.split("-").map(Number) : [0, 0, 0];
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  if (year < 1 || !days || day < 1 || day > days) {
    fail(`${option} '${value}' is not a real day: write it as YYYY-MM-DD, e.g. 2022-09-07`);
  }
  return value;
}

/** Python's int(text) for the digits click accepts here, as its str(): "+07" → "7". */
function integerText(text, option) {
  if (!INTEGER.test(text)) fail(`Invalid value for '${option}': '${text}' is not a valid integer.`);
  return BigInt(text).toString();
}

/** urllib.parse.urlsplit's scheme and netloc (Python 3.11), or null where it raises ValueError. */
export function urlParts(url) {
  let start = 0;
  while (start < url.length && url.charCodeAt(start) <= 0x20) start += 1;
  let rest = url.slice(start).replace(/[\t\r\n]/g, "");
  let scheme = "";
  const colon = rest.indexOf(":");
  if (colon > 0 && /^[A-Za-z]/.test(rest) && /^[A-Za-z0-9+.-]+$/.test(rest.slice(0, colon))) {
    scheme = rest.slice(0, colon).toLowerCase();
    rest = rest.slice(colon + 1);
  }
  let netloc = "";
  if (rest.startsWith("//")) {
    const ends = ["/", "?", "#"].map((c) => rest.indexOf(c, 2)).filter((i) => i >= 0);
    netloc = rest.slice(2, ends.length ? Math.min(...ends) : rest.length);
    const open = netloc.includes("[");
    const close = netloc.includes("]");
    if (open !== close) return null;
    if (open && !bracketedHost(netloc.split("[")[1].split("]")[0])) return null;
  }
  if (Array.from(netloc).some((c) => c.codePointAt(0) > 0x7f)) {
    const bare = netloc.replace(/[@:#?]/g, "");
    const normal = bare.normalize("NFKC");
    if (bare !== normal && /[/?#@:]/.test(normal)) return null;
  }
  return { scheme, netloc };
}

function bracketedHost(host) {
  if (host.startsWith("v")) return /^v[a-fA-F0-9]+\..+$/s.test(host);
  if (ipv4(host)) return false; // an IPv4 address cannot be in brackets
  return ipv6(host);
}

function ipv4(text) {
  const parts = text.split(".");
  return parts.length === 4 && parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255);
}

/** Python's ipaddress.IPv6Address(text) accepts it (with a %scope). */
function ipv6(text) {
  const [address, ...scoped] = text.split("%");
  if (scoped.length > 1 || (scoped.length === 1 && !scoped[0])) return false;
  let parts = address.split(":");
  if (parts.length < 3) return false;
  if (parts[parts.length - 1].includes(".")) {
    if (!ipv4(parts[parts.length - 1])) return false;
    parts = [...parts.slice(0, -1), "0", "0"];
  }
  if (parts.length > 9) return false;
  const empty = parts.slice(1, -1).filter((p) => p === "").length;
  if (empty > 1) return false;
  if (empty === 1) {
    if (parts[0] === "" && parts[1] !== "") return false;
    if (parts[parts.length - 1] === "" && parts[parts.length - 2] !== "") return false;
    const filled = parts.filter((p) => p !== "").length;
    if (filled > 7) return false;
  } else {
    if (parts.length !== 8 || parts[0] === "" || parts[parts.length - 1] === "") return false;
  }
  return parts.every((p) => p === "" || /^[0-9a-fA-F]{1,4}$/.test(p));
}

/** Collects the triples of one new fact, as new.py's Builder does, from the page's `known`. */
class Builder {
  constructor(known, form) {
    this.known = known;
    this.form = form;
    this.sg = `${known.base}ns#`;
    this.triples = [];
    this.keys = new Set();
    this.subjects = new Set();
    this.taken = new Set(known.taken);
    this.newSources = new Map();
    this.sets = [];
    this.tellsStories = false;
  }

  ref(value, cls, option) {
    const found = this.known.classes[cls] || [];
    if (found.includes(value)) return iri(value);
    const what = this.known.classNames?.[cls] || cls.split(/[#/]/).pop();
    return fail(
      `no ${what} named '${value}' for parameter ${option}; give the name, slug or IRI of an existing ${what}`,
    );
  }

  /** Whether the data has (subject, predicate, object): only for the predicates new's checks read. */
  inData(subject, predicate, object) {
    const found = this.known.identity[subject]?.[predicate] || [];
    const key = termKey(object);
    return found.some((value) => JSON.stringify(value) === key);
  }

  fresh(kind, slug, same = []) {
    const base = `${this.known.base}${kind}/${slug}`;
    let n = 1;
    let made = base;
    while (this.taken.has(made) || this.subjects.has(made)) {
      if (same.length && same.every(([p, o]) => this.inData(made, p, o))) return iri(made);
      n += 1;
      made = `${base}-${n}`;
    }
    return iri(made);
  }

  add(subject, predicate, object) {
    if (object === null || object === undefined) return;
    const key = `${subject.iri} ${predicate} ${termKey(object)}`;
    if (this.keys.has(key)) return;
    this.keys.add(key);
    this.subjects.add(subject.iri);
    this.triples.push([subject.iri, predicate, object]);
  }

  provenance(subject, sources, confidence, titles = []) {
    if (!sources?.length && this.draft) {
      // A draft to check before its source is given: new's triples but the source's, so the
      // check says what add says of a fact with no source.
      this.add(subject, `${this.sg}confidence`, this.vocab("confidence", confidence || "single-source"));
      return;
    }
    if (!sources?.length) {
      fail("every fact needs a source: pass --source URL (or the name of a source in the data)");
    }
    sources.forEach((value, i) => {
      this.add(subject, `${this.sg}source`, this.source(value, i < titles.length ? titles[i] : null));
    });
    const existing = this.known.identity[subject.iri]?.[`${this.sg}confidence`];
    if (existing?.length && (confidence === undefined || confidence === null)) return;
    const level = confidence || (sources.length > 1 ? "confirmed" : "single-source");
    this.add(subject, `${this.sg}confidence`, this.vocab("confidence", level));
  }

  source(value, title) {
    if (/^https?:\/\//.test(value)) {
      if (Object.hasOwn(this.known.urls, value)) return iri(this.known.urls[value]);
      if (!title) {
        fail(
          `${value} is not a source in the data yet: give its title with --source-title, ` +
            "or describe it first with 'stagegraph new source --url … --title …'",
        );
      }
      return this.newSource(value, title, "fan");
    }
    return this.ref(value, `${this.sg}Source`, "--source");
  }

  newSource(url, title, kind) {
    if (this.newSources.has(url)) return this.newSources.get(url);
    const parts = urlParts(url) || { scheme: "", netloc: "" };
    if (!["http", "https"].includes(parts.scheme) || !parts.netloc) {
      fail(`'${url}' is not an http(s) URL; a source needs the address where it can be read`);
    }
    if (!safeIri(url)) {
      fail(
        `'${url}' is not a valid URL: spaces, quotes, <>, {}, |, ^, \` and \\ must be ` +
          "percent-encoded (a space is %20)",
      );
    }
    const address = literal(url, { datatype: `${XSD}anyURI` });
    const made = this.fresh("source", slugify(title, this.known.unassigned).slice(0, 48), [[`${this.sg}url`, address]]);
    this.add(made, `${RDF}type`, iri(`${this.sg}Source`));
    this.add(made, RDFS_LABEL, literal(title, { lang: "en" }));
    this.add(made, `${this.sg}url`, address);
    this.add(made, `${this.sg}sourceKind`, this.vocab("sourcekind", kind));
    this.newSources.set(url, made);
    return made;
  }

  vocab(scheme, value) {
    return iri(`${this.known.base}vocab/${scheme}/${value}`);
  }

  named(kind, cls, name, o, ko = null, ja = null) {
    const made = this.fresh(kind, o.slug || slugify(name, this.known.unassigned), [
      [RDFS_LABEL, literal(name, { lang: "en" })],
    ]);
    this.add(made, `${RDF}type`, iri(cls));
    this.labels(made, name, ko, ja);
    this.provenance(made, o.sources, o.confidence, o.source_titles);
    return made;
  }

  labels(subject, name, ko, ja) {
    this.add(subject, RDFS_LABEL, literal(name, { lang: "en" }));
    for (const [lang, value] of [
      ["ko", ko],
      ["ja", ja],
    ]) {
      if (truthy(value)) this.add(subject, RDFS_LABEL, literal(value, { lang }));
    }
  }

  name(node) {
    return this.known.entities[node.iri]?.en ?? node.iri;
  }
}

const slugOf = (node) => node.iri.replace(/\/+$/, "").split("/").pop();

function need(o, key) {
  if (!truthy(o[key])) fail(`--${key.replace(/_+$/, "").replace(/_/g, "-")} is required for this kind of fact`);
  return o[key];
}

function noReveal(o, why) {
  if (truthy(o.revealed_in)) fail(`--revealed-in does not apply here: ${why}`);
}

function note(b, node, o) {
  if (truthy(o.note)) b.add(node, `${b.sg}note`, literal(o.note, { lang: "en" }));
}

function revealed(b, node, o, required) {
  const value = o.revealed_in;
  if (!truthy(value)) {
    fail(
      `${required} needs --revealed-in: the episode that reveals it (a name, slug or IRI), ` +
        `or '--revealed-in ${REVEAL_UNKNOWN}' if no source says which episode does`,
    );
  }
  if (value.trim().toLowerCase() === REVEAL_UNKNOWN) {
    b.add(node, `${b.sg}revealUnknown`, literal("true", { datatype: `${XSD}boolean` }));
  } else {
    b.add(node, `${b.sg}revealedIn`, b.ref(value, `${b.sg}Episode`, "--revealed-in"));
  }
}

function storyNote(b, node, o, what) {
  b.tellsStories = true;
  if (!truthy(o.note)) {
    if (!b.sets.some(([made]) => made.story)) {
      noReveal(o, "--revealed-in goes with --note here: it says which episode reveals the note");
    }
    return;
  }
  const text = literal(o.note, { lang: "en" });
  const sg = b.sg;
  const statement = b.fresh("statement", `${slugOf(node)}-note`, [
    [`${sg}statementSubject`, node],
    [`${sg}statementProperty`, iri(`${sg}note`)],
    [`${sg}statementValue`, text],
  ]);
  b.add(node, `${sg}note`, text);
  b.add(statement, `${RDF}type`, iri(`${sg}TextStatement`));
  b.add(statement, `${sg}statementSubject`, node);
  b.add(statement, `${sg}statementProperty`, iri(`${sg}note`));
  b.add(statement, `${sg}statementValue`, text);
  revealed(b, statement, o, what);
  b.provenance(statement, o.sources, o.confidence, o.source_titles);
}

const CHARACTER_CLASSES = { character: "Character", contestant: "Contestant", human: "Human", alien: "Alien" };

export const BUILDERS = {
  source(b, o) {
    noReveal(o, "a source is a real-world fact, never a spoiler");
    if (!truthy(o.url) || !truthy(o.title)) fail("a source needs --url and --title");
    return b.newSource(o.url, o.title, o.source_kind || "fan");
  },

  character(b, o) {
    const cls = `${b.sg}${CHARACTER_CLASSES[o.character_kind || "character"]}`;
    const made = b.named("character", cls, need(o, "name"), o, o.name_ko, o.name_ja);
    storyNote(b, made, o, "a character's note");
    return made;
  },

  person(b, o) {
    noReveal(o, "people and organisations are real-world facts, never spoilers");
    const org = truthy(o.organization);
    const cls = `${b.sg}${org ? "Organization" : "Person"}`;
    return b.named(org ? "organization" : "person", cls, need(o, "name"), o, o.name_ko, o.name_ja);
  },

  episode(b, o) {
    noReveal(o, "an episode reveals its own note");
    const sg = b.sg;
    const made = b.named("episode", `${sg}Episode`, need(o, "title"), o);
    b.add(made, `${sg}episodeKind`, b.vocab("episodekind", o.episode_kind || "special"));
    b.add(made, `${sg}partOfSeries`, b.known.series ? iri(b.known.series) : null);
    const integer = (value) => literal(value, { datatype: `${XSD}integer` });
    if (o.round !== undefined && o.round !== null) b.add(made, `${sg}roundNumber`, integer(o.round));
    if (o.order !== undefined && o.order !== null) b.add(made, `${sg}order`, integer(o.order));
    if (truthy(o.released)) {
      b.add(made, `${sg}released`, literal(checkedDate(o.released, "--released"), { datatype: `${XSD}date` }));
    }
    note(b, made, o);
    return made;
  },

  song(b, o) {
    const sg = b.sg;
    const made = b.named("song", `${sg}Song`, need(o, "title"), o);
    if (truthy(o.episode)) {
      noReveal(o, "a song's note is revealed with the episode it is sung in (--episode)");
      b.add(made, `${sg}performedIn`, b.ref(o.episode, `${sg}Episode`, "--episode"));
      note(b, made, o);
    } else {
      storyNote(b, made, o, "the note of a song without --episode");
    }
    for (const who of o.sung_by || []) b.add(made, `${sg}performedBy`, b.ref(who, `${sg}Character`, "--sung-by"));
    return made;
  },

  bond(b, o) {
    const sg = b.sg;
    const a = b.ref(need(o, "from_"), `${sg}Character`, "--from");
    const c = b.ref(need(o, "to"), `${sg}Character`, "--to");
    const nature = need(o, "nature");
    const kind = BOND_TYPES[need(o, "bond_type")];
    const made = b.fresh("bond", `${slugOf(a)}-${slugOf(c)}-${nature}`, [
      [`${sg}from`, a],
      [`${sg}to`, c],
      [`${sg}nature`, b.vocab("nature", nature)],
      [`${sg}bondType`, b.vocab("bondtype", kind)],
    ]);
    b.add(made, `${RDF}type`, iri(`${sg}Bond`));
    const arrow = kind === "mutual" ? "↔" : "→";
    b.add(made, RDFS_LABEL, literal(`${b.name(a)} ${arrow} ${b.name(c)} (${nature}, ${kind})`, { lang: "en" }));
    b.add(made, `${sg}from`, a);
    b.add(made, `${sg}to`, c);
    b.add(made, `${sg}bondType`, b.vocab("bondtype", kind));
    b.add(made, `${sg}nature`, b.vocab("nature", nature));
    b.add(made, `${sg}canonStatus`, b.vocab("canon", o.canon || "canon"));
    revealed(b, made, o, "a bond");
    note(b, made, o);
    b.provenance(made, o.sources, o.confidence, o.source_titles);
    return made;
  },

  fate(b, o) {
    const sg = b.sg;
    const who = b.ref(need(o, "character"), `${sg}Character`, "--character");
    const made = b.fresh("fate", slugOf(who), [
      [`${sg}fateOf`, who],
      [`${sg}fateStatus`, b.vocab("status", need(o, "status"))],
    ]);
    b.add(made, `${RDF}type`, iri(`${sg}Fate`));
    b.add(made, `${sg}fateOf`, who);
    b.add(made, `${sg}fateStatus`, b.vocab("status", need(o, "status")));
    const episode = truthy(o.episode) ? b.ref(o.episode, `${sg}Episode`, "--episode") : null;
    b.add(made, `${sg}inEpisode`, episode);
    if (!truthy(o.revealed_in) && episode !== null) b.add(made, `${sg}revealedIn`, episode);
    else revealed(b, made, o, "a fate without --episode");
    note(b, made, o);
    b.provenance(made, o.sources, o.confidence, o.source_titles);
    return made;
  },

  match(b, o) {
    const sg = b.sg;
    noReveal(o, "a match and its slots are revealed in the match's --episode");
    const episode = b.ref(need(o, "episode"), `${sg}Episode`, "--episode");
    const people = (o.contestants || []).map((c) => b.ref(c, `${sg}Character`, "--contestant"));
    if (people.length < 1 || people.length > 2) {
      fail("a match needs one or two --contestant (leave one out when the opponent is unidentified)");
    }
    const winner = truthy(o.winner) ? b.ref(o.winner, `${sg}Character`, "--winner") : null;
    const made = b.fresh("match", slugOf(episode), [[`${sg}episode`, episode]]);
    const names = people.map((p) => b.name(p));
    while (names.length < 2) names.push("unidentified opponent");
    b.add(made, `${RDF}type`, iri(`${sg}Match`));
    b.add(made, RDFS_LABEL, literal(`${b.name(episode)}: ${names[0]} vs ${names[1]}`, { lang: "en" }));
    b.add(made, `${sg}episode`, episode);
    b.add(made, `${sg}winner`, winner);
    if (truthy(o.song)) b.add(made, `${sg}song`, b.ref(o.song, `${sg}Song`, "--song"));
    b.provenance(made, o.sources, o.confidence, o.source_titles);
    for (const position of [1, 2]) {
      const slot = iri(`${made.iri}-slot-${position}`);
      const person = position <= people.length ? people[position - 1] : null;
      let outcome = o.loser_outcome || "unknown";
      if (winner === null) outcome = "unknown";
      else if (person !== null && person.iri === winner.iri) outcome = "advanced";
      b.add(made, `${sg}slot`, slot);
      b.add(slot, `${RDF}type`, iri(`${sg}Slot`));
      b.add(slot, `${sg}position`, literal(String(position), { datatype: `${XSD}integer` }));
      b.add(slot, `${sg}contestant`, person);
      b.add(slot, `${sg}outcome`, b.vocab("outcome", outcome));
      b.provenance(slot, o.sources, o.confidence, o.source_titles);
    }
    return made;
  },

  credit(b, o) {
    const sg = b.sg;
    noReveal(o, "a credit is a real-world fact, never a spoiler");
    const work = b.ref(need(o, "work"), `${sg}Work`, "--work");
    const agent = b.ref(need(o, "agent"), `${sg}Agent`, "--agent");
    const role = need(o, "role");
    const made = b.fresh("credit", `${slugOf(work)}-${role}-${slugOf(agent)}`, [
      [`${sg}creditFor`, work],
      [`${sg}agent`, agent],
      [`${sg}role`, b.vocab("role", role)],
    ]);
    b.add(made, `${RDF}type`, iri(`${sg}Credit`));
    b.add(made, `${sg}creditFor`, work);
    b.add(made, `${sg}agent`, agent);
    b.add(made, `${sg}role`, b.vocab("role", role));
    if (truthy(o.as_character)) b.add(made, `${sg}asCharacter`, b.ref(o.as_character, `${sg}Character`, "--as"));
    b.provenance(made, o.sources, o.confidence, o.source_titles);
    return made;
  },
};

// --- --set PROPERTY VALUE (contribute/form.py's set_field and set_term) ------------------------

function setFields(b, kind, o) {
  const pairs = o.set || [];
  const setting = b.form.fields.filter((f) => f.option === "--set");
  const typed = b.form.fields.find((f) => f.widget === "type");
  const chosen = typed ? typeValue(typed, o) : null;
  const found = pairs.map(([property, value]) => {
    const at = property.startsWith("http") ? property.lastIndexOf("@") : property.indexOf("@");
    const name = at >= 0 ? property.slice(0, at) : property;
    const lang = at >= 0 ? property.slice(at + 1).toLowerCase() : null;
    const made = setting.find((f) => f.set === name);
    if (!made) fail(`--set ${name}: the shapes of a ${kind} name no property ${name}`);
    if (made.only && !made.only.includes(chosen)) {
      fail(`--set ${name} applies only to a ${kind} of kind ${made.only.join(", ")}`);
    }
    if (
      lang !== null &&
      (!(made.datatypes || []).includes(LANG_STRING) || !/^[a-z]{2,3}(-[a-z0-9]{1,8})*$/.test(lang))
    ) {
      fail(`--set ${property}: only a language-tagged text takes a language, such as @en, @ko or @ja`);
    }
    return [made, lang || null, value];
  });
  for (const [made] of found) {
    if (!made.multiple && found.filter(([other]) => other.set === made.set).length > 1) {
      fail(`--set ${made.set} takes one value: the shapes allow at most one`);
    }
  }
  return found;
}

function typeValue(field, o) {
  for (const [value, words] of Object.entries(field.args || {})) {
    if (words.length === 2 && o[field.param] === words[1]) return value;
    if (words.length === 1 && truthy(o[field.param])) return value;
  }
  return field.default;
}

function setTerm(b, made, value, lang) {
  const option = `--set ${made.set}`;
  if (made.widget === "entity") return b.ref(value, made.cls, option);
  if (made.widget === "choice") {
    const choice = made.choices.find((c) => value === c.value || value === c.iri);
    if (!choice) fail(`${option}: '${value}' is not one of ${made.choices.map((c) => c.value).join(", ")}`);
    return choice.iri ? iri(choice.iri) : literal(value, { datatype: choice.datatype || null });
  }
  if (made.pattern && !new RegExp(made.pattern).test(value)) {
    fail(`${option}: '${value}' does not have the form the shapes ask (${made.pattern})`);
  }
  const datatypes = made.datatypes || [];
  const first = datatypes[0] ?? null;
  if (datatypes.includes(`${XSD}integer`) && INTEGER.test(value)) {
    return literal(BigInt(value).toString(), { datatype: `${XSD}integer` });
  }
  if (datatypes.includes(`${XSD}decimal`) && DECIMAL.test(value)) return literal(value, { datatype: `${XSD}decimal` });
  if (first === `${XSD}integer` || first === `${XSD}decimal`) {
    fail(`${option}: '${value}' is not a number written with digits, such as 17`);
  }
  if (first === `${XSD}date`) return literal(checkedDate(value, option), { datatype: `${XSD}date` });
  if (first === `${XSD}boolean`) {
    if (value !== "true" && value !== "false") fail(`${option}: '${value}' is not true or false`);
    return literal(value, { datatype: `${XSD}boolean` });
  }
  if (first === `${XSD}anyURI` && !(/^https?:\/\//.test(value) && safeIri(value))) {
    fail(`${option}: '${value}' is not an http(s) address without spaces, quotes or <>`);
  }
  if (first === LANG_STRING || (first === null && made.story)) return literal(value, { lang: lang || "en" });
  if (first !== null && first !== `${XSD}string`) return literal(value, { datatype: first });
  return literal(value);
}

function applySets(b, node, o) {
  const sg = b.sg;
  for (const [made, lang, value] of b.sets) {
    const property = made.paths[0];
    const term = setTerm(b, made, value, lang);
    b.add(node, property, term);
    const story = Boolean(made.story) && b.tellsStories;
    if (!(made.attribute || story)) continue;
    const statement = b.fresh("statement", `${slugOf(node)}-${made.stem}`, [
      [`${sg}statementSubject`, node],
      [`${sg}statementProperty`, iri(property)],
      [`${sg}statementValue`, term],
    ]);
    b.add(statement, `${RDF}type`, iri(`${sg}${made.attribute ? "AttributeStatement" : "TextStatement"}`));
    b.add(statement, `${sg}statementSubject`, node);
    b.add(statement, `${sg}statementProperty`, iri(property));
    b.add(statement, `${sg}statementValue`, term);
    if (story) revealed(b, statement, o, `the story text --set ${made.set}`);
    b.provenance(statement, o.sources, o.confidence, o.source_titles);
  }
}

// --- answers → new's options, its command line, and the Turtle ----------------------------------

const nonEmpty = (value) =>
  typeof value === "object" && value !== null
    ? truthy(value.value) || truthy(value.iri) || truthy(value.url)
    : truthy(value);
const textOf = (value) => (typeof value === "object" && value !== null ? value.value : value);

/** The values of one field, without the empty ones (a blank input is an option left out). */
export function answered(answers, field) {
  const given = answers.values?.[field.id];
  const list = Array.isArray(given) ? given : given === undefined || given === null ? [] : [given];
  return list.filter(nonEmpty);
}

/** The options click would give new for these answers (every parameter the form has). */
export function optionsOf(form, answers) {
  const o = { sources: [], source_titles: [], set: [] };
  for (const field of form.fields) {
    if (field.multiple && field.option !== "--set" && field.widget !== "source") o[field.param] = [];
  }
  for (const field of form.fields) {
    const values = answered(answers, field);
    if (!values.length) continue;
    if (field.widget === "type") {
      const words = field.args[values[0]] || [];
      if (words.length === 2) o[field.param] = words[1];
      if (words.length === 1) o[field.param] = true;
    } else if (field.widget === "source") {
      o.sources = values.map(sourceValue);
      o.source_titles = titlesOf(values);
    } else if (field.option === "--set") {
      for (const value of values) {
        const lang = typeof value === "object" && value.lang ? `@${value.lang}` : "";
        o.set.push([`${field.set}${lang}`, textOf(value)]);
      }
    } else if (field.multiple) {
      o[field.param] = values.map(textOf);
    } else {
      o[field.param] = textOf(values[0]);
    }
  }
  return o;
}

/** What --source is given: a source of the data by its URL (new reads an http(s) value as a URL,
 * never as a source's IRI), else by its IRI; a new page by its URL. */
const sourceValue = (s) => s.url || s.iri || "";

/** --source-title for each source up to the last new page ("" for the others, which need none). */
function titlesOf(sources) {
  let last = -1;
  sources.forEach((s, i) => {
    if (!s.iri) last = i;
  });
  return sources.slice(0, last + 1).map((s) => (s.iri ? "" : s.title || ""));
}

/** The command line `stagegraph new` takes for the same answers (without "stagegraph new"). */
export function argvOf(form, answers) {
  const argv = [form.kind];
  for (const field of form.fields) {
    const values = answered(answers, field);
    if (!values.length) continue;
    if (field.widget === "type") {
      argv.push(...(field.args[values[0]] || []));
    } else if (field.widget === "source") {
      for (const s of values) argv.push("--source", sourceValue(s));
      for (const title of titlesOf(values)) argv.push("--source-title", title);
    } else if (field.option === "--set") {
      for (const value of values) {
        const lang = typeof value === "object" && value.lang ? `@${value.lang}` : "";
        argv.push("--set", `${field.set}${lang}`, textOf(value));
      }
    } else {
      for (const value of field.multiple ? values : values.slice(0, 1)) argv.push(field.option, textOf(value));
    }
  }
  return argv;
}

/** Refuse text that is not well-formed Unicode (a lone surrogate), as new refuses text that is not UTF-8. */
function checkText(form, answers) {
  for (const field of form.fields) {
    for (const value of answered(answers, field)) {
      const texts = typeof value === "object" ? Object.values(value) : [value];
      if (texts.some((t) => typeof t === "string" && !t.isWellFormed())) {
        fail(`${field.option === "type" ? "--kind" : field.option} is not valid UTF-8 text; type it again`);
      }
    }
  }
}

/** The triples new makes for `answers` (its form from `forms`), and the node the fact is about.
 * With `draft`, a fact with no source yet is built without one (never a patch: only to check). */
export function build(form, answers, known, { draft = false } = {}) {
  checkText(form, answers);
  const o = optionsOf(form, answers);
  for (const [param, option, least] of [
    ["round", "--round", 1],
    ["order", "--order", null],
  ]) {
    if (o[param] === undefined) continue;
    o[param] = integerText(o[param], option);
    if (least !== null && BigInt(o[param]) < BigInt(least)) {
      fail(`Invalid value for '${option}': ${o[param]} is not in the range x>=${least}.`);
    }
  }
  const b = new Builder(known, form);
  b.draft = draft;
  o.slug = checkedSlug(o.slug, known.unassigned);
  b.sets = setFields(b, form.kind, o);
  const subject = BUILDERS[form.kind](b, o);
  applySets(b, subject, o);
  return { triples: b.triples, subject: subject.iri };
}

/** The patch: {turtle, subject, argv}, the Turtle `stagegraph new ARGV` prints; a Refusal when new refuses. */
export function patch(form, answers, known, options = {}) {
  const { triples, subject } = build(form, answers, known, options);
  return { turtle: serialize(triples, known.prefixes), subject, argv: argvOf(form, answers) };
}

/** `argv` as one line a POSIX shell reads back the same (each word quoted where it must be). */
export function shellLine(argv) {
  return argv
    .map((word) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`))
    .join(" ");
}
