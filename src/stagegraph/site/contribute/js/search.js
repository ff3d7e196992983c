// Finding an entity by any of its names in any language, as the site's search does (site.js):
// names folded (NFKC, lower case), an exact name first, then names that start with the text, then
// names that hold it. Pure: node --test runs it (tests/js/contribute-form.test.js).

export const fold = (text) => String(text).normalize("NFKC").toLowerCase();

/** The options of a picker: the entities of `classIri` the page knows, by their title. */
export function optionsFor(known, classIri) {
  const iris = known.classes[classIri] || [];
  return iris
    .map((iri) => {
      const entity = known.entities[iri] || { t: iri, n: [] };
      const names = [...new Set([entity.t, ...(entity.n || [])])];
      return { iri, title: entity.t, names, folded: names.map(fold), order: entity.o };
    })
    .sort((a, b) => (fold(a.title) < fold(b.title) ? -1 : fold(a.title) > fold(b.title) ? 1 : a.iri < b.iri ? -1 : 1));
}

/** The options matching `text` (every one for no text), best first, at most `most`; each with the
 * name it matched by when that is not its title. */
export function matching(options, text, most = 50) {
  const wanted = fold(text.trim());
  if (!wanted) return options.slice(0, most).map((option) => ({ option, by: null }));
  const ranked = [];
  for (const option of options) {
    let best = null;
    option.folded.forEach((name, i) => {
      const rank = name === wanted ? 0 : name.startsWith(wanted) ? 1 : name.includes(wanted) ? 2 : null;
      if (rank !== null && (best === null || rank < best.rank)) best = { rank, name: option.names[i] };
    });
    if (best) ranked.push({ option, by: best.name === option.title ? null : best.name, rank: best.rank });
  }
  ranked.sort((a, b) => a.rank - b.rank);
  return ranked.slice(0, most).map(({ option, by }) => ({ option, by }));
}

/** The one option that `text` names exactly (by any name), or null. */
export function exactly(options, text) {
  const wanted = fold(text.trim());
  const found = options.filter((o) => o.folded.includes(wanted));
  return wanted && found.length === 1 ? found[0] : null;
}
