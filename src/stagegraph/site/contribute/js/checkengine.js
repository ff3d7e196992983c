// The contribution check itself: what `stagegraph add FILE --dry-run` reports for a contribution,
// worked out on Oxigraph (its JavaScript build, in the page's Web Worker or in Node) from the
// data the page was built with (site/contributecheck.py): the tree's data and the ontology, the
// set-at-a-time engine's plan (validate/setwise/portable.py) and what `add` reads besides.
//
// The steps are add.py's: terms the ontology does not define are refused (checkterms.js); a
// contribution that adds nothing is valid; the contribution is merged with the data and every
// check of the plan runs as validate/setwise/engine.py runs it; unless it changes an entity the
// data has, only the results near it are kept (checknear.js); a report of sh:Info results only
// is valid, and then a new subject of no type the ontology places is refused. The store is left
// as it was after each check.

import { compile, holds } from "./checklocal.js";
import { kept, nearNodes } from "./checknear.js";
import {
  byCodePoint,
  Declined,
  datatypeOf,
  ntriples,
  RDF_TYPE,
  sameTerm,
  short,
  universeDeclined,
  XSD_STRING,
} from "./checkrdf.js";
import { refusedTerm } from "./checkterms.js";
import { fieldOf, fillSparql, messageText } from "./checkwords.js";

export const FORMAT = 1; // validate/setwise/portable.py's FORMAT: the data this script reads
const PROBE = "urn:x-stagegraph:is";
const LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString";

function declinedChecker(reason) {
  return {
    declined: reason,
    check() {
      throw new Declined(reason);
    },
  };
}

/** A checker over `data` (contributecheck.py's "check"): {declined: null or why, check(turtle) →
 * [{severity, focus, path, message, field, shape, component}]}. `check` throws Declined where it
 * cannot judge a contribution as `add` would, and an Error for Turtle it cannot read. */
export function createChecker(ox, data) {
  if (data.format !== FORMAT) {
    return declinedChecker(`the page's check data is of format ${data.format}; its script reads format ${FORMAT}`);
  }
  if (data.declined?.length) return declinedChecker(universeDeclined(data.declined));
  try {
    for (const check of data.checks) for (const constraint of check.constraints || []) compile(constraint.rule);
  } catch (error) {
    return declinedChecker(universeDeclined([`a pattern JavaScript cannot run: ${error?.message || error}`]));
  }
  return new Checker(ox, data);
}

class Checker {
  constructor(ox, data) {
    this.ox = ox;
    this.data = data;
    this.declined = null;
    this.store = new ox.Store();
    this.dataGraph = ox.namedNode(data.dataGraph);
    const options = { format: "text/turtle", lenient: true, no_transaction: true };
    this.store.load(data.data, options);
    this.store.load(data.data, { ...options, to_graph_name: this.dataGraph });
    this.store.load(data.ontology, options);
    // The data's literals Oxigraph's store rewrites (stored → {stored, written}), and the shapes' constants.
    this.written = new Map(data.written.map(([stored, written]) => [String(this.term(stored)), { stored, written }]));
    this.constants = new Map(data.literals.constants);
    this.filed = new Set(data.filedClasses);
  }

  /** The results `add --dry-run` gives for the contribution in `turtle`. */
  check(turtle) {
    const { ox, store, data } = this;
    let quads;
    try {
      quads = ox.parse(turtle, { format: "text/turtle" });
    } catch (error) {
      throw new Error(`the contribution is not valid Turtle: ${error?.message || error}`);
    }
    const refused = refusedTerm(quads, data.vocab, data.prefixes);
    if (refused) return [refusal(refused.message, refused.field)];
    const written = this.audit(quads);
    const fresh = quads.filter((q) => !store.has(ox.quad(q.subject, q.predicate, q.object, this.dataGraph)));
    if (!fresh.length) return [];
    const whole = quads.some((q) => store.match(q.subject, null, null, this.dataGraph).length > 0);
    const added = [];
    for (const q of quads) {
      const quad = ox.quad(q.subject, q.predicate, q.object, ox.defaultGraph());
      if (!store.has(quad)) {
        store.add(quad);
        added.push(quad);
      }
    }
    try {
      if (written.size) this.guard(written);
      let found = this.run((term) => asWritten(term, written));
      if (!whole) {
        const match = (subject, object) =>
          store.match(subject && ox.namedNode(subject), null, object && ox.namedNode(object), ox.defaultGraph());
        const near = nearNodes(quads, match, data.walk);
        found = found.filter((result) => kept(result.focusTerm, near));
      }
      if (found.every((result) => data.notBlocking.includes(result.severity))) {
        const unfiled = this.unfiled(fresh);
        return unfiled
          ? [
              refusal(
                `${short(data.prefixes, unfiled.value)} has no rdf:type the ontology knows, so there is no telling ` +
                  "which data file it belongs to; add its type (e.g. a sg:Bond)",
                RDF_TYPE,
              ),
            ]
          : [];
      }
      return found.map(({ focusTerm, ...result }) => result).sort((a, b) => order(a, b, data.severityOrder));
    } finally {
      for (const quad of added) store.delete(quad);
    }
  }

  /** Every result of every check on the merged graph, as validate/setwise/engine.py makes them. */
  run(written) {
    const { data } = this;
    const found = [];
    const push = (check, focus, path, message, field, component) =>
      found.push({
        severity: check.severity,
        focus: short(data.prefixes, focus.value),
        path: path === null || path === undefined ? null : short(data.prefixes, path),
        message,
        field,
        shape: check.nodeShape || check.shape,
        component,
        focusTerm: focus,
      });
    const words = (message, focus, value) => messageText(message, focus, value, data.namespaces, data.literalModes);
    for (const check of data.checks) {
      if (check.kind === "sparql") {
        for (const row of this.select(check.query)) {
          // every binding as written (pySHACL fills the message from rdflib's terms, as written)
          const bound = new Map([...row].filter(([, term]) => term).map(([name, term]) => [name, written(term)]));
          const focus = bound.get("this");
          const value = bound.get("value") || focus;
          const path = bound.get("path");
          const pathText = path ? (path.termType === "NamedNode" ? path.value : `_:${path.value}`) : null;
          const message = fillSparql(check.message.fill, bound, focus, path, value);
          push(check, focus, pathText, message, fieldOf(check, bound), check.component);
        }
      } else if (check.kind === "local") {
        for (const [stored, value] of this.localRows(check, written)) {
          const focus = written(stored);
          for (const constraint of this.failed(check, value)) {
            push(check, focus, check.path, words(constraint.message, focus, value), check.field, constraint.component);
          }
        }
      } else {
        for (const row of this.select(check.query)) {
          const focus = written(row.get("this"));
          const value = check.kind === "value" ? written(row.get("v")) : null;
          push(check, focus, check.path, words(check.message, focus, value), check.field, check.component);
        }
      }
    }
    return found;
  }

  /** A local check's (focus, value as written) pairs: the violations among the values both
   * engines read alike, then the other values judged here and their focus nodes (engine._rows). */
  localRows(check, written) {
    const rows = this.select(check.query).map((row) => [row.get("this"), written(row.get("v"))]);
    const suspects = this.select(check.suspects)
      .map((row) => row.get("v"))
      .filter((value) => this.failed(check, written(value)).length);
    if (suspects.length) {
      const values = suspects.map((value) => String(value)).join(" ");
      for (const row of this.select(check.rows.replace("%s", () => values)))
        rows.push([row.get("this"), written(row.get("v"))]);
    }
    return rows;
  }

  failed(check, value) {
    return check.constraints.filter((constraint) => !holds(constraint.rule, value, this.data.literalModes));
  }

  select(query) {
    return this.store.query(query);
  }

  /** The literals Oxigraph's store keeps otherwise than the data and the contribution wrote them:
   * faithful.py's audit, done on the contribution's typed literals (the data's was done when the
   * page was built): stored term (N-Triples) → {stored, written}. Two written forms kept as one
   * term, or a datatype changed, make the check decline, as they make the engine decline. */
  audit(quads) {
    const { ox, store } = this;
    const mine = new Map();
    const literals = new Map();
    for (const quad of quads) {
      const term = quad.object;
      const datatype = term.termType === "Literal" ? datatypeOf(term) : null;
      if (datatype && datatype !== XSD_STRING && datatype !== LANG_STRING) literals.set(String(term), term);
    }
    if (!literals.size) return this.written;
    const scratch = new ox.Store();
    const probe = ox.namedNode(PROBE);
    [...literals.values()].forEach((term, i) => {
      scratch.add(ox.quad(ox.namedNode(`urn:x-stagegraph:${i}`), probe, term, ox.defaultGraph()));
    });
    const kept = new Map(scratch.match(null, null, null, null).map((q) => [q.subject.value, q.object]));
    [...literals.values()].forEach((term, i) => {
      const stored = kept.get(`urn:x-stagegraph:${i}`);
      const key = String(stored);
      const byData = this.written.get(key)?.written;
      if (key === String(term)) {
        if (byData && !sameTerm(byData, term)) throw oneTerm(byData, term);
        return;
      }
      if (datatypeOf(stored) !== datatypeOf(term)) {
        throw new Declined(`the contribution writes ${String(term)}, which Oxigraph's store keeps as ${key}`);
      }
      if (!byData && store.match(null, null, stored, ox.defaultGraph()).length) throw oneTerm(stored, term);
      const other = byData || mine.get(key)?.written || (literals.has(key) ? stored : null);
      if (other && !sameTerm(other, term)) throw oneTerm(other, term);
      mine.set(key, { stored, written: term });
    });
    return mine.size ? new Map([...this.written, ...mine]) : this.written;
  }

  /** Decline where a rewritten literal of the merged graph would change a result: it meets one of
   * the shapes' constants in another form, or a function that reads its lexical form may reach it
   * (validate/setwise/portable.py's literal_safety). */
  guard(written) {
    const { ox, store, data } = this;
    for (const { stored, written: asWritten } of written.values()) {
      const term = this.term(stored);
      const constant = this.constants.get(String(term));
      if (constant !== undefined && constant !== String(this.term(asWritten))) {
        throw new Declined(
          `${String(this.term(asWritten))} is written, which Oxigraph's store keeps as the shapes' constant ${constant}`,
        );
      }
      for (const reading of data.literals.lexical) {
        const reached =
          reading.objectOf === null ||
          reading.objectOf.every((p) => store.match(null, ox.namedNode(p), term, ox.defaultGraph()).length);
        if (reached) {
          throw new Declined(
            `${String(this.term(asWritten))} is written, which Oxigraph's store rewrites, and ${reading.why}`,
          );
        }
      }
    }
  }

  /** An Oxigraph term of a term given as data ({termType, value, language, datatype}). */
  term(term) {
    if (typeof term.datatype !== "string") return term;
    const { ox } = this;
    return ox.literal(term.value, term.language || ox.namedNode(term.datatype));
  }

  /** The first new subject `add` could not file (add.topic_file), or null. */
  unfiled(fresh) {
    const subjects = new Map();
    for (const quad of fresh) subjects.set(String(quad.subject), quad.subject);
    for (const key of [...subjects.keys()].sort(byCodePoint)) {
      const found = this.place(subjects.get(key), 0);
      if (found) return found;
    }
    return null;
  }

  place(subject, depth) {
    const { ox, store, data } = this;
    if (store.match(subject, null, null, this.dataGraph).length) return null;
    const about = store.match(subject, ox.namedNode(data.statementSubject), null, ox.defaultGraph())[0]?.object;
    if (about && !about.equals(subject) && depth < 8) return this.place(about, depth + 1);
    const types = store.match(subject, ox.namedNode(RDF_TYPE), null, ox.defaultGraph());
    return types.some((quad) => this.filed.has(quad.object.value)) ? null : subject;
  }
}

function oneTerm(one, other) {
  return new Declined(`${ntriples(one)} and ${ntriples(other)} are written, which Oxigraph's store keeps as one term`);
}

/** A term as written (the data's or the contribution's form of a literal Oxigraph's store rewrote). */
function asWritten(term, written) {
  if (term?.termType !== "Literal" || !written.size) return term;
  return written.get(String(term))?.written || term;
}

/** What `add` refuses before or after validating, as a result: no focus, no path. */
function refusal(message, field) {
  return { severity: "Violation", focus: null, path: null, message, field, shape: null, component: null };
}

/** Results in the order the CLI prints them (validate/report.py's finish, without the file). */
function order(a, b, severities) {
  const rank = (result) => severities[result.severity] ?? 1;
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  for (const key of ["focus", "path", "message", "component", "shape"]) {
    const found = byCodePoint(a[key] || "", b[key] || "");
    if (found) return found;
  }
  return 0;
}
