// The picture: vis-network's nodes and edges kept as the state says (paint), the view fitted to
// what is shown or focused (refit, fitFocus), fonts kept one size on screen (scaleFonts), and
// captions moved or withheld where they would cover a name (declutter). The arithmetic is in
// layout.js and captions.js; this module applies it to the network.
import { declutterPlan, readables } from "./captions.js";
import { textWidth } from "./dom.js";
import { displayName, edgeItem, nodeItem } from "./items.js";
import { fitView, fontsAt, linkedMiddle, padFor, placeOf, wholeView } from "./layout.js";
import { fateStyle, focusSets, visibleSets } from "./state.js";

// The network drawn in ``container`` from ``index`` (state.js's indexOf) at ``state``; ``panel``
// is the element whose room the focused view leaves free, ``narrow`` the phone-width media query,
// ``vis`` vis-network. Returns {network, nodes, edges, paint, refit, fitFocus, visible, lit}.
export function createView({ container, panel, index, state, embed, palette, narrow, vis }) {
  const { data, byId } = index;
  const fates = data.legend.fates;
  const portrait = container.clientHeight > container.clientWidth * 1.15;
  const place = (n) => placeOf(n, portrait);
  const pad = padFor(narrow.matches);
  const styleOf = (n) => (n.kind === "character" ? fateStyle(n, state, fates) : null);
  const nameOf = (n) => displayName(n, styleOf(n));
  const text = () => ({ measure: textWidth, narrow: narrow.matches, nameOf });
  const visible = () => visibleSets(index, state, embed);
  const lit = () => focusSets(index, state);

  // Captions withheld, and captions moved off their place (canvas px down, in look.nudged), by declutter.
  let muted = new Set();
  let settling = 0;
  let paintedNarrow = narrow.matches;
  const look = { palette, narrow: narrow.matches, nudged: new Map(), captionedOnce: new Set() };
  const nodeOf = (n, shown, isLit) => nodeItem(n, shown, isLit, styleOf(n), palette);
  const edgeOf = (e, shown, isLit, captioned) => edgeItem(e, shown, isLit, captioned, look);

  const shownIds = (shown) => data.nodes.filter((n) => shown.nodes.has(n.id)).map((n) => n.id);
  const matchLines = (shown) =>
    new Set(data.edges.filter((e) => e.kind === "match" && shown.edges.has(e.id)).map((e) => e.id));
  const wholeCanvas = () => ({ left: 0, top: 0, width: container.clientWidth, height: container.clientHeight });
  // On a narrow screen the labels and ``captioned`` captions that must not cover each other.
  const readable = (spots, captioned) => (narrow.matches ? readables(data, spots, captioned, text()) : null);

  // The zoom the first view will have, from the positions the page was written with.
  function firstScale(shown) {
    const spots = {};
    for (const n of data.nodes) if (shown.nodes.has(n.id)) spots[n.id] = place(n);
    const at = linkedMiddle(spots, data.edges, shown.edges);
    return wholeView(spots, wholeCanvas(), { at, boxes: readable(spots, matchLines(shown)), pad }).scale;
  }

  const drawn = new Map(); // id → the item as vis-network last received it (JSON)
  const shown0 = visible();
  const nodes = new vis.DataSet(
    data.nodes.map((n) => ({
      ...nodeOf(n, shown0, true),
      ...place(n),
      kind: n.kind,
      revealed: n.revealed === undefined ? null : n.revealed,
    })),
  );
  const edges = new vis.DataSet(
    data.edges.map((e) => ({
      ...edgeOf(e, shown0, true, e.kind === "match"),
      kind: e.kind,
      nature: e.nature,
      canon: e.canon,
      revealed: e.revealed,
    })),
  );
  for (const n of data.nodes) drawn.set(n.id, JSON.stringify(nodeOf(n, shown0, true)));
  for (const e of data.edges) drawn.set(e.id, JSON.stringify(edgeOf(e, shown0, true, e.kind === "match")));
  let fontScale = firstScale(shown0);
  const options = JSON.parse(JSON.stringify(data.options));
  const fonts = fontsAt(fontScale);
  Object.assign(options.nodes.font, fonts.nodes.font);
  Object.assign(options.edges.font, fonts.edges.font);
  options.nodes.size = fonts.nodes.size;
  if (data.nodes.length > 500) options.nodes.scaling = { label: { enabled: false } };
  // No physics, and no fit of vis-network's own when the data is set: the view is ours (fitView).
  options.physics = { ...options.physics, stabilization: { enabled: false, fit: false } };
  options.nodes.font.color = palette.ink;
  options.nodes.font.strokeColor = palette.paper;
  options.edges.font.strokeColor = palette.paper;
  const network = new vis.Network(container, { nodes, edges }, options);

  // Setting a font size measures every label again (a second on 2,000 characters): only when the
  // scale moved by more than 4 %; the first options already hold the sizes for the expected fit.
  function scaleFonts() {
    const scale = network.getScale();
    if (!(scale > 0) || Math.abs(scale - fontScale) / scale < 0.04) return false;
    fontScale = scale;
    network.setOptions(fontsAt(scale));
    return true;
  }
  // ``view`` ({scale, position}) centred in ``free``, a part of the canvas.
  function show(view, free) {
    const offset = {
      x: free.left + free.width / 2 - container.clientWidth / 2,
      y: free.top + free.height / 2 - container.clientHeight / 2,
    };
    network.moveTo({ position: view.position, scale: view.scale, animation: false, offset });
    scaleFonts();
  }
  // Everything visible: fitted; on a narrow screen, close enough that no label covers another
  // (the reader pans), centred on the most connected part.
  function refit() {
    const shown = visible();
    const lights = lit();
    const spots = network.getPositions(shownIds(shown));
    const captioned = new Set([...matchLines(shown), ...[...(lights || [])].filter((id) => shown.edges.has(id))]);
    const at = linkedMiddle(spots, data.edges, shown.edges);
    const boxes = readable(spots, captioned);
    show(wholeView(spots, wholeCanvas(), { at, focused: Boolean(lights), boxes, pad }), wholeCanvas());
    declutter();
  }
  // The part of the canvas the panel leaves free: left of it on a desktop, above the bottom sheet on a phone.
  function freeOfPanel() {
    const free = wholeCanvas();
    if (panel.hidden) return free;
    const graph = container.getBoundingClientRect();
    const sheet = panel.getBoundingClientRect();
    if (sheet.top > graph.top + 1) free.height = Math.max(80, sheet.top - graph.top);
    else free.width = Math.max(120, sheet.left - graph.left);
    return free;
  }
  // A focused node or bond: its neighbourhood fitted into what the panel leaves free; on a phone,
  // as close as its names and captions need, centred on the focus.
  function fitFocus() {
    const lights = lit();
    if (!lights) return;
    const ids = [...lights].filter((id) => byId.has(id) && nodes.get(id) && !nodes.get(id).hidden);
    if (!narrow.matches) {
      const free = freeOfPanel();
      const view = fitView(Object.values(network.getPositions(ids)), free, pad);
      if (view) show(view, free);
      return;
    }
    const spots = network.getPositions(ids);
    const shown = visible();
    const captioned = new Set([...lights].filter((id) => shown.edges.has(id)).concat([...matchLines(shown)]));
    const at = spots[state.focus] || linkedMiddle(spots, data.edges, new Set([state.focus]));
    const boxes = readable(spots, captioned);
    show(wholeView(spots, freeOfPanel(), { at, focused: true, boxes, pad }), freeOfPanel());
    declutter();
  }
  network.on("zoom", scaleFonts);
  network.on("animationFinished", scaleFonts);

  // Captions moved or withheld at the zoom the view now has (captions.js's declutterPlan); again
  // whenever a zoom settles.
  function declutter() {
    const shown = visible();
    const view = { scale: network.getScale(), centre: network.getViewPosition(), free: wholeCanvas() };
    const spots = network.getPositions(shownIds(shown));
    const { mute, nudge } = declutterPlan(data, spots, shown.edges, lit(), view, text());
    const before = JSON.stringify([[...muted].sort(), [...look.nudged].sort()]);
    const moved = JSON.stringify([[...mute].sort(), [...nudge].sort()]) !== before;
    muted = mute;
    look.nudged = nudge;
    if (moved || paintedNarrow !== narrow.matches) paint(); // a window across a phone's width: new fans too
  }
  network.on("zoom", () => {
    clearTimeout(settling);
    settling = setTimeout(declutter, 150);
  });

  // The items that differ from what vis-network last received (and now has).
  function changed(items) {
    return items.filter((item) => {
      const json = JSON.stringify(item);
      if (drawn.get(item.id) === json) return false;
      drawn.set(item.id, json);
      return true;
    });
  }
  // Every node and edge as the state says; returns what is shown ({edges, nodes}).
  function paint() {
    paintedNarrow = narrow.matches;
    look.narrow = paintedNarrow;
    const shown = visible();
    const lights = lit();
    const isLit = (id) => !lights || lights.has(id);
    const captioned = (e) => (e.kind === "match" || Boolean(lights?.has(e.id))) && !muted.has(e.id);
    nodes.update(changed(data.nodes.map((n) => nodeOf(n, shown, isLit(n.id)))));
    edges.update(changed(data.edges.map((e) => edgeOf(e, shown, isLit(e.id), captioned(e)))));
    document.body.dataset.visibleEdges = String(shown.edges.size);
    return shown;
  }

  return { network, nodes, edges, paint, refit, fitFocus, visible, lit };
}
