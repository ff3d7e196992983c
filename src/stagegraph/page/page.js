// The stagegraph relationship page. Every text that comes from the data is put in the page
// with textContent or as a canvas label, never parsed as HTML; links open only http(s) URLs.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("graph-data").textContent);
  const ALL = Number.MAX_SAFE_INTEGER;
  const el = (tag, text, attrs) => {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
    return node;
  };
  const safeUrl = (url) => /^https?:\/\//i.test(url || "") ? url : null;

  // --- state -------------------------------------------------------------------------
  const state = {
    cut: ALL,
    kinds: new Set(data.legend.kinds.filter((k) => k.on).map((k) => k.kind)),
    natures: new Set(data.legend.natures.map((n) => n.nature)),
    canon: new Set(data.legend.canon.map((c) => c.canon)),
  };
  const seen = (revealed) => state.cut === ALL || (revealed !== null && revealed !== undefined && revealed <= state.cut);

  // --- network -----------------------------------------------------------------------
  const nodes = new vis.DataSet(data.nodes.map(styleNode));
  const edges = new vis.DataSet(data.edges.map((e) => Object.assign({}, e, { hidden: !edgeShown(e) })));
  const network = new vis.Network(document.getElementById("graph"), { nodes, edges }, data.options);
  network.once("stabilizationIterationsDone", settle);
  network.on("stabilized", settle);
  function settle() {
    network.setOptions({ physics: false });
    document.body.dataset.settled = "true";
  }
  network.on("click", (params) => {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
  });

  function fateOf(node) {
    const fate = node.fate;
    return fate && fate.iri && seen(fate.revealed) ? fate : null;
  }
  function styleNode(node) {
    if (node.kind !== "character") return Object.assign({}, node);
    const fate = fateOf(node);
    const colour = data.legend.fates.find((f) => f.status === (fate ? fate.status : "unknown"));
    const paint = { background: colour.color, border: "#333" };
    return Object.assign({}, node, { color: Object.assign({}, paint, { highlight: { background: colour.color, border: "#000" },
      hover: { background: colour.color, border: "#000" } }), borderWidthSelected: 4 });
  }
  function edgeShown(edge) {
    return state.kinds.has(edge.kind) && (edge.spoiler === false || seen(edge.revealed))
      && (edge.kind !== "bond" || (state.natures.has(edge.nature) && state.canon.has(edge.canon)));
  }
  function nodeShown(node, shownEdges) {
    if (node.kind === "character" && state.cut === ALL) return true;
    if (node.kind === "character" && (fateOf(node) || node.matches.some((m) => seen(m.revealed)))) return true;
    return shownEdges.has(node.id);
  }
  function refresh() {
    const touched = new Set();
    edges.update(data.edges.map((e) => {
      const shown = edgeShown(e);
      if (shown) { touched.add(e.from); touched.add(e.to); }
      return { id: e.id, hidden: !shown };
    }));
    nodes.update(data.nodes.map((n) => Object.assign(styleNode(n), { hidden: !nodeShown(n, touched) })));
    document.body.dataset.visibleEdges = String(data.edges.filter(edgeShown).length);
    if (!panel.hidden && current) (current.node ? showNode : showEdge)(current.id);
  }

  // --- controls ----------------------------------------------------------------------
  function checkbox(container, text, checked, onChange, swatch) {
    const label = el("label");
    const box = el("input", null, { type: "checkbox" });
    box.checked = checked;
    box.addEventListener("change", () => { onChange(box.checked); refresh(); });
    label.appendChild(box);
    if (swatch) label.appendChild(swatch);
    label.appendChild(document.createTextNode(text));
    container.appendChild(label);
    return box;
  }
  function toggle(set, key) { return (on) => (on ? set.add(key) : set.delete(key)); }
  const filters = document.getElementById("filters");
  filters.appendChild(el("h3", "Edges"));
  data.legend.kinds.forEach((k) => checkbox(filters, k.label, state.kinds.has(k.kind), toggle(state.kinds, k.kind))
    .setAttribute("data-kind", k.kind));
  filters.appendChild(el("h3", "Nature"));
  data.legend.natures.forEach((n) => checkbox(filters, n.label, true, toggle(state.natures, n.nature),
    lineSwatch(n.color, false, false)).setAttribute("data-nature", n.nature));
  filters.appendChild(el("h3", "Canon status"));
  data.legend.canon.forEach((c) => checkbox(filters, c.label, true, toggle(state.canon, c.canon),
    lineSwatch("#555", c.dashed, c.faint)).setAttribute("data-canon", c.canon));

  function lineSwatch(colour, dashed, faint) {
    const line = el("span", null, { class: "line" + (dashed ? " dashed" : "") + (faint ? " faint" : "") });
    line.style.borderTopColor = colour;
    return line;
  }
  const legend = document.getElementById("legend");
  legend.appendChild(el("h3", "Character fate"));
  data.legend.fates.forEach((f) => {
    const row = el("div");
    const dot = el("span", null, { class: "swatch" });
    dot.style.background = f.color;
    row.appendChild(dot);
    row.appendChild(document.createTextNode(f.label));
    legend.appendChild(row);
  });
  legend.appendChild(el("h3", "Edges"));
  data.legend.styles.forEach((s) => {
    const row = el("div");
    row.appendChild(lineSwatch(s.color, s.dashed, s.faint));
    row.appendChild(document.createTextNode(s.label));
    legend.appendChild(row);
  });
  if (data.hint) {
    const hint = document.getElementById("big-graph-hint");
    hint.textContent = data.hint;
    hint.hidden = false;
  }
  document.getElementById("footer").textContent = data.footer;

  // --- episode slider (spoiler control) ------------------------------------------------
  const slider = document.getElementById("episode-slider");
  const steps = data.episodes.map((e) => ({ label: e.label, order: e.order }));
  if (!data.cut) steps.push({ label: "everything", order: ALL });
  slider.max = String(steps.length - 1);
  slider.value = String(steps.length - 1);
  function onSlide() {
    const step = steps[Number(slider.value)];
    state.cut = step.order;
    document.getElementById("episode-label").textContent = step.label;
    refresh();
  }
  slider.addEventListener("input", onSlide);

  // --- search ------------------------------------------------------------------------
  const names = new Map();
  const list = document.getElementById("search-names");
  data.nodes.filter((n) => n.kind === "character").forEach((n) => {
    Object.values(n.names).concat([n.label]).forEach((name) => {
      if (!names.has(name.toLowerCase())) { names.set(name.toLowerCase(), n.id); list.appendChild(el("option", null, { value: name })); }
    });
  });
  const search = document.getElementById("search");
  function find() {
    const id = names.get(search.value.trim().toLowerCase());
    const status = document.getElementById("search-status");
    const node = id && nodes.get(id);
    if (!node || node.hidden) { status.textContent = search.value.trim() ? "not in this view" : ""; return; }
    status.textContent = "";
    network.selectNodes([id]);
    network.focus(id, { scale: 1.4, animation: { duration: 400 } });
    showNode(id);
  }
  search.addEventListener("change", find);
  search.addEventListener("keydown", (event) => { if (event.key === "Enter") find(); });

  // --- side panel --------------------------------------------------------------------
  const panel = document.getElementById("panel");
  const body = document.getElementById("panel-body");
  document.getElementById("panel-close").addEventListener("click", () => { panel.hidden = true; });
  function sourceList(sources) {
    const ul = el("ul", null, { class: "sources" });
    sources.forEach((s) => {
      const li = el("li");
      const url = safeUrl(s.url);
      if (url) {
        const a = el("a", s.title, { href: url, target: "_blank", rel: "noopener noreferrer" });
        li.appendChild(a);
      } else {
        li.textContent = s.title;
      }
      ul.appendChild(li);
    });
    return ul;
  }
  function section(title) { body.appendChild(el("h2", title)); }
  function open() { panel.hidden = false; panel.scrollTop = 0; }
  let current = null;
  function showNode(id) {
    const node = data.nodes.find((n) => n.id === id);
    if (!node) return;
    current = { node: true, id };
    body.replaceChildren(el("h2", node.label, { id: "panel-title" }));
    const dl = el("dl");
    Object.entries(node.names || {}).forEach(([lang, name]) => { dl.appendChild(el("dt", lang || "name")); dl.appendChild(el("dd", name)); });
    body.appendChild(dl);
    body.appendChild(el("p", node.id, { class: "sources" }));
    if (node.kind === "character") {
      section("Fate");
      const fate = fateOf(node);
      body.appendChild(el("p", fate ? `${fate.label}${fate.episode ? " (" + fate.episode + ")" : ""} — ${fate.confidence}` : "unknown"));
      if (fate && fate.note) body.appendChild(el("p", fate.note));
      if (fate) body.appendChild(sourceList(fate.sources));
      const matches = node.matches.filter((m) => seen(m.revealed));
      if (matches.length) {
        section("Matches");
        const ul = el("ul");
        matches.forEach((m) => ul.appendChild(el("li", `${m.label}: ${m.outcome} (against ${m.opponent})`)));
        body.appendChild(ul);
      }
      if (node.songs.length) {
        section("Songs");
        const ul = el("ul");
        node.songs.filter((s) => seen(s.revealed) || s.revealed === null).forEach((s) => ul.appendChild(el("li", `${s.song} — ${s.how}`)));
        body.appendChild(ul);
      }
    }
    const mine = data.edges.filter((e) => (e.from === id || e.to === id) && edgeShown(e));
    if (mine.length) {
      section(node.kind === "character" ? "Bonds and matches" : "Credits");
      const ul = el("ul", null, { id: "panel-edges" });
      mine.forEach((e) => {
        const li = el("li");
        li.appendChild(el("strong", e.label));
        if (e.note) li.appendChild(el("div", e.note));
        li.appendChild(sourceList(e.sources));
        ul.appendChild(li);
      });
      body.appendChild(ul);
    }
    open();
  }
  function showEdge(id) {
    const edge = data.edges.find((e) => e.id === id);
    if (!edge) return;
    current = { node: false, id };
    body.replaceChildren(el("h2", edge.label, { id: "panel-title" }));
    const dl = el("dl");
    [["kind", edge.kind], ["type", edge.bond_type], ["nature", edge.nature_label], ["canon", edge.canon],
     ["confidence", edge.confidence], ["episode", edge.episode], ["winner", edge.winner_label]]
      .filter(([, v]) => v).forEach(([k, v]) => { dl.appendChild(el("dt", k)); dl.appendChild(el("dd", v)); });
    body.appendChild(dl);
    if (edge.note) body.appendChild(el("p", edge.note));
    section("Sources");
    body.appendChild(sourceList(edge.sources));
    body.appendChild(el("p", edge.id, { class: "sources" }));
    open();
  }

  onSlide();
  window.stagegraph = { network, nodes, edges, data, refresh };
})();
