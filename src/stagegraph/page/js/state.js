// What the reader chose (the slider's episode, the filters, the focus) and what it shows.
// Pure: every function takes the data and the state it reads as arguments.

// The slider's last step when the page is not cut at an episode: everything is shown.
export const ALL = Number.MAX_SAFE_INTEGER;

// The graph's lookups, built once: each node and edge by its id.
export function indexOf(data) {
  return {
    data,
    byId: new Map(data.nodes.map((n) => [n.id, n])),
    edgeById: new Map(data.edges.map((e) => [e.id, e])),
  };
}

// The filters as the page opens: the kinds of line the legend turns on, every nature and canon.
export function defaultsOf(legend) {
  return {
    kinds: legend.kinds.filter((k) => k.on).map((k) => k.kind),
    natures: legend.natures.map((n) => n.nature),
    canon: legend.canon.map((c) => c.canon),
  };
}

export function initialState(defaults) {
  return {
    cut: ALL,
    kinds: new Set(defaults.kinds),
    natures: new Set(defaults.natures),
    canon: new Set(defaults.canon),
    focus: null,
  };
}

// Whether a fact revealed in episode ``revealed`` is seen at the state's cut; a fact of no known
// episode is seen only when everything is.
export const seen = (state, revealed) =>
  state.cut === ALL || (revealed !== null && revealed !== undefined && revealed <= state.cut);

export function fateOf(node, state) {
  const fate = node.fate;
  return fate?.iri && seen(state, fate.revealed) ? fate : null;
}

// The legend's fate a character is drawn with: "none" before its fate is seen, "open" for one
// unknown or not in the legend.
export function fateKey(node, state, fates) {
  const fate = fateOf(node, state);
  if (!fate) return "none";
  return fate.status === "unknown" || !fates.some((f) => f.key === fate.status) ? "open" : fate.status;
}

export const fateStyle = (node, state, fates) => fates.find((f) => f.key === fateKey(node, state, fates));

export function edgeShown(edge, state) {
  return (
    state.kinds.has(edge.kind) &&
    (edge.spoiler === false || seen(state, edge.revealed)) &&
    (edge.kind !== "bond" || (state.natures.has(edge.nature) && state.canon.has(edge.canon)))
  );
}

// A character is shown once anything about it is seen; any other node while a shown line touches it.
export function nodeShown(node, touched, state) {
  if (node.kind === "character" && state.cut === ALL) return true;
  if (node.kind === "character" && (fateOf(node, state) || node.matches.some((m) => seen(state, m.revealed)))) {
    return true;
  }
  return touched.has(node.id);
}

// The ids of the edges and nodes shown: ``{edges, nodes}``, two sets; with ``embed`` (a site
// page's frame) only that node's neighbourhood.
export function visibleSets(index, state, embed = null) {
  const shownEdges = index.data.edges.filter((e) => edgeShown(e, state));
  const touched = new Set();
  for (const e of shownEdges) {
    touched.add(e.from);
    touched.add(e.to);
  }
  const shownNodes = new Set(index.data.nodes.filter((n) => nodeShown(n, touched, state)).map((n) => n.id));
  return embedded({ edges: new Set(shownEdges.map((e) => e.id)), nodes: shownNodes }, embed, index.edgeById);
}

// ``shown`` narrowed to ``embed`` and its neighbours (nothing if it is not shown itself).
export function embedded(shown, embed, edgeById) {
  if (!embed) return shown;
  if (!shown.nodes.has(embed)) return { edges: new Set(), nodes: new Set() };
  const ends = (id) => [edgeById.get(id).from, edgeById.get(id).to];
  const edges = new Set([...shown.edges].filter((id) => ends(id).includes(embed)));
  const nodes = new Set([embed]);
  for (const id of edges) for (const end of ends(id)) nodes.add(end);
  return { edges, nodes };
}

// What a focus lights: an edge and its two ends, or a node, its shown lines and their ends;
// null without a focus.
export function focusSets(index, state) {
  if (!state.focus) return null;
  const lit = new Set([state.focus]);
  const edge = index.edgeById.get(state.focus);
  if (edge) {
    lit.add(edge.from);
    lit.add(edge.to);
    return lit;
  }
  for (const e of index.data.edges) {
    if ((e.from === state.focus || e.to === state.focus) && edgeShown(e, state)) {
      lit.add(e.id);
      lit.add(e.from);
      lit.add(e.to);
    }
  }
  return lit;
}

// The episodes a reader can stand at, and "everything" after them unless the page is cut.
export function stepsOf(episodes, cut, everything) {
  const steps = episodes.map((e) => ({ label: e.label, order: e.order }));
  if (!cut) steps.push({ label: everything, order: ALL });
  return steps;
}

// How many of the facts the slider hides have no known episode (they are shown only with everything).
export function undatedCount(data) {
  const undated = (x) => x === null || x === undefined;
  return (
    data.edges.filter((e) => e.spoiler !== false && (e.kind === "bond" || e.kind === "match") && undated(e.revealed))
      .length + data.nodes.filter((n) => n.fate?.iri && n.fate.revealed === null).length
  );
}
