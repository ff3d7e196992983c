// What `add` refuses before it validates (contribute/add.py's check_terms): an IRI that is not
// valid, and a term of the project's vocabulary namespaces that the ontology does not define,
// with difflib's closest match as its "did you mean". difflib.get_close_matches is ported here
// (SequenceMatcher's ratio, autojunk included) so the suggestion is the one Python makes.
import { byCodePoint, short } from "./checkrdf.js";

/** rdf/namespaces.py's SAFE_IRI: an IRI that can be written between < and > (no space, control
 * character, or any of <>"{}|^`\\). */
const safeIri = (iri) => [...iri].every((c) => c.codePointAt(0) > 0x20 && !'<>"{}|^`\\'.includes(c));

/** The refusal `add` gives for the contribution's `quads`, or null: {message, field, term}.
 * `vocab`: {namespaces, terms} (the ontology's terms in those namespaces); `prefixes` for short(). */
export function refusedTerm(quads, vocab, prefixes) {
  const where = new Map(); // IRI → the property it is found with (the field to show the refusal beside)
  for (const quad of quads) {
    for (const term of [quad.subject, quad.predicate, quad.object]) {
      if (term.termType === "NamedNode" && !where.has(term.value)) where.set(term.value, quad.predicate.value);
    }
  }
  const known = new Set(vocab.terms);
  for (const iri of [...where.keys()].sort(byCodePoint)) {
    if (!safeIri(iri) || !iri.includes(":")) {
      return {
        term: iri,
        field: where.get(iri),
        message:
          `<${iri}> is not a valid IRI (spaces, quotes and <> are not allowed); ` +
          "use a slug of lowercase letters, digits and hyphens",
      };
    }
    if (vocab.namespaces.some((namespace) => iri.startsWith(namespace)) && !known.has(iri)) {
      const close = closeMatch(iri, vocab.terms, 0.6);
      const hint = close ? `did you mean ${short(prefixes, close)}?` : "see ontology/stagegraph.ttl for the terms";
      return {
        term: iri,
        field: where.get(iri),
        message: `${short(prefixes, iri)} is not a term of the ontology; ${hint}`,
      };
    }
  }
  return null;
}

/** difflib.get_close_matches(word, possibilities, n=1, cutoff)[0], or null. */
export function closeMatch(word, possibilities, cutoff = 0.6) {
  const b = Array.from(word);
  const index = indexOf(b);
  let best = null;
  for (const possibility of possibilities) {
    const a = Array.from(possibility);
    const score = ratio(a, b, index);
    if (score < cutoff) continue;
    if (!best || score > best.score || (score === best.score && byCodePoint(possibility, best.text) > 0)) {
      best = { score, text: possibility };
    }
  }
  return best ? best.text : null;
}

/** SequenceMatcher.ratio() of `a` against `b` (arrays of code points; `index`: b's b2j). */
export function ratio(a, b, index = indexOf(b)) {
  const length = a.length + b.length;
  return length ? (2.0 * matches(a, b, index)) / length : 1.0;
}

/** b2j: each element of `b` → its positions, with the popular ones dropped when b has 200 or
 * more elements (SequenceMatcher's autojunk; no isjunk). */
function indexOf(b) {
  const positions = new Map();
  b.forEach((element, j) => {
    if (!positions.has(element)) positions.set(element, []);
    positions.get(element).push(j);
  });
  if (b.length >= 200) {
    const most = Math.floor(b.length / 100) + 1;
    for (const [element, found] of [...positions]) if (found.length > most) positions.delete(element);
  }
  return positions;
}

/** The number of elements in SequenceMatcher.get_matching_blocks(). */
function matches(a, b, index) {
  let total = 0;
  const queue = [[0, a.length, 0, b.length]];
  while (queue.length) {
    const [alo, ahi, blo, bhi] = queue.pop();
    const [i, j, k] = longestMatch(a, b, index, alo, ahi, blo, bhi);
    if (k) {
      total += k;
      if (alo < i && blo < j) queue.push([alo, i, blo, j]);
      if (i + k < ahi && j + k < bhi) queue.push([i + k, ahi, j + k, bhi]);
    }
  }
  return total;
}

/** SequenceMatcher.find_longest_match (no junk: only the popular elements extend the match). */
function longestMatch(a, b, index, alo, ahi, blo, bhi) {
  let besti = alo;
  let bestj = blo;
  let bestsize = 0;
  let lengths = new Map();
  for (let i = alo; i < ahi; i++) {
    const next = new Map();
    for (const j of index.get(a[i]) || []) {
      if (j < blo) continue;
      if (j >= bhi) break;
      const k = (lengths.get(j - 1) || 0) + 1;
      next.set(j, k);
      if (k > bestsize) {
        besti = i - k + 1;
        bestj = j - k + 1;
        bestsize = k;
      }
    }
    lengths = next;
  }
  while (besti > alo && bestj > blo && a[besti - 1] === b[bestj - 1]) {
    besti -= 1;
    bestj -= 1;
    bestsize += 1;
  }
  while (besti + bestsize < ahi && bestj + bestsize < bhi && a[besti + bestsize] === b[bestj + bestsize]) {
    bestsize += 1;
  }
  return [besti, bestj, bestsize];
}
