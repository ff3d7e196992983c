// The stagegraph relationship page, wired from its modules. Every text that comes from the data
// is put in the page with textContent or as a canvas label, never parsed as HTML; links open only
// http(s) URLs (dom.js). `make js` bundles this module and those it imports into page.bundle.js,
// the one inline script the page's Content-Security-Policy allows (with vis-network's).
// biome-ignore lint/suspicious/noRedundantUseStrict: the bundle is a classic script, strict only by this directive (esbuild keeps it at the top).
"use strict";

import { bracketMatch, drawBracket } from "./bracket.js";
import { $, fill } from "./dom.js";
import { drawFilters } from "./filters.js";
import { createFind } from "./find.js";
import { paletteOf } from "./items.js";
import { drawLegend } from "./legend.js";
import { drawList } from "./list.js";
import { createPanel } from "./panel.js";
import { ALL, defaultsOf, indexOf, initialState } from "./state.js";
import { createTimeline } from "./timeline.js";
import { decodeHash, embedFocusOf, encodeHash } from "./urlstate.js";
import { createView } from "./view.js";

const FILTERS = ["kinds", "natures", "canon"];

const data = JSON.parse($("graph-data").textContent);
const W = data.words;
const palette = paletteOf(Boolean(window.matchMedia?.("(prefers-color-scheme: dark)").matches));
const index = indexOf(data);
const { byId, edgeById } = index;
const embed = embedFocus(); // ?embed=1#focus=IRI: only that neighbourhood (a site page's <iframe>)
const defaults = defaultsOf(data.legend);
const state = initialState(defaults);

const container = $("graph");
const panelBox = $("panel");
const view = createView({
  container,
  panel: panelBox,
  index,
  state,
  embed,
  palette,
  narrow: window.matchMedia("(max-width: 760px)"),
  vis: window.vis,
});
const { network, nodes, edges } = view;

$("footer").textContent = data.footer;
const slider = $("episode-slider");
const timeline = createTimeline(
  { slider, label: $("episode-label"), marks: $("episode-marks"), ticks: $("episode-ticks"), note: $("unknown-note") },
  data,
  state,
  W,
);
slider.addEventListener("input", onSlide);
const finder = createFind({ input: $("search"), list: $("search-names"), status: $("search-status"), W, select });
const panel = createPanel({ box: panelBox, body: $("panel-body"), index, state, W, select });
$("panel-close").addEventListener("click", () => closePanel(true));
network.on("click", (params) => {
  if (params.nodes.length) select(params.nodes[0]);
  else if (params.edges.length) select(params.edges[0]);
  else if (!panelBox.hidden) closePanel(false);
});

// --- embedded in a site page: no chrome (page.css, body.embed), only the focus and its neighbours ---
function embedFocus() {
  const focus = embedFocusOf(location.search, location.hash);
  if (!focus) return null;
  document.body.classList.add("embed");
  const name = byId.has(focus) ? `${byId.get(focus).label}: ` : ""; // the list the label names is not shown
  $("graph").setAttribute("aria-label", name + W.graph.split(/[:：]/)[0]);
  return focus;
}

// --- the focus: a node, an edge or a match, in the panel ------------------------------------
function select(id, quiet) {
  state.focus = id;
  if (byId.has(id)) {
    network.selectNodes([id]);
    panel.showNode(id);
  } else if (edgeById.has(id)) {
    network.setSelection({ nodes: [], edges: [id] });
    panel.showEdge(id);
  } else if (bracketMatch(data.bracket, id, state)) panel.showMatch(bracketMatch(data.bracket, id, state));
  view.paint();
  if (!quiet) {
    view.fitFocus();
    writeHash();
  }
}
function closePanel(restoreFocus) {
  const was = state.focus;
  panelBox.hidden = true;
  state.focus = null;
  network.unselectAll();
  view.paint();
  writeHash();
  if (restoreFocus && was) container.focus();
}
function stillShown(id) {
  const shown = view.visible();
  return shown.nodes.has(id) || shown.edges.has(id) || bracketMatch(data.bracket, id, state) !== null;
}

// --- the URL fragment --------------------------------------------------------------------
function writeHash() {
  if (embed) return; // an embedded view keeps the address it was given
  const at = state.cut !== ALL ? timeline.step() : null;
  const hash = encodeHash(
    { focus: state.focus, at, kinds: state.kinds, natures: state.natures, canon: state.canon },
    defaults,
  );
  try {
    history.replaceState(null, "", hash ? `#${hash}` : location.pathname + location.search);
  } catch {
    location.hash = hash;
  }
}
// The filters and the slider's step as the fragment says; returns its focus.
function readHash() {
  const told = decodeHash(location.hash, timeline.steps.length);
  for (const key of FILTERS) {
    if (!told[key]) continue;
    state[key].clear();
    for (const value of told[key]) state[key].add(value);
  }
  if (told.at !== null) timeline.set(told.at);
  return told.focus;
}

// --- keys, drawer ----------------------------------------------------------------------------
const menu = $("menu-toggle");
function setMenu(openIt) {
  document.body.classList.toggle("menu-open", openIt);
  menu.setAttribute("aria-expanded", String(openIt));
}
menu.addEventListener("click", () => setMenu(!document.body.classList.contains("menu-open")));
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  if (!panelBox.hidden) closePanel(true);
  else if (document.body.classList.contains("menu-open")) {
    setMenu(false);
    menu.focus();
  }
});

// --- a change of the slider or a filter --------------------------------------------------------
function onSlide() {
  timeline.horizon();
  if (state.focus && !stillShown(state.focus)) closePanel(false);
  update({ refit: true });
}
function update(how) {
  const shown = view.paint();
  emptyView(shown);
  if (how.refit) view.refit();
  if (!panelBox.hidden && state.focus) select(state.focus, true);
  drawChrome(shown);
  writeHash();
}
function emptyView(shown) {
  const box = $("empty-view");
  box.hidden = shown.nodes.size > 0;
  box.textContent = fill(W.empty_view, { episode: timeline.steps[timeline.step()].label });
}
// What the graph does not need for its first frame: the search names, the bracket, the list.
function drawChrome(shown) {
  finder.fill(data.nodes, shown);
  drawBracket($("bracket"), data.bracket, state, select);
  drawList($("text-list-body"), index, shown, state, W, select);
}
// The filters and legend: after the first frame.
function drawControls() {
  drawFilters($("filters"), data.legend, state, W, palette, () => update({ refit: false }));
  drawLegend($("legend"), data.legend, W, palette);
  if (data.hint) {
    $("big-graph-hint").textContent = data.hint;
    $("big-graph-hint").hidden = false;
  }
}

// First frame: the graph at the state of the URL; the search names, bracket and list after it.
function start() {
  const focus = readHash();
  timeline.horizon();
  emptyView(view.paint());
  view.refit();
  if (focus && stillShown(focus)) select(focus, embed !== null);
  if (embed !== null && state.focus) view.refit(); // close enough for the focus's captions too
  network.once("afterDrawing", () => {
    document.body.dataset.firstFrame = String(Math.round(performance.now())); // ms since navigation (make bench)
    setTimeout(() => {
      drawControls();
      timeline.drawMarks();
      drawChrome(view.visible());
      writeHash();
      document.body.dataset.settled = "true"; // no physics: the first frame is the picture; the rest is drawn
    }, 0);
  });
  network.redraw();
}
start();
window.stagegraph = { network, nodes, edges, data, refresh: () => update({ refit: false }), state };
