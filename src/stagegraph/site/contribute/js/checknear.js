// Which results of the contribution check `add` reports: those about nodes near the contribution.
// validate/neighbourhood.py validates what a contribution touches and keeps the results about
// nodes within REPORT links of it, walked out and in through entities only (never through sources,
// classes or controlled values, which everything cites; an rdf:type link is never walked in), and
// every result about a blank node (contribute/fastcheck.py's near_nodes walks a store the same way).
import { RDF_TYPE } from "./checkrdf.js";

/** Whether the walk goes through `term`: an IRI of the universe's base, not of `notThrough`. */
export function walkable(term, walk) {
  return (
    term.termType === "NamedNode" &&
    term.value.startsWith(walk.base) &&
    !walk.notThrough.some((namespace) => term.value.startsWith(namespace))
  );
}

/** The IRIs within `walk.report` links of the contribution's `quads`. `match(subject, object)`
 * gives the merged graph's quads with that subject (object null) or that object (subject null). */
export function nearNodes(quads, match, walk) {
  const seen = new Set();
  for (const quad of quads) {
    for (const term of [quad.subject, quad.object]) if (walkable(term, walk)) seen.add(term.value);
    if (quad.subject.termType === "NamedNode") seen.add(quad.subject.value);
  }
  let frontier = [...seen];
  for (let hop = 0; hop < walk.report; hop++) {
    const reached = new Set();
    for (const iri of frontier) {
      for (const quad of match(iri, null)) if (walkable(quad.object, walk)) reached.add(quad.object.value);
      for (const quad of match(null, iri)) {
        if (quad.predicate.value !== RDF_TYPE && walkable(quad.subject, walk)) reached.add(quad.subject.value);
      }
    }
    frontier = [...reached].filter((iri) => !seen.has(iri));
    for (const iri of frontier) seen.add(iri);
  }
  return seen;
}

/** Whether `add` keeps a result about `focus` (a term): near the contribution, or no http(s) IRI. */
export function kept(focus, near) {
  return near.has(focus.value) || !/^https?:\/\//.test(focus.value);
}
